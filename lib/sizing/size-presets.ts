/**
 * `sourcegraph.size` as Helm values: Sourcegraph's published per-size limits
 * and replica counts (data/size-presets.ts) mapped onto the chart's keys.
 * Pure.
 *
 * Layering (done by the caller, `sourcegraphHelmValues`): chart defaults,
 * then these values, then the customer's override files and inline values.
 *
 * Requests: the published sizes set LIMITS only (their requests come from a
 * `lower-requests` component that drops every request to 100m / 250M, which
 * would make any capacity check meaningless and is not what Helm installs
 * get). sg-replica keeps the chart's default requests, and where a size's
 * limit is below the chart's default request (Kubernetes refuses a request
 * above its limit) it lowers the request to the limit.
 */
import { SOURCEGRAPH_CHARTS, sourcegraphChart } from '../catalog/chart-versions';
import type { SourcegraphSize } from '../design/model';
import { HelmValues } from '../helm/merge-values';
import { chartDefaults } from './chart-defaults';
import {
  KUSTOMIZE_REPLICAS_TO_HELM_KEYS,
  KUSTOMIZE_TO_HELM_KEYS,
  SIZE_PRESET_STRUCTURES,
  SIZE_PRESETS,
} from './data/size-presets';
import { parseBytes, parseCpuMillis } from './quantity';
import { valueAt } from './workloads';

function section(values: HelmValues, key: string): HelmValues {
  let node = values;
  for (const part of key.split('.')) {
    const next = node[part];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as HelmValues;
    else {
      const created: HelmValues = {};
      node[part] = created;
      node = created;
    }
  }
  return node;
}

/**
 * The Helm values of Sourcegraph size `size` for chart `chartVersion`:
 * `<key>.resources.limits` (and lowered `requests` where the chart's default
 * request exceeds the new limit), `<key>.replicaCount`, and searcher's
 * Rockskip env.
 *
 * @throws Error when the size is unknown or sg-replica has no mapping for the chart version.
 */
export function sizePresetValues(size: SourcegraphSize, chartVersion: string): HelmValues {
  const preset = SIZE_PRESETS[size];
  if (!preset) throw new Error(`Unknown Sourcegraph size '${String(size)}' (known: ${Object.keys(SIZE_PRESETS).join(', ')})`);
  const chart = sourcegraphChart(chartVersion);
  if (!chart || !SIZE_PRESET_STRUCTURES.includes(chart.structure)) {
    const known = SOURCEGRAPH_CHARTS.filter((c) => SIZE_PRESET_STRUCTURES.includes(c.structure)).map((c) => c.version);
    throw new Error(`No size preset mapping for sourcegraph chart ${chartVersion} (known: ${known.join(', ')}); see docs/CHART-VERSIONS.md`);
  }
  const defaults = chartDefaults(chartVersion);
  const out: HelmValues = {};
  for (const [target, limits] of Object.entries(preset.limits)) {
    const key = KUSTOMIZE_TO_HELM_KEYS[target];
    if (!key) throw new Error(`size ${size}: no Helm key for Kustomize container '${target}'`);
    const resources = section(out, `${key}.resources`);
    resources.limits = { ...limits };
    const requests: HelmValues = {};
    const defaultCpu = valueAt(defaults, `${key}.resources.requests.cpu`);
    if (defaultCpu !== undefined && parseCpuMillis(defaultCpu, key) > parseCpuMillis(limits.cpu, target)) requests.cpu = limits.cpu;
    const defaultMemory = valueAt(defaults, `${key}.resources.requests.memory`);
    if (defaultMemory !== undefined && parseBytes(defaultMemory, key) > parseBytes(limits.memory, target)) requests.memory = limits.memory;
    const defaultEph = valueAt(defaults, `${key}.resources.requests.ephemeral-storage`);
    const eph = limits['ephemeral-storage'];
    if (eph !== undefined && defaultEph !== undefined && parseBytes(defaultEph, key) > parseBytes(eph, target)) requests['ephemeral-storage'] = eph;
    if (Object.keys(requests).length > 0) resources.requests = requests;
  }
  for (const [workload, replicas] of Object.entries(preset.replicas)) {
    const key = KUSTOMIZE_REPLICAS_TO_HELM_KEYS[workload];
    if (!key) throw new Error(`size ${size}: no Helm replicaCount key for Kustomize workload '${workload}'`);
    section(out, key).replicaCount = replicas;
  }
  for (const [key, env] of Object.entries(preset.env)) {
    const target = section(out, `${key}.env`);
    for (const [name, value] of Object.entries(env)) target[name] = { value };
  }
  return out;
}
