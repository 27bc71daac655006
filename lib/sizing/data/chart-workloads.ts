/**
 * Which workloads the sourcegraph/sourcegraph chart renders, and which values
 * keys make up each pod: hand-written from the chart's templates
 * (charts/sourcegraph/templates/**), checked against tags v7.6.0 and
 * v6.12.5040. The templates of both versions have the same workload structure
 * (symbols and repo-updater are gone since 6.4); 7.6.0 adds a per-item
 * `replicaCount` to `worker.replicas[]`.
 *
 * To add a chart version: diff its templates' Deployment/StatefulSet/DaemonSet
 * files against the last known version (containers, initContainers,
 * `.resources` keys, `replicas:`, the `if .enabled` guards, PVCs and
 * volumeClaimTemplates) and add a structure here (and to `ChartStructure`,
 * lib/catalog/chart-versions.ts) if anything changed.
 *
 * Proven by the render tier: for every example design and every size of
 * both chart versions, `renderWorkloads` over this table equals the
 * workloads the real chart renders (lib/render/check-capacity-model.ts,
 * test/render/render-tier.int.test.ts).
 */
import { ChartStructure, SOURCEGRAPH_CHARTS } from '../../catalog/chart-versions';

/** One container of a workload's pod and the values key holding its `resources`. */
export interface ContainerSpec {
  /** Container name in the pod. */
  readonly name: string;
  /** Dotted values key whose `.resources` the template uses, e.g. `indexedSearchIndexer`, `openTelemetry.gateway`. */
  readonly resourcesKey: string;
}

/** A volume of a workload: a standalone PVC, or a StatefulSet volumeClaimTemplate (one per replica). */
export interface VolumeSpec {
  /** Volume (and PVC name prefix) as the chart names it. */
  readonly name: string;
  readonly kind: 'pvc' | 'volumeClaimTemplate';
  /** Dotted values key of the size. */
  readonly sizeKey: string;
  /** Size the template falls back to when the key is empty. */
  readonly fallbackSize?: string;
}

/** How one workload of the chart is built from values. */
export interface WorkloadSpec {
  /** Values key of the service, e.g. `indexedSearch`. Also the key of `nodeSelector`/`affinity`/`tolerations`. */
  readonly key: string;
  /** Dotted values key holding the Kubernetes name (`<key>.name`), and the name when it is empty. */
  readonly nameKey?: string;
  readonly defaultName: string;
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  /** Dotted key of the replica count; absent: the template fixes the count at `fixedReplicas` (or per node for DaemonSets). */
  readonly replicasKey?: string;
  readonly fixedReplicas?: number;
  /** Dotted keys that must all be truthy for the workload to render; absent: always rendered. */
  readonly enabledKeys?: readonly string[];
  /** Dotted key that must equal `DaemonSet` (default `DaemonSet`) for the workload to render (otel agent). */
  readonly daemonSetKindKey?: string;
  /** Dotted key holding nodeSelector/affinity/tolerations when not `key` (otel: `openTelemetry`). */
  readonly schedulingKey?: string;
  readonly containers: readonly ContainerSpec[];
  /** Init containers; `enabledKey` guards an optional one (frontend's migrator). */
  readonly initContainers?: readonly (ContainerSpec & { readonly enabledKey?: string })[];
  readonly volumes?: readonly VolumeSpec[];
  /** `worker`: `worker.replicas[]` adds one Deployment per item (see workloads.ts). */
  readonly workerSplit?: boolean;
  /** One line on what it is, for the report. */
  readonly description: string;
}

const DB_INIT: ContainerSpec = { name: 'correct-data-dir-permissions', resourcesKey: 'alpine' };

function database(key: string, defaultName: string, container: string, description: string): WorkloadSpec {
  return {
    key,
    nameKey: `${key}.name`,
    defaultName,
    kind: 'StatefulSet',
    fixedReplicas: 1,
    enabledKeys: [`${key}.enabled`],
    containers: [
      { name: container, resourcesKey: key },
      { name: 'pgsql-exporter', resourcesKey: 'postgresExporter' },
    ],
    initContainers: [DB_INIT],
    volumes: [{ name: defaultName, kind: 'pvc', sizeKey: `${key}.storageSize` }],
    description,
  };
}

function redis(key: string, defaultName: string, description: string): WorkloadSpec {
  return {
    key,
    nameKey: `${key}.name`,
    defaultName,
    kind: 'Deployment',
    fixedReplicas: 1,
    enabledKeys: [`${key}.enabled`],
    containers: [
      { name: defaultName, resourcesKey: key },
      { name: 'redis-exporter', resourcesKey: 'redisExporter' },
    ],
    volumes: [{ name: defaultName, kind: 'pvc', sizeKey: `${key}.storageSize` }],
    description,
  };
}

/** The workloads of chart 6.4 and later (checked: 6.12.5040, 7.6.0), in the order the report lists them. */
export const WORKLOADS_SINCE_6_4: readonly WorkloadSpec[] = [
  {
    key: 'frontend',
    nameKey: 'frontend.name',
    defaultName: 'sourcegraph-frontend',
    kind: 'Deployment',
    replicasKey: 'frontend.replicaCount',
    containers: [{ name: 'frontend', resourcesKey: 'frontend' }],
    initContainers: [{ name: 'migrator', resourcesKey: 'migrator', enabledKey: 'migrator.enabled' }],
    description: 'web app and API; runs database migrations (migrator init container)',
  },
  {
    key: 'gitserver',
    nameKey: 'gitserver.name',
    defaultName: 'gitserver',
    kind: 'StatefulSet',
    replicasKey: 'gitserver.replicaCount',
    containers: [{ name: 'gitserver', resourcesKey: 'gitserver' }],
    volumes: [{ name: 'repos', kind: 'volumeClaimTemplate', sizeKey: 'gitserver.storageSize' }],
    description: 'clones of the code host repositories',
  },
  {
    key: 'indexedSearch',
    nameKey: 'indexedSearch.name',
    defaultName: 'indexed-search',
    kind: 'StatefulSet',
    replicasKey: 'indexedSearch.replicaCount',
    containers: [
      { name: 'zoekt-webserver', resourcesKey: 'indexedSearch' },
      { name: 'zoekt-indexserver', resourcesKey: 'indexedSearchIndexer' },
    ],
    volumes: [{ name: 'data', kind: 'volumeClaimTemplate', sizeKey: 'indexedSearch.storageSize' }],
    description: 'Zoekt search index (webserver and indexserver in one pod)',
  },
  {
    key: 'searcher',
    nameKey: 'searcher.name',
    defaultName: 'searcher',
    kind: 'StatefulSet',
    replicasKey: 'searcher.replicaCount',
    containers: [{ name: 'searcher', resourcesKey: 'searcher' }],
    volumes: [{ name: 'cache', kind: 'volumeClaimTemplate', sizeKey: 'searcher.storageSize', fallbackSize: '26Gi' }],
    description: 'unindexed search and symbols',
  },
  {
    key: 'syntectServer',
    nameKey: 'syntectServer.name',
    defaultName: 'syntect-server',
    kind: 'Deployment',
    replicasKey: 'syntectServer.replicaCount',
    containers: [{ name: 'syntect-server', resourcesKey: 'syntectServer' }],
    description: 'syntax highlighting',
  },
  {
    key: 'worker',
    nameKey: 'worker.name',
    defaultName: 'worker',
    kind: 'Deployment',
    replicasKey: 'worker.replicaCount',
    containers: [{ name: 'worker', resourcesKey: 'worker' }],
    workerSplit: true,
    description: 'background jobs',
  },
  {
    key: 'preciseCodeIntel',
    nameKey: 'preciseCodeIntel.name',
    defaultName: 'precise-code-intel-worker',
    kind: 'Deployment',
    replicasKey: 'preciseCodeIntel.replicaCount',
    containers: [{ name: 'precise-code-intel-worker', resourcesKey: 'preciseCodeIntel' }],
    description: 'processes precise code intelligence (SCIP) uploads',
  },
  {
    key: 'syntacticCodeIntel',
    nameKey: 'syntacticCodeIntel.name',
    defaultName: 'syntactic-code-intel-worker',
    kind: 'Deployment',
    replicasKey: 'syntacticCodeIntel.replicaCount',
    enabledKeys: ['syntacticCodeIntel.enabled'],
    containers: [{ name: 'syntactic-code-intel-worker', resourcesKey: 'syntacticCodeIntel' }],
    description: 'syntactic code intelligence',
  },
  database('pgsql', 'pgsql', 'pgsql', 'main PostgreSQL database'),
  database('codeIntelDB', 'codeintel-db', 'pgsql', 'code intelligence PostgreSQL database'),
  database('codeInsightsDB', 'codeinsights-db', 'codeinsights', 'Code Insights PostgreSQL database'),
  redis('redisCache', 'redis-cache', 'Redis cache'),
  redis('redisStore', 'redis-store', 'Redis key-value store'),
  {
    key: 'blobstore',
    nameKey: 'blobstore.name',
    defaultName: 'blobstore',
    kind: 'Deployment',
    fixedReplicas: 1,
    enabledKeys: ['blobstore.enabled'],
    containers: [{ name: 'blobstore', resourcesKey: 'blobstore' }],
    volumes: [{ name: 'blobstore', kind: 'pvc', sizeKey: 'blobstore.storageSize' }],
    description: 'S3-compatible object storage (uploads, SCIP indexes)',
  },
  {
    key: 'prometheus',
    nameKey: 'prometheus.name',
    defaultName: 'prometheus',
    kind: 'Deployment',
    fixedReplicas: 1,
    enabledKeys: ['prometheus.enabled'],
    containers: [{ name: 'prometheus', resourcesKey: 'prometheus' }],
    volumes: [{ name: 'prometheus', kind: 'pvc', sizeKey: 'prometheus.storageSize' }],
    description: 'metrics',
  },
  {
    key: 'grafana',
    nameKey: 'grafana.name',
    defaultName: 'grafana',
    kind: 'StatefulSet',
    fixedReplicas: 1,
    enabledKeys: ['grafana.enabled'],
    containers: [{ name: 'grafana', resourcesKey: 'grafana' }],
    volumes: [{ name: 'grafana-data', kind: 'volumeClaimTemplate', sizeKey: 'grafana.storageSize' }],
    description: 'dashboards',
  },
  {
    key: 'jaeger',
    nameKey: 'jaeger.name',
    defaultName: 'jaeger',
    kind: 'Deployment',
    replicasKey: 'jaeger.replicaCount',
    enabledKeys: ['jaeger.enabled'],
    containers: [{ name: 'jaeger', resourcesKey: 'jaeger' }],
    description: 'tracing (all-in-one)',
  },
  {
    key: 'openTelemetry.gateway',
    nameKey: 'openTelemetry.gateway.name',
    defaultName: 'otel-collector',
    kind: 'Deployment',
    fixedReplicas: 1,
    enabledKeys: ['openTelemetry.enabled'],
    schedulingKey: 'openTelemetry',
    containers: [{ name: 'otel-collector', resourcesKey: 'openTelemetry.gateway' }],
    description: 'OpenTelemetry collector',
  },
  {
    key: 'openTelemetry.agent',
    nameKey: 'openTelemetry.agent.name',
    defaultName: 'otel-agent',
    kind: 'DaemonSet',
    enabledKeys: ['openTelemetry.enabled'],
    daemonSetKindKey: 'openTelemetry.agent.kind',
    schedulingKey: 'openTelemetry',
    containers: [{ name: 'otel-agent', resourcesKey: 'openTelemetry.agent' }],
    description: 'OpenTelemetry agent on every node',
  },
  {
    key: 'cadvisor',
    nameKey: 'cadvisor.name',
    defaultName: 'cadvisor',
    kind: 'DaemonSet',
    enabledKeys: ['cadvisor.enabled'],
    containers: [{ name: 'cadvisor', resourcesKey: 'cadvisor' }],
    description: 'container metrics on every node',
  },
  {
    key: 'nodeExporter',
    nameKey: 'nodeExporter.name',
    defaultName: 'node-exporter',
    kind: 'DaemonSet',
    enabledKeys: ['nodeExporter.enabled'],
    containers: [{ name: 'node-exporter', resourcesKey: 'nodeExporter' }],
    description: 'node metrics on every node',
  },
];

/** The workload model of each chart structure. */
export const WORKLOAD_MODELS: Readonly<Record<ChartStructure, readonly WorkloadSpec[]>> = {
  'since-6.4': WORKLOADS_SINCE_6_4,
};

/** The workload structure per chart version: each registered version's structure's model. */
export const CHART_WORKLOADS: Readonly<Record<string, readonly WorkloadSpec[]>> = Object.fromEntries(
  SOURCEGRAPH_CHARTS.map((chart) => [chart.version, WORKLOAD_MODELS[chart.structure]]),
);
