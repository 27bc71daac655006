import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } from '../catalog/cluster-autoscaler-versions';
import { clusterAutoscalerPolicy } from './cluster-autoscaler-policy';
import { IrsaRole, type ClusterOidcIdentity } from './irsa-role';

export { CLUSTER_AUTOSCALER_SERVICE_ACCOUNT };

/** Properties of a {@link ClusterAutoscalerRole}. */
export interface ClusterAutoscalerRoleProps {
  /** The cluster (an `EksCluster`): its OIDC identity. */
  readonly cluster: ClusterOidcIdentity;
  /** Name of the cluster, literal (it scopes the policy by tag). */
  readonly clusterName: string;
  /** Region of the cluster. */
  readonly region: string;
  /** Account of the cluster (12 digits). */
  readonly accountId: string;
  /** Name of the IAM role. @default `<clusterName>-cluster-autoscaler` */
  readonly roleName?: string;
}

/**
 * The IRSA role of the Kubernetes Cluster Autoscaler
 * (`kube-system/cluster-autoscaler`), with `clusterAutoscalerPolicy` as an
 * inline policy: it may resize only this cluster's node groups. Annotate
 * the autoscaler's service account with {@link roleArn}.
 */
export class ClusterAutoscalerRole extends Construct {
  /** ARN of the role. */
  public readonly roleArn: string;
  /** The underlying IRSA role. */
  public readonly role: IrsaRole;

  constructor(scope: Construct, id: string, props: ClusterAutoscalerRoleProps) {
    super(scope, id);
    this.role = new IrsaRole(this, 'role', {
      cluster: props.cluster,
      roleName: props.roleName ?? `${props.clusterName}-cluster-autoscaler`,
      namespace: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT.namespace,
      serviceAccount: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT.name,
      inlinePolicyJson: JSON.stringify(clusterAutoscalerPolicy(props)),
      description: `Cluster Autoscaler of ${props.clusterName}`,
    });
    this.roleArn = this.role.roleArn;
  }

  /** What the autoscaler's Helm release should depend on: the role's policy. */
  public get grants(): ITerraformDependable[] {
    return this.role.grants;
  }
}
