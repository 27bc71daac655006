/**
 * Sourcegraph decisions: the Helm release and its chart version, the image
 * versions, every workload at its designed replicas and ready, every volume
 * bound with the replica's class and at least the designed size, no pod
 * Pending, crash-looping or restarting repeatedly (each with its reason), and
 * the database migrations finished. The expectations come from the capacity
 * simulation's workloads and, per deployment method, the design's values or
 * the rendered Kustomize manifests (release-expectations.ts). Pure.
 */
import type { V1DaemonSet, V1Deployment, V1PersistentVolumeClaim, V1Pod, V1StatefulSet } from '@kubernetes/client-node';
import { formatStorage, parseBytes } from '../sizing/quantity';
import { Workload } from '../sizing/workloads';
import { CheckInput, unreadable } from './check-input';
import { designStorageClassName } from './check-cluster';
import { confirmed, Decision, deviates, judged, unchecked } from './decision';
import { someNames } from './node-pools';
import { isActive, latestWarning, podName, podOwner, podProblems } from './pod-diagnosis';
import { releaseExpectations } from './release-expectations';

/** Name of the Sourcegraph Helm release: `SourcegraphRelease`'s default (lib/sourcegraph/sourcegraph-release.ts, which loads cdktf). */
export const SOURCEGRAPH_RELEASE_NAME = 'sourcegraph';
export { DEFAULT_IMAGE_REPOSITORY, parseImage } from './release-expectations';

type WorkloadObject = V1Deployment | V1StatefulSet | V1DaemonSet;

/** The Kubernetes object of a modelled workload, when it exists. */
export function workloadObject(input: CheckInput, w: Pick<Workload, 'kind' | 'name'>): WorkloadObject | undefined {
  const list: readonly WorkloadObject[] =
    w.kind === 'Deployment' ? input.state.deployments : w.kind === 'StatefulSet' ? input.state.statefulSets : input.state.daemonSets;
  return list.find((o) => o.metadata?.name === w.name);
}

/** Pods of a workload (by owner). */
export function podsOf(input: CheckInput, w: Pick<Workload, 'kind' | 'name'>): V1Pod[] {
  return input.state.pods.filter((p) => {
    const o = podOwner(p);
    return o?.kind === w.kind && o.name === w.name;
  });
}

function checkRelease(input: CheckInput): Decision {
  const { design, state } = input;
  const expected = releaseExpectations(input);
  const head = { id: 'sourcegraph.release', family: 'sourcegraph' as const, title: `Helm release ${SOURCEGRAPH_RELEASE_NAME}: ${expected.chart}` };
  const cannot = unreadable(state, ['helmRelease']);
  if (cannot.length) return unchecked(head, 'could not read the Helm release', cannot);
  const r = state.helmRelease;
  if (!r) {
    return deviates(head, 'no Helm release', [
      `no Helm release ${SOURCEGRAPH_RELEASE_NAME} in namespace ${design.sourcegraph.namespace}${state.namespace ? '' : ' (the namespace does not exist)'}: the Sourcegraph stack is not deployed`,
    ]);
  }
  const problems: string[] = expected.chartProblems(r.chartName, r.chartVersion);
  if (r.status !== 'deployed') problems.push(`revision ${r.revision} is ${r.status}${r.description ? `: ${r.description}` : ''}`);
  return judged(
    head,
    problems,
    `revision ${r.revision} ${r.status}, chart ${r.chartName} ${r.chartVersion}${r.lastDeployed ? ` (${r.lastDeployed})` : ''}`,
    `the release differs from the design`,
    [`release ${r.name} revision ${r.revision}: ${r.status}; ${r.description}`],
  );
}

function checkImages(input: CheckInput): Decision {
  const { design, state, assessment } = input;
  const expected = releaseExpectations(input);
  const head = { id: 'sourcegraph.images', family: 'sourcegraph' as const, title: `Sourcegraph ${design.sourcegraph.version} images from ${expected.imagesFrom}` };
  const cannot = unreadable(state, ['pods']);
  if (cannot.length) return unchecked(head, 'could not list the pods', cannot);
  const problems = new Map<string, string[]>();
  let count = 0;
  for (const w of assessment.capacity.workloads) {
    const names = new Set([...w.containers, ...w.initContainers].map((c) => c.name));
    for (const pod of podsOf(input, w).filter(isActive)) {
      for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
        if (!names.has(c.name) || !c.image) continue;
        count++;
        const problem = expected.imageProblem(w, c.name, c.image);
        if (problem) problems.set(problem, [...(problems.get(problem) ?? []), `${podName(pod)}/${c.name}`]);
      }
    }
  }
  if (count === 0) return unchecked(head, 'no Sourcegraph container is running to look at', ['no pod of the release exists yet']);
  return judged(
    head,
    [...problems].map(([p, where]) => `${p} (${someNames(where)})`),
    `${count} containers run ${design.sourcegraph.version} images from ${expected.imagesFrom}`,
    'containers run other images than designed',
  );
}

function desiredReady(o: WorkloadObject, kind: Workload['kind']): { desired: number; ready: number } {
  if (kind === 'DaemonSet') {
    const s = (o as V1DaemonSet).status;
    return { desired: s?.desiredNumberScheduled ?? 0, ready: s?.numberReady ?? 0 };
  }
  const spec = (o as V1Deployment | V1StatefulSet).spec;
  return { desired: spec?.replicas ?? 1, ready: (o as V1Deployment | V1StatefulSet).status?.readyReplicas ?? 0 };
}

function checkWorkloads(input: CheckInput): Decision {
  const { assessment, state } = input;
  const workloads = assessment.capacity.workloads;
  const head = {
    id: 'sourcegraph.workloads',
    family: 'sourcegraph' as const,
    title: `${workloads.length} workloads at their designed replicas, all ready`,
  };
  const cannot = unreadable(state, ['deployments', 'statefulSets', 'daemonSets']);
  if (cannot.length) return unchecked(head, 'could not list the workloads', cannot);
  const problems: string[] = [];
  const evidence: string[] = [];
  let pods = 0;
  for (const w of workloads) {
    const o = workloadObject(input, w);
    if (!o) {
      problems.push(`${w.kind} ${w.name} does not exist`);
      continue;
    }
    const { desired, ready } = desiredReady(o, w.kind);
    pods += desired;
    evidence.push(`${w.kind} ${w.name}: ${ready}/${desired} ready${w.kind === 'DaemonSet' ? '' : `, designed ${w.replicas}`}`);
    if (w.kind !== 'DaemonSet' && desired !== w.replicas) problems.push(`${w.name} runs ${desired} replica${desired === 1 ? '' : 's'}, designed ${w.replicas}`);
    if (ready < desired) problems.push(`${w.name}: ${ready}/${desired} ready${w.kind === 'DaemonSet' && desired === 0 ? '' : ' (see the pods)'}`);
    if (w.kind === 'DaemonSet' && desired === 0) problems.push(`DaemonSet ${w.name} is scheduled on no node`);
  }
  return judged(head, problems, `${workloads.length} workloads, ${pods} pods ready`, 'workloads missing, at other replica counts or not ready', evidence);
}

/** The claim names of a modelled volume: the claim itself, or `<volume>-<statefulset>-<i>` per replica. */
export function claimNames(v: { readonly claimName: string; readonly count: number }): string[] {
  if (v.count <= 1 || !/-0$/.test(v.claimName)) return [v.claimName];
  const stem = v.claimName.slice(0, -2);
  return Array.from({ length: v.count }, (_, i) => `${stem}-${i}`);
}

function pvcSize(pvc: V1PersistentVolumeClaim): number | undefined {
  const q = pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage;
  return q === undefined ? undefined : parseBytes(q, `PersistentVolumeClaim ${pvc.metadata?.name} size`);
}

function checkVolumes(input: CheckInput): Decision {
  const { assessment, state } = input;
  const storage = assessment.capacity.storage;
  const className = designStorageClassName(input);
  const head = {
    id: 'sourcegraph.volumes',
    family: 'sourcegraph' as const,
    title: `${storage.claims} volumes (${formatStorage(storage.totalBytes)}) bound on StorageClass ${className}`,
  };
  const cannot = unreadable(state, ['persistentVolumeClaims']);
  if (cannot.length) return unchecked(head, 'could not list the PersistentVolumeClaims', cannot);
  const problems: string[] = [];
  let bound = 0;
  for (const v of storage.volumes) {
    for (const name of claimNames(v)) {
      const pvc = state.persistentVolumeClaims.find((p) => p.metadata?.name === name);
      if (!pvc) {
        problems.push(`${name} (${v.workload}) does not exist`);
        continue;
      }
      const phase = pvc.status?.phase ?? 'Pending';
      if (phase !== 'Bound') {
        const why = latestWarning(state.events, 'PersistentVolumeClaim', name) ?? 'no event explains it';
        problems.push(`${name} is ${phase}, not Bound: ${why}`);
      } else bound++;
      const cls = pvc.spec?.storageClassName;
      if (cls !== className) problems.push(`${name} uses StorageClass ${cls ?? '(cluster default)'}, designed ${className}`);
      const size = pvcSize(pvc);
      if (size !== undefined && size < v.sizeBytes) problems.push(`${name} holds ${formatStorage(size)}, designed ${formatStorage(v.sizeBytes)} (${v.sizeKey})`);
    }
  }
  return judged(head, problems, `${bound} claims Bound on ${className}, each at least its designed size`, 'volumes missing, unbound, smaller or on another class');
}

function checkPods(input: CheckInput): Decision {
  const { state } = input;
  const head = { id: 'sourcegraph.pods', family: 'sourcegraph' as const, title: 'No pod Pending, crash-looping or restarting repeatedly' };
  const cannot = unreadable(state, ['pods']);
  if (cannot.length) return unchecked(head, 'could not list the pods', cannot);
  // Job pods (sg-replica's database bootstrap) are judged with the external services.
  const owned = state.pods.filter((p) => p.status?.phase !== 'Succeeded' && podOwner(p)?.kind !== 'Job');
  const problems = owned.flatMap((p) => podProblems(p, state.events));
  if (owned.length === 0) return unchecked(head, `no pod in namespace ${input.design.sourcegraph.namespace}`, ['no pod of the release exists yet']);
  const running = owned.filter((p) => p.status?.phase === 'Running').length;
  return judged(head, problems, `${running} pods running and ready, none restarting`, `${problems.length} pod problem${problems.length === 1 ? '' : 's'}`);
}

function checkMigrations(input: CheckInput): Decision {
  const { assessment, state } = input;
  const head = { id: 'sourcegraph.migrations', family: 'sourcegraph' as const, title: 'Database migrations finished (frontend migrator)' };
  const migrator = releaseExpectations(input).migrator;
  if (!migrator.runs) return confirmed(head, migrator.why);
  const cannot = unreadable(state, ['pods']);
  if (cannot.length) return unchecked(head, 'could not list the pods', cannot);
  const frontend = assessment.capacity.workloads.find((w) => w.key === 'frontend');
  const pods = frontend ? podsOf(input, frontend).filter(isActive) : [];
  if (pods.length === 0) return unchecked(head, 'no frontend pod to look at', ['no frontend pod exists: the migrator runs as its init container']);
  const problems: string[] = [];
  let done = 0;
  for (const pod of pods) {
    const s = (pod.status?.initContainerStatuses ?? []).find((c) => c.name === 'migrator');
    if (!s) {
      problems.push(`${podName(pod)} has no migrator status yet`);
      continue;
    }
    const t = s.state?.terminated;
    if (t && t.exitCode === 0) {
      done++;
      continue;
    }
    if (t) problems.push(`${podName(pod)}: migrator exited ${t.exitCode}${t.reason ? ` (${t.reason})` : ''}${t.message ? `: ${t.message.trim().split('\n').pop()}` : ''}`);
    else if (s.state?.waiting) {
      const last = s.lastState?.terminated;
      problems.push(`${podName(pod)}: migrator ${s.state.waiting.reason ?? 'waiting'}${last ? `; last exit ${last.exitCode}${last.reason ? ` (${last.reason})` : ''}${last.message ? `: ${last.message.trim().split('\n').pop()}` : ''}` : ''}; ${s.restartCount} restarts`);
    } else problems.push(`${podName(pod)}: migrator still running${s.state?.running?.startedAt ? ` since ${new Date(s.state.running.startedAt).toISOString()}` : ''}`);
  }
  return judged(head, problems, `migrator completed (exit 0) in ${done} frontend pod${done === 1 ? '' : 's'}`, 'migrations not finished');
}

/** The Sourcegraph decisions, in report order. */
export function checkSourcegraph(input: CheckInput): Decision[] {
  return [checkRelease(input), checkImages(input), checkWorkloads(input), checkVolumes(input), checkPods(input), checkMigrations(input)];
}
