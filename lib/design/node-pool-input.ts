/**
 * A node pool as constructs take it (`ManagedNodeGroup`, `GkeNodePool`): the
 * design's `NodePool` with the fields that have defaults optional, the same
 * defaults the design file gets. Pure.
 */
import type { DesignInput } from './design-input';
import type { NodePool } from './model';

/**
 * A node pool for a construct: a design's `NodePool` is one. The design
 * file's own node pool type (`DesignInput`, generated from the schema), so the
 * two cannot drift apart.
 */
export type NodePoolInput = DesignInput['kubernetes']['nodePools'][number];

/** A taint whose value may be left out. */
export type TaintInput = NonNullable<NodePoolInput['taints']>[number];

/** The defaults of a node pool's optional fields (the design file's defaults: lib/design/design-schema.ts). */
export const NODE_POOL_DEFAULTS = { diskGb: 100, spot: false } as const;

/** `pool` with every default applied. */
export function nodePoolWithDefaults(pool: NodePoolInput): NodePool {
  return {
    name: pool.name,
    machineType: pool.machineType,
    minNodes: pool.minNodes,
    maxNodes: pool.maxNodes,
    diskGb: pool.diskGb ?? NODE_POOL_DEFAULTS.diskGb,
    spot: pool.spot ?? NODE_POOL_DEFAULTS.spot,
    labels: { ...(pool.labels ?? {}) },
    taints: (pool.taints ?? []).map((t) => ({ key: t.key, value: t.value ?? '', effect: t.effect })),
  };
}
