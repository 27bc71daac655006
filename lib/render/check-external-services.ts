/**
 * With external services designed, the rendered release runs none of their
 * in-cluster counterparts, and every service that uses them has the
 * connection it needs:
 *
 * - postgres: no pgsql, codeintel-db or codeinsights-db workload; the
 *   frontend (its container and its migrator init container) reads
 *   `PG*`, `CODEINTEL_PG*` and `CODEINSIGHTS_PG*` from the Secrets the
 *   stack creates;
 * - redis: no redis-cache or redis-store; frontend, worker, gitserver and
 *   searcher read `REDIS_CACHE_ENDPOINT` and `REDIS_STORE_ENDPOINT` from the
 *   stack's Secrets (the consumers the chart's `sourcegraph.redisConnection`
 *   helper names);
 * - objectStorage: no blobstore; every upload store consumer of the chart
 *   version (`uploadStoreWiring`) that runs has each env var of the version
 *   with the bucket's settings, and runs as the ServiceAccount the bucket's
 *   cloud identity trusts, annotated with that identity.
 */
import { Design } from '../design/model';
import { chartDefaults } from '../sizing/chart-defaults';
import { valueAt } from '../sizing/workloads';
import { CLOUDS } from '../cloud/clouds';
import { HelmValues, mergeValues } from '../helm/merge-values';
import { uploadStoreServiceAccounts, uploadStoreWiring } from '../sourcegraph/upload-store';
import { RenderedObject } from './helm-template';
import { externalDatabaseEnvProblems, externalRedisEnvProblems, uploadStoreEnvProblems } from './container-env';
import { PodTemplate, podTemplates } from './pod-templates';
import { RenderFinding } from './render-finding';

/** Values keys of the services that read Redis (the chart's `sourcegraph.redisConnection` helper). */
const REDIS_CONSUMERS = ['frontend', 'worker', 'gitserver', 'searcher'];
/** Values keys of the in-cluster stores each external service replaces. */
const IN_CLUSTER = { postgres: ['pgsql', 'codeIntelDB', 'codeInsightsDB'], redis: ['redisCache', 'redisStore'], objectStorage: ['blobstore'] } as const;

/** Checks of one design's rendered Sourcegraph chart. */
export function checkExternalServices(design: Design, values: Readonly<HelmValues>, objects: readonly RenderedObject[]): RenderFinding[] {
  const ext = design.externalServices;
  const version = design.sourcegraph.version;
  const merged = mergeValues(chartDefaults(version), values);
  const nameOf = (key: string) => String(valueAt(merged, `${key}.name`) ?? key);
  const pods = podTemplates(objects);
  /** The pods of a service: its workload, and for `worker` every split worker Deployment. */
  const podsOf = (key: string): PodTemplate[] => {
    const name = nameOf(key);
    return pods.filter((p) => p.name === name || (key === 'worker' && p.name.startsWith(`${name}-`)));
  };
  const findings: RenderFinding[] = [];
  const error = (object: string | undefined, message: string) => findings.push({ severity: 'error', check: 'external-services', ...(object ? { object } : {}), message });

  for (const service of ['postgres', 'redis', 'objectStorage'] as const) {
    if (ext[service] === undefined) continue;
    for (const key of IN_CLUSTER[service]) {
      for (const pod of podsOf(key)) error(pod.owner, `runs in the cluster although the design has externalServices.${service}`);
    }
  }

  if (ext.postgres) {
    const frontend = podsOf('frontend');
    if (frontend.length === 0) error(undefined, 'no frontend workload rendered: nothing connects to the external PostgreSQL');
    for (const pod of frontend) {
      for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])].filter((x) => x.name === 'frontend' || x.name === 'migrator')) {
        for (const problem of externalDatabaseEnvProblems(c)) error(`${pod.owner} container ${c.name}`, problem);
      }
    }
  }

  if (ext.redis) {
    for (const key of REDIS_CONSUMERS) {
      const consumers = podsOf(key);
      if (consumers.length === 0) error(undefined, `no ${key} workload rendered, but it reads Redis`);
      for (const pod of consumers) {
        for (const c of pod.spec.containers ?? []) {
          if (c.name.endsWith('exporter')) continue;
          for (const problem of externalRedisEnvProblems(c)) error(`${pod.owner} container ${c.name}`, problem);
        }
      }
    }
  }

  if (ext.objectStorage) {
    const wiring = uploadStoreWiring(version);
    const trusted = uploadStoreServiceAccounts(version);
    const cloud = CLOUDS[design.cloud.provider];
    const annotation = cloud.workloadIdentity.annotation;
    const backend = cloud.objectStorage;
    const serviceAccounts = new Map(objects.filter((o) => o.kind === 'ServiceAccount').map((o) => [o.metadata.name, o]));
    let running = 0;
    for (const consumer of wiring.consumers) {
      for (const pod of podsOf(consumer.key)) {
        running++;
        const main = (pod.spec.containers ?? [])[0];
        for (const problem of uploadStoreEnvProblems(main, { prefixes: wiring.envPrefixes, backend, source: `chart ${version}` })) error(`${pod.owner} container ${main.name}`, problem);
        const sa = pod.spec.serviceAccountName ?? 'default';
        if (!trusted.includes(sa)) {
          error(pod.owner, `runs as ServiceAccount "${sa}", which the bucket's ${cloud.workloadIdentity.noun} does not trust (it trusts ${trusted.join(', ')})`);
        } else {
          const annotations = (serviceAccounts.get(sa)?.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations ?? {};
          if (!serviceAccounts.has(sa)) error(pod.owner, `runs as ServiceAccount "${sa}", which the chart does not render`);
          else if (typeof annotations[annotation] !== 'string' || annotations[annotation] === '') error(`ServiceAccount/${sa}`, `has no ${annotation} annotation: ${pod.owner} gets no cloud identity for the bucket`);
        }
      }
    }
    if (running === 0) error(undefined, 'no upload store consumer rendered');
  }
  return findings;
}
