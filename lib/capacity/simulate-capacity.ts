/**
 * Capacity fit: does the rendered release fit the design's node pools?
 * Simulates scheduling every pod onto the pools at `minNodes` and at
 * `maxNodes`, and sums the volumes. Pure and fast (no cdktf).
 *
 * Model:
 * - nodes: allocatable from the machine type and the platform's
 *   reservations (allocatable.ts); labels = the pool's labels plus the
 *   well-known ones (hostname, arch, instance type, zone, capacity type);
 *   taints = the pool's taints;
 * - pods, in this order: the platform's per-node pods (every node), the
 *   chart's DaemonSets (every node they may run on), the platform's
 *   cluster-wide pods, then every Sourcegraph pod, largest first;
 * - a pod's request is max(largest init container, sum of containers) per
 *   resource (workloads.ts); a pod goes to the node it may run on
 *   (placement-rules.ts) that has room (CPU, memory, pod count) and is left
 *   least allocated, as the default scheduler's LeastAllocated scoring does.
 * Outcome: `ok` when everything fits at minNodes; `warning` when it fits
 * only after the autoscaler adds nodes (maxNodes), or another finding is a
 * warning; `error` when it does not fit even at maxNodes, or another finding
 * is an error.
 */
import { CLOUDS, CloudTable } from '../cloud/clouds';
import type { Design, NodePool } from '../design/model';
import { Codebase, checkStorageAgainstCodebase } from '../sizing/codebase';
import { Finding } from '../sizing/finding';
import { GIB, formatCpu, formatMemory, formatStorage } from '../sizing/quantity';
import { HelmValues } from '../helm/merge-values';
import { Workload, renderWorkloads } from '../sizing/workloads';
import { amd64OnlyFindings } from './architecture-check';
import { NodeAllocatable, nodeAllocatable } from './allocatable';
import { MAX_VOLUME_BYTES } from '../sizing/disk-limits';
import { oncePerNode, placementVerdict } from './placement-rules';
import { SystemPod, systemPods } from './system-pods';
import { SIMULATION_LIMITS } from '../design/input-limits';
import { taintRemedy, untoleratedPoolFindings } from './tainted-pools';

/** CPU, memory and pod count. */
export interface Amounts {
  readonly cpuMillis: number;
  readonly memoryBytes: number;
  readonly pods: number;
}

/** One simulated node after scheduling. */
export interface NodeUsage {
  readonly name: string;
  readonly requested: Amounts;
  /** Names of the Sourcegraph pods on it. */
  readonly pods: readonly string[];
}

/** One pool in one scenario. */
export interface PoolCapacity {
  readonly pool: string;
  readonly machineType: string;
  readonly nodes: number;
  /** Allocatable of one node. */
  readonly allocatablePerNode: Amounts;
  /** Allocatable of the whole pool. */
  readonly allocatable: Amounts;
  /** Requests placed on the pool (platform, DaemonSets and Sourcegraph). */
  readonly requested: Amounts;
  /** 100 x (allocatable - requested) / allocatable, whole percent. */
  readonly headroomPercent: { readonly cpu: number; readonly memory: number };
  /** Pods on the fullest node, and the node's limit. */
  readonly maxPodsOnANode: number;
  readonly nodeUsage: readonly NodeUsage[];
}

/** A pod that cannot be scheduled. */
export interface UnschedulablePod {
  /** Pod name, e.g. `indexed-search-0`, `cadvisor on general-2`. */
  readonly pod: string;
  /** Workload (or platform pod) name. */
  readonly workload: string;
  readonly requests: { readonly cpuMillis: number; readonly memoryBytes: number };
  /** Why, with numbers: `needs 4.5 vCPU / 10 GiB; largest free on pool search is 3.9 vCPU / 6 GiB`. */
  readonly reason: string;
}

/** The pools at one size. */
export interface CapacityScenario {
  readonly at: 'minNodes' | 'maxNodes';
  readonly pools: readonly PoolCapacity[];
  readonly unschedulable: readonly UnschedulablePod[];
  readonly fits: boolean;
}

/** One persistent volume claim group. */
export interface VolumeUsage {
  readonly workload: string;
  readonly claimName: string;
  readonly sizeBytes: number;
  readonly count: number;
  readonly sizeKey: string;
}

/** What the release claims on disk. */
export interface StorageSummary {
  readonly diskType: Design['storage']['diskType'];
  readonly volumes: readonly VolumeUsage[];
  readonly claims: number;
  readonly totalBytes: number;
  readonly maxVolumeBytes: number;
}

/** Sum of what the Sourcegraph pods request and limit (DaemonSets per node, counted once). */
export interface ReleaseTotals {
  readonly requests: { readonly cpuMillis: number; readonly memoryBytes: number };
  readonly limits: { readonly cpuMillis: number; readonly memoryBytes: number };
  readonly pods: number;
  /** Requests of one node's worth of the chart's DaemonSets. */
  readonly daemonSetsPerNode: { readonly cpuMillis: number; readonly memoryBytes: number };
}

/** The result of {@link simulateCapacity}. */
export interface CapacityResult {
  readonly outcome: 'ok' | 'warning' | 'error';
  readonly chartVersion: string;
  readonly workloads: readonly Workload[];
  readonly totals: ReleaseTotals;
  readonly atMin: CapacityScenario;
  readonly atMax: CapacityScenario;
  readonly storage: StorageSummary;
  /** Errors first, then warnings, then info. */
  readonly findings: readonly Finding[];
}

interface SimNode {
  readonly name: string;
  readonly poolIndex: number;
  readonly pool: NodePool;
  readonly alloc: NodeAllocatable;
  readonly labels: Readonly<Record<string, string>>;
  cpu: number;
  memory: number;
  pods: number;
  readonly sgPods: string[];
  readonly workloadsHere: Set<string>;
}

interface PodToPlace {
  readonly pod: string;
  readonly workload: string;
  readonly cpuMillis: number;
  readonly memoryBytes: number;
  readonly placement: Workload['placement'];
  readonly oncePerNode: boolean;
  readonly sourcegraph: boolean;
}

const ANY_TAINT = { nodeSelector: {}, tolerations: [{ operator: 'Exists' as const }] };
const NO_TOLERATIONS = { nodeSelector: {}, tolerations: [] };

/** The labels of node `index` of `pool`: the pool's labels plus the well-known ones the platform sets. */
export function nodeLabels(design: Design, pool: NodePool, alloc: NodeAllocatable, index: number): Record<string, string> {
  const zones = design.network.availabilityZones;
  const labels: Record<string, string> = {
    ...pool.labels,
    'kubernetes.io/hostname': `${pool.name}-${index}`,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': alloc.architecture === 'arm64' ? 'arm64' : 'amd64',
    'node.kubernetes.io/instance-type': pool.machineType,
  };
  if (zones.length > 0) labels['topology.kubernetes.io/zone'] = zones[index % zones.length];
  return { ...labels, ...PLATFORM_NODE_LABELS[design.cloud.provider](pool) };
}

/** The labels each platform puts on a pool's nodes. */
const PLATFORM_NODE_LABELS: CloudTable<(pool: NodePool) => Record<string, string>> = {
  aws: (pool) => ({ 'eks.amazonaws.com/capacityType': pool.spot ? 'SPOT' : 'ON_DEMAND' }),
  gcp: (pool) => ({ 'cloud.google.com/gke-nodepool': pool.name, ...(pool.spot && { 'cloud.google.com/gke-spot': 'true' }) }),
};

function fmt(cpuMillis: number, memoryBytes: number): string {
  return `${formatCpu(cpuMillis)} / ${formatMemory(memoryBytes)}`;
}

function fitsOn(node: SimNode, pod: PodToPlace): boolean {
  return node.cpu + pod.cpuMillis <= node.alloc.cpuMillis && node.memory + pod.memoryBytes <= node.alloc.memoryBytes && node.pods + 1 <= node.alloc.maxPods;
}

function place(node: SimNode, pod: PodToPlace): void {
  node.cpu += pod.cpuMillis;
  node.memory += pod.memoryBytes;
  node.pods += 1;
  node.workloadsHere.add(pod.workload);
  if (pod.sourcegraph) node.sgPods.push(pod.pod);
}

/** Score after placing: the smaller free share of CPU and memory (higher is emptier). */
function score(node: SimNode, pod: PodToPlace): number {
  const cpuTotal = node.alloc.cpuMillis > 1 ? node.alloc.cpuMillis : 1;
  const memTotal = node.alloc.memoryBytes > 1 ? node.alloc.memoryBytes : 1;
  const cpuFree = 1 - (node.cpu + pod.cpuMillis) / cpuTotal;
  const memFree = 1 - (node.memory + pod.memoryBytes) / memTotal;
  return (cpuFree < memFree ? cpuFree : memFree) + (cpuFree + memFree) / 1000;
}

function whyNot(nodes: readonly SimNode[], pod: PodToPlace): string {
  const needs = `needs ${fmt(pod.cpuMillis, pod.memoryBytes)}`;
  if (nodes.length === 0) return `${needs}; the design has no node of a known machine type`;
  const byPool = new Map<string, SimNode[]>();
  for (const node of nodes) {
    const list = byPool.get(node.pool.name);
    if (list) list.push(node);
    else byPool.set(node.pool.name, [node]);
  }
  const eligible: SimNode[] = [];
  const refusals: string[] = [];
  for (const [pool, poolNodes] of byPool) {
    const verdict = placementVerdict(pod.placement, poolNodes[0].labels, poolNodes[0].pool.taints);
    if (verdict) refusals.push(`pool ${pool}: ${verdict}`);
    else eligible.push(...poolNodes);
  }
  if (eligible.length === 0) return `no node pool accepts it (${refusals.join('; ')})`;
  const free = eligible.filter((n) => !(pod.oncePerNode && n.workloadsHere.has(pod.workload)));
  if (free.length === 0) return `one pod per node (podAntiAffinity on kubernetes.io/hostname) and every node it may use already runs one`;
  const tooBig = [...new Set(free.map((n) => n.pool.name))].every((pool) => {
    const a = free.find((n) => n.pool.name === pool)!.alloc;
    return pod.cpuMillis > a.cpuMillis || pod.memoryBytes > a.memoryBytes;
  });
  if (tooBig) {
    const n = free[0];
    return `${needs}; a whole empty node of pool ${n.pool.name} (${n.pool.machineType}) offers ${fmt(n.alloc.cpuMillis, n.alloc.memoryBytes)}`;
  }
  if (free.every((n) => n.pods + 1 > n.alloc.maxPods)) {
    return `every node it may use holds its maximum of ${free[0].alloc.maxPods} pods`;
  }
  const largest = free.reduce((best, n) => {
    const room = (x: SimNode) => Math.min((x.alloc.cpuMillis - x.cpu) / Math.max(pod.cpuMillis, 1), (x.alloc.memoryBytes - x.memory) / Math.max(pod.memoryBytes, 1));
    return room(n) > room(best) ? n : best;
  });
  return `${needs}; largest free on pool ${largest.pool.name} is ${fmt(largest.alloc.cpuMillis - largest.cpu, largest.alloc.memoryBytes - largest.memory)} (${largest.name})`;
}

/**
 * What scheduling remembers across pods, so that its cost does not grow with
 * nodes x pods: whether a workload may run on a node (the same for every node
 * of a pool in a zone, unless the placement names the hostname), and the
 * workloads that already failed to place a pod (nodes only fill up, so the
 * workload's next pods, identical, fail for the same reason).
 */
interface ScheduleMemo {
  readonly allowed: Map<string, boolean>;
  readonly failed: Map<string, string>;
  /** Workloads whose placement names the hostname label (then it is judged node by node). */
  readonly perNode: Map<string, boolean>;
  /** The nodes each workload may run on. */
  readonly eligible: Map<string, readonly SimNode[]>;
}

function newMemo(): ScheduleMemo {
  return { allowed: new Map(), failed: new Map(), perNode: new Map(), eligible: new Map() };
}

function mayRunOn(memo: ScheduleMemo, node: SimNode, pod: PodToPlace): boolean {
  let perNode = memo.perNode.get(pod.workload);
  if (perNode === undefined) {
    perNode = JSON.stringify(pod.placement).includes('kubernetes.io/hostname');
    memo.perNode.set(pod.workload, perNode);
  }
  const key = `${pod.workload}\u0000${node.poolIndex}\u0000${perNode ? node.name : (node.labels['topology.kubernetes.io/zone'] ?? '')}`;
  let allowed = memo.allowed.get(key);
  if (allowed === undefined) {
    allowed = placementVerdict(pod.placement, node.labels, node.pool.taints) === undefined;
    memo.allowed.set(key, allowed);
  }
  return allowed;
}

function schedule(nodes: SimNode[], pod: PodToPlace, unschedulable: UnschedulablePod[], memo: ScheduleMemo = newMemo()): void {
  const failedBefore = memo.failed.get(pod.workload);
  if (failedBefore !== undefined) {
    unschedulable.push({ pod: pod.pod, workload: pod.workload, requests: { cpuMillis: pod.cpuMillis, memoryBytes: pod.memoryBytes }, reason: failedBefore });
    return;
  }
  let eligible = memo.eligible.get(pod.workload);
  if (!eligible) {
    eligible = nodes.filter((node) => mayRunOn(memo, node, pod));
    memo.eligible.set(pod.workload, eligible);
  }
  let best: SimNode | undefined;
  let bestScore = -Infinity;
  for (const node of eligible) {
    if (pod.oncePerNode && node.workloadsHere.has(pod.workload)) continue;
    if (!fitsOn(node, pod)) continue;
    const s = score(node, pod);
    if (s > bestScore) {
      best = node;
      bestScore = s;
    }
  }
  if (best) {
    place(best, pod);
    return;
  }
  const reason = whyNot(nodes, pod);
  memo.failed.set(pod.workload, reason);
  unschedulable.push({ pod: pod.pod, workload: pod.workload, requests: { cpuMillis: pod.cpuMillis, memoryBytes: pod.memoryBytes }, reason });
}

function systemPod(pod: SystemPod, name: string, placement: PodToPlace['placement']): PodToPlace {
  return { pod: name, workload: pod.name, cpuMillis: pod.cpuMillis, memoryBytes: pod.memoryBytes, placement, oncePerNode: false, sourcegraph: false };
}

function simulate(design: Design, workloads: readonly Workload[], allocs: readonly (NodeAllocatable | undefined)[], at: 'minNodes' | 'maxNodes'): CapacityScenario {
  const nodes: SimNode[] = [];
  design.kubernetes.nodePools.forEach((pool, poolIndex) => {
    const alloc = allocs[poolIndex];
    if (!alloc) return;
    for (let i = 0; i < pool[at]; i++) {
      nodes.push({ name: `${pool.name}-${i}`, poolIndex, pool, alloc, labels: nodeLabels(design, pool, alloc, i), cpu: 0, memory: 0, pods: 0, sgPods: [], workloadsHere: new Set() });
    }
  });
  const unschedulable: UnschedulablePod[] = [];
  const platform = systemPods(design);
  for (const node of nodes) {
    for (const pod of platform.perNode) {
      const p = systemPod(pod, `${pod.name} on ${node.name}`, ANY_TAINT);
      if (fitsOn(node, p)) place(node, p);
      else unschedulable.push({ pod: p.pod, workload: pod.name, requests: { cpuMillis: pod.cpuMillis, memoryBytes: pod.memoryBytes }, reason: whyNot([node], p) });
    }
  }
  for (const w of workloads.filter((x) => x.kind === 'DaemonSet')) {
    for (const node of nodes) {
      if (placementVerdict(w.placement, node.labels, node.pool.taints) !== undefined) continue;
      const p: PodToPlace = { pod: `${w.name} on ${node.name}`, workload: w.name, ...w.podRequests, placement: w.placement, oncePerNode: false, sourcegraph: true };
      if (fitsOn(node, p)) place(node, p);
      else unschedulable.push({ pod: p.pod, workload: w.name, requests: w.podRequests, reason: whyNot([node], p) });
    }
  }
  const memo = newMemo();
  for (const pod of platform.clusterWide) {
    for (let i = 0; i < (pod.replicas ?? 1); i++) schedule(nodes, systemPod(pod, `${pod.name}-${i}`, NO_TOLERATIONS), unschedulable, memo);
  }
  const pods: PodToPlace[] = [];
  for (const w of workloads.filter((x) => x.kind !== 'DaemonSet')) {
    for (let i = 0; i < w.replicas; i++) {
      pods.push({ pod: `${w.name}-${i}`, workload: w.name, ...w.podRequests, placement: w.placement, oncePerNode: oncePerNode(w.placement.affinity), sourcegraph: true });
    }
  }
  const weight = (p: PodToPlace) => (p.cpuMillis / 1000) * 4 * GIB + p.memoryBytes;
  pods.sort((a, b) => weight(b) - weight(a));
  for (const pod of pods) schedule(nodes, pod, unschedulable, memo);

  const pools = design.kubernetes.nodePools.flatMap((pool, poolIndex): PoolCapacity[] => {
    const alloc = allocs[poolIndex];
    if (!alloc) return [];
    const poolNodes = nodes.filter((n) => n.poolIndex === poolIndex);
    const count = poolNodes.length;
    const requested = {
      cpuMillis: poolNodes.reduce((t, n) => t + n.cpu, 0),
      memoryBytes: poolNodes.reduce((t, n) => t + n.memory, 0),
      pods: poolNodes.reduce((t, n) => t + n.pods, 0),
    };
    const allocatable = { cpuMillis: alloc.cpuMillis * count, memoryBytes: alloc.memoryBytes * count, pods: alloc.maxPods * count };
    const headroom = (free: number, total: number) => (total > 0 ? Math.floor((100 * free) / total) : 0);
    return [
      {
        pool: pool.name,
        machineType: pool.machineType,
        nodes: count,
        allocatablePerNode: { cpuMillis: alloc.cpuMillis, memoryBytes: alloc.memoryBytes, pods: alloc.maxPods },
        allocatable,
        requested,
        headroomPercent: {
          cpu: headroom(allocatable.cpuMillis - requested.cpuMillis, allocatable.cpuMillis),
          memory: headroom(allocatable.memoryBytes - requested.memoryBytes, allocatable.memoryBytes),
        },
        maxPodsOnANode: poolNodes.reduce((m, n) => Math.max(m, n.pods), 0),
        nodeUsage: poolNodes.map((n) => ({ name: n.name, requested: { cpuMillis: n.cpu, memoryBytes: n.memory, pods: n.pods }, pods: [...n.sgPods] })),
      },
    ];
  });
  return { at, pools, unschedulable, fits: unschedulable.length === 0 };
}

function releaseTotals(workloads: readonly Workload[]): ReleaseTotals {
  const deployments = workloads.filter((w) => w.kind !== 'DaemonSet');
  const daemonSets = workloads.filter((w) => w.kind === 'DaemonSet');
  const sum = (list: readonly Workload[], pick: (w: Workload) => number | undefined, times: (w: Workload) => number) =>
    list.reduce((t, w) => t + (pick(w) ?? 0) * times(w), 0);
  return {
    requests: {
      cpuMillis: sum(deployments, (w) => w.podRequests.cpuMillis, (w) => w.replicas),
      memoryBytes: sum(deployments, (w) => w.podRequests.memoryBytes, (w) => w.replicas),
    },
    limits: {
      cpuMillis: sum(deployments, (w) => w.podLimits.cpuMillis, (w) => w.replicas),
      memoryBytes: sum(deployments, (w) => w.podLimits.memoryBytes, (w) => w.replicas),
    },
    pods: deployments.reduce((t, w) => t + w.replicas, 0),
    daemonSetsPerNode: {
      cpuMillis: sum(daemonSets, (w) => w.podRequests.cpuMillis, () => 1),
      memoryBytes: sum(daemonSets, (w) => w.podRequests.memoryBytes, () => 1),
    },
  };
}

function storageSummary(design: Design, workloads: readonly Workload[]): StorageSummary {
  const volumes = workloads.flatMap((w) =>
    w.volumes.filter((v) => v.count > 0).map((v) => ({ workload: w.name, claimName: v.claimName, sizeBytes: v.sizeBytes, count: v.count, sizeKey: v.sizeKey })),
  );
  return {
    diskType: design.storage.diskType,
    volumes,
    claims: volumes.reduce((t, v) => t + v.count, 0),
    totalBytes: volumes.reduce((t, v) => t + v.sizeBytes * v.count, 0),
    maxVolumeBytes: MAX_VOLUME_BYTES[design.storage.diskType],
  };
}

function containerFindings(workloads: readonly Workload[]): Finding[] {
  const findings: Finding[] = [];
  for (const w of workloads) {
    for (const c of [...w.initContainers, ...w.containers]) {
      const checks: [string, number | undefined, number | undefined, (n: number) => string][] = [
        ['cpu', c.requests.cpuMillis, c.limits.cpuMillis, formatCpu],
        ['memory', c.requests.memoryBytes, c.limits.memoryBytes, formatMemory],
      ];
      for (const [what, request, limit, show] of checks) {
        if (request !== undefined && limit !== undefined && request > limit) {
          findings.push({
            severity: 'error',
            message: `${w.name} container ${c.name} requests ${show(request)} of ${what} but is limited to ${show(limit)}; Kubernetes refuses a request above its limit`,
            field: ['sourcegraph', 'values'],
            valuesKey: `${c.resourcesKey}.resources`,
          });
        }
      }
    }
  }
  return findings;
}

function externalServiceFindings(design: Design, workloads: readonly Workload[]): Finding[] {
  const running = new Set(workloads.map((w) => w.key));
  const findings: Finding[] = [];
  const ext = design.externalServices;
  const check = (given: unknown, keys: readonly string[], what: string, field: string) => {
    const inCluster = keys.filter((k) => running.has(k));
    if (given !== undefined && inCluster.length > 0) {
      findings.push({
        severity: 'warning',
        message: `externalServices.${field} is set, but the release still runs ${inCluster.join(', ')} in the cluster (set ${inCluster.map((k) => `${k}.enabled: false`).join(', ')} and point Sourcegraph at the external ${what})`,
        field: ['externalServices', field],
      });
    }
  };
  check(ext.postgres, ['pgsql', 'codeIntelDB', 'codeInsightsDB'], 'database', 'postgres');
  check(ext.redis, ['redisCache', 'redisStore'], 'Redis', 'redis');
  check(ext.objectStorage, ['blobstore'], 'object storage', 'objectStorage');
  return findings;
}

function scenarioFindings(
  design: Design,
  workloads: readonly Workload[],
  labelsOf: (poolIndex: number) => Readonly<Record<string, string>> | undefined,
  atMin: CapacityScenario,
  atMax: CapacityScenario,
): Finding[] {
  const findings: Finding[] = [];
  const remedy = (u: UnschedulablePod) => {
    const workload = /taint .* is not tolerated/.test(u.reason) ? workloads.find((w) => w.name === u.workload) : undefined;
    const fix = workload && taintRemedy(design, workload, labelsOf);
    return fix ? { remedy: fix } : {};
  };
  const untolerated = untoleratedPoolFindings(design, workloads, labelsOf);
  findings.push(...untolerated);
  const fieldFor = (reason: string, at: 'minNodes' | 'maxNodes'): Finding['field'] => {
    // The first pool the reason names ("no node pool accepts it (pool search: ...)" names pool search).
    const names = [...reason.matchAll(/\bpool ([a-z0-9-]+)/g)].map((m) => m[1]);
    const index = design.kubernetes.nodePools.findIndex((p) => p.name === names.find((n) => design.kubernetes.nodePools.some((q) => q.name === n)));
    if (index < 0) return ['kubernetes', 'nodePools'];
    if (/taint/.test(reason)) return ['kubernetes', 'nodePools', index, 'taints'];
    if (/whole empty node/.test(reason)) return ['kubernetes', 'nodePools', index, 'machineType'];
    return ['kubernetes', 'nodePools', index, at];
  };
  if (!atMax.fits) {
    for (const u of atMax.unschedulable) {
      findings.push({ severity: 'error', message: `${u.pod} cannot be scheduled even at maxNodes: ${u.reason}`, field: fieldFor(u.reason, 'maxNodes'), ...remedy(u) });
    }
  } else if (!atMin.fits) {
    const names = atMin.unschedulable.map((u) => u.pod);
    findings.push({
      severity: 'warning',
      message: `At minNodes ${names.length} pod${names.length === 1 ? '' : 's'} stay Pending until the cluster autoscaler adds nodes (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}); everything fits at maxNodes`,
      field: fieldFor(atMin.unschedulable[0].reason, 'minNodes'),
    });
  }
  atMin.pools.forEach((pool) => {
    const index = design.kubernetes.nodePools.findIndex((p) => p.name === pool.pool);
    const flagged = untolerated.some((f) => f.field?.[2] === index);
    if (pool.nodes > 0 && !flagged && pool.nodeUsage.every((n) => n.pods.length === 0)) {
      findings.push({
        severity: 'info',
        message: `Pool ${pool.pool} runs no Sourcegraph pod at minNodes (${pool.nodes} x ${pool.machineType} idle but paid for)`,
        field: ['kubernetes', 'nodePools', index, 'minNodes'],
      });
    }
  });
  return findings;
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Simulates the release given by `finalValues` (the release's merged Helm
 * values, without the chart's defaults) on the design's node pools at
 * minNodes and at maxNodes, and checks its volumes.
 *
 * Never throws for a bad design: unknown machine types, values that are not
 * quantities and chart versions without data become error findings.
 */
export function simulateCapacity(design: Design, finalValues: HelmValues): CapacityResult {
  const chartVersion = design.sourcegraph.version;
  const findings: Finding[] = [];
  let workloads: Workload[] = [];
  try {
    workloads = renderWorkloads(finalValues, chartVersion);
  } catch (error) {
    findings.push({ severity: 'error', message: (error as Error).message, field: ['sourcegraph', 'values'] });
  }
  const codebase = (design.sourcegraph as { readonly codebase?: Codebase }).codebase;
  const codebaseFindings = codebase && workloads.length > 0 ? checkStorageAgainstCodebase(finalValues, codebase, chartVersion) : [];
  return simulateWorkloads(design, workloads, { version: chartVersion, findings, laterFindings: codebaseFindings });
}

/** What {@link simulateWorkloads} needs besides the design and the workloads. */
export interface SimulateWorkloadsOptions {
  /** The release's version, for the result (chart version, or deploy-sourcegraph-k8s release). */
  readonly version: string;
  /** Findings found before (how the workloads were derived), merged into the result. @default [] */
  readonly findings?: readonly Finding[];
  /** Findings to list after the simulation's own at the same severity (e.g. disk sizes against the codebase). @default [] */
  readonly laterFindings?: readonly Finding[];
}

/**
 * Simulates `workloads` (from the Helm model, `renderWorkloads`, or from
 * rendered manifests, `manifestWorkloads`) on the design's node pools at
 * minNodes and at maxNodes, and checks their volumes: the same answers for
 * the same pods, whichever way they were derived.
 */
export function simulateWorkloads(design: Design, workloads: readonly Workload[], options: SimulateWorkloadsOptions): CapacityResult {
  const findings: Finding[] = [...(options.findings ?? [])];
  const allocs = design.kubernetes.nodePools.map((pool, index) => {
    const alloc = nodeAllocatable(design.cloud.provider, pool.machineType);
    if (!alloc) {
      findings.push({
        severity: 'error',
        message: `Machine type ${pool.machineType} of pool ${pool.name} is not in sg-replica's ${CLOUDS[design.cloud.provider].machines.name} catalog: its capacity is unknown`,
        field: ['kubernetes', 'nodePools', index, 'machineType'],
      });
    }
    return alloc;
  });
  // Its cost stays bounded whatever the replica counts say (SIMULATION_LIMITS).
  const pods = workloads.reduce((total, w) => total + w.replicas, 0);
  const simulated = pods > SIMULATION_LIMITS.pods ? workloads.filter((w) => w.kind === 'DaemonSet') : workloads;
  if (simulated !== workloads) {
    findings.push({ severity: 'error', message: `the release runs ${pods} pods; sg-replica simulates at most ${SIMULATION_LIMITS.pods}`, field: ['sourcegraph', 'values'] });
  }
  const atMin = simulate(design, simulated, allocs, 'minNodes');
  const atMax = simulate(design, simulated, allocs, 'maxNodes');
  const storage = storageSummary(design, workloads);
  for (const v of storage.volumes) {
    if (v.sizeBytes > storage.maxVolumeBytes) {
      findings.push({
        severity: 'error',
        message: `${v.claimName} asks for ${formatStorage(v.sizeBytes)}; a ${storage.diskType} volume holds at most ${formatStorage(storage.maxVolumeBytes)}`,
        field: ['storage', 'diskType'],
        valuesKey: v.sizeKey,
      });
    }
  }
  findings.push(
    ...amd64OnlyFindings(design, workloads),
    ...containerFindings(workloads),
    ...externalServiceFindings(design, workloads),
    ...scenarioFindings(design, workloads, (index) => (allocs[index] ? nodeLabels(design, design.kubernetes.nodePools[index], allocs[index]!, 0) : undefined), atMin, atMax),
    ...(options.laterFindings ?? []),
  );
  findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const outcome = findings.some((f) => f.severity === 'error') ? 'error' : findings.some((f) => f.severity === 'warning') || !atMin.fits ? 'warning' : 'ok';
  return { outcome, chartVersion: options.version, workloads: [...workloads], totals: releaseTotals(workloads), atMin, atMax, storage, findings };
}
