/**
 * The Kubernetes API objects of a healthy replica, derived from a design
 * the way the cluster would hold them after `cdktf deploy`: nodes from the
 * capacity simulation's nodes (labels, taints, allocatable from the
 * platform model), every Sourcegraph pod on the node the simulation put it
 * on (containers, requests, placement and connection env from the design's
 * Helm values through the chart workload model), the platform's own pods,
 * Deployments/StatefulSets/DaemonSets, bound claims, the StorageClass, the
 * namespace, Services, the Ingress, BackendConfig, sg-replica's Secrets,
 * the database bootstrap Job and the Helm release Secret. For a Kustomize
 * design, the workloads' pod templates, Services, Ingress, ServiceAccounts
 * and ConfigMaps are the rendered manifests' (the assessment's render), and
 * the release Secret is the generated chart's.
 *
 * Broken replicas are this plus one small, named change in each test.
 */
import { DesignAssessment } from '../../../lib/assessment/assess-design';
import { nodeAllocatable } from '../../../lib/capacity/allocatable';
import { CapacityScenario } from '../../../lib/capacity/simulate-capacity';
import { systemPods } from '../../../lib/capacity/system-pods';
import { Design } from '../../../lib/design/model';
import { designStorageProvisioning } from '../../../lib/kubernetes/storage-provisioning';
import { chartDefaults } from '../../../lib/sizing/chart-defaults';
import { GIB } from '../../../lib/sizing/quantity';
import { valueAt, Workload, WorkloadContainer } from '../../../lib/sizing/workloads';
import {
  BLOB_STORAGE_SERVICE_ACCOUNTS,
  EXTERNAL_DATABASE_SECRET_NAMES,
  EXTERNAL_REDIS_SECRET_NAMES,
  GKE_WORKLOAD_IDENTITY_ANNOTATION,
  IRSA_ROLE_ANNOTATION,
} from '../../../lib/sourcegraph/external-services-values';
import { HelmValues, isValuesMap, mergeValues } from '../../../lib/helm/merge-values';
import { claimNames } from '../../../lib/verify/check-sourcegraph';
import { REPLICA_STORAGE_CLASS_POLICY } from '../../../lib/verify/check-cluster';
import { encodeReleaseData } from '../../../lib/verify/helm-release';
import { CLOUD_NODE_LABELS } from '../../../lib/verify/node-pools';
import { GENERATED_CHART_NAME, generatedChart } from '../../../lib/kustomize/generated-chart';
import { DEPLOY_TIME_PLACEHOLDERS } from '../../../lib/kustomize/replica-layer';

/** A Kubernetes object as the API serves it (JSON). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

/** What the fake API server serves. */
export interface ReplicaCluster {
  /** `GET /version`. */
  version: Record<string, string>;
  objects: KubeObject[];
}

/** Options of `healthyReplica`. */
export interface ReplicaOptions {
  /** The load balancer address in Ingress/Service status: loopback by default, so a stray probe never leaves the machine. */
  readonly address?: { ip?: string; hostname?: string };
}

const T0 = '2026-11-27T09:00:00Z';
const DIGEST = 'a'.repeat(64);

/** Deterministic pod-template-hash-like suffixes (the Kubernetes safe alphabet). */
function token(seed: string, length: number): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    out += alphabet[h % alphabet.length];
    h = Math.imul(h ^ (i + 7), 16777619) >>> 0;
  }
  return out;
}

/** The identifiers Terraform fills in at deploy, for the design's `<set at deploy>` placeholders. */
function deployedValues(design: Design, values: HelmValues): HelmValues {
  const bucket = `${design.name}-sourcegraph-blobs`;
  const identity = design.cloud.provider === 'aws' ? `arn:aws:iam::${design.cloud.accountId}:role/${design.name}-blob-storage` : `${design.name}-blobs@${design.cloud.provider === 'gcp' ? design.cloud.project : ''}.iam.gserviceaccount.com`;
  const walk = (v: unknown, key: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (isValuesMap(v)) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, walk(x, k)]));
    if (v === '<set at deploy>') return key === IRSA_ROLE_ANNOTATION || key === GKE_WORKLOAD_IDENTITY_ANNOTATION ? identity : bucket;
    return v;
  };
  return walk(values, '') as HelmValues;
}

/** A Kustomize replica's rendered objects as the cluster holds them: the deploy-time placeholders swapped for what Terraform gives at install. */
function deployedManifests(design: Design, objects: readonly KubeObject[]): KubeObject[] {
  const bucket = `${design.name}-sourcegraph-blobs`;
  const identity = design.cloud.provider === 'aws' ? `arn:aws:iam::${design.cloud.accountId}:role/${design.name}-blob-storage` : `${design.name}-blobs@${design.cloud.provider === 'gcp' ? design.cloud.project : ''}.iam.gserviceaccount.com`;
  const text = JSON.stringify(objects).split(DEPLOY_TIME_PLACEHOLDERS.bucket).join(bucket).split(DEPLOY_TIME_PLACEHOLDERS.bucketIdentity).join(identity);
  return JSON.parse(text) as KubeObject[];
}

/** The pod spec of a workload as rendered (a Kustomize replica), with the container images pinned by digest as a registry serves them. */
function renderedPodSpec(rendered: readonly KubeObject[], w: Workload): Record<string, unknown> {
  const o = rendered.find((x) => x.kind === w.kind && x.metadata.name === w.name);
  const spec = JSON.parse(JSON.stringify(((o?.spec as { template?: { spec?: Record<string, unknown> } } | undefined)?.template?.spec) ?? {})) as Record<string, unknown>;
  for (const list of ['containers', 'initContainers']) {
    for (const c of (spec[list] as { image?: string }[] | undefined) ?? []) if (typeof c.image === 'string' && !c.image.includes('@')) c.image = `${c.image}@sha256:${DIGEST}`;
  }
  return spec;
}

function quantityCpu(m: number | undefined): string | undefined {
  return m === undefined ? undefined : `${m}m`;
}
function quantityBytes(b: number | undefined): string | undefined {
  return b === undefined ? undefined : String(b);
}

function resources(c: WorkloadContainer): Record<string, Record<string, string>> {
  const pick = (a: WorkloadContainer['requests']) =>
    Object.fromEntries(Object.entries({ cpu: quantityCpu(a.cpuMillis), memory: quantityBytes(a.memoryBytes) }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return { requests: pick(c.requests), limits: pick(c.limits) };
}

/** The connection env the chart renders for frontend, worker and migrator (templates/_helpers.tpl). */
function connectionEnv(values: HelmValues, w: Workload): Record<string, unknown>[] {
  if (w.key !== 'frontend' && w.key !== 'worker') return [];
  const env: Record<string, unknown>[] = [];
  for (const [key, prefix] of [['pgsql', 'PG'], ['codeIntelDB', 'CODEINTEL_PG'], ['codeInsightsDB', 'CODEINSIGHTS_PG']]) {
    const secret = (valueAt(values, `${key}.auth.existingSecret`) as string | undefined) ?? `${valueAt(values, `${key}.name`)}-auth`;
    for (const field of ['DATABASE', 'HOST', 'PASSWORD', 'PORT', 'USER', 'SSLMODE']) {
      env.push({ name: `${prefix}${field}`, valueFrom: { secretKeyRef: { name: secret, key: field.toLowerCase() } } });
    }
  }
  for (const [key, name] of [['redisCache', 'REDIS_CACHE_ENDPOINT'], ['redisStore', 'REDIS_STORE_ENDPOINT']]) {
    const secret = (valueAt(values, `${key}.connection.existingSecret`) as string | undefined) ?? (valueAt(values, `${key}.name`) as string);
    env.push({ name, valueFrom: { secretKeyRef: { name: secret, key: 'endpoint' } } });
  }
  const own = valueAt(values, `${w.key}.env`);
  if (isValuesMap(own)) for (const [name, item] of Object.entries(own)) if (isValuesMap(item)) env.push({ name, ...item });
  return env;
}

function podSpec(design: Design, values: HelmValues, w: Workload, repository: string): Record<string, unknown> {
  const container = (c: WorkloadContainer, withEnv: boolean) => ({
    name: c.name,
    image: `${repository}/${c.name}:${design.sourcegraph.version}@sha256:${DIGEST}`,
    resources: resources(c),
    ...(withEnv && { env: connectionEnv(values, w) }),
  });
  const account = valueAt(values, `${w.key}.serviceAccount.name`);
  return {
    containers: w.containers.map((c, i) => container(c, i === 0)),
    ...(w.initContainers.length && { initContainers: w.initContainers.map((c) => container(c, c.name === 'migrator')) }),
    ...(Object.keys(w.placement.nodeSelector).length && { nodeSelector: { ...w.placement.nodeSelector } }),
    ...(w.placement.tolerations.length && { tolerations: w.placement.tolerations.map((t) => ({ ...t })) }),
    ...(w.placement.affinity && { affinity: w.placement.affinity }),
    ...(typeof account === 'string' && { serviceAccountName: account }),
  };
}

function runningStatus(spec: Record<string, unknown>): Record<string, unknown> {
  const containers = spec.containers as { name: string; image: string }[];
  const inits = (spec.initContainers as { name: string; image: string }[] | undefined) ?? [];
  return {
    phase: 'Running',
    conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({ type, status: 'True', lastTransitionTime: T0 })),
    ...(inits.length && {
      initContainerStatuses: inits.map((c) => ({ name: c.name, image: c.image, imageID: c.image, ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: T0, finishedAt: T0 } } })),
    }),
    containerStatuses: containers.map((c) => ({ name: c.name, image: c.image, imageID: c.image, ready: true, started: true, restartCount: 0, state: { running: { startedAt: T0 } } })),
  };
}

function labelsFor(w: Workload): Record<string, string> {
  return { app: w.name, deploy: 'sourcegraph', 'app.kubernetes.io/instance': 'sourcegraph', 'app.kubernetes.io/name': 'sourcegraph' };
}

/**
 * The objects of `design`'s replica, healthy: everything as designed,
 * placed where the capacity simulation places it (at minNodes when that
 * fits, else at maxNodes).
 */
export function healthyReplica(design: Design, assessment: DesignAssessment, options: ReplicaOptions = {}): ReplicaCluster {
  const ns = design.sourcegraph.namespace;
  const aws = design.cloud.provider === 'aws';
  const values = deployedValues(design, assessment.finalValues);
  // A Kustomize replica: the rendered manifests as the generated chart installs them (placeholders swapped).
  const rendered = assessment.kustomize?.replica ? deployedManifests(design, assessment.kustomize.replica.objects as unknown as KubeObject[]) : undefined;
  const effective = rendered ? values : mergeValues(chartDefaults(design.sourcegraph.version), values);
  const specOf = (w: Workload) => (rendered ? renderedPodSpec(rendered, w) : podSpec(design, values, w, repository));
  const repository = (valueAt(values, 'sourcegraph.image.repository') as string | undefined) ?? 'index.docker.io/sourcegraph';
  const capacity = assessment.capacity;
  const scenario: CapacityScenario = capacity.atMin.fits ? capacity.atMin : capacity.atMax;
  const address = options.address ?? { ip: '127.0.0.1' };
  const objects: KubeObject[] = [];
  const minor = design.kubernetes.version;
  const gitVersion = aws ? `v${minor}.5-eks-3025e55` : `v${minor}.5-gke.1162000`;

  // Nodes: one per simulated node.
  const realName = new Map<string, string>();
  const nodeTaints = new Map<string, readonly Design['kubernetes']['nodePools'][number]['taints'][number][]>();
  design.kubernetes.nodePools.forEach((pool, p) => {
    const alloc = nodeAllocatable(design.cloud.provider, pool.machineType)!;
    const simNodes = scenario.pools.find((x) => x.pool === pool.name)?.nodeUsage ?? [];
    simNodes.forEach((sim, i) => {
      const name = aws ? `ip-10-${p}-${i}-${10 + i}.${design.cloud.region}.compute.internal` : `gke-${design.name}-${pool.name}-${token(pool.name, 8)}-${token(sim.name, 4)}`;
      realName.set(sim.name, name);
      nodeTaints.set(name, pool.taints);
      const table = CLOUD_NODE_LABELS[design.cloud.provider];
      const labels: Record<string, string> = {
        ...pool.labels,
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': alloc.architecture === 'arm64' ? 'arm64' : 'amd64',
        'node.kubernetes.io/instance-type': pool.machineType,
        'topology.kubernetes.io/zone': design.network.availabilityZones[i % design.network.availabilityZones.length],
        [table.poolLabel]: table.poolValue(design, pool),
        ...(aws ? { [table.spot.label]: pool.spot ? table.spot.spot : table.spot.onDemand! } : pool.spot ? { [table.spot.label]: table.spot.spot } : {}),
      };
      const resourcesOf = { cpu: `${alloc.cpuMillis}m`, memory: `${Math.floor(alloc.memoryBytes / 1024)}Ki`, pods: String(alloc.maxPods) };
      objects.push({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name, labels },
        spec: pool.taints.length ? { taints: pool.taints.map((t) => ({ key: t.key, ...(t.value && { value: t.value }), effect: t.effect })) } : {},
        status: {
          allocatable: resourcesOf,
          capacity: { cpu: String(alloc.vCpu), memory: `${alloc.memoryGiB * 1024 * 1024}Ki`, pods: String(alloc.maxPods) },
          conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastTransitionTime: T0 }],
          nodeInfo: { kubeletVersion: gitVersion, architecture: labels['kubernetes.io/arch'], osImage: aws ? 'Amazon Linux 2023' : 'Container-Optimized OS from Google' },
        },
      });
    });
  });

  // Sourcegraph pods, where the simulation put them.
  const podIndex = new Map<string, number>();
  const dsCount = new Map<string, number>();
  for (const pool of scenario.pools) {
    for (const sim of pool.nodeUsage) {
      for (const simPod of sim.pods) {
        const w = capacity.workloads.find((x) => (x.kind === 'DaemonSet' ? simPod.startsWith(`${x.name} on `) : simPod.startsWith(`${x.name}-`) && /^\d+$/.test(simPod.slice(x.name.length + 1))));
        if (!w) continue;
        const i = podIndex.get(w.name) ?? 0;
        podIndex.set(w.name, i + 1);
        const hash = token(w.name, 10);
        const name = w.kind === 'StatefulSet' ? `${w.name}-${simPod.slice(w.name.length + 1)}` : w.kind === 'Deployment' ? `${w.name}-${hash}-${token(`${w.name}${i}`, 5)}` : `${w.name}-${token(`${w.name}${sim.name}`, 5)}`;
        if (w.kind === 'DaemonSet') dsCount.set(w.name, (dsCount.get(w.name) ?? 0) + 1);
        const spec = { ...specOf(w), nodeName: realName.get(sim.name) };
        const owner = w.kind === 'Deployment' ? { kind: 'ReplicaSet', name: `${w.name}-${hash}` } : { kind: w.kind, name: w.name };
        objects.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name, namespace: ns, labels: { ...labelsFor(w), ...(w.kind === 'Deployment' && { 'pod-template-hash': hash }) }, ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: token(owner.name, 12), controller: true }], creationTimestamp: T0 },
          spec,
          status: runningStatus(spec),
        });
      }
    }
  }

  // The platform's own pods: per node, then cluster-wide round-robin on untainted nodes.
  const platform = systemPods(design);
  const nodes = objects.filter((o) => o.kind === 'Node').map((o) => o.metadata.name);
  const untainted = nodes.filter((n) => (nodeTaints.get(n) ?? []).length === 0);
  const platformPod = (name: string, node: string, cpuMillis: number, memoryBytes: number, namespace = 'kube-system'): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { nodeName: node, containers: [{ name: name.split('-').slice(0, -1).join('-') || name, image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: `${cpuMillis}m`, memory: String(memoryBytes) } } }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  });
  for (const node of nodes) for (const p of platform.perNode) objects.push(platformPod(`${p.name}-${token(p.name + node, 5)}`, node, p.cpuMillis, p.memoryBytes));
  let next = 0;
  for (const p of platform.clusterWide) {
    for (let i = 0; i < (p.replicas ?? 1); i++) {
      const node = untainted[next++ % Math.max(untainted.length, 1)] ?? nodes[0];
      objects.push(platformPod(`${p.name}-${token(p.name, 9)}-${token(`${p.name}${i}`, 5)}`, node, p.cpuMillis, p.memoryBytes, p.name.startsWith('ingress-nginx') ? 'ingress-nginx' : 'kube-system'));
    }
  }

  // Workload objects.
  for (const w of capacity.workloads) {
    const template = { metadata: { labels: labelsFor(w) }, spec: specOf(w) };
    const meta = { name: w.name, namespace: ns, labels: { ...labelsFor(w), 'app.kubernetes.io/managed-by': 'Helm' } };
    if (w.kind === 'DaemonSet') {
      const n = dsCount.get(w.name) ?? 0;
      objects.push({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta, spec: { selector: { matchLabels: { app: w.name } }, template }, status: { desiredNumberScheduled: n, currentNumberScheduled: n, numberReady: n, numberAvailable: n, updatedNumberScheduled: n } });
    } else {
      objects.push({ apiVersion: 'apps/v1', kind: w.kind, metadata: meta, spec: { replicas: w.replicas, selector: { matchLabels: { app: w.name } }, template }, status: { replicas: w.replicas, readyReplicas: w.replicas, availableReplicas: w.replicas, updatedReplicas: w.replicas } });
    }
  }

  // Volumes, bound on the replica's class.
  const className = (valueAt(values, 'storageClass.name') as string | undefined) ?? 'sourcegraph';
  for (const v of capacity.storage.volumes) {
    for (const name of claimNames(v)) {
      const size = v.sizeBytes % GIB === 0 ? `${v.sizeBytes / GIB}Gi` : String(v.sizeBytes);
      objects.push({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name, namespace: ns },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: className, resources: { requests: { storage: size } }, volumeName: `pvc-${token(name, 8)}` },
        status: { phase: 'Bound', capacity: { storage: size } },
      });
    }
  }

  const provisioning = designStorageProvisioning(design, {});
  objects.push({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: className }, provisioner: provisioning.provisioner, parameters: { ...provisioning.parameters }, ...REPLICA_STORAGE_CLASS_POLICY });
  objects.push({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: aws ? 'gp2' : 'standard-rwo' }, provisioner: aws ? 'kubernetes.io/aws-ebs' : 'pd.csi.storage.gke.io', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' });
  objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'app.kubernetes.io/part-of': 'sourcegraph', 'sg-replica/name': design.name } }, status: { phase: 'Active' } });

  // Services, Ingress, BackendConfig (a Kustomize replica's: as rendered).
  const lbStatus = { loadBalancer: { ingress: [address] } };
  if (rendered) {
    for (const o of rendered.filter((x) => ['Service', 'Ingress', 'BackendConfig', 'ServiceAccount', 'ConfigMap'].includes(x.kind))) {
      objects.push({ ...o, metadata: { ...o.metadata, namespace: ns }, ...(o.kind === 'Ingress' && { status: lbStatus }) });
    }
  }
  const serviceAnnotations = valueAt(values, 'frontend.serviceAnnotations');
  if (!rendered) objects.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'sourcegraph-frontend', namespace: ns, labels: { app: 'sourcegraph-frontend' }, ...(isValuesMap(serviceAnnotations) && { annotations: serviceAnnotations as Record<string, string> }) },
    spec: { type: 'ClusterIP', ports: [{ name: 'http', port: 30080, targetPort: 'http' }, { name: 'http-debug', port: 6060, targetPort: 'http-debug' }], selector: { app: 'sourcegraph-frontend' } },
  });
  if (!rendered && (valueAt(effective, 'frontend.ingress.enabled') === true || valueAt(values, 'frontend.ingress.enabled') === true)) {
    const annotations = valueAt(values, 'frontend.ingress.annotations');
    const cls = valueAt(values, 'frontend.ingress.ingressClassName');
    const tlsSecret = valueAt(values, 'frontend.ingress.tlsSecret');
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'sourcegraph-frontend', namespace: ns, ...(isValuesMap(annotations) && { annotations: annotations as Record<string, string> }) },
      spec: {
        ...(typeof cls === 'string' && { ingressClassName: cls }),
        // The chart's template: `tlsSecret` with `host` makes one TLS entry for the host.
        ...(typeof tlsSecret === 'string' && { tls: [{ hosts: [design.sourcegraph.hostname], secretName: tlsSecret }] }),
        rules: [{ host: design.sourcegraph.hostname, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'sourcegraph-frontend', port: { number: 30080 } } } }] } }],
      },
      status: lbStatus,
    });
  }
  if (design.sourcegraph.ingress === 'nginx') {
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' },
      spec: { type: 'LoadBalancer', ports: [{ name: 'http', port: 80 }], ...(design.sourcegraph.allowedClientCidrs.length && { loadBalancerSourceRanges: [...design.sourcegraph.allowedClientCidrs] }) },
      status: lbStatus,
    });
  }
  const extra = valueAt(values, 'extraResources');
  for (const r of Array.isArray(extra) ? extra : []) {
    if (isValuesMap(r) && r.kind === 'BackendConfig') objects.push({ ...(r as unknown as KubeObject), metadata: { ...(r.metadata as KubeObject['metadata']), namespace: ns } });
  }

  // External services: sg-replica's Secrets, the bootstrap Job (AWS), the bucket's service accounts.
  const ext = design.externalServices;
  const secretNames = [
    ...(ext.postgres ? Object.values(EXTERNAL_DATABASE_SECRET_NAMES) : []),
    ...(ext.redis ? (['redisCache', 'redisStore'] as const).map((k) => (valueAt(values, `${k}.connection.existingSecret`) as string | undefined) ?? EXTERNAL_REDIS_SECRET_NAMES[k]) : []),
  ];
  for (const name of secretNames) objects.push({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name, namespace: ns, labels: { 'app.kubernetes.io/managed-by': 'sg-replica', 'app.kubernetes.io/part-of': 'sourcegraph' } }, data: {} });
  if (ext.postgres && aws) {
    objects.push({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'sg-replica-create-databases', namespace: ns }, spec: {}, status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] } });
  }
  if (ext.objectStorage && !rendered) {
    for (const [key, name] of Object.entries(BLOB_STORAGE_SERVICE_ACCOUNTS)) {
      if (!capacity.workloads.some((w) => w.key === key)) continue;
      const annotations = valueAt(values, `${key}.serviceAccount.annotations`);
      objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns, ...(isValuesMap(annotations) && { annotations: annotations as Record<string, string> }) } });
    }
  }

  // The Helm release, as Helm stores it (a Kustomize replica's: the generated chart, with its deploy-time values).
  objects.push(
    rendered
      ? helmReleaseSecret(design, { deployTime: {} }, 1, 'deployed', 'Install complete', generatedChart(assessment.kustomize!.replica!.yaml, design.sourcegraph.version).version, GENERATED_CHART_NAME)
      : helmReleaseSecret(design, values, 1, 'deployed', 'Install complete'),
  );
  // A Normal event, so checks are seen to pick Warning ones.
  objects.push({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'frontend.scheduled', namespace: ns }, involvedObject: { kind: 'Pod', name: 'sourcegraph-frontend' }, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned', lastTimestamp: T0 });

  return {
    version: { major: '1', minor: minor.split('.')[1], gitVersion, gitCommit: '0'.repeat(40), gitTreeState: 'clean', buildDate: T0, goVersion: 'go1.24.6', compiler: 'gc', platform: 'linux/amd64' },
    objects,
  };
}

/** A Helm release Secret (`sh.helm.release.v1.sourcegraph.v<revision>`). */
export function helmReleaseSecret(design: Design, values: HelmValues, revision: number, status: string, description: string, chartVersion = design.sourcegraph.version, chartName = 'sourcegraph'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: { name: `sh.helm.release.v1.sourcegraph.v${revision}`, namespace: design.sourcegraph.namespace, labels: { owner: 'helm', name: 'sourcegraph', status, version: String(revision) } },
    data: {
      release: encodeReleaseData({
        name: 'sourcegraph',
        namespace: design.sourcegraph.namespace,
        version: revision,
        info: { status, description, first_deployed: T0, last_deployed: T0 },
        chart: { metadata: { name: chartName, version: chartVersion, appVersion: chartVersion } },
        config: values,
        manifest: '',
      }),
    },
  };
}

/** The object of `kind` named `name` (throws when missing: a fixture typo should fail loudly). */
export function find(cluster: ReplicaCluster, kind: string, name: string | RegExp): KubeObject {
  const o = cluster.objects.find((x) => x.kind === kind && (typeof name === 'string' ? x.metadata.name === name : name.test(x.metadata.name)));
  if (!o) throw new Error(`fixture has no ${kind} ${String(name)}`);
  return o;
}

/** Every object of `kind` matching `name`. */
export function findAll(cluster: ReplicaCluster, kind: string, name: RegExp = /.*/): KubeObject[] {
  return cluster.objects.filter((x) => x.kind === kind && name.test(x.metadata.name));
}
