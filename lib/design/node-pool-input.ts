/**
 * A node pool as constructs take it (`ManagedNodeGroup`, `GkeNodePool`): the
 * design's `NodePool` with the fields that have defaults optional, the same
 * defaults the design file gets. Pure.
 */
import type { NodePool, Taint } from './model';

/** A taint whose value may be left out. */
export interface TaintInput {
  readonly key: string;
  /** @default '' */
  readonly value?: string;
  readonly effect: Taint['effect'];
}

/** A node pool for a construct: a design's `NodePool` is one. */
export interface NodePoolInput {
  /** Pool name: lowercase letters, digits and '-'. */
  readonly name: string;
  /** EC2 instance type (aws) or GCE machine type (gcp). */
  readonly machineType: string;
  /** Nodes the pool starts with and never goes below. */
  readonly minNodes: number;
  /** Nodes the pool may scale out to. */
  readonly maxNodes: number;
  /** Root (boot) disk per node, GiB. @default 100 */
  readonly diskGb?: number;
  /** Run on spot capacity. @default false */
  readonly spot?: boolean;
  /** Kubernetes labels on every node. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Kubernetes taints on every node. @default [] */
  readonly taints?: readonly TaintInput[];
}

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
