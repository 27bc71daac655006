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
  /** Name of the EKS cluster (pass the cluster's reference, e.g. `EksCluster.clusterName`, so the add-on waits for it). */
  readonly clusterName: string;
  /** The cluster's OIDC identity (an `EksCluster` is one), trusted by the controller's IRSA role. */
  readonly cluster: ClusterOidcIdentity;
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
  /** The `aws_eks_addon` resource: what to depend on (`dependsOn: [driver.resource]`), as with the other constructs. */
  public readonly resource: EksAddon;
  /** The controller's IRSA role. */
  public readonly role: IrsaRole;

  constructor(scope: Construct, id: string, props: EbsCsiDriverProps) {
    super(scope, id);
    this.role = new IrsaRole(this, 'role', {
      cluster: props.cluster,
      roleName: props.roleName ?? `${props.clusterName}-ebs-csi`,
      namespace: EBS_CSI_SERVICE_ACCOUNT.namespace,
      serviceAccount: EBS_CSI_SERVICE_ACCOUNT.name,
      managedPolicyArns: [awsManagedPolicyArn('service-role/AmazonEBSCSIDriverPolicy')],
      description: 'EBS CSI driver controller',
    });
    this.resource = managedAddon(this, props.clusterName, 'aws-ebs-csi-driver', {
      serviceAccountRoleArn: this.role.roleArn,
      dependsOn: [...this.role.grants, ...(props.dependsOn ?? [])],
    });
  }

  /** @deprecated the same resource as {@link resource} (every construct names its main resource `resource`). */
  public get addon(): EksAddon {
    return this.resource;
  }
}
