import { Construct } from 'constructs';
import { IamRole, IamRolePolicyAttachment } from '../providers/aws';
import { awsManagedPolicyArn, checkIamRoleName, serviceTrustPolicy } from './iam-helpers';

/** The managed policies an EKS worker node needs, and no more. */
export const NODE_MANAGED_POLICIES: readonly string[] = [
  'AmazonEKSWorkerNodePolicy',
  'AmazonEKS_CNI_Policy',
  'AmazonEC2ContainerRegistryReadOnly',
];

/** Properties of a {@link NodeRole}. */
export interface NodeRoleProps {
  /** IAM role name, 1-64 characters, e.g. `<cluster>-node`. */
  readonly roleName: string;
}

/**
 * The IAM role of EKS managed nodes: joins the cluster, lets the VPC CNI
 * manage pod addresses, pulls from ECR. Nothing else: workloads that need AWS
 * access get their own `IrsaRole`, and IMDSv2 with hop limit 1 keeps pods away
 * from the node's credentials.
 */
export class NodeRole extends Construct {
  /** The role. */
  public readonly role: IamRole;
  /** ARN of the role. */
  public readonly roleArn: string;
  /** Name of the role. */
  public readonly roleName: string;
  /**
   * The policy attachments. Node groups should depend on them, so nodes get
   * their permissions before they start and keep them until they are gone.
   */
  public readonly attachments: IamRolePolicyAttachment[];

  constructor(scope: Construct, id: string, props: NodeRoleProps) {
    super(scope, id);
    checkIamRoleName(props.roleName, 'NodeRole');
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: 'EKS managed nodes',
      assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com'),
    });
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;
    this.attachments = NODE_MANAGED_POLICIES.map(
      (policy) =>
        new IamRolePolicyAttachment(this, policy, { role: this.role.name, policyArn: awsManagedPolicyArn(policy) }),
    );
  }
}
