/**
 * The pods a set of rendered objects asks for: the pod template of every
 * Deployment, StatefulSet, DaemonSet, Job and CronJob, and bare Pods. Pure.
 */
import { RenderedObject } from './helm-template';

/** A container as rendered (the fields the checks read). */
export interface RenderedContainer {
  readonly name: string;
  readonly image?: string;
  readonly env?: readonly { readonly name: string; readonly value?: unknown; readonly valueFrom?: Record<string, unknown> }[];
  readonly envFrom?: readonly Record<string, unknown>[];
  readonly resources?: { readonly requests?: Record<string, unknown>; readonly limits?: Record<string, unknown> };
}

/** The pod spec fields the checks read. */
export interface RenderedPodSpec {
  readonly containers?: readonly RenderedContainer[];
  readonly initContainers?: readonly RenderedContainer[];
  readonly serviceAccountName?: string;
  readonly priorityClassName?: string;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly affinity?: Readonly<Record<string, unknown>>;
  readonly tolerations?: readonly Record<string, unknown>[];
  readonly volumes?: readonly Record<string, unknown>[];
  readonly imagePullSecrets?: readonly { readonly name?: string }[];
}

/** One workload's pod template. */
export interface PodTemplate {
  /** `Kind/name` of the object. */
  readonly owner: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly spec: RenderedPodSpec;
  /** `spec.replicas` for Deployments and StatefulSets (1 when absent), undefined for the others. */
  readonly replicas?: number;
  /** A StatefulSet's volumeClaimTemplates. */
  readonly volumeClaimTemplates: readonly RenderedObject[];
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet']);

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Every pod template of `objects`. */
export function podTemplates(objects: readonly RenderedObject[]): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const o of objects) {
    const spec = record(o.spec);
    let podSpec: Record<string, unknown> | undefined;
    if (o.kind === 'Pod') podSpec = spec;
    else if (WORKLOAD_KINDS.has(o.kind)) podSpec = record(record(spec?.template)?.spec);
    else if (o.kind === 'CronJob') podSpec = record(record(record(record(spec?.jobTemplate)?.spec)?.template)?.spec);
    if (!podSpec) continue;
    const replicas = o.kind === 'Deployment' || o.kind === 'StatefulSet' ? (typeof spec?.replicas === 'number' ? spec.replicas : 1) : undefined;
    out.push({
      owner: `${o.kind}/${o.metadata.name}`,
      kind: o.kind,
      name: o.metadata.name,
      namespace: o.metadata.namespace,
      spec: podSpec as RenderedPodSpec,
      replicas,
      volumeClaimTemplates: Array.isArray(spec?.volumeClaimTemplates) ? (spec.volumeClaimTemplates as RenderedObject[]) : [],
    });
  }
  return out;
}

/** Containers and init containers of a pod spec. */
export function allContainers(spec: RenderedPodSpec): RenderedContainer[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}
