/**
 * Leftovers: cloud resources that still carry a replica's name after
 * `cdktf destroy`, because Kubernetes controllers made them (EBS CSI volumes,
 * load balancers and their security groups, CNI network interfaces, GCE
 * disks...) and Terraform never knew about them. Finding them, and deleting
 * the AWS ones in an order that respects their dependencies.
 */
import { CLOUDS } from '../cloud/clouds';
import type { CloudProvider, Design } from '../design/model';
import { CLOUD_LIFECYCLE, withDefaultClients } from './cloud-lifecycle';
import type { LifecycleClients } from './expired';
import { Leftover, sortForDeletion } from './leftover';

export type { Leftover } from './leftover';
export { sortForDeletion } from './leftover';

/** What `findLeftovers` found. */
export interface LeftoverReport {
  readonly replica: string;
  readonly cloud: CloudProvider;
  /** The region (aws) or project (gcp) searched. */
  readonly scope: string;
  /** In the order `deleteLeftovers` deletes them. */
  readonly leftovers: readonly Leftover[];
  /**
   * Resources that show the replica is still deployed (its cluster, its
   * VPC): run `cdktf destroy` first; `deleteLeftovers` must not run.
   */
  readonly stillDeployed: readonly string[];
}

/**
 * The resources still tied to a design's replica, in its region (aws) or
 * project (gcp), by tag or label. Read-only.
 *
 * @throws Error when a cloud call fails (no credentials, no permission...).
 */
export async function findLeftovers(design: Design, clients: LifecycleClients = {}): Promise<LeftoverReport> {
  const lifecycle = CLOUD_LIFECYCLE[design.cloud.provider];
  const scope = lifecycle.leftoverScope(design);
  const found = await lifecycle.findLeftovers(design.name, scope, withDefaultClients(clients));
  return { replica: design.name, cloud: design.cloud.provider, scope, ...found };
}

/** What happened to one leftover. */
export interface DeleteResult {
  readonly leftover: Leftover;
  /** `deleted`; `gone` (already deleted); `failed`; `kept` (not deletable, or not confirmed). */
  readonly outcome: 'deleted' | 'gone' | 'failed' | 'kept';
  /** The error, or why it was kept. */
  readonly message?: string;
}

/** Whether sg-replica deletes leftovers of this one's cloud itself (AWS), rather than printing commands (GCP). */
export function isDeletable(leftover: Leftover): boolean {
  return CLOUD_LIFECYCLE[leftover.cloud].deleteLeftover !== undefined;
}

/** Options of {@link deleteLeftovers}. */
export interface DeleteOptions {
  /**
   * Tries per resource while AWS says it is still in use by something being
   * deleted (`DependencyViolation`, `ResourceInUse`): a security group stays
   * in use until its load balancer's network interfaces are gone.
   * @default 12
   */
  readonly attempts?: number;
  /** Wait between tries, in milliseconds. @default 10000 */
  readonly retryDelayMs?: number;
  /** How to wait (tests pass one that returns at once). @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called after each resource, for progress output. @default none */
  readonly onResult?: (result: DeleteResult) => void;
}

/**
 * Deletes the leftovers that can be deleted (no `keepReason`), after
 * `confirm` agrees, one at a time in dependency order: load balancers,
 * target groups, network interfaces, volumes, security groups. One failure
 * does not stop the rest. GCP leftovers are never deleted here (their
 * `deleteCommand` is the gcloud command to run).
 *
 * @param confirm asked once with the resources about to be deleted; `false` deletes nothing.
 */
export async function deleteLeftovers(
  leftovers: readonly Leftover[],
  clients: LifecycleClients,
  confirm: (toDelete: readonly Leftover[]) => Promise<boolean>,
  options: DeleteOptions = {},
): Promise<DeleteResult[]> {
  const toDelete = sortForDeletion(leftovers.filter((l) => !l.keepReason && isDeletable(l)));
  const kept = (l: Leftover, message: string): DeleteResult => ({ leftover: l, outcome: 'kept', message });
  const keptOthers = leftovers
    .filter((l) => !toDelete.includes(l))
    .map((l) => kept(l, l.keepReason ?? `sg-replica does not delete ${CLOUDS[l.cloud].label} resources${l.deleteCommand ? `; run: ${l.deleteCommand}` : ''}`));
  if (toDelete.length === 0) return keptOthers;
  if (!(await confirm(toDelete))) return [...toDelete.map((l) => kept(l, 'not confirmed')), ...keptOthers];

  const resolved = withDefaultClients(clients);
  const attempts = Math.max(1, options.attempts ?? 12);
  const delay = options.retryDelayMs ?? 10_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const results: DeleteResult[] = [];
  for (const leftover of toDelete) {
    let result: DeleteResult | undefined;
    for (let attempt = 1; !result; attempt++) {
      try {
        await CLOUD_LIFECYCLE[leftover.cloud].deleteLeftover!(leftover, resolved);
        result = { leftover, outcome: 'deleted' };
      } catch (e) {
        const name = (e as Error).name ?? '';
        const message = (e as Error).message;
        if (/NotFound/i.test(name)) result = { leftover, outcome: 'gone' };
        else if (/DependencyViolation|ResourceInUse/.test(name) && attempt < attempts) await sleep(delay);
        else result = { leftover, outcome: 'failed', message: `${name}: ${message}` };
      }
    }
    options.onResult?.(result);
    results.push(result);
  }
  return [...results, ...keptOthers];
}
