/**
 * Reading pods as an engineer reads `kubectl describe pod`: which workload
 * owns a pod, what it requests from the scheduler, and what is wrong with it
 * (Pending, crash-looping, restarting, not ready), with the reason from its
 * container states and its events. Pure.
 */
import type { CoreV1Event, V1Container, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { parseBytes, parseCpuMillis } from '../sizing/quantity';
import { timeOf } from './cluster-state';

/** A pod restarted this many times or more is "restarting repeatedly". */
export const RESTARTS_ALERT = 3;

/** The workload that owns a pod. */
export interface PodOwner {
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'ReplicaSet' | string;
  readonly name: string;
}

/**
 * The workload a pod belongs to: its StatefulSet, DaemonSet or Job owner, or
 * for a ReplicaSet owner the Deployment (the ReplicaSet's name is
 * `<deployment>-<pod-template-hash>`, and the pod carries the hash as a label).
 */
export function podOwner(pod: V1Pod): PodOwner | undefined {
  const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o.controller) ?? pod.metadata?.ownerReferences?.[0];
  if (!owner) return undefined;
  if (owner.kind === 'ReplicaSet') {
    const hash = pod.metadata?.labels?.['pod-template-hash'];
    if (hash && owner.name.endsWith(`-${hash}`)) return { kind: 'Deployment', name: owner.name.slice(0, -hash.length - 1) };
    return { kind: 'ReplicaSet', name: owner.name };
  }
  return { kind: owner.kind, name: owner.name };
}

/** `pod.metadata.name` */
export function podName(pod: V1Pod): string {
  return pod.metadata?.name ?? '(unnamed pod)';
}

/** True for pods that hold resources on their node (not Succeeded or Failed). */
export function isActive(pod: V1Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

function requestOf(c: V1Container): { cpuMillis: number; memoryBytes: number } {
  const r = c.resources?.requests ?? {};
  const where = `container ${c.name}`;
  return {
    cpuMillis: r.cpu !== undefined ? parseCpuMillis(r.cpu, `${where} cpu`) : 0,
    memoryBytes: r.memory !== undefined ? parseBytes(r.memory, `${where} memory`) : 0,
  };
}

/**
 * What the scheduler reserves for a pod: per resource, the larger of the sum
 * of its containers (and sidecar init containers, `restartPolicy: Always`)
 * and its largest other init container.
 * Source: kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers.
 */
export function podRequests(pod: V1Pod): { cpuMillis: number; memoryBytes: number } {
  const spec = pod.spec;
  if (!spec) return { cpuMillis: 0, memoryBytes: 0 };
  const inits = spec.initContainers ?? [];
  const running = [...spec.containers, ...inits.filter((c) => c.restartPolicy === 'Always')].map(requestOf);
  const oneShot = inits.filter((c) => c.restartPolicy !== 'Always').map(requestOf);
  const sum = (k: 'cpuMillis' | 'memoryBytes') => running.reduce((t, r) => t + r[k], 0);
  const max = (k: 'cpuMillis' | 'memoryBytes') => oneShot.reduce((m, r) => Math.max(m, r[k]), 0);
  return { cpuMillis: Math.max(sum('cpuMillis'), max('cpuMillis')), memoryBytes: Math.max(sum('memoryBytes'), max('memoryBytes')) };
}

/** When an event last happened. */
export function eventTime(e: CoreV1Event): number {
  return timeOf(e.lastTimestamp) || timeOf(e.eventTime as Date | string | undefined) || timeOf(e.firstTimestamp) || timeOf(e.metadata?.creationTimestamp);
}

/** Events about one object, newest first. */
export function eventsFor(events: readonly CoreV1Event[], kind: string, name: string): CoreV1Event[] {
  return events.filter((e) => e.involvedObject?.kind === kind && e.involvedObject?.name === name).sort((a, b) => eventTime(b) - eventTime(a));
}

/** `FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu. (×12)` */
export function formatEvent(e: CoreV1Event): string {
  const message = (e.message ?? '').trim().replace(/\s+/g, ' ');
  return `${e.reason ?? e.type ?? 'Event'}${message ? `: ${message}` : ''}${(e.count ?? 1) > 1 ? ` (×${e.count})` : ''}`;
}

/** The newest Warning event about an object, formatted, or undefined. */
export function latestWarning(events: readonly CoreV1Event[], kind: string, name: string, reasons?: readonly string[]): string | undefined {
  const e = eventsFor(events, kind, name).find((x) => x.type === 'Warning' && (!reasons || reasons.includes(x.reason ?? '')));
  return e ? formatEvent(e) : undefined;
}

function lastTermination(s: V1ContainerStatus): string | undefined {
  const t = s.lastState?.terminated;
  if (!t) return undefined;
  return `last exit ${t.exitCode}${t.reason ? ` (${t.reason})` : ''}${t.message ? `: ${t.message.trim().split('\n').pop()}` : ''}`;
}

function waitingText(s: V1ContainerStatus, init: boolean): string | undefined {
  const w = s.state?.waiting;
  if (!w || !w.reason || w.reason === 'ContainerCreating' || w.reason === 'PodInitializing') return undefined;
  const last = lastTermination(s);
  return `${init ? 'init container' : 'container'} ${s.name} ${w.reason}${w.message ? `: ${w.message.trim()}` : ''}${last ? `; ${last}` : ''}${s.restartCount ? `; ${s.restartCount} restarts` : ''}`;
}

/** What is wrong with a pod, one problem per entry, each with its reason; [] when it is running and ready. */
export function podProblems(pod: V1Pod, events: readonly CoreV1Event[]): string[] {
  const name = podName(pod);
  const phase = pod.status?.phase ?? 'Unknown';
  const warning = (reasons?: readonly string[]) => latestWarning(events, 'Pod', name, reasons);
  if (phase === 'Succeeded') return [];
  if (phase === 'Failed') return [`${name} Failed${pod.status?.reason ? ` (${pod.status.reason}${pod.status.message ? `: ${pod.status.message}` : ''})` : ''}`];
  const problems: string[] = [];
  const statuses = [...(pod.status?.initContainerStatuses ?? []).map((s) => ({ s, init: true })), ...(pod.status?.containerStatuses ?? []).map((s) => ({ s, init: false }))];
  if (phase === 'Pending') {
    const scheduled = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
    if (!pod.spec?.nodeName || scheduled?.status === 'False') {
      const why = warning(['FailedScheduling']) ?? (scheduled?.message ? `${scheduled.reason ?? 'Unschedulable'}: ${scheduled.message}` : 'not scheduled yet');
      return [`${name} Pending, not scheduled: ${why}`];
    }
    const waiting = statuses.map(({ s, init }) => waitingText(s, init)).filter((x): x is string => !!x);
    const why = waiting[0] ?? warning(['FailedMount', 'FailedAttachVolume', 'FailedCreatePodSandBox', 'Failed']) ?? 'containers not started yet';
    return [`${name} Pending on ${pod.spec.nodeName}: ${why}`];
  }
  for (const { s, init } of statuses) {
    const waiting = waitingText(s, init);
    if (waiting) {
      const backOff = s.state?.waiting?.reason === 'CrashLoopBackOff' ? warning(['BackOff']) : undefined;
      problems.push(`${name}: ${waiting}${backOff ? ` (${backOff})` : ''}`);
    } else if (s.restartCount >= RESTARTS_ALERT) {
      const last = lastTermination(s);
      problems.push(`${name}: ${init ? 'init container' : 'container'} ${s.name} restarted ${s.restartCount} times${last ? ` (${last})` : ''}`);
    }
  }
  if (problems.length === 0 && phase === 'Running') {
    const ready = (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
    if (ready && ready.status !== 'True') {
      const unhealthy = warning(['Unhealthy']);
      problems.push(`${name} running but not ready${unhealthy ? `: ${unhealthy}` : ready.message ? `: ${ready.message}` : ''}`);
    }
  }
  return problems;
}
