/**
 * How each cloud's replicas are found after the fact and cleaned up: where
 * `expired` searches and how it reads the tags (AWS) or labels (GCP), where a
 * design's leftovers are, and whether sg-replica deletes them itself. One
 * entry per provider; the SDKs load only when a client is made.
 */
import type { CloudTable } from '../cloud/clouds';
import type { AwsCloud, Design, GcpCloud } from '../design/model';
import { GCP_LABEL_KEYS } from '../replica/gcp-labels';
import { TAG_KEYS } from '../replica/metadata';
import { defaultAwsClients, taggedResources } from './aws-clients';
import { deleteAwsLeftover, findAwsLeftovers } from './aws-leftovers';
import type { LifecycleClients, ReplicaSearchScope } from './expired';
import { defaultGcpAccess, searchAllResources } from './gcp-asset-search';
import { findGcpLeftovers } from './gcp-leftovers';
import type { Leftover } from './leftover';

/** One tagged resource of some replica, as `expired` reads it. */
export interface TaggedThing {
  /** The region or project it is in. */
  readonly location: string;
  readonly name: string;
  readonly owner?: string;
  readonly customer?: string;
  readonly expiresAt?: string;
}

/** One cloud's lifecycle operations. */
export interface CloudLifecycle {
  /** What `expired` searches, e.g. `AWS region`. */
  readonly searchUnit: string;
  /** How `sg-replica expired` is told where to search: its flag, the environment variables that default it, the scope it makes. */
  readonly search: { readonly flag: string; readonly env: readonly string[]; scope(locations: readonly string[]): ReplicaSearchScope };
  /** Every resource in `locations` carrying the replica tags. */
  taggedThings(locations: readonly string[], clients: Required<LifecycleClients>): Promise<TaggedThing[]>;
  /** Where a design's replica lives: its region (AWS), its project (GCP). */
  leftoverScope(design: Design): string;
  /** The replica's leftovers in `scope`, in deletion order, and what shows it is still deployed. */
  findLeftovers(name: string, scope: string, clients: Required<LifecycleClients>): Promise<{ leftovers: Leftover[]; stillDeployed: string[] }>;
  /** Deletes one leftover; absent when sg-replica leaves this cloud's leftovers to the commands it prints. */
  readonly deleteLeftover?: (leftover: Leftover, clients: Required<LifecycleClients>) => Promise<void>;
  /** Without `deleteLeftover`: what the user runs instead. */
  readonly deleteByHand?: string;
}

export const CLOUD_LIFECYCLE: CloudTable<CloudLifecycle> = {
  aws: {
    searchUnit: 'AWS region',
    search: { flag: '--region', env: ['AWS_REGION', 'AWS_DEFAULT_REGION'], scope: (regions) => ({ cloud: 'aws', regions }) },
    async taggedThings(regions, clients) {
      const perRegion = await Promise.all(
        regions.map(async (region) =>
          (await taggedResources(clients.aws, region, [{ Key: TAG_KEYS.expiresAt }])).map((r) => ({
            location: region,
            name: r.tags[TAG_KEYS.name] ?? '',
            owner: r.tags[TAG_KEYS.owner],
            customer: r.tags[TAG_KEYS.customer],
            expiresAt: r.tags[TAG_KEYS.expiresAt],
          })),
        ),
      );
      return perRegion.flat().filter((t) => t.name);
    },
    leftoverScope: (design) => (design.cloud as AwsCloud).region,
    findLeftovers: (name, region, clients) => findAwsLeftovers(name, region, clients.aws),
    deleteLeftover: (leftover, clients) => deleteAwsLeftover(leftover, clients.aws),
  },
  gcp: {
    searchUnit: 'GCP project',
    search: { flag: '--project', env: ['CLOUDSDK_CORE_PROJECT'], scope: (projects) => ({ cloud: 'gcp', projects }) },
    async taggedThings(projects, clients) {
      const perProject = await Promise.all(
        projects.map(async (project) =>
          (await searchAllResources(project, `labels.${GCP_LABEL_KEYS.expiresAt}:*`, clients.gcp)).map((a) => ({
            location: project,
            name: a.labels[GCP_LABEL_KEYS.name] ?? '',
            owner: a.labels[GCP_LABEL_KEYS.owner],
            customer: a.labels[GCP_LABEL_KEYS.customer],
            expiresAt: a.labels[GCP_LABEL_KEYS.expiresAt],
          })),
        ),
      );
      return perProject.flat().filter((t) => t.name);
    },
    leftoverScope: (design) => (design.cloud as GcpCloud).project,
    findLeftovers: (name, project, clients) => findGcpLeftovers(name, project, clients.gcp),
    deleteByHand: 'the gcloud commands above',
  },
};

/** `clients`, with each cloud's real clients made on first use where none were given (and once). */
export function withDefaultClients(clients: LifecycleClients): Required<LifecycleClients> {
  let aws = clients.aws;
  let gcp = clients.gcp;
  return {
    get aws() {
      return (aws ??= defaultAwsClients());
    },
    get gcp() {
      return (gcp ??= defaultGcpAccess());
    },
  };
}
