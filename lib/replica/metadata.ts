/**
 * Who a replica belongs to and when it expires: the metadata stamped as tags
 * on every resource. Pure.
 */
import { createHash } from 'crypto';
import { Design } from '../design/model';

/** Tag keys, the same on every resource of every replica. */
export const TAG_KEYS = {
  name: 'sg-replica:name',
  customer: 'sg-replica:customer',
  owner: 'sg-replica:owner',
  expiresAt: 'sg-replica:expires-at',
  design: 'sg-replica:design',
  managedBy: 'managed-by',
} as const;

export interface ReplicaMetadata {
  readonly name: string;
  readonly customer: string;
  readonly owner: string;
  /** When the expiry clock started (ISO 8601 UTC, whole minutes). */
  readonly createdAt: string;
  /** createdAt + expiresAfter (ISO 8601 UTC, whole minutes). */
  readonly expiresAt: string;
  /** First 12 hex digits of the SHA-256 of the design's content (not its location). */
  readonly designFingerprint: string;
}

function isoMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16)}Z`;
}

/** The method a design that names none has: left out of the fingerprint. */
const DEFAULT_METHOD = 'helm';

/** Keys that say where a file is on this machine, not what the design says: left out of the fingerprint. */
const LOCATION_KEYS = new Set(['resolvedPath']);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .filter((k) => !LOCATION_KEYS.has(k))
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * A fingerprint of what the design says (override contents included, file
 * locations excluded). The default method (helm) is left out, so a Helm
 * design keeps the fingerprint it had before designs named a method; a
 * Kustomize design's overlay counts by its path (its contents reach
 * Terraform through the generated chart's version, which digests the
 * rendered manifests).
 */
export function designFingerprint(design: Design): string {
  const { source: _source, ...content } = design;
  const { method, ...sourcegraph } = content.sourcegraph;
  const withOverrideContent = {
    ...content,
    sourcegraph: { ...sourcegraph, ...(method !== DEFAULT_METHOD && { method }), overrides: content.sourcegraph.overrides.map((o) => ({ path: o.path, values: o.values })) },
  };
  return createHash('sha256').update(JSON.stringify(canonical(withOverrideContent))).digest('hex').slice(0, 12);
}

/**
 * The replica's metadata. `createdAt` anchors the expiry; callers pick a
 * stable anchor (see expiry-anchor.ts) so that re-synthesizing the same
 * design gives the same tags.
 */
export function replicaMetadata(design: Design, createdAt: Date): ReplicaMetadata {
  const created = new Date(Math.floor(createdAt.getTime() / 60000) * 60000);
  return {
    name: design.name,
    customer: design.customer,
    owner: design.owner,
    createdAt: isoMinute(created),
    expiresAt: isoMinute(new Date(created.getTime() + design.expiresAfterHours * 3600_000)),
    designFingerprint: designFingerprint(design),
  };
}

/** AWS tag values accept letters, digits, spaces and _ . : / = + - @ (max 256). */
function awsTagValue(value: string): string {
  return value.replace(/[^\p{L}\p{N} _.:/=+\-@]/gu, '_').slice(0, 256);
}

/** The tags every AWS resource of the replica carries. */
export function awsTags(meta: ReplicaMetadata): Record<string, string> {
  return {
    [TAG_KEYS.name]: meta.name,
    [TAG_KEYS.customer]: awsTagValue(meta.customer),
    [TAG_KEYS.owner]: awsTagValue(meta.owner),
    [TAG_KEYS.expiresAt]: meta.expiresAt,
    [TAG_KEYS.design]: meta.designFingerprint,
    [TAG_KEYS.managedBy]: 'sg-replica',
  };
}
