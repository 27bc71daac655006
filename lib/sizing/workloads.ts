/**
 * The workloads a Sourcegraph release renders, with what scheduling needs:
 * replicas, per-container requests and limits, the pod's effective request,
 * volumes and placement rules. A model of the chart's templates (see
 * data/chart-workloads.ts), evaluated on the release's values. Pure.
 */
import { HelmValues, isValuesMap, mergeValues, scalarText } from '../helm/merge-values';
import { chartDefaults } from './chart-defaults';
import { sourcegraphChart } from '../catalog/chart-versions';
import { CHART_WORKLOADS, ContainerSpec, WORKLOAD_MODELS, WorkloadSpec } from './data/chart-workloads';
import { parseBytes, parseCpuMillis } from './quantity';
import { SIMULATION_LIMITS } from '../design/input-limits';

/** Requests or limits of a container; a dimension is absent when not set. */
export interface ResourceAmounts {
  readonly cpuMillis?: number;
  readonly memoryBytes?: number;
  readonly ephemeralStorageBytes?: number;
}

/** One container (or init container) of a workload's pod. */
export interface WorkloadContainer {
  readonly name: string;
  /** Values key of its `resources`. */
  readonly resourcesKey: string;
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
}

/** A persistent volume the workload claims. */
export interface WorkloadVolume {
  /** PVC name (for a volumeClaimTemplate: the name of replica 0's claim). */
  readonly claimName: string;
  readonly kind: 'pvc' | 'volumeClaimTemplate';
  /** Size of each claim, bytes. */
  readonly sizeBytes: number;
  /** Number of claims: replicas for a volumeClaimTemplate, 1 for a PVC. */
  readonly count: number;
  /** Values key of the size. */
  readonly sizeKey: string;
}

/** A Kubernetes toleration, as written in values. */
export interface Toleration {
  readonly key?: string;
  readonly operator?: 'Equal' | 'Exists';
  readonly value?: string;
  readonly effect?: string;
}

/** Where a workload's pods may run: the effective nodeSelector, tolerations and affinity. */
export interface PodPlacement {
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly Toleration[];
  /** The `affinity` map as given (required node affinity and hostname anti-affinity are simulated). */
  readonly affinity?: Readonly<Record<string, unknown>>;
}

/** One workload of the release. */
export interface Workload {
  /** Kubernetes name, e.g. `indexed-search`. */
  readonly name: string;
  /** Values key of the service, e.g. `indexedSearch`, `openTelemetry.gateway`. */
  readonly key: string;
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  /** Pods; for a DaemonSet, 1 per matching node (this field is 0). */
  readonly replicas: number;
  readonly containers: readonly WorkloadContainer[];
  readonly initContainers: readonly WorkloadContainer[];
  /**
   * The pod's request as the scheduler counts it: per resource,
   * max(largest init container, sum of containers).
   * Source: kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers
   */
  readonly podRequests: Required<Pick<ResourceAmounts, 'cpuMillis' | 'memoryBytes'>>;
  /** The pod's limits: sum of containers' limits where every container sets one, else undefined. */
  readonly podLimits: ResourceAmounts;
  readonly volumes: readonly WorkloadVolume[];
  readonly placement: PodPlacement;
  readonly description: string;
}

/** Reads a dotted key from values; `null` reads as unset (Helm deletes the key). */
export function valueAt(values: Readonly<HelmValues>, dotted: string): unknown {
  let node: unknown = values;
  for (const part of dotted.split('.')) {
    if (!isValuesMap(node)) return undefined;
    node = node[part];
  }
  return node === null ? undefined : node;
}

/** Helm/Go template truthiness: false, 0, "", empty map/list and unset are false. */
function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isValuesMap(value)) return Object.keys(value).length > 0;
  return true;
}

function amounts(resources: unknown, which: 'requests' | 'limits', where: string): ResourceAmounts {
  const section = isValuesMap(resources) ? resources[which] : undefined;
  if (!isValuesMap(section)) return {};
  const out: { cpuMillis?: number; memoryBytes?: number; ephemeralStorageBytes?: number } = {};
  if (section.cpu !== undefined && section.cpu !== null) out.cpuMillis = parseCpuMillis(section.cpu, `${where}.${which}.cpu`);
  if (section.memory !== undefined && section.memory !== null) out.memoryBytes = parseBytes(section.memory, `${where}.${which}.memory`);
  const eph = section['ephemeral-storage'];
  if (eph !== undefined && eph !== null) out.ephemeralStorageBytes = parseBytes(eph, `${where}.${which}.ephemeral-storage`);
  return out;
}

/**
 * A container's requests, with Kubernetes' defaulting: a resource that has a
 * limit and no request requests the limit.
 */
function container(values: HelmValues, spec: ContainerSpec, resources: unknown, localDevMode: boolean): WorkloadContainer {
  const where = `${spec.resourcesKey}.resources`;
  if (localDevMode) return { name: spec.name, resourcesKey: spec.resourcesKey, requests: {}, limits: {} };
  const limits = amounts(resources ?? valueAt(values, where), 'limits', where);
  const requests = amounts(resources ?? valueAt(values, where), 'requests', where);
  return {
    name: spec.name,
    resourcesKey: spec.resourcesKey,
    requests: {
      cpuMillis: requests.cpuMillis ?? limits.cpuMillis,
      memoryBytes: requests.memoryBytes ?? limits.memoryBytes,
      ephemeralStorageBytes: requests.ephemeralStorageBytes ?? limits.ephemeralStorageBytes,
    },
    limits,
  };
}

/** The pod's request as the scheduler counts it: per resource, max(largest init container, sum of containers). */
export function podRequests(containers: readonly WorkloadContainer[], inits: readonly WorkloadContainer[]): Workload['podRequests'] {
  const sum = (pick: (c: WorkloadContainer) => number | undefined) => containers.reduce((total, c) => total + (pick(c) ?? 0), 0);
  const maxInit = (pick: (c: WorkloadContainer) => number | undefined) => inits.reduce((most, c) => Math.max(most, pick(c) ?? 0), 0);
  return {
    cpuMillis: Math.max(sum((c) => c.requests.cpuMillis), maxInit((c) => c.requests.cpuMillis)),
    memoryBytes: Math.max(sum((c) => c.requests.memoryBytes), maxInit((c) => c.requests.memoryBytes)),
  };
}

/** The pod's limits: the containers' sum where every container sets one. */
export function podLimits(containers: readonly WorkloadContainer[]): ResourceAmounts {
  const total = (pick: (c: WorkloadContainer) => number | undefined) =>
    containers.every((c) => pick(c) !== undefined) ? containers.reduce((t, c) => t + (pick(c) ?? 0), 0) : undefined;
  return { cpuMillis: total((c) => c.limits.cpuMillis), memoryBytes: total((c) => c.limits.memoryBytes) };
}

/** A map of strings (nodeSelector): scalars as Helm renders them; maps and lists, which Kubernetes refuses there, are left out (the key checks report them). */
function stringMap(value: unknown): Record<string, string> {
  if (!isValuesMap(value)) return {};
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => {
    const text = scalarText(v);
    return text === undefined ? [] : [[k, text]];
  }));
}

/** Per-service nodeSelector, affinity and tolerations replace the global `sourcegraph.*` ones when non-empty (chart `_helpers.tpl`). */
function placement(values: HelmValues, key: string): PodPlacement {
  const pick = (field: string) => {
    const own = valueAt(values, `${key}.${field}`);
    return truthy(own) ? own : valueAt(values, `sourcegraph.${field}`);
  };
  const tolerations = pick('tolerations');
  const affinity = pick('affinity');
  return {
    nodeSelector: stringMap(pick('nodeSelector')),
    tolerations: Array.isArray(tolerations) ? (tolerations.filter(isValuesMap) as Toleration[]) : [],
    ...(truthy(affinity) && isValuesMap(affinity) ? { affinity } : {}),
  };
}

function replicaCount(value: unknown, where: string): number {
  const n = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  const max = SIMULATION_LIMITS.replicasPerWorkload;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > max) {
    const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value) : typeof value === 'number' ? String(value) : Array.isArray(value) ? 'a list' : isValuesMap(value) ? 'a map' : String(value);
    throw new Error(`${where}: ${shown} is not a replica count sg-replica simulates (a whole number from 0 to ${max})`);
  }
  return n;
}

function build(values: HelmValues, spec: WorkloadSpec, localDevMode: boolean, overrides: { name?: string; replicas?: number; resources?: unknown } = {}): Workload {
  const nameFromValues = spec.nameKey ? valueAt(values, spec.nameKey) : undefined;
  const name = overrides.name ?? (typeof nameFromValues === 'string' && nameFromValues !== '' ? nameFromValues : spec.defaultName);
  const replicas =
    spec.kind === 'DaemonSet'
      ? 0
      : overrides.replicas ??
        (spec.replicasKey !== undefined ? replicaCount(valueAt(values, spec.replicasKey) ?? 1, spec.replicasKey) : spec.fixedReplicas ?? 1);
  const containers = spec.containers.map((c, i) => container(values, c, i === 0 ? overrides.resources : undefined, localDevMode));
  const initContainers = (spec.initContainers ?? [])
    .filter((c) => c.enabledKey === undefined || truthy(valueAt(values, c.enabledKey)))
    .map((c) => container(values, c, undefined, localDevMode));
  const volumes = (spec.volumes ?? []).map((v) => {
    const size = valueAt(values, v.sizeKey);
    const given = truthy(size) ? size : v.fallbackSize;
    return {
      claimName: v.kind === 'volumeClaimTemplate' ? `${v.name}-${name}-0` : v.name,
      kind: v.kind,
      sizeBytes: given === undefined ? 0 : parseBytes(given, v.sizeKey),
      count: v.kind === 'volumeClaimTemplate' ? replicas : 1,
      sizeKey: v.sizeKey,
    };
  });
  return {
    name,
    key: spec.key,
    kind: spec.kind,
    replicas,
    containers,
    initContainers,
    podRequests: podRequests(containers, initContainers),
    podLimits: podLimits(containers),
    volumes,
    placement: placement(values, spec.schedulingKey ?? spec.key),
    description: spec.description,
  };
}

/**
 * `worker.replicas[]`: the primary `worker` Deployment (the jobs no item
 * takes) plus one `worker-<i>` per item, each with its own resources and
 * (7.x) replica count. The chart's `_worker.tpl` passes the suffix `""` and
 * the allowlist `all` for the primary, so it keeps the plain name.
 */
function workerWorkloads(values: HelmValues, spec: WorkloadSpec, localDevMode: boolean, chartVersion: string): Workload[] {
  const items = valueAt(values, 'worker.replicas');
  if (!Array.isArray(items) || items.length === 0) return [build(values, spec, localDevMode)];
  const base = build(values, spec, localDevMode);
  const perItemReplicas = Number(chartVersion.split('.')[0]) >= 7;
  return [
    base,
    ...items.map((item, i) => {
      const entry = isValuesMap(item) ? item : {};
      return build(values, spec, localDevMode, {
        name: `${base.name}-${i}`,
        resources: truthy(entry.resources) ? entry.resources : undefined,
        replicas: perItemReplicas && truthy(entry.replicaCount) ? replicaCount(entry.replicaCount, `worker.replicas[${i}].replicaCount`) : undefined,
      });
    }),
  ];
}

/**
 * The workloads the chart renders for `finalValues` (the release's values,
 * without the chart's defaults: they are applied underneath here). The Helm
 * test pod (`sgTestConnection`) is left out: it only runs on `helm test`.
 *
 * @throws Error for a chart version sg-replica has no data for, or a value
 *   that is not a quantity or replica count (naming the values key).
 */
export function renderWorkloads(finalValues: Readonly<HelmValues>, chartVersion: string): Workload[] {
  const chart = sourcegraphChart(chartVersion);
  const specs = chart && WORKLOAD_MODELS[chart.structure];
  if (!specs) {
    throw new Error(`No workload model for sourcegraph chart ${chartVersion} (known: ${Object.keys(CHART_WORKLOADS).join(', ')})`);
  }
  const values = mergeValues(chartDefaults(chartVersion), finalValues);
  const localDevMode = valueAt(values, 'sourcegraph.localDevMode') === true;
  const out: Workload[] = [];
  for (const spec of specs) {
    if (spec.enabledKeys && !spec.enabledKeys.every((k) => truthy(valueAt(values, k)))) continue;
    if (spec.daemonSetKindKey && (valueAt(values, spec.daemonSetKindKey) ?? 'DaemonSet') !== 'DaemonSet') continue;
    if (spec.workerSplit) out.push(...workerWorkloads(values, spec, localDevMode, chartVersion));
    else out.push(build(values, spec, localDevMode));
  }
  return out;
}
