/**
 * `--wait`: whether the release has settled (Helm release deployed, every
 * modelled workload at its replicas and ready, every claim bound, no pod
 * Pending, migrations done), and the loop that polls until it has, or the
 * time is up, or the release failed for good, with progress on a terminal.
 */
import { CheckInput } from './check-input';
import { claimNames, podsOf, workloadObject } from './check-sourcegraph';
import type { ClusterState } from './cluster-state';
import { isActive, podName, podProblems } from './pod-diagnosis';

/** The state of the rollout at one poll. */
export interface SettleStatus {
  readonly settled: boolean;
  /** Final without settling: the Helm release failed (Terraform gave up on it). */
  readonly failed: boolean;
  /** One line: `release deployed; 18/21 workloads ready; 2 claims unbound; 1 pod problem (searcher-0 Pending ...)`. */
  readonly summary: string;
}

/** Parses `90s`, `15m`, `1h`, `1h30m` into milliseconds; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!m || text.trim() === '' || (!m[1] && !m[2] && !m[3])) return undefined;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** `1m05s` */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Where the rollout stands. Pure. */
export function settleStatus(input: CheckInput): SettleStatus {
  const { state, assessment } = input;
  const parts: string[] = [];
  const release = state.helmRelease;
  const releaseOk = release?.status === 'deployed';
  parts.push(release ? `release ${release.status}` : 'no release yet');
  const workloads = assessment.capacity.workloads;
  const ready = workloads.filter((w) => {
    const o = workloadObject(input, w);
    if (!o) return false;
    if (w.kind === 'DaemonSet') {
      const s = (o as { status?: { desiredNumberScheduled?: number; numberReady?: number } }).status;
      return (s?.desiredNumberScheduled ?? 0) > 0 && s?.numberReady === s?.desiredNumberScheduled;
    }
    const d = o as { spec?: { replicas?: number }; status?: { readyReplicas?: number } };
    return (d.spec?.replicas ?? 1) === w.replicas && (d.status?.readyReplicas ?? 0) >= w.replicas;
  }).length;
  parts.push(`${ready}/${workloads.length} workloads ready`);
  const claims = assessment.capacity.storage.volumes.flatMap(claimNames);
  const unbound = claims.filter((c) => state.persistentVolumeClaims.find((p) => p.metadata?.name === c)?.status?.phase !== 'Bound').length;
  if (unbound) parts.push(`${unbound}/${claims.length} claims not bound`);
  const problems = state.pods.filter(isActive).flatMap((p) => podProblems(p, state.events));
  if (problems.length) parts.push(`${problems.length} pod problem${problems.length === 1 ? '' : 's'} (${problems[0]}${problems.length > 1 ? ', ...' : ''})`);
  const frontend = workloads.find((w) => w.key === 'frontend');
  const migrating = frontend
    ? podsOf(input, frontend)
        .filter(isActive)
        .filter((p) => (p.status?.initContainerStatuses ?? []).some((s) => s.name === 'migrator' && !(s.state?.terminated?.exitCode === 0)))
        .map(podName)
    : [];
  if (migrating.length) parts.push(`migrations running (${migrating[0]})`);
  return {
    settled: releaseOk && ready === workloads.length && unbound === 0 && problems.length === 0 && migrating.length === 0,
    failed: release?.status === 'failed',
    summary: parts.join('; '),
  };
}

/** How `waitForSettle` talks to the world (tests replace all of it). */
export interface WaitOptions {
  /** Reads the cluster once. */
  readonly poll: () => Promise<ClusterState>;
  /** The check input for a state. */
  readonly inputFor: (state: ClusterState) => CheckInput;
  readonly timeoutMs: number;
  /** @default 10000 */
  readonly intervalMs?: number;
  /** Called after every poll. */
  readonly onProgress?: (status: SettleStatus, elapsedMs: number) => void;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** @default Date.now */
  readonly now?: () => number;
}

/** The outcome of waiting. */
export interface WaitResult {
  readonly status: SettleStatus;
  readonly elapsedMs: number;
  readonly timedOut: boolean;
}

/** Polls until the release settles, fails, or `timeoutMs` passes. */
export async function waitForSettle(options: WaitOptions): Promise<WaitResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const interval = options.intervalMs ?? 10_000;
  const started = now();
  for (;;) {
    const status = settleStatus(options.inputFor(await options.poll()));
    const elapsedMs = now() - started;
    options.onProgress?.(status, elapsedMs);
    if (status.settled || status.failed) return { status, elapsedMs, timedOut: false };
    if (elapsedMs + interval > options.timeoutMs) return { status, elapsedMs, timedOut: true };
    await sleep(interval);
  }
}

/** Progress lines for `--wait`: rewritten in place on a terminal, a line on each change otherwise. */
export function progressPrinter(stream: { isTTY?: boolean; write(text: string): unknown }): { update: (status: SettleStatus, elapsedMs: number) => void; done: () => void } {
  let last = '';
  return {
    update(status, elapsedMs) {
      const line = `waiting for the release to settle (${formatDuration(elapsedMs)}): ${status.summary}`;
      if (stream.isTTY) {
        const width = (stream as { columns?: number }).columns ?? 120;
        stream.write(`\r\x1b[2K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`);
      } else if (status.summary !== last) {
        stream.write(`${line}\n`);
      }
      last = status.summary;
    },
    done() {
      if (stream.isTTY && last) stream.write('\n');
    },
  };
}
