import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ServiceAccount, ServiceAccountIamMember } from '../providers/google';
import { isDnsLabel, isDnsSubdomain } from '../catalog/kubernetes-names';

/** Properties of a {@link WorkloadIdentityServiceAccount}. */
export interface WorkloadIdentityServiceAccountProps {
  /** The project of the account. */
  readonly project: string;
  /** Account id: 6-30 lowercase letters, digits and '-', starting with a letter, e.g. `acme-blob-storage`. */
  readonly accountId: string;
  /** The cluster's Workload Identity pool, `<project>.svc.id.goog` (`GkeCluster.workloadPool`). */
  readonly workloadPool: string;
  /** Namespace of the Kubernetes service accounts. */
  readonly namespace: string;
  /** The Kubernetes service accounts that may act as the account, and no others. At least one, no duplicates. */
  readonly serviceAccounts: readonly string[];
  /** Description of the account. @default "Workload Identity of <namespace>/{<serviceAccounts>}" */
  readonly description?: string;
  /**
   * What the bindings wait for: the cluster, whose creation creates the
   * Workload Identity pool (a binding to a pool that does not exist yet is refused).
   * @default none
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A Google service account that a fixed set of Kubernetes service accounts
 * of one namespace act as (GKE Workload Identity): one
 * `roles/iam.workloadIdentityUser` binding on the account per Kubernetes
 * service account, member `serviceAccount:<pool>[<namespace>/<name>]`.
 * The account has no roles of its own: grant it exactly what the workloads
 * need on the resources they use. The GCP counterpart of `ServiceAccountsRole`.
 */
export class WorkloadIdentityServiceAccount extends Construct {
  /** The `google_service_account`. */
  public readonly account: ServiceAccount;
  /** Email of the account: the `iam.gke.io/gcp-service-account` annotation of each Kubernetes service account. */
  public readonly email: string;
  /** `serviceAccount:<email>`, for IAM bindings. */
  public readonly member: string;
  /** The Workload Identity bindings, one per Kubernetes service account. */
  public readonly bindings: readonly ServiceAccountIamMember[];
  /** `serviceAccount:<pool>[<namespace>/<name>]` of every Kubernetes service account bound. */
  public readonly principals: readonly string[];

  constructor(scope: Construct, id: string, props: WorkloadIdentityServiceAccountProps) {
    super(scope, id);
    validate(props);
    this.account = new ServiceAccount(this, 'account', {
      project: props.project,
      accountId: props.accountId,
      displayName: `Workload Identity (${props.accountId})`,
      description: props.description ?? `Workload Identity of ${props.namespace}/{${props.serviceAccounts.join(',')}}, managed by sg-replica`,
    });
    this.email = this.account.email;
    this.member = this.account.member;
    this.principals = props.serviceAccounts.map((sa) => `serviceAccount:${props.workloadPool}[${props.namespace}/${sa}]`);
    this.bindings = props.serviceAccounts.map(
      (sa, i) =>
        new ServiceAccountIamMember(this, `workload-identity-${sa}`, {
          serviceAccountId: this.account.name,
          role: 'roles/iam.workloadIdentityUser',
          member: this.principals[i],
          dependsOn: props.dependsOn,
        }),
    );
  }
}

const ACCOUNT_ID = /^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/;
const POOL = /^[a-z][a-z0-9-]{4,28}[a-z0-9]\.svc\.id\.goog$/;

function validate(props: WorkloadIdentityServiceAccountProps): void {
  const what = `WorkloadIdentityServiceAccount "${props.accountId}"`;
  if (!ACCOUNT_ID.test(props.accountId)) {
    throw new Error(`${what}: accountId must be 6-30 lowercase letters, digits and '-', starting with a letter and not ending with '-'`);
  }
  if (!Token.isUnresolved(props.workloadPool) && !POOL.test(props.workloadPool)) {
    throw new Error(`${what}: workloadPool "${props.workloadPool}" is not a GKE Workload Identity pool such as my-project.svc.id.goog`);
  }
  if (!isDnsLabel(props.namespace)) {
    throw new Error(`${what}: namespace "${props.namespace}" is not a Kubernetes namespace name (lowercase DNS label)`);
  }
  if (props.serviceAccounts.length === 0) throw new Error(`${what}: serviceAccounts is empty; no workload could use the account`);
  const seen = new Set<string>();
  for (const sa of props.serviceAccounts) {
    if (!isDnsSubdomain(sa)) throw new Error(`${what}: serviceAccount "${sa}" is not a Kubernetes service account name (lowercase DNS subdomain)`);
    if (seen.has(sa)) throw new Error(`${what}: service account "${sa}" is listed twice`);
    seen.add(sa);
  }
}
