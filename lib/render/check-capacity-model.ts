/**
 * The capacity model equals the renderer: the workloads `renderWorkloads`
 * derives from the values (lib/sizing, from the hand-written
 * `CHART_WORKLOADS`) are exactly the Deployments, StatefulSets and
 * DaemonSets the real chart renders, with the same replicas, containers,
 * init containers, requests, limits and volumes. A difference means the
 * capacity check and the report are computing with the wrong pods.
 */
import { parseBytes, parseCpuMillis } from '../sizing/quantity';
import { ResourceAmounts, renderWorkloads, Workload, WorkloadContainer } from '../sizing/workloads';
import { HelmValues } from '../helm/merge-values';
import { RenderedObject } from './helm-template';
import { PodTemplate, RenderedContainer, podTemplates } from './pod-templates';
import { RenderFinding } from './render-finding';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

function amounts(section: Record<string, unknown> | undefined): ResourceAmounts {
  if (!section) return {};
  const out: { cpuMillis?: number; memoryBytes?: number; ephemeralStorageBytes?: number } = {};
  if (section.cpu !== undefined) out.cpuMillis = parseCpuMillis(section.cpu, 'cpu');
  if (section.memory !== undefined) out.memoryBytes = parseBytes(section.memory, 'memory');
  if (section['ephemeral-storage'] !== undefined) out.ephemeralStorageBytes = parseBytes(section['ephemeral-storage'], 'ephemeral-storage');
  return out;
}

/** The rendered container's requests (Kubernetes defaults a missing request to the limit) and limits. */
function renderedResources(c: RenderedContainer): { requests: ResourceAmounts; limits: ResourceAmounts } {
  const limits = amounts(c.resources?.limits);
  const requests = amounts(c.resources?.requests);
  return {
    limits,
    requests: {
      cpuMillis: requests.cpuMillis ?? limits.cpuMillis,
      memoryBytes: requests.memoryBytes ?? limits.memoryBytes,
      ephemeralStorageBytes: requests.ephemeralStorageBytes ?? limits.ephemeralStorageBytes,
    },
  };
}

function same(a: ResourceAmounts, b: ResourceAmounts): boolean {
  return a.cpuMillis === b.cpuMillis && a.memoryBytes === b.memoryBytes && a.ephemeralStorageBytes === b.ephemeralStorageBytes;
}

function show(a: ResourceAmounts): string {
  return JSON.stringify({ cpuMillis: a.cpuMillis, memoryBytes: a.memoryBytes, ephemeralStorageBytes: a.ephemeralStorageBytes });
}

function compareContainers(owner: string, what: string, model: readonly WorkloadContainer[], rendered: readonly RenderedContainer[], out: RenderFinding[]): void {
  const modelNames = model.map((c) => c.name);
  const renderedNames = rendered.map((c) => c.name);
  if (modelNames.join(',') !== renderedNames.join(',')) {
    out.push({ severity: 'error', check: 'capacity-model', object: owner, message: `${what}: the model has [${modelNames.join(', ')}], the chart renders [${renderedNames.join(', ')}]` });
    return;
  }
  model.forEach((m, i) => {
    const r = renderedResources(rendered[i]);
    for (const kind of ['requests', 'limits'] as const) {
      if (!same(m[kind], r[kind])) {
        out.push({ severity: 'error', check: 'capacity-model', object: `${owner} ${what} ${m.name}`, message: `${kind}: the model has ${show(m[kind])} (from ${m.resourcesKey}.resources), the chart renders ${show(r[kind])}` });
      }
    }
  });
}

function compareVolumes(model: Workload, pod: PodTemplate, objects: readonly RenderedObject[], out: RenderFinding[]): void {
  for (const v of model.volumes) {
    let size: unknown;
    if (v.kind === 'volumeClaimTemplate') {
      const template = pod.volumeClaimTemplates.find((t) => v.claimName.startsWith(`${t.metadata?.name}-${pod.name}-`));
      size = (template?.spec as { resources?: { requests?: { storage?: unknown } } } | undefined)?.resources?.requests?.storage;
    } else {
      const pvc = objects.find((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === v.claimName);
      size = (pvc?.spec as { resources?: { requests?: { storage?: unknown } } } | undefined)?.resources?.requests?.storage;
    }
    if (size === undefined) {
      out.push({ severity: 'error', check: 'capacity-model', object: pod.owner, message: `the model has a ${v.kind} ${v.claimName} (${v.sizeKey}), the chart renders none` });
    } else if (parseBytes(size, v.sizeKey) !== v.sizeBytes) {
      out.push({ severity: 'error', check: 'capacity-model', object: pod.owner, message: `${v.claimName}: the model has ${v.sizeBytes} bytes (${v.sizeKey}), the chart renders ${JSON.stringify(size)}` });
    }
  }
  const modelTemplates = model.volumes.filter((v) => v.kind === 'volumeClaimTemplate').length;
  if (pod.volumeClaimTemplates.length !== modelTemplates) {
    out.push({ severity: 'error', check: 'capacity-model', object: pod.owner, message: `the chart renders ${pod.volumeClaimTemplates.length} volumeClaimTemplates, the model has ${modelTemplates}` });
  }
}

/**
 * Differences between the workloads the capacity model derives from
 * `values` and the rendered `objects` of the same values (errors).
 */
export function checkCapacityModel(values: Readonly<HelmValues>, chartVersion: string, objects: readonly RenderedObject[]): RenderFinding[] {
  const out: RenderFinding[] = [];
  const model = renderWorkloads(values, chartVersion);
  const pods = podTemplates(objects).filter((p) => WORKLOAD_KINDS.has(p.kind));
  for (const w of model) {
    const pod = pods.find((p) => p.kind === w.kind && p.name === w.name);
    if (!pod) {
      out.push({ severity: 'error', check: 'capacity-model', object: `${w.kind}/${w.name}`, message: `the model has this workload (${w.key}), the chart renders no such ${w.kind}` });
      continue;
    }
    if (w.kind !== 'DaemonSet' && pod.replicas !== w.replicas) {
      out.push({ severity: 'error', check: 'capacity-model', object: pod.owner, message: `replicas: the model has ${w.replicas}, the chart renders ${pod.replicas}` });
    }
    compareContainers(pod.owner, 'containers', w.containers, pod.spec.containers ?? [], out);
    compareContainers(pod.owner, 'initContainers', w.initContainers, pod.spec.initContainers ?? [], out);
    compareVolumes(w, pod, objects, out);
  }
  for (const pod of pods) {
    if (!model.some((w) => w.kind === pod.kind && w.name === pod.name)) {
      out.push({ severity: 'error', check: 'capacity-model', object: pod.owner, message: 'the chart renders this workload, the capacity model does not know it' });
    }
  }
  const modelPvcs = new Set(model.flatMap((w) => w.volumes.filter((v) => v.kind === 'pvc').map((v) => v.claimName)));
  for (const pvc of objects.filter((o) => o.kind === 'PersistentVolumeClaim')) {
    if (!modelPvcs.has(pvc.metadata.name)) out.push({ severity: 'error', check: 'capacity-model', object: `PersistentVolumeClaim/${pvc.metadata.name}`, message: 'the chart renders this claim, the capacity model does not count it' });
  }
  return out;
}
