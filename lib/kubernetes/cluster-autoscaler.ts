import { ITerraformDependable, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
  CLUSTER_AUTOSCALER_CHART_REPOSITORY,
  CLUSTER_AUTOSCALER_CHART_VERSION,
  CLUSTER_AUTOSCALER_IMAGE,
  clusterAutoscalerImageTag,
} from '../catalog/cluster-autoscaler-versions';
import { Release } from '../providers/helm';
import { HelmValues, renderValuesYaml } from '../helm/merge-values';

/**
 * The autoscaler pod's resources: upstream's
 * cloudprovider/aws/examples/cluster-autoscaler-autodiscover.yaml (100m /
 * 600Mi), without its CPU limit (throttling only slows scale-ups). The
 * capacity simulation counts the same requests (lib/capacity/system-pods.ts).
 */
export const CLUSTER_AUTOSCALER_RESOURCES = {
  requests: { cpu: '100m', memory: '600Mi' },
  limits: { memory: '600Mi' },
} as const;

/** Properties of a {@link ClusterAutoscaler}. */
export interface ClusterAutoscalerProps {
  /** EKS cluster name: auto-discovery finds the ASGs tagged `k8s.io/cluster-autoscaler/<name>`. */
  readonly clusterName: string;
  /** The cluster's Kubernetes minor version, e.g. `1.35`: picks the autoscaler release of the same minor. */
  readonly kubernetesVersion: string;
  /**
   * AWS region. Given explicitly: with IMDSv2 and a hop limit of 1 the pod
   * cannot ask the instance metadata service.
   */
  readonly region: string;
  /** IAM role of the autoscaler (IRSA), see `ClusterAutoscalerRole`. */
  readonly roleArn: string;
  /** Chart version. @default `CLUSTER_AUTOSCALER_CHART_VERSION` */
  readonly chartVersion?: string;
  /** The Helm provider to use. @default the stack's default Helm provider */
  readonly provider?: TerraformProvider;
  /** What the release waits for (the role's policy, the node groups). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The Kubernetes Cluster Autoscaler (chart `autoscaler/cluster-autoscaler`
 * in `kube-system`), the AWS flavour with ASG auto-discovery: it scales
 * every managed node group of the cluster between its min and max size
 * (EKS tags each group's ASG `k8s.io/cluster-autoscaler/enabled` and
 * `k8s.io/cluster-autoscaler/<cluster>`), adding nodes for Pending pods and
 * removing idle ones. Pools that may scale to zero carry node-template tags
 * for their labels and taints (`ManagedNodeGroup`).
 *
 * Why this and not Karpenter or EKS Auto Mode: a replica must reproduce the
 * customer's node pools (machine type, min/max) exactly, which the
 * autoscaler does by resizing the node groups the design declares; Karpenter
 * chooses instance types itself and replaces node groups with its own
 * NodePools, and Auto Mode changes the node OS and add-ons.
 *
 * Install it before the Sourcegraph release (make the release depend on
 * {@link release}): a design that fits only at `maxNodes` stays Pending, and
 * the release's wait times out, without it.
 */
export class ClusterAutoscaler extends Construct {
  /** The values the chart is installed with. */
  public readonly values: HelmValues;
  /** The `helm_release`. */
  public readonly release: Release;

  constructor(scope: Construct, id: string, props: ClusterAutoscalerProps) {
    super(scope, id);
    const known = (value: string) => !Token.isUnresolved(value);
    // The chart runs clusterName and awsRegion through `tpl`: only plain names may reach it.
    if (known(props.clusterName) && !/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/.test(props.clusterName)) {
      throw new Error(`ClusterAutoscaler: "${props.clusterName}" is not an EKS cluster name`);
    }
    if (known(props.region) && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) {
      throw new Error(`ClusterAutoscaler: "${props.region}" is not an AWS region`);
    }
    if (known(props.roleArn) && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(props.roleArn)) {
      throw new Error(`ClusterAutoscaler: "${props.roleArn}" is not an IAM role ARN`);
    }
    const tag = clusterAutoscalerImageTag(props.kubernetesVersion);

    this.values = {
      fullnameOverride: 'cluster-autoscaler',
      cloudProvider: 'aws',
      awsRegion: props.region,
      autoDiscovery: {
        clusterName: props.clusterName,
        tags: ['k8s.io/cluster-autoscaler/enabled', `k8s.io/cluster-autoscaler/${props.clusterName}`],
      },
      image: { repository: CLUSTER_AUTOSCALER_IMAGE, tag },
      rbac: {
        create: true,
        serviceAccount: {
          create: true,
          name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT.name,
          annotations: { 'eks.amazonaws.com/role-arn': props.roleArn },
        },
      },
      resources: {
        requests: { ...CLUSTER_AUTOSCALER_RESOURCES.requests },
        limits: { ...CLUSTER_AUTOSCALER_RESOURCES.limits },
      },
      // Of node groups that fit a Pending pod, grow the one that wastes least.
      extraArgs: { expander: 'least-waste' },
    };
    this.release = new Release(this, 'release', {
      name: 'cluster-autoscaler',
      repository: CLUSTER_AUTOSCALER_CHART_REPOSITORY,
      chart: 'cluster-autoscaler',
      version: props.chartVersion ?? CLUSTER_AUTOSCALER_CHART_VERSION,
      namespace: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT.namespace,
      values: [renderValuesYaml(this.values)],
      wait: true,
      timeout: 600,
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
  }
}
