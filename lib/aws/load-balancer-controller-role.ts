import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { IrsaRole, type ClusterOidcIdentity } from './irsa-role';
import { LOAD_BALANCER_CONTROLLER_POLICY } from './load-balancer-controller-policy';

/** Where the AWS Load Balancer Controller chart runs its service account by default. */
export const LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT = {
  namespace: 'kube-system',
  name: 'aws-load-balancer-controller',
} as const;

/** Properties of a {@link LoadBalancerControllerRole}. */
export interface LoadBalancerControllerRoleProps {
  /** Name of the EKS cluster (it names the role by default). */
  readonly clusterName: string;
  /** The cluster's OIDC identity (an `EksCluster` is one), trusted by the role. */
  readonly cluster: ClusterOidcIdentity;
  /** Name of the IAM role. @default `<clusterName>-aws-lb-controller` */
  readonly roleName?: string;
  /** Namespace the controller runs in. @default 'kube-system' */
  readonly namespace?: string;
  /** Service account of the controller. @default 'aws-load-balancer-controller' */
  readonly serviceAccount?: string;
}

/**
 * The IRSA role of the AWS Load Balancer Controller, with the controller's
 * upstream IAM policy (see `load-balancer-controller-policy.ts`) as an inline
 * policy, so `destroy` leaves no customer-managed policy behind. Annotate the
 * controller's service account with {@link roleArn}.
 *
 * The nodes enforce IMDSv2 with a hop limit of 1, so the controller cannot
 * discover its region and VPC from instance metadata: set the chart's
 * `region` and `vpcId` values.
 */
export class LoadBalancerControllerRole extends Construct {
  /** ARN of the role. */
  public readonly roleArn: string;
  /** The underlying IRSA role. */
  public readonly role: IrsaRole;

  constructor(scope: Construct, id: string, props: LoadBalancerControllerRoleProps) {
    super(scope, id);
    this.role = new IrsaRole(this, 'role', {
      cluster: props.cluster,
      roleName: props.roleName ?? `${props.clusterName}-aws-lb-controller`,
      namespace: props.namespace ?? LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT.namespace,
      serviceAccount: props.serviceAccount ?? LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT.name,
      inlinePolicyJson: JSON.stringify(LOAD_BALANCER_CONTROLLER_POLICY),
      description: 'AWS Load Balancer Controller',
    });
    this.roleArn = this.role.roleArn;
  }

  /** What the controller's Helm release should depend on: the role's policy. */
  public get grants(): ITerraformDependable[] {
    return this.role.grants;
  }
}
