/**
 * How a GKE replica's VPC range is cut up. Pure: used by validation (is the
 * range big enough for the node pools?) and by the GCP constructs (which
 * ranges?).
 *
 * GKE is VPC-native: nodes take addresses from the subnet's primary range,
 * pods and Services from two secondary ranges of the same subnet, and a
 * private control plane (VPC-peered) from a /28 that no subnet range may
 * overlap. A GCP subnet is regional, so one subnet serves every zone.
 *
 * Layout, for a VPC range of prefix length P (16 to 22):
 *
 *   | part            | range                    | /16 example        | /22 example      |
 *   |-----------------|--------------------------|--------------------|------------------|
 *   | pods            | first half (P+1)         | 10.0.0.0/17        | 10.0.0.0/23      |
 *   | nodes (primary) | fifth eighth (P+3)       | 10.0.128.0/19      | 10.0.2.0/25      |
 *   | services        | sixth eighth (P+3)       | 10.0.160.0/19      | 10.0.2.128/25    |
 *   | free            | seventh eighth, most of the eighth | 10.0.192.0/18 less the /28 | |
 *   | control plane   | last /28 of the range    | 10.0.255.240/28    | 10.0.3.240/28    |
 *
 * Pods get half the range because GKE gives every node a whole block of pod
 * addresses: twice its maximum pods rounded up to a power of two, so a /24
 * at GKE's default of 110 pods per node. A /16 holds 128 nodes, a /20 8, a
 * /22 only 2: validate the node pools with {@link maxNodesForPodRange} and
 * {@link podRangeNodeDemand}.
 */
import { GKE_DEFAULT_MAX_PODS_PER_NODE } from '../catalog/gce-machine-types';
import { cidrSubnet, formatCidr, MAX_VPC_PREFIX, MIN_VPC_PREFIX, parseCidr } from './subnet-plan';

/** Largest VPC range a GKE replica accepts (as on AWS). */
export const GKE_MIN_VPC_PREFIX = MIN_VPC_PREFIX;
/** Smallest VPC range a GKE replica accepts: a /22 still gives /25 node and Service ranges. */
export const GKE_MAX_VPC_PREFIX = MAX_VPC_PREFIX;
/** Name of the subnet's secondary range for pods. */
export const POD_RANGE_NAME = 'pods';
/** Name of the subnet's secondary range for Services. */
export const SERVICE_RANGE_NAME = 'services';
/** Prefix length of the private control plane's range (GKE requires a /28). */
export const CONTROL_PLANE_PREFIX = 28;
/** GCP reserves 4 addresses in every subnet's primary range. */
export const GCP_RESERVED_PER_SUBNET = 4;

/** The ranges of a GKE replica's VPC. */
export interface GkeSubnetPlan {
  readonly vpcCidr: string;
  /** The subnet's primary range: node addresses (and internal load balancers). */
  readonly nodeRange: string;
  /** Secondary range `pods`. */
  readonly podRange: string;
  /** Secondary range `services`: ClusterIPs. */
  readonly serviceRange: string;
  /** The private control plane's /28 (`master_ipv4_cidr_block`); in no subnet. */
  readonly controlPlaneRange: string;
  /** Usable node addresses in the primary range (GCP reserves 4). */
  readonly nodeAddresses: number;
  /** Nodes the pod range can hold at GKE's default 110 pods per node. */
  readonly maxNodes: number;
}

function parse(cidr: string) {
  const parsed = parseCidr(cidr);
  if (!parsed) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  return parsed;
}

/**
 * The ranges of a GKE replica's VPC range (see the layout above).
 *
 * @throws Error when `vpcCidr` is not an IPv4 CIDR or its prefix is not
 *   from /16 to /22.
 */
export function gkeSubnetPlan(vpcCidr: string): GkeSubnetPlan {
  const parsed = parse(vpcCidr);
  if (parsed.prefix < GKE_MIN_VPC_PREFIX || parsed.prefix > GKE_MAX_VPC_PREFIX) {
    throw new Error(`VPC range ${vpcCidr} must be a /${GKE_MIN_VPC_PREFIX} to /${GKE_MAX_VPC_PREFIX} for GKE`);
  }
  const size = 2 ** (32 - parsed.prefix);
  const podRange = cidrSubnet(parsed, 1, 0);
  return {
    vpcCidr,
    podRange,
    nodeRange: cidrSubnet(parsed, 3, 4),
    serviceRange: cidrSubnet(parsed, 3, 5),
    controlPlaneRange: formatCidr(parsed.address + size - 2 ** (32 - CONTROL_PLANE_PREFIX), CONTROL_PLANE_PREFIX),
    nodeAddresses: 2 ** (32 - (parsed.prefix + 3)) - GCP_RESERVED_PER_SUBNET,
    maxNodes: maxNodesForPodRange(podRange),
  };
}

/**
 * Prefix length of the pod block GKE gives each node: the smallest block
 * with at least twice `maxPodsPerNode` addresses (/24 for 110, /26 for 32).
 *
 * @throws Error unless `maxPodsPerNode` is a whole number from 8 to 256 (GKE's limits).
 */
export function podBlockPrefix(maxPodsPerNode: number = GKE_DEFAULT_MAX_PODS_PER_NODE): number {
  if (!Number.isInteger(maxPodsPerNode) || maxPodsPerNode < 8 || maxPodsPerNode > 256) {
    throw new Error(`maxPodsPerNode must be a whole number from 8 to 256, got ${maxPodsPerNode}`);
  }
  return 32 - Math.ceil(Math.log2(2 * maxPodsPerNode));
}

/**
 * How many nodes a pod range can hold: one pod block (see
 * {@link podBlockPrefix}) per node. A /17 holds 128 nodes at 110 pods per node.
 */
export function maxNodesForPodRange(podRange: string, maxPodsPerNode: number = GKE_DEFAULT_MAX_PODS_PER_NODE): number {
  const { prefix } = parse(podRange);
  const block = podBlockPrefix(maxPodsPerNode);
  return prefix > block ? 0 : 2 ** (block - prefix);
}

/**
 * Nodes that may need a pod block at the same time, an upper bound: every
 * pool at its maximum, plus the surge nodes of a node upgrade, counted as
 * `maxSurge` per pool in each zone (GKE applies surge settings per zone of a
 * regional pool). Compare with {@link maxNodesForPodRange}; `GkeNodePool`
 * upgrades with a surge of 1.
 */
export function podRangeNodeDemand(
  pools: readonly { readonly maxNodes: number }[],
  zones: number,
  maxSurge: number = 1,
): number {
  return pools.reduce((sum, pool) => sum + pool.maxNodes, 0) + pools.length * zones * maxSurge;
}
