/**
 * Everything sg-replica tells about a Kustomize design before deploying it,
 * from the replica's rendered manifests: whether every pod schedules
 * (capacity, at minNodes and maxNodes), volumes against the codebase, limits
 * that overcommit the nodes, and the cost. The counterpart of
 * lib/assessment/assess-design.ts (which derives the pods from Helm values):
 * the same simulation, cost and findings, so a Kustomize replica gets the
 * same answers as a Helm one for the same pods. Pure.
 */
import { CapacityResult, simulateWorkloads } from '../capacity/simulate-capacity';
import { Design } from '../design/model';
import { CostEstimate, estimateCost } from '../pricing/estimate-cost';
import { RenderedObject } from '../render/helm-template';
import { storageNeeds } from '../sizing/codebase';
import { Finding } from '../sizing/finding';
import { manifestWorkloads } from '../render/manifest-workloads';
import { formatMemory, formatStorage, GIB } from '../sizing/quantity';
import { Workload } from '../sizing/workloads';
import { KustomizeRelease, serviceOfWorkload } from './releases';

/** What a Kustomize design's manifests say. */
export interface KustomizeAssessment {
  readonly capacity: CapacityResult;
  readonly cost: CostEstimate;
  /** Capacity, codebase and overcommit findings, errors first. */
  readonly findings: readonly Finding[];
}

/** The workloads of the replica's manifests, keyed with the Helm path's values keys (`frontend`, `pgsql`, ...). */
export function kustomizeWorkloads(objects: readonly RenderedObject[], release: KustomizeRelease): Workload[] {
  return manifestWorkloads(objects, { keyOf: (_, name) => serviceOfWorkload(release, name)?.key });
}

/** gitserver, indexed-search and searcher disks against the codebase (Sourcegraph's rules, lib/sizing/codebase.ts). */
function codebaseFindings(design: Design, workloads: readonly Workload[]): Finding[] {
  const codebase = design.sourcegraph.codebase;
  if (!codebase) return [];
  const byKey = new Map(workloads.map((w) => [w.key, w]));
  const replicasLike: Record<string, { replicaCount: number }> = {};
  for (const key of ['gitserver', 'indexedSearch', 'searcher']) {
    const w = byKey.get(key);
    if (w) replicasLike[key] = { replicaCount: Math.max(1, w.replicas) };
  }
  const findings: Finding[] = [];
  for (const need of storageNeeds(codebase, replicasLike)) {
    const w = byKey.get(need.key);
    const volume = w?.volumes[0];
    if (!w || !volume) continue;
    if (volume.sizeBytes < need.perReplicaGiB * GIB) {
      findings.push({
        severity: 'warning',
        message: `${w.name}'s volume (${volume.sizeKey}) is ${formatStorage(volume.sizeBytes)} per replica; the codebase needs ${need.perReplicaGiB} GiB (${need.rule})`,
        field: ['sourcegraph', 'codebase', 'totalSizeGb'],
        valuesKey: volume.sizeKey,
      });
    }
  }
  return findings;
}

/**
 * Memory limits above what the nodes can hold: Sourcegraph's size
 * components lower requests to 100m / 250M (`resources/lower-requests`), so
 * pods schedule on requests while their limits overcommit the nodes.
 */
function overcommitFindings(capacity: CapacityResult): Finding[] {
  const limits = capacity.totals.limits.memoryBytes;
  const allocatable = capacity.atMin.pools.reduce((t, p) => t + p.allocatable.memoryBytes, 0);
  const requests = capacity.totals.requests.memoryBytes;
  if (allocatable === 0 || limits <= allocatable) return [];
  return [
    {
      severity: 'warning',
      message: `Sourcegraph's memory limits add up to ${formatMemory(limits)}, more than the ${formatMemory(allocatable)} the pools offer at minNodes (requests: ${formatMemory(requests)}): the pods schedule, but nodes run out of memory under load before the autoscaler reacts`,
      field: ['kubernetes', 'nodePools'],
    },
  ];
}

/**
 * Capacity, cost and findings of a Kustomize design from `objects`, the
 * replica's rendered manifests (`renderKustomize(...).replica.objects`).
 *
 * @throws Error naming the object and field when a quantity in the
 *   manifests is not a Kubernetes quantity.
 */
export function assessKustomizeDesign(design: Design, objects: readonly RenderedObject[], release: KustomizeRelease): KustomizeAssessment {
  const workloads = kustomizeWorkloads(objects, release);
  const capacity = simulateWorkloads(design, workloads, { version: release.version, laterFindings: codebaseFindings(design, workloads) });
  const cost = estimateCost(design, capacity);
  const order = { error: 0, warning: 1, info: 2 } as const;
  const findings = [...capacity.findings, ...overcommitFindings(capacity)].sort((a, b) => order[a.severity] - order[b.severity]);
  return { capacity, cost, findings };
}
