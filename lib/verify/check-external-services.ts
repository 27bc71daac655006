/**
 * External-service decisions, one per service the design externalizes:
 * Sourcegraph's own PostgreSQL, Redis or blobstore not running in the
 * cluster, the values in effect (the release's) turning them off, the
 * frontend and worker reading their connections from the Secrets
 * sg-replica made (or the bucket through their cloud identity), and those
 * pods up, which they are only once connected. What the release renders for
 * each store comes from release-expectations.ts (the chart's model, or a
 * Kustomize replica's manifests). Pure.
 *
 * Environment variable names are the chart's (templates/_helpers.tpl:
 * `sourcegraph.databaseAuth` with prefixes PG, CODEINTEL_PG, CODEINSIGHTS_PG;
 * `sourcegraph.redisConnection`).
 */
import type { V1Container, V1Deployment, V1EnvVar } from '@kubernetes/client-node';
import { valueAt, Workload } from '../sizing/workloads';
import { CLOUDS } from '../cloud/clouds';
import {
  EXTERNAL_DATABASE_SECRET_NAMES,
  EXTERNAL_REDIS_SECRET_NAMES,
} from '../sourcegraph/external-services-values';
import { CheckInput, unreadable } from './check-input';
import { Decision, judged, unchecked } from './decision';
import { podsOf } from './check-sourcegraph';
import { isActive, podName, podProblems } from './pod-diagnosis';
import { releaseExpectations } from './release-expectations';

/** The Job that creates the databases on the external server (AWS): `DatabaseBootstrapJob`'s default name (lib/kubernetes/database-bootstrap.ts, which loads cdktf). */
export const DATABASE_BOOTSTRAP_JOB = 'sg-replica-create-databases';
/** What `designHelmValues` puts where cloud identifiers exist only after deploy. */
const DEPLOY_PLACEHOLDER = '<set at deploy>';
/** What a Kustomize replica's manifests hold there until the generated chart swaps them at install (lib/kustomize/replica-layer.ts). */
const KUSTOMIZE_PLACEHOLDER_PREFIX = 'sg-replica-deploy-time-';

type ServiceKind = 'postgres' | 'redis' | 'objectStorage';

/** Per external service: the chart's in-cluster counterparts (values keys) and the connection the apps read. */
const EXTERNAL: Readonly<Record<ServiceKind, { readonly title: string; readonly keys: readonly string[] }>> = {
  postgres: { title: 'PostgreSQL', keys: ['pgsql', 'codeIntelDB', 'codeInsightsDB'] },
  redis: { title: 'Redis', keys: ['redisCache', 'redisStore'] },
  objectStorage: { title: 'object storage', keys: ['blobstore'] },
};

/** Database values key -> the environment prefix the chart gives its connection. */
const DATABASE_ENV_PREFIX: Readonly<Record<string, string>> = { pgsql: 'PG', codeIntelDB: 'CODEINTEL_PG', codeInsightsDB: 'CODEINSIGHTS_PG' };
/** Redis values key -> the environment variable of its endpoint. */
const REDIS_ENV: Readonly<Record<string, string>> = { redisCache: 'REDIS_CACHE_ENDPOINT', redisStore: 'REDIS_STORE_ENDPOINT' };

function secretRef(env: readonly V1EnvVar[] | undefined, name: string): string | undefined {
  return env?.find((e) => e.name === name)?.valueFrom?.secretKeyRef?.name;
}

function envValue(env: readonly V1EnvVar[] | undefined, name: string): string | undefined {
  return env?.find((e) => e.name === name)?.value;
}

/** The apps that must reach an external service themselves: frontend and every worker Deployment (release-expectations.ts says which for a Kustomize release). */
function apps(input: CheckInput, kind: ServiceKind): Workload[] {
  const keys = releaseExpectations(input).connectionApps(kind);
  return input.assessment.capacity.workloads.filter((w) => keys.includes(w.key));
}

function mainContainer(d: V1Deployment | undefined, w: Workload): V1Container | undefined {
  const containers = d?.spec?.template?.spec?.containers ?? [];
  return containers.find((c) => c.name === w.containers[0]?.name) ?? containers[0];
}

/** The in-cluster workload of a store values key, as the release renders it (release-expectations.ts). */
function counterpart(input: CheckInput, key: string): { kinds: readonly Workload['kind'][]; name: string } | undefined {
  return releaseExpectations(input).store(key);
}

function inClusterProblems(input: CheckInput, kind: ServiceKind): string[] {
  const { state } = input;
  const expected = releaseExpectations(input);
  const problems: string[] = [];
  for (const key of EXTERNAL[kind].keys) {
    const c = counterpart(input, key);
    if (!c) continue;
    for (const k of c.kinds) {
      const list = k === 'StatefulSet' ? state.statefulSets : state.deployments;
      const object = list.find((o) => o.metadata?.name === c.name);
      const pods = podsOf(input, { kind: k, name: c.name }).filter(isActive);
      if (object || pods.length) {
        const replicas = object?.spec?.replicas ?? pods.length;
        const where = pods.map((p) => `${podName(p)}${p.spec?.nodeName ? ` on ${p.spec.nodeName}` : ''} ${p.status?.phase ?? ''}`.trim());
        problems.push(`in-cluster ${c.name} is still running: ${k} ${c.name} with ${replicas} replica${replicas === 1 ? '' : 's'}${where.length ? ` (${where.join(', ')})` : ''}`);
      }
    }
    const release = state.helmRelease;
    const valuesProblem = release && expected.storeValuesProblem(release, key);
    if (valuesProblem) problems.push(valuesProblem);
  }
  return problems;
}

function connectionProblems(input: CheckInput, kind: ServiceKind): { problems: string[]; evidence: string[] } {
  const { design, assessment, state } = input;
  const problems: string[] = [];
  const evidence: string[] = [];
  const values = assessment.finalValues;
  for (const w of apps(input, kind)) {
    const d = state.deployments.find((o) => o.metadata?.name === w.name);
    const container = mainContainer(d, w);
    if (!d || !container) {
      problems.push(`${w.name}: no Deployment to read its connection from`);
      continue;
    }
    const env = container.env;
    if (kind === 'postgres') {
      for (const [key, prefix] of Object.entries(DATABASE_ENV_PREFIX)) {
        const expected = valueAt(values, `${key}.auth.existingSecret`) ?? EXTERNAL_DATABASE_SECRET_NAMES[key as keyof typeof EXTERNAL_DATABASE_SECRET_NAMES];
        const actual = secretRef(env, `${prefix}HOST`);
        if (actual !== expected) problems.push(`${w.name}: ${prefix}HOST comes from ${actual ? `Secret ${actual}` : 'no Secret'}, designed Secret ${String(expected)}`);
        else evidence.push(`${w.name}: ${prefix}HOST from Secret ${actual}`);
      }
    } else if (kind === 'redis') {
      for (const [key, variable] of Object.entries(REDIS_ENV)) {
        const expected = valueAt(values, `${key}.connection.existingSecret`) ?? EXTERNAL_REDIS_SECRET_NAMES[key as keyof typeof EXTERNAL_REDIS_SECRET_NAMES];
        const actual = secretRef(env, variable);
        if (actual !== expected) problems.push(`${w.name}: ${variable} comes from ${actual ? `Secret ${actual}` : 'no Secret'}, designed Secret ${String(expected)}`);
        else evidence.push(`${w.name}: ${variable} from Secret ${actual}`);
      }
    } else {
      const cloud = CLOUDS[design.cloud.provider];
      const backend = cloud.objectStorage;
      // Every env prefix the release reads (SOURCEGRAPH_UPLOAD_* on chart 7.x, PRECISE_CODE_INTEL_UPLOAD_* and
      // SEARCH_JOBS_UPLOAD_* on 6.x; the Kustomize release's own): lib/verify/release-expectations.ts.
      for (const prefix of releaseExpectations(input).uploadEnvPrefixes) {
        const actual = envValue(env, `${prefix}BACKEND`);
        const bucket = envValue(env, `${prefix}BUCKET`);
        if (actual !== backend) problems.push(`${w.name}: ${prefix}BACKEND is ${actual ?? 'unset'}, designed ${backend}`);
        if (!bucket || bucket === DEPLOY_PLACEHOLDER || bucket.startsWith(KUSTOMIZE_PLACEHOLDER_PREFIX)) problems.push(`${w.name}: ${prefix}BUCKET is ${bucket ?? 'unset'}`);
        else evidence.push(`${w.name}: ${actual} bucket ${bucket} (${prefix}*)`);
      }
      const account = releaseExpectations(input).uploadStoreConsumers.find((c) => c.key === w.key)?.serviceAccount;
      const annotation = cloud.workloadIdentity.annotation;
      const podAccount = d.spec?.template?.spec?.serviceAccountName;
      if (account && podAccount !== account) problems.push(`${w.name} runs as service account ${podAccount ?? 'default'}, designed ${account}`);
      const sa = state.serviceAccounts.find((s) => s.metadata?.name === (podAccount ?? account));
      const identity = sa?.metadata?.annotations?.[annotation];
      if (!state.readErrors.serviceAccounts) {
        if (!identity || identity === DEPLOY_PLACEHOLDER || identity.startsWith(KUSTOMIZE_PLACEHOLDER_PREFIX)) problems.push(`service account ${podAccount ?? account} has no ${annotation} annotation: ${w.name} cannot reach the bucket`);
        else evidence.push(`service account ${podAccount ?? account}: ${annotation}=${identity}`);
      }
    }
  }
  return { problems, evidence };
}

function secretProblems(input: CheckInput, kind: ServiceKind): string[] {
  const { state, assessment } = input;
  if (kind === 'objectStorage' || state.readErrors.secrets) return [];
  const keys =
    kind === 'postgres'
      ? Object.keys(DATABASE_ENV_PREFIX).map((k) => [`${k}.auth.existingSecret`, EXTERNAL_DATABASE_SECRET_NAMES[k as keyof typeof EXTERNAL_DATABASE_SECRET_NAMES]])
      : Object.keys(REDIS_ENV).map((k) => [`${k}.connection.existingSecret`, EXTERNAL_REDIS_SECRET_NAMES[k as keyof typeof EXTERNAL_REDIS_SECRET_NAMES]]);
  // A Helm release names the Secrets in its values; a Kustomize replica's layer reads sg-replica's own names.
  return keys
    .map(([k, name]) => valueAt(assessment.finalValues, k) ?? name)
    .filter((name): name is string => typeof name === 'string' && !state.secretNames.includes(name))
    .map((name) => `Secret ${name} does not exist: the pods that read it cannot start`);
}

/** Why the apps' pods do not prove the connection yet (not running, not ready), or []. */
function notReady(input: CheckInput, kind: ServiceKind): string[] {
  const reasons: string[] = [];
  for (const w of apps(input, kind)) {
    const pods = podsOf(input, w).filter(isActive);
    if (pods.length === 0) reasons.push(`${w.name} has no pod`);
    for (const p of pods) reasons.push(...podProblems(p, input.state.events));
  }
  return reasons;
}

function bootstrapProblems(input: CheckInput): { problems: string[]; evidence: string[] } {
  const job = input.state.jobs.find((j) => j.metadata?.name === DATABASE_BOOTSTRAP_JOB);
  if (!job) return { problems: [], evidence: [] };
  if ((job.status?.succeeded ?? 0) > 0) return { problems: [], evidence: [`Job ${DATABASE_BOOTSTRAP_JOB} succeeded: the databases exist on the server`] };
  const failed = (job.status?.conditions ?? []).find((c) => c.type === 'Failed' && c.status === 'True');
  return {
    problems: [`Job ${DATABASE_BOOTSTRAP_JOB} ${failed ? `failed: ${failed.reason ?? ''}${failed.message ? ` ${failed.message}` : ''}`.trim() : 'has not succeeded yet'}`],
    evidence: [],
  };
}

function checkService(input: CheckInput, kind: ServiceKind): Decision {
  const { design, state } = input;
  const cloud = CLOUDS[design.cloud.provider];
  const managed = { postgres: cloud.postgres.service, redis: cloud.redisService, objectStorage: cloud.objectStorage }[kind];
  const head = { id: `external.${kind === 'objectStorage' ? 'object-storage' : kind}`, family: 'external' as const, title: `${EXTERNAL[kind].title} on ${managed}, none in the cluster` };
  const cannot = unreadable(state, ['deployments', 'statefulSets', 'pods']);
  if (cannot.length) return unchecked(head, 'could not list the workloads and pods', cannot);
  const connection = connectionProblems(input, kind);
  const bootstrap = kind === 'postgres' ? bootstrapProblems(input) : { problems: [], evidence: [] };
  const problems = [...inClusterProblems(input, kind), ...connection.problems, ...secretProblems(input, kind), ...bootstrap.problems];
  const names = apps(input, kind).map((w) => w.name).join(' and ');
  const evidence = [...connection.evidence, ...bootstrap.evidence];
  const waiting = notReady(input, kind);
  if (problems.length === 0 && waiting.length > 0) {
    // Wired as designed, but only running, ready pods prove the connection; their problems are in sourcegraph.pods.
    return unchecked(head, `wired as designed, but the connection is not proven while ${names} are not all ready`, waiting, evidence);
  }
  return judged(
    head,
    problems,
    `no in-cluster ${EXTERNAL[kind].keys.map((k) => counterpart(input, k)?.name ?? k).join('/')}; ${names} read ${kind === 'objectStorage' ? 'the bucket through their cloud identity' : 'their connection from sg-replica’s Secrets'} and are ready`,
    `Sourcegraph does not use ${managed} as designed`,
    evidence,
  );
}

/** One decision per external service of the design, in report order. */
export function checkExternalServices(input: CheckInput): Decision[] {
  const ext = input.design.externalServices;
  return (['postgres', 'redis', 'objectStorage'] as const).filter((k) => ext[k] !== undefined).map((k) => checkService(input, k));
}
