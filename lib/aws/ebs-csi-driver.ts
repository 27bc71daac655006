import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { EksAddon } from '../providers/aws';
import { managedAddon } from './eks-addons';
import { awsManagedPolicyArn } from './iam-helpers';
import { IrsaRole, type ClusterOidcIdentity } from './irsa-role';

/** Namespace and service account of the EBS CSI controller, as the add-on installs it. */
export const EBS_CSI_SERVICE_ACCOUNT = { namespace: 'kube-system', name: 'ebs-csi-controller-sa' } as const;

/** Properties of an {@link EbsCsiDriver}. */
export interface EbsCsiDriverProps {
  /** The cluster (an `EksCluster`): its name and OIDC identity. */
  readonly cluster: ClusterOidcIdentity & { readonly clusterName: string };
  /** Name of the controller's IAM role. @default `<clusterName>-ebs-csi` */
  readonly roleName?: string;
  /** What the add-on waits for: the node groups (its controller pods need nodes). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The Amazon EBS CSI driver as an EKS managed add-on (at EKS's default
 * version for the cluster), with its controller running under its own IRSA
 * role that has only `AmazonEBSCSIDriverPolicy`. Persistent volumes of the
 * replica are EBS volumes provisioned by this driver.
 */
export class EbsCsiDriver extends Construct {
  /** The `aws_eks_addon` resource. */
  public readonly addon: EksAddon;
  /** The controller's IRSA role. */
  public readonly role: IrsaRole;

  constructor(scope: Construct, id: string, props: EbsCsiDriverProps) {
    super(scope, id);
    this.role = new IrsaRole(this, 'role', {
      cluster: props.cluster,
      roleName: props.roleName ?? `${props.cluster.clusterName}-ebs-csi`,
      namespace: EBS_CSI_SERVICE_ACCOUNT.namespace,
      serviceAccount: EBS_CSI_SERVICE_ACCOUNT.name,
      managedPolicyArns: [awsManagedPolicyArn('service-role/AmazonEBSCSIDriverPolicy')],
      description: 'EBS CSI driver controller',
    });
    this.addon = managedAddon(this, props.cluster.clusterName, 'aws-ebs-csi-driver', {
      serviceAccountRoleArn: this.role.roleArn,
      dependsOn: [...this.role.grants, ...(props.dependsOn ?? [])],
    });
  }
}
