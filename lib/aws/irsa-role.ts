import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { IamRole, IamRolePolicy, IamRolePolicyAttachment } from '../providers/aws';
import { checkIamRoleName } from './iam-helpers';
import { irsaTrustPolicy, serviceAccountSubject } from './irsa-trust-policy';
import type { ClusterOidcIdentity } from './irsa-trust-policy';
import { isDnsLabel, isDnsSubdomain } from '../catalog/kubernetes-names';

export type { ClusterOidcIdentity };

/** Properties of an {@link IrsaRole}. */
export interface IrsaRoleProps {
  /** The cluster whose service account may assume the role (an `EksCluster`, or its OIDC provider ARN and issuer). */
  readonly cluster: ClusterOidcIdentity;
  /** IAM role name, 1-64 characters. */
  readonly roleName: string;
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Name of the service account. */
  readonly serviceAccount: string;
  /** ARNs of managed policies to attach. @default [] */
  readonly managedPolicyArns?: readonly string[];
  /** An inline policy document (JSON) for the role. @default no inline policy */
  readonly inlinePolicyJson?: string;
  /** Role description. @default "IRSA role of <namespace>/<serviceAccount>" */
  readonly description?: string;
}

/**
 * An IAM role that exactly one Kubernetes service account can assume, through
 * the cluster's OIDC provider (IAM roles for service accounts). The trust
 * policy pins both the token subject (`system:serviceaccount:<ns>:<sa>`) and
 * its audience (`sts.amazonaws.com`).
 */
export class IrsaRole extends Construct {
  /** The role. */
  public readonly role: IamRole;
  /** ARN of the role: annotate the service account with it (`eks.amazonaws.com/role-arn`). */
  public readonly roleArn: string;
  /** Name of the role. */
  public readonly roleName: string;
  /** Managed policy attachments. */
  public readonly attachments: IamRolePolicyAttachment[];
  /** The inline policy, when `inlinePolicyJson` was given. */
  public readonly inlinePolicy?: IamRolePolicy;

  constructor(scope: Construct, id: string, props: IrsaRoleProps) {
    super(scope, id);
    validate(props);
    const trust = irsaTrustPolicy(this, 'trust', props.cluster, [serviceAccountSubject(props.namespace, props.serviceAccount)]);

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description ?? `IRSA role of ${props.namespace}/${props.serviceAccount}`,
      assumeRolePolicy: trust.json,
    });
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;

    this.attachments = (props.managedPolicyArns ?? []).map(
      (policyArn, i) =>
        new IamRolePolicyAttachment(this, `policy-${attachmentId(policyArn, i)}`, { role: this.role.name, policyArn }),
    );
    if (props.inlinePolicyJson !== undefined) {
      this.inlinePolicy = new IamRolePolicy(this, 'inline-policy', { name: props.roleName, role: this.role.id, policy: props.inlinePolicyJson });
    }
  }

  /** Everything that grants the role its permissions: what a workload using the role should depend on. */
  public get grants(): ITerraformDependable[] {
    return [...this.attachments, ...(this.inlinePolicy ? [this.inlinePolicy] : [])];
  }
}

/** A stable construct id for a policy attachment: the policy's name when literal, else its position. */
function attachmentId(policyArn: string, index: number): string {
  return Token.isUnresolved(policyArn) ? String(index) : policyArn.split('/').pop()!.replace(/[^A-Za-z0-9_-]+/g, '-');
}


function validate(props: IrsaRoleProps): void {
  checkIamRoleName(props.roleName, 'IrsaRole');
  if (!isDnsLabel(props.namespace)) {
    throw new Error(`IrsaRole: namespace "${props.namespace}" is not a Kubernetes namespace name (lowercase DNS label)`);
  }
  if (!isDnsSubdomain(props.serviceAccount)) {
    throw new Error(
      `IrsaRole: serviceAccount "${props.serviceAccount}" is not a Kubernetes service account name (lowercase DNS subdomain)`,
    );
  }
  for (const arn of props.managedPolicyArns ?? []) {
    if (!Token.isUnresolved(arn) && !arn.startsWith('arn:')) {
      throw new Error(`IrsaRole: managedPolicyArns entry "${arn}" is not an ARN`);
    }
  }
  if (props.inlinePolicyJson !== undefined && !Token.isUnresolved(props.inlinePolicyJson)) {
    try {
      JSON.parse(props.inlinePolicyJson);
    } catch (e) {
      throw new Error(`IrsaRole: inlinePolicyJson is not valid JSON: ${(e as Error).message}`);
    }
  }
}
