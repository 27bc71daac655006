/**
 * The releases of Sourcegraph's Kustomize repository
 * (`sourcegraph/deploy-sourcegraph-k8s`) sg-replica can replicate, and the
 * facts that vary by release. Data.
 *
 * Sources, per fact, from the release's own tree (the reference copy is
 * `../shared/reference/kustomize/deploy-sourcegraph-k8s-v7.2.1943/`):
 * - workload names: `base/sourcegraph/<service>/<name>.{Deployment,StatefulSet}.yaml`
 *   (`searcher` is a StatefulSet, or a Deployment with
 *   `components/services/searcher/deployment`);
 * - the upload store environment: `base/sourcegraph/worker/worker.Deployment.yaml`,
 *   `precise-code-intel/worker.Deployment.yaml` and
 *   `syntactic-code-intel/worker.Deployment.yaml` set
 *   `PRECISE_CODE_INTEL_UPLOAD_*`; search job results are read from
 *   `SEARCH_JOBS_UPLOAD_*` with the same suffixes (as on the 6.x Helm
 *   chart, lib/sourcegraph/upload-store.ts). The `SOURCEGRAPH_UPLOAD_*`
 *   names came after this release.
 * - frontend's settings: `base/sourcegraph/frontend/sourcegraph-frontend.ConfigMap.yaml`
 *   (`sourcegraph-frontend-env`, read with `envFrom` by the frontend
 *   container and its `migrator` init container).
 *
 * In February 2026 the repository announced Kustomize is planned for
 * deprecation in favour of Helm; v7.2.1943 is its last release.
 */

import { KUSTOMIZE_RELEASE_VERSIONS } from '../catalog/kustomize-releases';

/** Where Sourcegraph publishes the Kustomize release. */
export const KUSTOMIZE_REPOSITORY = 'https://github.com/sourcegraph/deploy-sourcegraph-k8s';
/** `owner/name` of the repository on GitHub, as remote references spell it. */
export const KUSTOMIZE_REPOSITORY_PATH = 'sourcegraph/deploy-sourcegraph-k8s';
/** Name of the repository: forks keep it. */
export const KUSTOMIZE_REPOSITORY_NAME = 'deploy-sourcegraph-k8s';

/**
 * A Sourcegraph service as the Helm chart's values key names it (the
 * vocabulary the capacity model, checks and report share), with the name of
 * its workload in the Kustomize release and, for upload store consumers,
 * the ServiceAccount sg-replica gives it (what the bucket's cloud identity
 * trusts: the same names as on the Helm path).
 */
export interface KustomizeService {
  /** Helm values key, e.g. `frontend`, `codeIntelDB`. */
  readonly key: string;
  /** Deployment / StatefulSet / DaemonSet name in the release. */
  readonly workload: string;
  /** Other objects of the service the release renders (Service, PVC, ConfigMap), by name. */
  readonly objects?: readonly string[];
}

/** What one release of deploy-sourcegraph-k8s renders and reads. */
export interface KustomizeRelease {
  /** The Sourcegraph version, e.g. `7.2.1943`. */
  readonly version: string;
  /** Git tag, e.g. `v7.2.1943`. */
  readonly tag: string;
  /** Services by values key. */
  readonly services: Readonly<Record<string, KustomizeService>>;
  /** Name of the ConfigMap frontend reads its settings from with `envFrom`. */
  readonly frontendEnvConfigMap: string;
  /** Upload store env name prefixes; each gets the same suffixes (`BACKEND`, `BUCKET`, ...). */
  readonly uploadStoreEnvPrefixes: readonly string[];
  /** Values keys of the upload store's consumers, with the ServiceAccount each runs as on the replica. */
  readonly uploadStoreConsumers: readonly { readonly key: string; readonly serviceAccount: string }[];
  /** Values keys of the services that read Redis. */
  readonly redisConsumers: readonly string[];
}

const V7_2_1943: KustomizeRelease = {
  version: '7.2.1943',
  tag: 'v7.2.1943',
  services: {
    frontend: { key: 'frontend', workload: 'sourcegraph-frontend', objects: ['sourcegraph-frontend', 'sourcegraph-frontend-internal', 'sourcegraph-frontend-env'] },
    gitserver: { key: 'gitserver', workload: 'gitserver' },
    indexedSearch: { key: 'indexedSearch', workload: 'indexed-search' },
    searcher: { key: 'searcher', workload: 'searcher' },
    worker: { key: 'worker', workload: 'worker' },
    preciseCodeIntel: { key: 'preciseCodeIntel', workload: 'precise-code-intel-worker' },
    syntacticCodeIntel: { key: 'syntacticCodeIntel', workload: 'syntactic-code-intel' },
    syntectServer: { key: 'syntectServer', workload: 'syntect-server' },
    grafana: { key: 'grafana', workload: 'grafana' },
    prometheus: { key: 'prometheus', workload: 'prometheus' },
    nodeExporter: { key: 'nodeExporter', workload: 'node-exporter' },
    cadvisor: { key: 'cadvisor', workload: 'cadvisor' },
    otelCollector: { key: 'openTelemetry.gateway', workload: 'otel-collector' },
    otelAgent: { key: 'openTelemetry.agent', workload: 'otel-agent' },
    jaeger: { key: 'jaeger', workload: 'jaeger' },
    pgsql: { key: 'pgsql', workload: 'pgsql', objects: ['pgsql', 'pgsql-conf'] },
    codeIntelDB: { key: 'codeIntelDB', workload: 'codeintel-db', objects: ['codeintel-db', 'codeintel-db-conf'] },
    codeInsightsDB: { key: 'codeInsightsDB', workload: 'codeinsights-db', objects: ['codeinsights-db', 'codeinsights-db-conf'] },
    redisCache: { key: 'redisCache', workload: 'redis-cache', objects: ['redis-cache'] },
    redisStore: { key: 'redisStore', workload: 'redis-store', objects: ['redis-store'] },
    blobstore: { key: 'blobstore', workload: 'blobstore', objects: ['blobstore'] },
  },
  frontendEnvConfigMap: 'sourcegraph-frontend-env',
  uploadStoreEnvPrefixes: ['PRECISE_CODE_INTEL_UPLOAD_', 'SEARCH_JOBS_UPLOAD_'],
  uploadStoreConsumers: [
    { key: 'frontend', serviceAccount: 'sourcegraph-frontend' },
    { key: 'worker', serviceAccount: 'worker' },
    { key: 'preciseCodeIntel', serviceAccount: 'precise-code-intel-worker' },
    { key: 'syntacticCodeIntel', serviceAccount: 'syntactic-code-intel-worker' },
    { key: 'gitserver', serviceAccount: 'gitserver' },
    { key: 'searcher', serviceAccount: 'searcher' },
  ],
  redisConsumers: ['frontend', 'worker', 'gitserver', 'searcher'],
};

/** The releases sg-replica knows, by version (newest first). */
export const KUSTOMIZE_RELEASES: Readonly<Record<string, KustomizeRelease>> = { '7.2.1943': V7_2_1943 };

/** Versions of deploy-sourcegraph-k8s sg-replica knows, newest first (the catalog's list, which validation reads: lib/catalog/kustomize-releases.ts). */
export { KUSTOMIZE_RELEASE_VERSIONS };

/** The in-cluster stores each external service replaces, by values key. */
export const IN_CLUSTER_STORES = {
  postgres: ['pgsql', 'codeIntelDB', 'codeInsightsDB'],
  redis: ['redisCache', 'redisStore'],
  objectStorage: ['blobstore'],
} as const satisfies Record<string, readonly string[]>;

/** Which external service a store belongs to. */
export type ExternalServiceKind = keyof typeof IN_CLUSTER_STORES;

/**
 * The release `version` (with or without a leading `v`).
 *
 * @throws Error naming the known versions for one sg-replica has no data for.
 */
export function kustomizeRelease(version: string): KustomizeRelease {
  const key = version.replace(/^v/, '');
  const release = Object.prototype.hasOwnProperty.call(KUSTOMIZE_RELEASES, key) ? KUSTOMIZE_RELEASES[key] : undefined;
  if (!release) {
    throw new Error(`No data for deploy-sourcegraph-k8s release ${version} (known: ${KUSTOMIZE_RELEASE_VERSIONS.join(', ')})`);
  }
  return release;
}

/** The service whose workload is named `workload` in `release`, if any. */
export function serviceOfWorkload(release: KustomizeRelease, workload: string): KustomizeService | undefined {
  return Object.values(release.services).find((s) => s.workload === workload);
}

/** Names of every object that belongs to the in-cluster stores of `kind` (workloads, Services, PVCs, ConfigMaps). */
export function storeObjectNames(release: KustomizeRelease, kind: ExternalServiceKind): string[] {
  return IN_CLUSTER_STORES[kind].flatMap((key) => {
    const s = release.services[key];
    return [s.workload, ...(s.objects ?? [])];
  });
}
