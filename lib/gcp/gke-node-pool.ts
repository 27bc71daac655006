import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { TaintEffect } from '../design/model';
import { nodePoolWithDefaults, type NodePoolInput } from '../design/node-pool-input';
import { GKE_DEFAULT_MAX_PODS_PER_NODE, HYPERDISK_ONLY_SERIES } from '../catalog/gce-machine-types';
import { podBlockPrefix } from '../network/gke-subnet-plan';
import { ContainerNodePool, type ContainerNodePoolNodeConfigTaint } from '../providers/google';
import { checkGcpLabels } from '../replica/gcp-labels';
import { CLOUD_PLATFORM_SCOPE, GKE_TIMEOUT } from './gke-cluster';

export { HYPERDISK_ONLY_SERIES };

/** GKE spelling of the Kubernetes taint effects. */
export const GKE_TAINT_EFFECTS: Readonly<Record<TaintEffect, string>> = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
};

/** Boot disk types of GKE nodes. */
export type GkeBootDiskType = 'pd-balanced' | 'pd-ssd' | 'hyperdisk-balanced';


/** Smallest boot disk a GKE node accepts, GB. */
export const MIN_NODE_DISK_GB = 10;

/** Surge of a node upgrade: one extra node per zone at a time, none taken away first. */
export const NODE_POOL_MAX_SURGE = 1;

/**
 * The boot disk type for a machine type: `hyperdisk-balanced` for the
 * series that attach only Hyperdisk, else `pd-balanced` (SSD-backed, what
 * Sourcegraph recommends for node disks).
 */
export function defaultBootDiskType(machineType: string): GkeBootDiskType {
  const series = machineType.split('-')[0];
  return HYPERDISK_ONLY_SERIES.includes(series) ? 'hyperdisk-balanced' : 'pd-balanced';
}

/**
 * Nodes per zone a regional pool starts with: enough for `minNodes` in
 * total, but never more than `maxNodes` in total.
 */
export function initialNodesPerZone(minNodes: number, maxNodes: number, zones: number): number {
  return Math.min(Math.ceil(minNodes / zones), Math.floor(maxNodes / zones));
}

/** Properties of a {@link GkeNodePool}. */
export interface GkeNodePoolProps {
  /** Id of the cluster (`GkeCluster.clusterId`, a reference, so the pool waits for it). */
  readonly clusterId: string;
  /** Region of the (regional) cluster. */
  readonly location: string;
  /** Number of zones the cluster's nodes span: the pool starts with nodes in each. */
  readonly zoneCount: number;
  /**
   * The pool: machine type and sizes; disk (100 GiB), spot (no), labels and
   * taints (none) default as in a design, whose `NodePool` is one. `minNodes` and
   * `maxNodes` are totals over all zones (`total_min_node_count` /
   * `total_max_node_count`), not per zone.
   */
  readonly pool: NodePoolInput;
  /** Email of the nodes' service account (see `NodeServiceAccount`). */
  readonly serviceAccountEmail: string;
  /**
   * GCE labels on the node VMs and their boot disks (`resource_labels`;
   * provider `default_labels` do not reach them). Must follow GCP's label rules.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** Boot disk type. @default defaultBootDiskType(pool.machineType) */
  readonly bootDiskType?: GkeBootDiskType;
  /** Maximum pods per node: decides the pod block each node takes (see gke-subnet-plan). @default 110 */
  readonly maxPodsPerNode?: number;
  /** What the pool waits for: the node service account's role grants. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * One design node pool as a GKE node pool on Container-Optimized OS:
 * autoscaled between the pool's minimum and maximum node counts over the
 * whole region (`BALANCED` across zones; `ANY` for spot, which takes capacity
 * where there is some), a dedicated least-privilege service account with the
 * `cloud-platform` scope, shielded VMs (secure boot, integrity monitoring),
 * the GKE metadata server (pods see Workload Identity, never the node's
 * credentials), legacy metadata endpoints off, auto-repair and auto-upgrade
 * (required on a release channel), and surge upgrades that add a node
 * before taking one away.
 */
export class GkeNodePool extends Construct {
  /** The `google_container_node_pool` resource. */
  public readonly resource: ContainerNodePool;
  /** Name of the node pool. */
  public readonly nodePoolName: string;

  constructor(scope: Construct, id: string, props: GkeNodePoolProps) {
    super(scope, id);
    const pool = nodePoolWithDefaults(props.pool);
    const labels = props.labels ?? {};
    const bootDiskType = props.bootDiskType ?? defaultBootDiskType(pool.machineType);
    const maxPodsPerNode = props.maxPodsPerNode ?? GKE_DEFAULT_MAX_PODS_PER_NODE;
    validate(props, bootDiskType, maxPodsPerNode);
    checkGcpLabels(labels, `GkeNodePool "${pool.name}"`);

    this.resource = new ContainerNodePool(this, 'node-pool', {
      name: pool.name,
      cluster: props.clusterId,
      location: props.location,
      initialNodeCount: initialNodesPerZone(pool.minNodes, pool.maxNodes, props.zoneCount),
      maxPodsPerNode,
      autoscaling: {
        totalMinNodeCount: pool.minNodes,
        totalMaxNodeCount: pool.maxNodes,
        locationPolicy: pool.spot ? 'ANY' : 'BALANCED',
      },
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { strategy: 'SURGE', maxSurge: NODE_POOL_MAX_SURGE, maxUnavailable: 0 },
      nodeConfig: {
        machineType: pool.machineType,
        imageType: 'COS_CONTAINERD',
        diskSizeGb: pool.diskGb,
        diskType: bootDiskType,
        spot: pool.spot,
        labels: Object.keys(pool.labels).length > 0 ? { ...pool.labels } : undefined,
        taint: pool.taints.map(
          (t): ContainerNodePoolNodeConfigTaint => ({ key: t.key, value: t.value, effect: GKE_TAINT_EFFECTS[t.effect] }),
        ),
        resourceLabels: Object.keys(labels).length > 0 ? { ...labels } : undefined,
        serviceAccount: props.serviceAccountEmail,
        oauthScopes: [CLOUD_PLATFORM_SCOPE],
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        workloadMetadataConfig: { mode: 'GKE_METADATA' },
        metadata: { 'disable-legacy-endpoints': 'true' },
      },
      // Like desired_size on EKS: after creation the autoscaler owns the size.
      lifecycle: { ignoreChanges: ['initial_node_count'] },
      timeouts: { create: GKE_TIMEOUT, update: GKE_TIMEOUT, delete: GKE_TIMEOUT },
      dependsOn: props.dependsOn,
    });
    this.nodePoolName = this.resource.name;
  }
}

/** Node pool names: 1-40 lowercase letters, digits and '-', starting with a letter. */
const POOL_NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
const MACHINE_TYPE = /^[a-z][a-z0-9]*-[a-z0-9-]+$/;
const BOOT_DISK_TYPES: readonly string[] = ['pd-balanced', 'pd-ssd', 'hyperdisk-balanced'];
/** Kubernetes taint key: optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
const TAINT_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const TAINT_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

function validate(props: GkeNodePoolProps, bootDiskType: string, maxPodsPerNode: number): void {
  const pool = nodePoolWithDefaults(props.pool);
  const what = `GkeNodePool "${pool.name}"`;
  if (!POOL_NAME.test(pool.name)) {
    throw new Error(`${what}: pool name must be 1-40 lowercase letters, digits and '-', starting with a letter`);
  }
  if (!MACHINE_TYPE.test(pool.machineType)) {
    throw new Error(`${what}: machineType "${pool.machineType}" is not a GCE machine type such as n2-standard-16`);
  }
  if (!Number.isInteger(props.zoneCount) || props.zoneCount < 1) {
    throw new Error(`${what}: zoneCount ${props.zoneCount} must be a whole number of at least 1`);
  }
  if (!Number.isInteger(pool.minNodes) || !Number.isInteger(pool.maxNodes) || pool.minNodes < 0 || pool.maxNodes < 1) {
    throw new Error(`${what}: minNodes ${pool.minNodes} and maxNodes ${pool.maxNodes} must be whole numbers, maxNodes at least 1`);
  }
  if (pool.minNodes > pool.maxNodes) {
    throw new Error(`${what}: minNodes ${pool.minNodes} is above maxNodes ${pool.maxNodes}`);
  }
  if (!Number.isInteger(pool.diskGb) || pool.diskGb < MIN_NODE_DISK_GB || pool.diskGb > 65536) {
    throw new Error(`${what}: diskGb ${pool.diskGb} must be a whole number from ${MIN_NODE_DISK_GB} to 65536`);
  }
  if (!BOOT_DISK_TYPES.includes(bootDiskType)) {
    throw new Error(`${what}: bootDiskType "${bootDiskType}" must be one of ${BOOT_DISK_TYPES.join(', ')}`);
  }
  const hyperdiskOnly = defaultBootDiskType(pool.machineType) === 'hyperdisk-balanced';
  if (hyperdiskOnly !== (bootDiskType === 'hyperdisk-balanced')) {
    throw new Error(
      `${what}: machine type ${pool.machineType} needs boot disk type ${hyperdiskOnly ? 'hyperdisk-balanced' : 'pd-balanced or pd-ssd'}, got ${bootDiskType}`,
    );
  }
  podBlockPrefix(maxPodsPerNode); // throws for a count GKE refuses
  for (const taint of pool.taints) {
    if (!TAINT_KEY.test(taint.key)) throw new Error(`${what}: taint key "${taint.key}" is not a valid Kubernetes taint key`);
    if (!TAINT_VALUE.test(taint.value)) throw new Error(`${what}: taint value "${taint.value}" (key ${taint.key}) is not a valid Kubernetes label value`);
    if (!(taint.effect in GKE_TAINT_EFFECTS)) {
      throw new Error(`${what}: taint effect "${taint.effect}" must be NoSchedule, PreferNoSchedule or NoExecute`);
    }
  }
}
