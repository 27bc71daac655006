/**
 * Replicas whose `expires-at` has passed, found from the cloud's own record
 * of tags (AWS Resource Groups Tagging API) or labels (GCP Cloud Asset
 * Inventory), not from local state: a forgotten replica is found even when
 * nobody has its checkout.
 */
import type { CloudProvider } from '../design/model';
import type { AwsClients } from './aws-clients';
import { CLOUD_LIFECYCLE, TaggedThing, withDefaultClients } from './cloud-lifecycle';
import { parseExpiresAt } from './expires-at';
import type { GcpAccess } from './gcp-asset-search';

/** Where to look: AWS regions or GCP projects. */
export type ReplicaSearchScope =
  | { readonly cloud: 'aws'; /** At least one. */ readonly regions: readonly string[] }
  | { readonly cloud: 'gcp'; /** At least one. */ readonly projects: readonly string[] };

/** Clients for the cloud calls; tests pass mocked ones. */
export interface LifecycleClients {
  /** @default defaultAwsClients() */
  readonly aws?: AwsClients;
  /** @default defaultGcpAccess() */
  readonly gcp?: GcpAccess;
}

/** A replica as its tagged resources describe it. */
export interface ReplicaSummary {
  /** `sg-replica:name` (GCP: the sanitized label value). */
  readonly name: string;
  readonly cloud: CloudProvider;
  /** The most common owner tag among its resources (GCP: sanitized, e.g. `jane_doe_example_com`). */
  readonly owner?: string;
  /** The most common customer tag among its resources. */
  readonly customer?: string;
  /**
   * The latest expiry its resources carry (a redeploy that extends the
   * expiry may leave older values on resources Terraform does not manage,
   * such as CSI volumes); undefined when no value could be read.
   */
  readonly expiresAt?: Date;
  /** The `expires-at` values that could not be read, if any. */
  readonly unreadableExpiry: readonly string[];
  /** Regions (aws) or projects (gcp) it has resources in. */
  readonly locations: readonly string[];
  /** How many tagged resources it has there. */
  readonly resourceCount: number;
  /** The command that destroys it, run where its design is. */
  readonly destroyCommand: string;
}

/** A replica whose expiry has passed. */
export interface ExpiredReplica extends ReplicaSummary {
  readonly expiresAt: Date;
}

/** The command that destroys a replica's stacks: `cdktf destroy '<name>-*'`. */
export function destroyCommand(name: string): string {
  return `cdktf destroy '${name}-*'`;
}

function mostCommon(values: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** Groups tagged resources into replicas by name. Pure. */
export function summarizeReplicas(cloud: CloudProvider, things: readonly TaggedThing[]): ReplicaSummary[] {
  const byName = new Map<string, TaggedThing[]>();
  for (const t of things) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  return [...byName.entries()]
    .map(([name, group]): ReplicaSummary => {
      const raw = [...new Set(group.map((t) => t.expiresAt).filter((v): v is string => !!v))];
      const parsed = raw.map((v) => ({ v, at: parseExpiresAt(v) }));
      const times = parsed.filter((p) => p.at).map((p) => p.at!.getTime());
      return {
        name,
        cloud,
        owner: mostCommon(group.map((t) => t.owner)),
        customer: mostCommon(group.map((t) => t.customer)),
        ...(times.length > 0 && { expiresAt: new Date(Math.max(...times)) }),
        unreadableExpiry: parsed.filter((p) => !p.at).map((p) => p.v),
        locations: [...new Set(group.map((t) => t.location))].sort(),
        resourceCount: group.length,
        destroyCommand: destroyCommand(name),
      };
    })
    .sort((a, b) => (a.expiresAt?.getTime() ?? 0) - (b.expiresAt?.getTime() ?? 0) || a.name.localeCompare(b.name));
}

/**
 * Every replica with tagged resources in the scope, expired or not, sorted
 * by expiry (unreadable first).
 *
 * @throws Error when the scope is empty or a cloud call fails.
 */
export async function listReplicas(scope: ReplicaSearchScope, clients: LifecycleClients = {}): Promise<ReplicaSummary[]> {
  const lifecycle = CLOUD_LIFECYCLE[scope.cloud];
  const locations = scopeLocations(scope);
  if (locations.length === 0) throw new Error(`give at least one ${lifecycle.searchUnit}`);
  return summarizeReplicas(scope.cloud, await lifecycle.taggedThings(locations, withDefaultClients(clients)));
}

/** The regions or projects of a search scope. */
export function scopeLocations(scope: ReplicaSearchScope): readonly string[] {
  return 'regions' in scope ? scope.regions : scope.projects;
}

/** Options of {@link findExpiredReplicas}. */
export type FindExpiredOptions = ReplicaSearchScope & {
  /** The time to compare with. @default the current time */
  readonly now?: Date;
  /** @default the real clients */
  readonly clients?: LifecycleClients;
};

/**
 * The replicas whose expiry is at or before `now`, oldest expiry first.
 * Replicas whose expiry cannot be read are not included (see `listReplicas`).
 */
export async function findExpiredReplicas(options: FindExpiredOptions): Promise<ExpiredReplica[]> {
  const now = options.now ?? new Date();
  return expiredAmong(await listReplicas(options, options.clients), now);
}

/** The replicas whose (readable) expiry is at or before `now`. Pure. */
export function expiredAmong(replicas: readonly ReplicaSummary[], now: Date): ExpiredReplica[] {
  return replicas.filter((r): r is ExpiredReplica => r.expiresAt !== undefined && r.expiresAt.getTime() <= now.getTime());
}
