/**
 * With external services designed, the rendered Kustomize replica runs none
 * of their in-cluster counterparts, and every service that uses them has
 * the connection it needs: the Kustomize counterpart of
 * lib/render/check-external-services.ts, with the release's workload names
 * and env (releases.ts). Pure.
 *
 * - postgres: no pgsql, codeintel-db or codeinsights-db; frontend's
 *   `frontend` container and `migrator` init container read `PG*`,
 *   `CODEINTEL_PG*` and `CODEINSIGHTS_PG*` from the stack's Secrets, and no
 *   `*PGDATASOURCE` connection string (which Sourcegraph prefers) reaches
 *   them from their env or the ConfigMaps they read;
 * - redis: no redis-cache or redis-store; the Redis consumers read
 *   `REDIS_CACHE_ENDPOINT` and `REDIS_STORE_ENDPOINT` from the stack's
 *   Secrets;
 * - objectStorage: no blobstore; every upload store consumer that runs has
 *   the release's upload store env with the bucket, and runs as its
 *   ServiceAccount, which carries the bucket's cloud identity annotation.
 */
import { Design } from '../design/model';
import { RenderedObject } from '../render/helm-template';
import { envOf, externalDatabaseEnvProblems, externalRedisEnvProblems, uploadStoreEnvProblems } from '../render/container-env';
import { PodTemplate, podTemplates } from '../render/pod-templates';
import { RenderFinding } from '../render/render-finding';
import { CLOUDS } from '../cloud/clouds';
import { KUSTOMIZE_CLOUD_WIRING } from './cloud-wiring';
import { ExternalServiceKind, IN_CLUSTER_STORES, KustomizeRelease } from './releases';

const DATASOURCES = ['PGDATASOURCE', 'CODEINTEL_PGDATASOURCE', 'CODEINSIGHTS_PGDATASOURCE'];

/** Checks of a design's rendered Kustomize replica. */
export function checkKustomizeExternalServices(design: Design, release: KustomizeRelease, objects: readonly RenderedObject[]): RenderFinding[] {
  const ext = design.externalServices;
  const pods = podTemplates(objects);
  const podsOf = (key: string): PodTemplate[] => pods.filter((p) => p.name === release.services[key]?.workload && p.kind !== 'Job');
  const findings: RenderFinding[] = [];
  const error = (object: string | undefined, message: string) => findings.push({ severity: 'error', check: 'external-services', ...(object ? { object } : {}), message });

  for (const kind of Object.keys(IN_CLUSTER_STORES) as ExternalServiceKind[]) {
    if (ext[kind] === undefined) continue;
    for (const key of IN_CLUSTER_STORES[kind]) for (const pod of podsOf(key)) error(pod.owner, `runs in the cluster although the design has externalServices.${kind}`);
  }

  if (ext.postgres) {
    const frontend = podsOf('frontend');
    if (frontend.length === 0) error(undefined, 'no frontend workload rendered: nothing connects to the external PostgreSQL');
    const configMaps = new Map(objects.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata.name, (o.data ?? {}) as Record<string, unknown>]));
    for (const pod of frontend) {
      for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])].filter((x) => x.name === 'frontend' || x.name === 'migrator')) {
        for (const problem of externalDatabaseEnvProblems(c)) error(`${pod.owner} container ${c.name}`, problem);
        const fromConfigMaps = (c.envFrom ?? []).flatMap((e) => {
          const name = (e.configMapRef as { name?: unknown } | undefined)?.name;
          return typeof name === 'string' ? Object.keys(configMaps.get(name) ?? {}).map((k) => ({ k, from: `ConfigMap ${name}` })) : [];
        });
        for (const ds of DATASOURCES) {
          const inEnv = envOf(c, ds);
          const inMap = fromConfigMaps.find((x) => x.k === ds);
          if ((inEnv && inEnv.value !== '') || (!inEnv && inMap)) {
            error(`${pod.owner} container ${c.name}`, `${ds} is set${inMap && !inEnv ? ` (from ${inMap.from})` : ''}: Sourcegraph prefers it over the ${ds.replace('DATASOURCE', '')}* settings, so it would not use the external database`);
          }
        }
      }
    }
  }

  if (ext.redis) {
    for (const key of release.redisConsumers) {
      const consumers = podsOf(key);
      if (consumers.length === 0) continue;
      for (const pod of consumers) {
        const main = (pod.spec.containers ?? [])[0];
        if (!main) continue;
        for (const problem of externalRedisEnvProblems(main)) error(`${pod.owner} container ${main.name}`, problem);
      }
    }
  }

  if (ext.objectStorage) {
    const wiring = KUSTOMIZE_CLOUD_WIRING[design.cloud.provider];
    const annotation = wiring.identityAnnotation;
    const backend = CLOUDS[design.cloud.provider].objectStorage;
    const serviceAccounts = new Map(objects.filter((o) => o.kind === 'ServiceAccount').map((o) => [o.metadata.name, o]));
    let running = 0;
    for (const consumer of release.uploadStoreConsumers) {
      for (const pod of podsOf(consumer.key)) {
        running++;
        const main = (pod.spec.containers ?? [])[0];
        for (const problem of uploadStoreEnvProblems(main, { prefixes: release.uploadStoreEnvPrefixes, backend, source: `release ${release.version}` })) error(`${pod.owner} container ${main?.name ?? '?'}`, problem);
        const sa = pod.spec.serviceAccountName ?? 'default';
        if (sa !== consumer.serviceAccount) {
          error(pod.owner, `runs as ServiceAccount "${sa}", which the bucket's ${wiring.identityName} does not trust (it trusts ${consumer.serviceAccount} for this service)`);
        } else if (!serviceAccounts.has(sa)) {
          error(pod.owner, `runs as ServiceAccount "${sa}", which the replica's manifests do not create`);
        } else {
          const annotations = (serviceAccounts.get(sa)!.metadata as { annotations?: Record<string, unknown> }).annotations ?? {};
          if (typeof annotations[annotation] !== 'string' || annotations[annotation] === '') error(`ServiceAccount/${sa}`, `has no ${annotation} annotation: ${pod.owner} gets no cloud identity for the bucket`);
        }
      }
    }
    if (running === 0) error(undefined, 'no upload store consumer rendered');
  }
  return findings;
}
