/**
 * The Helm values and chart pin of the AWS Load Balancer Controller, as pure
 * data: the `AwsLoadBalancerController` construct installs them, and the
 * render checks (lib/render) render the same chart with the same values.
 * No cdktf here.
 */
import { HelmValues } from '../helm/merge-values';
import { sanitizeAwsTags } from '../replica/aws-tag-list';

/** Chart repository of the AWS Load Balancer Controller. */
export const AWS_LOAD_BALANCER_CONTROLLER_CHART_REPOSITORY = 'https://aws.github.io/eks-charts';
/**
 * Pinned chart version: 1.17.1 (controller v2.17.1, January 2026), the last
 * 1.x chart, and the controller version whose IAM policy
 * `lib/aws/load-balancer-controller-policy.ts` carries. Change both together.
 */
export const AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION = '1.17.1';
/** The IngressClass the controller serves. */
export const ALB_INGRESS_CLASS = 'alb';
/** Namespace the controller runs in. */
export const AWS_LOAD_BALANCER_CONTROLLER_NAMESPACE = 'kube-system';

/** What the controller's values are made of. */
export interface AwsLoadBalancerControllerValuesProps {
  /** Name of the EKS cluster. */
  readonly clusterName: string;
  /**
   * AWS region. Given explicitly (as is `vpcId`) because with IMDSv2 and a hop
   * limit of 1 the controller's pods cannot ask the instance metadata service.
   */
  readonly region: string;
  /** The cluster's VPC. */
  readonly vpcId: string;
  /** IAM role of the controller (IRSA), with the controller's policy. */
  readonly roleArn: string;
  /** Tags on every AWS resource the controller makes (ALBs, target groups, security groups). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** Name of the controller's service account (the IRSA role trusts it). @default 'aws-load-balancer-controller' */
  readonly serviceAccountName?: string;
}

/**
 * The controller's values: cluster, region and VPC given explicitly (IMDS
 * hop limit 1), the IRSA service account, the service mutator webhook off
 * (Services of type LoadBalancer stay with EKS's cloud provider), the
 * replica's tags on everything it creates.
 */
export function awsLoadBalancerControllerValues(props: AwsLoadBalancerControllerValuesProps): HelmValues {
  return {
    clusterName: props.clusterName,
    region: props.region,
    vpcId: props.vpcId,
    serviceAccount: {
      create: true,
      name: props.serviceAccountName ?? 'aws-load-balancer-controller',
      annotations: { 'eks.amazonaws.com/role-arn': props.roleArn },
    },
    enableServiceMutatorWebhook: false,
    defaultTags: sanitizeAwsTags(props.tags ?? {}),
  };
}
