import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { IamRole, IamRolePolicy } from '../providers/aws';
import { checkIamRoleName } from './iam-helpers';
import type { ClusterOidcIdentity } from './irsa-role';
import { irsaTrustPolicy, serviceAccountSubject } from './irsa-trust-policy';
import { isDnsLabel, isDnsSubdomain } from '../catalog/kubernetes-names';

/** Properties of a {@link ServiceAccountsRole}. */
export interface ServiceAccountsRoleProps {
  /** The cluster whose service accounts may assume the role (an `EksCluster`). */
  readonly cluster: ClusterOidcIdentity;
  /** IAM role name, 1-64 characters. */
  readonly roleName: string;
  /** Namespace of the service accounts. */
  readonly namespace: string;
  /** The service accounts that may assume the role, and no others. At least one, no duplicates. */
  readonly serviceAccounts: readonly string[];
  /** The role's inline policy document (JSON). */
  readonly inlinePolicyJson: string;
  /** Role description. @default "IRSA role of <namespace>/{<serviceAccounts>}" */
  readonly description?: string;
}

/**
 * An IAM role that a fixed set of Kubernetes service accounts of one
 * namespace can assume (IAM roles for service accounts): the trust policy
 * lists each `system:serviceaccount:<ns>:<sa>` subject exactly and pins the
 * audience to `sts.amazonaws.com`. Like `IrsaRole`, for workloads that share
 * one permission set (e.g. the Sourcegraph services that use the bucket).
 */
export class ServiceAccountsRole extends Construct {
  /** The role. */
  public readonly role: IamRole;
  /** ARN of the role: the `eks.amazonaws.com/role-arn` annotation of each service account. */
  public readonly roleArn: string;
  /** The inline policy. */
  public readonly inlinePolicy: IamRolePolicy;
  /** `system:serviceaccount:<ns>:<sa>` of every service account the role trusts. */
  public readonly subjects: readonly string[];

  constructor(scope: Construct, id: string, props: ServiceAccountsRoleProps) {
    super(scope, id);
    validate(props);
    this.subjects = props.serviceAccounts.map((sa) => serviceAccountSubject(props.namespace, sa));
    const trust = irsaTrustPolicy(this, 'trust', props.cluster, this.subjects);
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description ?? `IRSA role of ${props.namespace}/{${props.serviceAccounts.join(',')}}`,
      assumeRolePolicy: trust.json,
    });
    this.roleArn = this.role.arn;
    this.inlinePolicy = new IamRolePolicy(this, 'inline-policy', {
      name: props.roleName,
      role: this.role.id,
      policy: props.inlinePolicyJson,
    });
  }

  /** What a workload using the role should depend on: its policy. */
  public get grants(): ITerraformDependable[] {
    return [this.inlinePolicy];
  }
}


function validate(props: ServiceAccountsRoleProps): void {
  checkIamRoleName(props.roleName, 'ServiceAccountsRole');
  if (!isDnsLabel(props.namespace)) {
    throw new Error(`ServiceAccountsRole: namespace "${props.namespace}" is not a Kubernetes namespace name (lowercase DNS label)`);
  }
  if (props.serviceAccounts.length === 0) {
    throw new Error(`ServiceAccountsRole "${props.roleName}": serviceAccounts is empty; no workload could use the role`);
  }
  const seen = new Set<string>();
  for (const sa of props.serviceAccounts) {
    if (!isDnsSubdomain(sa)) {
      throw new Error(`ServiceAccountsRole: serviceAccount "${sa}" is not a Kubernetes service account name (lowercase DNS subdomain)`);
    }
    if (seen.has(sa)) throw new Error(`ServiceAccountsRole "${props.roleName}": service account "${sa}" is listed twice`);
    seen.add(sa);
  }
}
