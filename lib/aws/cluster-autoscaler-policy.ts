/**
 * The IAM policy of the Kubernetes Cluster Autoscaler on EKS, least
 * privilege: upstream's "Full Cluster Autoscaler Features Policy"
 * (kubernetes/autoscaler, cluster-autoscaler/cloudprovider/aws/README.md,
 * "IAM Policy"; the policy auto-discovery needs) with the two actions that
 * change anything scoped, as upstream recommends, to this cluster's Auto
 * Scaling groups by tag, and `eks:DescribeNodegroup` scoped to this
 * cluster's node groups. Pure.
 *
 * Scoping:
 * - `autoscaling:SetDesiredCapacity` and `TerminateInstanceInAutoScalingGroup`:
 *   ASGs of the account and region that carry
 *   `k8s.io/cluster-autoscaler/<cluster>: owned`, the tag EKS puts on every
 *   managed node group's ASG (with `k8s.io/cluster-autoscaler/enabled`).
 *   Both actions support the `aws:ResourceTag` condition key
 *   (docs.aws.amazon.com/autoscaling/ec2/userguide/control-access-using-iam.html).
 * - `eks:DescribeNodegroup` (labels and taints of a group never scaled up):
 *   `arn:aws:eks:<region>:<account>:nodegroup/<cluster>/*`.
 * - The Describe and Get actions of autoscaling and EC2 support no
 *   resource-level permissions: `*`, as upstream.
 */

/** Inputs of {@link clusterAutoscalerPolicy}. */
export interface ClusterAutoscalerPolicyInputs {
  /** EKS cluster name. */
  readonly clusterName: string;
  /** Region of the cluster. */
  readonly region: string;
  /** Account of the cluster (12 digits). */
  readonly accountId: string;
  /** ARN partition. @default 'aws' */
  readonly partition?: string;
}

/** The policy document (an object; `JSON.stringify` it for IAM). */
export function clusterAutoscalerPolicy(inputs: ClusterAutoscalerPolicyInputs): Record<string, unknown> {
  const { clusterName, region, accountId } = inputs;
  const partition = inputs.partition ?? 'aws';
  if (!/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/.test(clusterName)) throw new Error(`clusterAutoscalerPolicy: "${clusterName}" is not an EKS cluster name`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new Error(`clusterAutoscalerPolicy: "${region}" is not an AWS region`);
  if (!/^\d{12}$/.test(accountId)) throw new Error(`clusterAutoscalerPolicy: "${accountId}" is not a 12-digit account id`);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DiscoverNodeGroups',
        Effect: 'Allow',
        Action: [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities',
          'autoscaling:DescribeTags',
          'ec2:DescribeImages',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplateVersions',
          'ec2:GetInstanceTypesFromInstanceRequirements',
        ],
        Resource: '*',
      },
      {
        Sid: 'ScaleOwnNodeGroups',
        Effect: 'Allow',
        Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
        Resource: `arn:${partition}:autoscaling:${region}:${accountId}:autoScalingGroup:*:autoScalingGroupName/*`,
        Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: 'owned' } },
      },
      {
        Sid: 'DescribeOwnNodeGroups',
        Effect: 'Allow',
        Action: ['eks:DescribeNodegroup'],
        Resource: `arn:${partition}:eks:${region}:${accountId}:nodegroup/${clusterName}/*`,
      },
    ],
  };
}
