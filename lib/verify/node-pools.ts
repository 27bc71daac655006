/**
 * Which design pool a real node belongs to, and the well-known node labels
 * verify reads, per cloud. Typed tables, pure.
 *
 * Pool membership comes from the label the platform puts on every node of
 * a pool: EKS managed node groups label nodes `eks.amazonaws.com/nodegroup`
 * with the node group's name, which the infra stack sets to
 * `<design name>-<pool name>` (stacks/aws-infra-stack.ts); GKE labels nodes
 * `cloud.google.com/gke-nodepool` with the pool's name, the design pool's
 * name (lib/gcp/gke-node-pool.ts).
 */
import type { V1Node, V1Taint } from '@kubernetes/client-node';
import type { CloudProvider, Design, NodePool, Taint } from '../design/model';

/** How a cloud's nodes say which pool they belong to and whether they are spot. */
export interface CloudNodeLabels {
  /** Label naming the node's pool (node group). */
  readonly poolLabel: string;
  /** The value `poolLabel` has on nodes of `pool`. */
  readonly poolValue: (design: Design, pool: NodePool) => string;
  /** Label and value marking spot capacity; `onDemand` is the value otherwise (undefined: the label is absent). */
  readonly spot: { readonly label: string; readonly spot: string; readonly onDemand?: string };
}

/** Per cloud. Sources: EKS user guide "Managed node groups" (labels), GKE "Spot VMs" (cloud.google.com/gke-spot). */
export const CLOUD_NODE_LABELS: Readonly<Record<CloudProvider, CloudNodeLabels>> = {
  aws: {
    poolLabel: 'eks.amazonaws.com/nodegroup',
    poolValue: (design, pool) => `${design.name}-${pool.name}`,
    spot: { label: 'eks.amazonaws.com/capacityType', spot: 'SPOT', onDemand: 'ON_DEMAND' },
  },
  gcp: {
    poolLabel: 'cloud.google.com/gke-nodepool',
    poolValue: (_design, pool) => pool.name,
    spot: { label: 'cloud.google.com/gke-spot', spot: 'true' },
  },
};

/** Well-known labels (kubernetes.io/docs/reference/labels-annotations-taints/). */
export const WELL_KNOWN = {
  instanceType: 'node.kubernetes.io/instance-type',
  legacyInstanceType: 'beta.kubernetes.io/instance-type',
  zone: 'topology.kubernetes.io/zone',
  arch: 'kubernetes.io/arch',
  hostname: 'kubernetes.io/hostname',
} as const;

/** The design pool `node` belongs to, or undefined when it belongs to none. */
export function poolOfNode(design: Design, node: V1Node): NodePool | undefined {
  const labels = node.metadata?.labels ?? {};
  const table = CLOUD_NODE_LABELS[design.cloud.provider];
  return design.kubernetes.nodePools.find((pool) => labels[table.poolLabel] === table.poolValue(design, pool));
}

/** The nodes of each design pool, by pool name, and the nodes of no pool. */
export function nodesByPool(design: Design, nodes: readonly V1Node[]): { byPool: Map<string, V1Node[]>; outside: V1Node[] } {
  const byPool = new Map<string, V1Node[]>(design.kubernetes.nodePools.map((p) => [p.name, []]));
  const outside: V1Node[] = [];
  for (const node of nodes) {
    const pool = poolOfNode(design, node);
    if (pool) byPool.get(pool.name)!.push(node);
    else outside.push(node);
  }
  return { byPool, outside };
}

/** A node's instance type label. */
export function instanceTypeOf(node: V1Node): string | undefined {
  const labels = node.metadata?.labels ?? {};
  return labels[WELL_KNOWN.instanceType] ?? labels[WELL_KNOWN.legacyInstanceType];
}

/** A node's taints in the design's shape. */
export function taintsOf(node: V1Node): Taint[] {
  return (node.spec?.taints ?? []).map((t: V1Taint) => ({ key: t.key, value: t.value ?? '', effect: t.effect as Taint['effect'] }));
}

/**
 * Taints the platform puts on nodes for a while (startup, shutdown, scale
 * down, pressure): not a design deviation when present.
 */
export function isTransientTaint(key: string): boolean {
  return (
    key.startsWith('node.kubernetes.io/') ||
    key.startsWith('node.cloudprovider.kubernetes.io/') ||
    key === 'ToBeDeletedByClusterAutoscaler' ||
    key === 'DeletionCandidateOfClusterAutoscaler' ||
    key.startsWith('karpenter.sh/')
  );
}

/** `node-1, node-2 and 3 more` */
export function someNames(names: readonly string[], max = 3): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
