/**
 * Tolerations that let the chart's node-level DaemonSets (cadvisor,
 * node-exporter, the OpenTelemetry agent) run on every node of the replica,
 * tainted pools included: without them a tainted pool's nodes have no
 * container or node metrics and no trace agent. Pure.
 *
 * Which workloads are node-level DaemonSets, and which values key holds
 * their tolerations, comes from the chart's workload table
 * (`CHART_WORKLOADS`: `kind: 'DaemonSet'`, `schedulingKey`). The
 * OpenTelemetry agent shares `openTelemetry.tolerations` with the collector
 * Deployment (the chart reads one key for both), so the collector may run on
 * a tainted pool too.
 */
import { Design, Taint } from '../design/model';
import { CHART_WORKLOADS } from '../sizing/data/chart-workloads';
import { Toleration, valueAt } from '../sizing/workloads';
import { HelmValues, isValuesMap } from '../helm/merge-values';
import { poolArchitecture } from '../capacity/architecture-check';
import { tolerates } from '../capacity/placement-rules';
import { tolerationFor } from '../capacity/tainted-pools';

/** The toleration of exactly one taint (one definition, with the capacity checks that suggest it). */
export { tolerationFor } from '../capacity/tainted-pools';

/**
 * Every distinct taint of the design's pools, except those of arm64 pools:
 * Sourcegraph's images are amd64 only (lib/capacity/architecture-check.ts),
 * so a taint that keeps Sourcegraph off an arm64 pool must keep its
 * DaemonSets off too (they would fail there with "exec format error").
 */
export function designTaints(design: Design): Taint[] {
  const seen = new Map<string, Taint>();
  for (const pool of design.kubernetes.nodePools) {
    if (poolArchitecture(design.cloud.provider, pool.machineType) === 'arm64') continue;
    for (const t of pool.taints) seen.set(`${t.key}=${t.value}:${t.effect}`, t);
  }
  return [...seen.values()];
}

/** The values keys whose `tolerations` the chart's DaemonSets read, for `chartVersion`. */
export function daemonSetSchedulingKeys(chartVersion: string): string[] {
  const specs = CHART_WORKLOADS[chartVersion] ?? [];
  return [...new Set(specs.filter((s) => s.kind === 'DaemonSet').map((s) => s.schedulingKey ?? s.key))];
}

/**
 * A values layer giving each DaemonSet's tolerations key the tolerations it
 * already has in `values` (its own, else the chart's global
 * `sourcegraph.tolerations`, as the chart's helper picks them) plus one for
 * every taint of the design it does not tolerate yet. `{}` when the design
 * has no taints or every DaemonSet already tolerates them.
 *
 * Apply it after the override files (so it keeps what they set) and before
 * the design's inline values.
 */
export function daemonSetTolerationValues(design: Design, values: Readonly<HelmValues>): HelmValues {
  const taints = designTaints(design);
  if (taints.length === 0) return {};
  const out: HelmValues = {};
  for (const key of daemonSetSchedulingKeys(design.sourcegraph.version)) {
    const own = valueAt(values, `${key}.tolerations`);
    const global = valueAt(values, 'sourcegraph.tolerations');
    const current = (Array.isArray(own) && own.length > 0 ? own : Array.isArray(global) ? global : []).filter(isValuesMap) as Toleration[];
    const missing = taints.filter((taint) => !current.some((t) => tolerates(t, taint)));
    if (missing.length === 0) continue;
    out[key] = { tolerations: [...current, ...missing.map(tolerationFor)] };
  }
  return out;
}
