/**
 * One leftover: a cloud resource still tied to a replica after its
 * destroy, and the order leftovers can be deleted in. Pure.
 */

import type { CloudTable } from '../cloud/clouds';
import type { CloudProvider } from '../design/model';

/** A resource left behind by a replica. */
export interface Leftover {
  readonly cloud: CloudProvider;
  /**
   * What it is. AWS: `load-balancer`, `target-group`, `network-interface`,
   * `volume`, `security-group`, `log-group`, `classic-load-balancer`, `kms-key`, or
   * `<service>:<type>` for anything else. GCP: the gcloud group, e.g.
   * `disks`, `forwarding-rules`, `firewall-rules`, `network-endpoint-groups`,
   * `security-policies`, `ssl-policies`, `ssl-certificates`, `network-peerings`.
   */
  readonly kind: string;
  /** `vol-…`, `sg-…`, `eni-…`, an ARN (everything else on AWS), or the GCP full resource name. */
  readonly id: string;
  /** A readable name (the `Name` tag, the load balancer name, the GCP display name), else the id. */
  readonly name: string;
  /** Region (aws), or zone / region / `global` (gcp). */
  readonly location: string;
  /** The cloud's state of it (`available`, `in-use`, `active`...), when it has one. */
  readonly state?: string;
  /** The tag or label that tied it to the replica, e.g. `kubernetes.io/cluster/acme-prod`. */
  readonly matchedBy: string;
  /** Why `deleteLeftovers` leaves it alone; undefined when it deletes it. */
  readonly keepReason?: string;
  /**
   * Deletion already under way and nothing to do (KMS keys wait 7-30 days
   * after `cdktf destroy` schedules them). @default false
   */
  readonly pendingDeletion?: boolean;
  /** The command that deletes it by hand (aws or gcloud CLI). */
  readonly deleteCommand?: string;
}

/** Leftover kinds of each cloud in the order they can be deleted: what uses a resource first. */
const DELETION_ORDER: CloudTable<readonly string[]> = {
  aws: ['load-balancer', 'target-group', 'network-interface', 'volume', 'security-group', 'log-group'],
  gcp: [
    'forwarding-rules',
    'target-http-proxies',
    'target-https-proxies',
    'target-tcp-proxies',
    'target-ssl-proxies',
    'target-pools',
    'url-maps',
    'backend-services',
    'security-policies',
    'network-endpoint-groups',
    'instance-groups unmanaged',
    'health-checks',
    'ssl-certificates',
    'ssl-policies',
    'firewall-rules',
    'addresses',
    'disks',
    'network-peerings',
  ],
};

/**
 * Leftovers in the order they can be deleted: what uses a resource before
 * the resource (a load balancer before its security group). Stable otherwise.
 */
export function sortForDeletion(leftovers: readonly Leftover[]): Leftover[] {
  const rank = (l: Leftover) => {
    const order = DELETION_ORDER[l.cloud];
    const i = order.indexOf(l.kind);
    return i === -1 ? order.length : i;
  };
  return leftovers
    .map((l, i) => ({ l, i }))
    .sort((a, b) => rank(a.l) - rank(b.l) || a.i - b.i)
    .map((x) => x.l);
}
