/**
 * Reads the cluster state verify judges, read-only and in parallel: nodes,
 * StorageClasses, the release's namespace and its pods, events, claims,
 * workloads, jobs, Services, service accounts, sg-replica's Secrets (names
 * only), Ingresses, the Helm release, GKE BackendConfigs, the ingress-nginx
 * controller Service, every namespace's active pods (for requests per pool),
 * and then the frontend's health. A source that cannot be read is recorded
 * in `readErrors` (the checks that need it say "could not check"), so one
 * forbidden list does not hide the rest.
 */
import type { Design, IngressKind } from '../design/model';
import type { ClusterState, CustomObject, StateSource } from './cluster-state';
import { ClusterConnection, classifyFailure, serviceProxyGet, statusOf } from './connection';
import { INGRESS_NGINX_CONTROLLER, loadBalancerAddress } from './check-exposure';
import { SOURCEGRAPH_RELEASE_NAME } from './check-sourcegraph';
import { HealthRoute, HttpGet, probeFrontend } from './frontend-health';
import { latestRelease } from './helm-release';

/** What else each ingress kind's exposure is read from: the GKE BackendConfigs (gce), the controller Service (nginx). */
const EXPOSURE_SOURCES: Readonly<Record<IngressKind, { readonly backendConfigs: boolean; readonly ingressController: boolean }>> = {
  alb: { backendConfigs: false, ingressController: false },
  nginx: { backendConfigs: false, ingressController: true },
  gce: { backendConfigs: true, ingressController: false },
  none: { backendConfigs: false, ingressController: false },
};

/** Label sg-replica puts on the Secrets it creates (lib/kubernetes/external-service-secrets.ts). */
export const SG_REPLICA_SECRET_SELECTOR = 'app.kubernetes.io/managed-by=sg-replica';

/** What to collect besides the objects. */
export interface CollectOptions {
  /** Probe the frontend's health, by this route; `false` skips the probe (`--wait` polls without it). @default 'auto' */
  readonly health?: HealthRoute | false;
  /** The load balancer GET (tests replace it). @default Node http(s) */
  readonly httpGet?: HttpGet;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Reads everything; never throws for a source that fails (see `readErrors`). */
export async function collectState(conn: ClusterConnection, design: Design, options: CollectOptions = {}): Promise<ClusterState> {
  const namespace = design.sourcegraph.namespace;
  const server = conn.kubeconfig.server;
  const errors: Partial<Record<StateSource, string>> = {};
  const read = async <T>(source: StateSource, fn: () => Promise<T>, absent: T): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      if (statusOf(e) === 404) return absent;
      errors[source] = classifyFailure(e, server, conn.timeoutMs).message;
      return absent;
    }
  };
  const { core, apps, batch, networking, storage, custom, version } = conn;
  const ns = { namespace };
  const [
    versionInfo,
    nodes,
    storageClasses,
    namespaceObject,
    pods,
    allPods,
    events,
    persistentVolumeClaims,
    deployments,
    statefulSets,
    daemonSets,
    jobs,
    services,
    serviceAccounts,
    secretNames,
    releaseSecrets,
    ingresses,
    backendConfigs,
    ingressController,
  ] = await Promise.all([
    read('version', () => version.getCode(), undefined),
    read('nodes', async () => (await core.listNode()).items, []),
    read('storageClasses', async () => (await storage.listStorageClass()).items, []),
    read('namespace', () => core.readNamespace({ name: namespace }), undefined),
    read('pods', async () => (await core.listNamespacedPod(ns)).items, []),
    read('allPods', async () => (await core.listPodForAllNamespaces({ fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' })).items, []),
    read('events', async () => (await core.listNamespacedEvent(ns)).items, []),
    read('persistentVolumeClaims', async () => (await core.listNamespacedPersistentVolumeClaim(ns)).items, []),
    read('deployments', async () => (await apps.listNamespacedDeployment(ns)).items, []),
    read('statefulSets', async () => (await apps.listNamespacedStatefulSet(ns)).items, []),
    read('daemonSets', async () => (await apps.listNamespacedDaemonSet(ns)).items, []),
    read('jobs', async () => (await batch.listNamespacedJob(ns)).items, []),
    read('services', async () => (await core.listNamespacedService(ns)).items, []),
    read('serviceAccounts', async () => (await core.listNamespacedServiceAccount(ns)).items, []),
    read('secrets', async () => (await core.listNamespacedSecret({ namespace, labelSelector: SG_REPLICA_SECRET_SELECTOR })).items.map((s) => s.metadata?.name ?? ''), [] as string[]),
    read('helmRelease', async () => (await core.listNamespacedSecret({ namespace, labelSelector: `owner=helm,name=${SOURCEGRAPH_RELEASE_NAME}` })).items, []),
    read('ingresses', async () => (await networking.listNamespacedIngress(ns)).items, []),
    EXPOSURE_SOURCES[design.sourcegraph.ingress].backendConfigs
      ? read('backendConfigs', async () => ((await custom.listNamespacedCustomObject({ group: 'cloud.google.com', version: 'v1', namespace, plural: 'backendconfigs' })) as { items?: CustomObject[] }).items ?? [], [] as CustomObject[])
      : Promise.resolve([] as CustomObject[]),
    EXPOSURE_SOURCES[design.sourcegraph.ingress].ingressController
      ? read('ingressController', () => core.readNamespacedService({ name: INGRESS_NGINX_CONTROLLER.service, namespace: INGRESS_NGINX_CONTROLLER.namespace }), undefined)
      : Promise.resolve(undefined),
  ]);
  let helmRelease;
  try {
    helmRelease = latestRelease(releaseSecrets, SOURCEGRAPH_RELEASE_NAME);
  } catch (e) {
    errors.helmRelease = (e as Error).message;
  }
  const state: Mutable<ClusterState> = {
    ...(versionInfo && { version: versionInfo }),
    nodes,
    storageClasses,
    ...(namespaceObject && { namespace: namespaceObject }),
    pods,
    allPods,
    events,
    persistentVolumeClaims,
    deployments,
    statefulSets,
    daemonSets,
    jobs,
    services,
    serviceAccounts,
    secretNames: secretNames.filter(Boolean),
    ingresses,
    ...(helmRelease && { helmRelease }),
    backendConfigs,
    ...(ingressController && { ingressController }),
    readErrors: errors,
  };
  if (options.health !== false) {
    state.health = await probeFrontend({
      design,
      address: loadBalancerAddress({ design, state }),
      route: options.health ?? 'auto',
      proxyGet: serviceProxyGet(conn),
      ...(options.httpGet && { httpGet: options.httpGet }),
    });
  }
  return state;
}
