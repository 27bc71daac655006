/**
 * Where the rendered pods may run, against the design's node pools:
 *
 * - every workload's nodeSelector (and required node affinity) matches some
 *   pool, and some matching pool's taints are tolerated: else its pods stay
 *   Pending;
 * - each tainted pool gets exactly the workloads meant for it: those that
 *   select it, and the node-level DaemonSets. A workload that tolerates a
 *   pool's taints without selecting it may land there (a warning; an info
 *   for the OpenTelemetry collector, which shares the agent DaemonSet's
 *   `openTelemetry.tolerations` in the chart);
 * - every DaemonSet tolerates every taint of the pools it selects, so each
 *   node gets its metrics and trace agents.
 */
import { nodeAllocatable } from '../capacity/allocatable';
import { formatTaint, placementVerdict, tolerates } from '../capacity/placement-rules';
import { nodeLabels } from '../capacity/simulate-capacity';
import { Design, NodePool } from '../design/model';
import { chartDefaults } from '../sizing/chart-defaults';
import { CHART_WORKLOADS } from '../sizing/data/chart-workloads';
import { PodPlacement, Toleration, valueAt } from '../sizing/workloads';
import { daemonSetSchedulingKeys } from '../sourcegraph/daemonset-tolerations';
import { HelmValues, mergeValues } from '../helm/merge-values';
import { RenderedObject } from './helm-template';
import { PodTemplate, podTemplates } from './pod-templates';
import { RenderFinding } from './render-finding';

/** Label sets a pool's nodes may have (one per zone: the zone label differs). */
function poolLabelSets(design: Design, pool: NodePool): Record<string, string>[] {
  const alloc = nodeAllocatable(design.cloud.provider, pool.machineType);
  if (!alloc) return [{ ...pool.labels }];
  const zones = Math.max(1, design.network.availabilityZones.length);
  return Array.from({ length: zones }, (_, i) => nodeLabels(design, pool, alloc, i));
}

function placementOf(pod: PodTemplate): PodPlacement {
  return {
    nodeSelector: Object.fromEntries(Object.entries(pod.spec.nodeSelector ?? {}).map(([k, v]) => [k, String(v)])),
    tolerations: (pod.spec.tolerations ?? []) as unknown as Toleration[],
    ...(pod.spec.affinity ? { affinity: pod.spec.affinity } : {}),
  };
}

/** Names of the workloads that share their scheduling values with a DaemonSet (the OpenTelemetry collector). */
function sharingWithDaemonSet(design: Design, values: Readonly<HelmValues>): Set<string> {
  const version = design.sourcegraph.version;
  const keys = new Set(daemonSetSchedulingKeys(version));
  const merged = mergeValues(chartDefaults(version), values);
  const names = new Set<string>();
  for (const spec of CHART_WORKLOADS[version] ?? []) {
    if (spec.kind === 'DaemonSet' || !keys.has(spec.schedulingKey ?? spec.key)) continue;
    const name = spec.nameKey ? valueAt(merged, spec.nameKey) : undefined;
    names.add(typeof name === 'string' && name !== '' ? name : spec.defaultName);
  }
  return names;
}

/** Placement findings for the Sourcegraph chart's pods on the design's pools. */
export function checkPlacement(design: Design, values: Readonly<HelmValues>, objects: readonly RenderedObject[]): RenderFinding[] {
  return checkPodPlacement(design, objects, sharingWithDaemonSet(design, values));
}

/**
 * Placement findings for any rendered pods (a Helm chart's or a Kustomize
 * build's) on the design's pools. `sharing`: names of workloads that get a
 * DaemonSet's tolerations by design (an info rather than a warning when
 * they may run on a tainted pool). @default none
 */
export function checkPodPlacement(design: Design, objects: readonly RenderedObject[], sharing: ReadonlySet<string> = new Set()): RenderFinding[] {
  const findings: RenderFinding[] = [];
  const pools = design.kubernetes.nodePools.map((pool) => ({ pool, labelSets: poolLabelSets(design, pool) }));
  const blocking = (pool: NodePool) => pool.taints.filter((t) => t.effect !== 'PreferNoSchedule');
  for (const pod of podTemplates(objects)) {
    const placement = placementOf(pod);
    const selects = (labelSets: Record<string, string>[]) => labelSets.some((labels) => placementVerdict({ ...placement, tolerations: [{ operator: 'Exists' }] }, labels, []) === undefined);
    const admits = (pool: NodePool, labelSets: Record<string, string>[]) => labelSets.some((labels) => placementVerdict(placement, labels, pool.taints) === undefined);
    const selected = pools.filter((p) => selects(p.labelSets));
    const constrained = Object.keys(placement.nodeSelector).length > 0 || placement.affinity?.nodeAffinity !== undefined;
    if (selected.length === 0) {
      findings.push({ severity: 'error', check: 'placement', object: pod.owner, message: `nodeSelector ${JSON.stringify(placement.nodeSelector)} (or its required node affinity) matches no node pool of the design: its pods would stay Pending` });
      continue;
    }
    if (pod.kind === 'DaemonSet') {
      for (const { pool } of selected) {
        for (const taint of blocking(pool)) {
          if (!placement.tolerations.some((t) => tolerates(t, taint))) {
            findings.push({ severity: 'error', check: 'placement', object: pod.owner, message: `does not tolerate taint ${formatTaint(taint)} of pool ${pool.name}: its nodes would run no ${pod.name}` });
          }
        }
      }
      continue;
    }
    if (!selected.some((p) => admits(p.pool, p.labelSets))) {
      const taints = selected.flatMap((p) => blocking(p.pool).map((t) => `${formatTaint(t)} (pool ${p.pool.name})`));
      findings.push({ severity: 'error', check: 'placement', object: pod.owner, message: `every pool it selects is tainted and it does not tolerate ${taints.join(', ')}: its pods would stay Pending` });
      continue;
    }
    for (const { pool, labelSets } of pools) {
      if (blocking(pool).length === 0 || !admits(pool, labelSets)) continue;
      const meant = constrained && pools.filter((p) => selects(p.labelSets)).every((p) => blocking(p.pool).length > 0);
      if (meant) continue;
      const shared = sharing.has(pod.name);
      findings.push({
        severity: shared ? 'info' : 'warning',
        check: 'placement',
        object: pod.owner,
        message: shared
          ? `may run on tainted pool ${pool.name}: the chart gives it the tolerations of the OpenTelemetry agent DaemonSet (openTelemetry.tolerations), which must run on every node`
          : `tolerates the taints of pool ${pool.name} without selecting it: it may take that pool's capacity (add a nodeSelector, or drop the toleration)`,
      });
    }
  }
  return findings;
}
