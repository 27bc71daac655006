/**
 * Tainted node pools and the pods meant for them. Pure.
 *
 * A taint (NoSchedule, NoExecute) keeps every pod off a pool's nodes unless
 * the pod tolerates it. Two mistakes follow from it, and this file finds them:
 * a tainted pool no Sourcegraph pod tolerates stays empty (paid for, and the
 * services meant for it crowd the other pools), and a pod that fits nowhere
 * because of a taint is not fixed by "larger or more nodes" but by a
 * toleration (and a nodeSelector, so it lands on that pool and nowhere else).
 * Source: kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/.
 */
import type { Design, NodePool, Taint } from '../design/model';
import { CHART_WORKLOADS } from '../sizing/data/chart-workloads';
import type { Finding } from '../sizing/finding';
import type { Toleration, Workload } from '../sizing/workloads';
import { blockingTaint, formatTaint, placementVerdict } from './placement-rules';

/** The toleration that lets a pod onto nodes with `taint`. */
export function tolerationFor(taint: Taint): Toleration {
  return taint.value ? { key: taint.key, operator: 'Equal', value: taint.value, effect: taint.effect } : { key: taint.key, operator: 'Exists', effect: taint.effect };
}

/** `{key: dedicated, operator: Equal, value: search, effect: NoSchedule}` (YAML flow style, as a design's values take it). */
function formatToleration(t: Toleration): string {
  return `{${Object.entries(t).map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
}

/** The taints of `pool` that keep pods off it (PreferNoSchedule only discourages). */
function blockingTaints(pool: NodePool): readonly Taint[] {
  return pool.taints.filter((t) => t.effect !== 'PreferNoSchedule');
}

/**
 * How to give `workload` a place on `pool`: the tolerations of the pool's
 * taints and a nodeSelector on one of the pool's labels (or the advice to
 * label the pool), as the Helm values under the workload's key.
 */
export function pinToPool(workload: Pick<Workload, 'key'>, pool: NodePool): string {
  const tolerations = blockingTaints(pool).map((t) => formatToleration(tolerationFor(t))).join(', ');
  const [label] = Object.entries(pool.labels);
  const selector = label
    ? ` and nodeSelector: {${label[0]}: ${label[1]}}`
    : ` and a nodeSelector on a label of pool ${pool.name} (give the pool labels: {...})`;
  return `sourcegraph.values.${workload.key}.tolerations: [${tolerations}]${selector}`;
}

/**
 * The remedy for a pod that no pool accepts because of taints: the pools it
 * would fit on if it tolerated their taints, with the values that pin it
 * there. Undefined when taints are not (only) what keeps it out.
 *
 * @param labelsOf the labels of a node of each pool (index as in the design)
 */
export function taintRemedy(design: Design, workload: Workload, labelsOf: (poolIndex: number) => Readonly<Record<string, string>> | undefined): string | undefined {
  const pools = design.kubernetes.nodePools.filter((pool, index) => {
    const labels = labelsOf(index);
    return labels !== undefined && blockingTaint(workload.placement.tolerations, pool.taints) && placementVerdict(workload.placement, labels, []) === undefined;
  });
  if (pools.length === 0) return undefined;
  return `a toleration of the taint, and a nodeSelector for the pool: ${pools.map((pool) => pinToPool(workload, pool)).join('; or ')} (docs/DESIGN-FILE.md, "Pinning services to a tainted pool"); or remove the taint`;
}

/**
 * A warning for each pool with a blocking taint that no Sourcegraph service
 * (Deployment or StatefulSet; DaemonSets run on every node they tolerate and
 * fill no pool; the OpenTelemetry collector shares the agent DaemonSet's
 * tolerations) may run on: its nodes stay (nearly) empty.
 *
 * @param labelsOf the labels of a node of each pool; pools without (an unknown machine type) are skipped
 */
export function untoleratedPoolFindings(design: Design, workloads: readonly Workload[], labelsOf: (poolIndex: number) => Readonly<Record<string, string>> | undefined): Finding[] {
  // The OpenTelemetry collector reads the agent DaemonSet's tolerations (one values key for both), which
  // sg-replica extends to every taint: it may land on a tainted pool without anyone meaning it to.
  const specs = CHART_WORKLOADS[design.sourcegraph.version] ?? [];
  const schedulingKey = (key: string) => {
    const spec = specs.find((s) => s.key === key);
    return spec ? (spec.schedulingKey ?? spec.key) : key;
  };
  const daemonSetKeys = new Set(specs.filter((s) => s.kind === 'DaemonSet').map((s) => s.schedulingKey ?? s.key));
  const pods = workloads.filter((w) => w.kind !== 'DaemonSet' && w.replicas > 0 && !daemonSetKeys.has(schedulingKey(w.key)));
  return design.kubernetes.nodePools.flatMap((pool, index): Finding[] => {
    const labels = labelsOf(index);
    const taints = blockingTaints(pool);
    if (!labels || taints.length === 0 || pods.some((w) => placementVerdict(w.placement, labels, pool.taints) === undefined)) return [];
    return [
      {
        severity: 'warning',
        message:
          `Pool ${pool.name} is tainted ${taints.map(formatTaint).join(', ')} and no Sourcegraph service tolerates it: its nodes run no Sourcegraph service ` +
          `(${pool.minNodes} × ${pool.machineType} paid for). To run services there, give them tolerations and a nodeSelector ` +
          `(e.g. ${pinToPool({ key: '<service>' }, pool)}; docs/DESIGN-FILE.md, "Pinning services to a tainted pool"), or remove the taint`,
        field: ['kubernetes', 'nodePools', index, 'taints'],
      },
    ];
  });
}
