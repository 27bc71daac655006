/**
 * The workloads of rendered manifests, in the capacity model's terms
 * (`Workload`): what `renderWorkloads` derives from Helm values, read
 * instead from the objects themselves, so a release rendered by Kustomize
 * (or by Helm) is sized, simulated and reported with the same code and
 * the same answers. Pure.
 *
 * Read from each Deployment, StatefulSet and DaemonSet (the render tier's
 * pod-template extraction, lib/render/pod-templates.ts): replicas,
 * containers and init containers with their requests and limits (a missing
 * request defaults to the limit, as Kubernetes does), the pod's effective
 * request, the persistent volumes (PVCs the pod mounts, sized from their
 * PersistentVolumeClaim; volumeClaimTemplates, one claim per replica), and
 * the placement (nodeSelector, tolerations, affinity). Jobs and bare Pods
 * are left out, as the Helm model leaves out hooks and test pods.
 */
import { RenderedObject } from './helm-template';
import { podTemplates, RenderedContainer } from './pod-templates';
import { parseBytes, parseCpuMillis } from '../sizing/quantity';
import { podLimits, podRequests, ResourceAmounts, Toleration, Workload, WorkloadContainer, WorkloadVolume } from '../sizing/workloads';

/** Options of {@link manifestWorkloads}. */
export interface ManifestWorkloadsOptions {
  /**
   * The values key of a workload (`frontend`, `pgsql`, ...), the vocabulary
   * the capacity findings and the report share with the Helm path.
   * @default the workload's name
   */
  readonly keyOf?: (kind: string, name: string) => string | undefined;
}

const KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function amounts(section: Record<string, unknown> | undefined, where: string): ResourceAmounts {
  if (!section) return {};
  const out: { cpuMillis?: number; memoryBytes?: number; ephemeralStorageBytes?: number } = {};
  if (section.cpu !== undefined && section.cpu !== null) out.cpuMillis = parseCpuMillis(section.cpu, `${where}.cpu`);
  if (section.memory !== undefined && section.memory !== null) out.memoryBytes = parseBytes(section.memory, `${where}.memory`);
  const eph = section['ephemeral-storage'];
  if (eph !== undefined && eph !== null) out.ephemeralStorageBytes = parseBytes(eph, `${where}.ephemeral-storage`);
  return out;
}

function container(owner: string, c: RenderedContainer): WorkloadContainer {
  const resourcesKey = `${owner}/${c.name}`;
  const limits = amounts(record(c.resources?.limits), `${resourcesKey}.resources.limits`);
  const requests = amounts(record(c.resources?.requests), `${resourcesKey}.resources.requests`);
  return {
    name: c.name,
    resourcesKey,
    requests: {
      cpuMillis: requests.cpuMillis ?? limits.cpuMillis,
      memoryBytes: requests.memoryBytes ?? limits.memoryBytes,
      ephemeralStorageBytes: requests.ephemeralStorageBytes ?? limits.ephemeralStorageBytes,
    },
    limits,
  };
}

function storageOf(spec: unknown): unknown {
  return record(record(record(spec)?.resources)?.requests)?.storage;
}

/**
 * The long-running workloads of `objects`.
 *
 * @throws Error naming the object and field for a resource quantity or
 *   volume size that is not a Kubernetes quantity.
 */
export function manifestWorkloads(objects: readonly RenderedObject[], options: ManifestWorkloadsOptions = {}): Workload[] {
  const pvcs = new Map(objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => [o.metadata.name, o]));
  return podTemplates(objects)
    .filter((p) => KINDS.has(p.kind))
    .map((pod): Workload => {
      const kind = pod.kind as Workload['kind'];
      const replicas = kind === 'DaemonSet' ? 0 : (pod.replicas ?? 1);
      const containers = (pod.spec.containers ?? []).map((c) => container(pod.owner, c));
      const initContainers = (pod.spec.initContainers ?? []).map((c) => container(pod.owner, c));
      const volumes: WorkloadVolume[] = [];
      for (const v of pod.spec.volumes ?? []) {
        const claim = record(v.persistentVolumeClaim)?.claimName;
        if (typeof claim !== 'string') continue;
        const pvc = pvcs.get(claim);
        const size = pvc ? storageOf(pvc.spec) : undefined;
        volumes.push({ claimName: claim, kind: 'pvc', sizeBytes: size === undefined ? 0 : parseBytes(size, `PersistentVolumeClaim/${claim} spec.resources.requests.storage`), count: 1, sizeKey: `PersistentVolumeClaim/${claim}` });
      }
      pod.volumeClaimTemplates.forEach((t, i) => {
        const name = String(t.metadata?.name ?? i);
        const sizeKey = `${pod.owner} volumeClaimTemplates[${i}]`;
        const size = storageOf(t.spec);
        volumes.push({ claimName: `${name}-${pod.name}-0`, kind: 'volumeClaimTemplate', sizeBytes: size === undefined ? 0 : parseBytes(size, `${sizeKey}.spec.resources.requests.storage`), count: replicas, sizeKey });
      });
      const affinity = record(pod.spec.affinity);
      const description = record(record(objects.find((o) => o.kind === pod.kind && o.metadata.name === pod.name)?.metadata)?.annotations)?.description;
      return {
        name: pod.name,
        key: options.keyOf?.(pod.kind, pod.name) ?? pod.name,
        kind,
        replicas,
        containers,
        initContainers,
        podRequests: podRequests(containers, initContainers),
        podLimits: podLimits(containers),
        volumes,
        placement: {
          nodeSelector: Object.fromEntries(Object.entries(pod.spec.nodeSelector ?? {}).map(([k, v]) => [k, String(v)])),
          tolerations: (pod.spec.tolerations ?? []) as unknown as Toleration[],
          ...(affinity && Object.keys(affinity).length > 0 ? { affinity } : {}),
        },
        description: typeof description === 'string' ? description : '',
      };
    });
}
