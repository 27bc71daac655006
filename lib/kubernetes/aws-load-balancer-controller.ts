import { ITerraformDependable, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Release } from '../providers/helm';
import { HelmValues, renderValuesYaml } from '../helm/merge-values';
import {
  ALB_INGRESS_CLASS,
  AWS_LOAD_BALANCER_CONTROLLER_CHART_REPOSITORY,
  AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION,
  AWS_LOAD_BALANCER_CONTROLLER_NAMESPACE,
  awsLoadBalancerControllerValues,
  type AwsLoadBalancerControllerValuesProps,
} from '../sourcegraph/aws-load-balancer-controller-values';

export {
  ALB_INGRESS_CLASS,
  AWS_LOAD_BALANCER_CONTROLLER_CHART_REPOSITORY,
  AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION,
} from '../sourcegraph/aws-load-balancer-controller-values';

/** Properties of an {@link AwsLoadBalancerController}. */
export interface AwsLoadBalancerControllerProps extends AwsLoadBalancerControllerValuesProps {
  /** Chart version. @default `AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION` */
  readonly chartVersion?: string;
  /** The Helm provider to use. @default the stack's default Helm provider */
  readonly provider?: TerraformProvider;
  /** What the release waits for: the IAM role's policy attachment, the node groups. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The AWS Load Balancer Controller (Helm chart `eks/aws-load-balancer-controller`
 * in `kube-system`): turns the Sourcegraph Ingress of class `alb` into an ALB.
 *
 * Its service mutator webhook is off, so Services of type LoadBalancer (e.g.
 * ingress-nginx's) stay with EKS's built-in cloud provider instead of silently
 * becoming internal NLBs of this controller.
 *
 * On destroy, the release must go after every Ingress it serves: it removes
 * the ALB when the Ingress is deleted, and the Ingress's finalizer waits for it.
 * Make the Sourcegraph release depend on this construct.
 */
export class AwsLoadBalancerController extends Construct {
  /** The values the chart is installed with. */
  public readonly values: HelmValues;
  /** The `helm_release` resource. */
  public readonly release: Release;
  /** The IngressClass to use in Ingresses: `alb`. */
  public readonly ingressClassName = ALB_INGRESS_CLASS;

  constructor(scope: Construct, id: string, props: AwsLoadBalancerControllerProps) {
    super(scope, id);
    const known = (value: string) => !Token.isUnresolved(value);
    if (known(props.region) && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(props.region)) {
      throw new Error(`AwsLoadBalancerController: '${props.region}' is not an AWS region`);
    }
    if (known(props.vpcId) && !/^vpc-[0-9a-f]+$/.test(props.vpcId)) {
      throw new Error(`AwsLoadBalancerController: '${props.vpcId}' is not a VPC id`);
    }
    if (known(props.roleArn) && !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(props.roleArn)) {
      throw new Error(`AwsLoadBalancerController: '${props.roleArn}' is not an IAM role ARN`);
    }
    if (known(props.clusterName) && props.clusterName.trim() === '') {
      throw new Error('AwsLoadBalancerController: clusterName is empty');
    }
    const serviceAccountName = props.serviceAccountName ?? 'aws-load-balancer-controller';

    this.values = awsLoadBalancerControllerValues({ ...props, serviceAccountName });
    this.release = new Release(this, 'release', {
      name: 'aws-load-balancer-controller',
      repository: AWS_LOAD_BALANCER_CONTROLLER_CHART_REPOSITORY,
      chart: 'aws-load-balancer-controller',
      version: props.chartVersion ?? AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION,
      namespace: AWS_LOAD_BALANCER_CONTROLLER_NAMESPACE,
      values: [renderValuesYaml(this.values)],
      wait: true,
      timeout: 600,
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
  }
}
