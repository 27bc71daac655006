import { Construct } from 'constructs';
import { ProjectIamMember, ServiceAccount } from '../providers/google';

/**
 * The project roles a GKE node needs and no more: write logs and metrics,
 * read monitoring (for the metrics agent), write resource metadata and
 * autoscaling metrics, pull images from Artifact Registry. What Google
 * recommends instead of the Compute Engine default service account (Editor).
 */
export const GKE_NODE_ROLES: readonly string[] = [
  'roles/logging.logWriter',
  'roles/monitoring.metricWriter',
  'roles/monitoring.viewer',
  'roles/stackdriver.resourceMetadata.writer',
  'roles/autoscaling.metricsWriter',
  'roles/artifactregistry.reader',
];

/** Properties of a {@link NodeServiceAccount}. */
export interface NodeServiceAccountProps {
  /** The project the account and its role grants live in. */
  readonly project: string;
  /** Account id: 6-30 lowercase letters, digits and '-', starting with a letter, e.g. `acme-prod-nodes`. */
  readonly accountId: string;
  /** Project roles granted to the account. @default GKE_NODE_ROLES */
  readonly roles?: readonly string[];
}

/**
 * A dedicated, least-privilege service account for GKE nodes, with its
 * project role grants (non-authoritative `google_project_iam_member`s, so
 * `destroy` removes exactly these grants and nothing else). Pods do not get
 * its permissions: nodes run the GKE metadata server (Workload Identity).
 */
export class NodeServiceAccount extends Construct {
  public readonly account: ServiceAccount;
  /** Email of the account (a reference, so node pools wait for it). */
  public readonly email: string;
  /** The role grants; node pools should depend on them. */
  public readonly grants: readonly ProjectIamMember[];

  constructor(scope: Construct, id: string, props: NodeServiceAccountProps) {
    super(scope, id);
    const roles = props.roles ?? GKE_NODE_ROLES;
    validate(props, roles);
    this.account = new ServiceAccount(this, 'account', {
      project: props.project,
      accountId: props.accountId,
      displayName: `GKE nodes (${props.accountId})`,
      description: 'Least-privilege identity of GKE nodes, managed by sg-replica',
    });
    this.email = this.account.email;
    this.grants = roles.map(
      (role) =>
        new ProjectIamMember(this, role.replace(/^roles\//, '').replace(/[^A-Za-z0-9]+/g, '-'), {
          project: props.project,
          role,
          member: this.account.member,
        }),
    );
  }
}

const ACCOUNT_ID = /^[a-z]([-a-z0-9]{4,28}[a-z0-9])$/;
const ROLE = /^roles\/[A-Za-z0-9_.]+$/;

function validate(props: NodeServiceAccountProps, roles: readonly string[]): void {
  if (!ACCOUNT_ID.test(props.accountId)) {
    throw new Error(
      `NodeServiceAccount: accountId "${props.accountId}" must be 6-30 lowercase letters, digits and '-', starting with a letter and not ending with '-'`,
    );
  }
  const seen = new Set<string>();
  for (const role of roles) {
    if (!ROLE.test(role)) throw new Error(`NodeServiceAccount: role "${role}" is not a predefined role such as roles/logging.logWriter`);
    if (seen.has(role)) throw new Error(`NodeServiceAccount: role "${role}" is listed twice`);
    seen.add(role);
  }
  if (roles.length === 0) throw new Error('NodeServiceAccount: roles is empty; nodes need at least logging and monitoring');
}
