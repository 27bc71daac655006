/**
 * What `sg-replica verify` reads from the cluster, in one read-only snapshot:
 * the Kubernetes objects as the API returns them (the client library's
 * model types), the Helm release decoded from its Secret, the frontend's
 * health probe, and what could not be read. The checks are pure functions of
 * a design and this snapshot.
 *
 * Type-only imports: nothing here loads the Kubernetes client.
 */
import type {
  CoreV1Event,
  V1DaemonSet,
  V1Deployment,
  V1Ingress,
  V1Job,
  V1Namespace,
  V1Node,
  V1PersistentVolumeClaim,
  V1Pod,
  V1Service,
  V1ServiceAccount,
  V1StatefulSet,
  V1StorageClass,
  VersionInfo,
} from '@kubernetes/client-node';
import type { FrontendHealth } from './frontend-health';
import type { HelmRelease } from './helm-release';

/** A custom resource (e.g. a GKE BackendConfig), as the API returns it. */
export interface CustomObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly annotations?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
}

/** The kinds of data verify collects; `readErrors` is keyed by them. */
export type StateSource =
  | 'version'
  | 'nodes'
  | 'storageClasses'
  | 'namespace'
  | 'pods'
  | 'allPods'
  | 'events'
  | 'persistentVolumeClaims'
  | 'deployments'
  | 'statefulSets'
  | 'daemonSets'
  | 'jobs'
  | 'services'
  | 'serviceAccounts'
  | 'secrets'
  | 'ingresses'
  | 'helmRelease'
  | 'backendConfigs'
  | 'ingressController';

/** Everything verify looked at. Lists are empty when the source could not be read (see `readErrors`). */
export interface ClusterState {
  /** The API server's version, when read. */
  readonly version?: VersionInfo;
  readonly nodes: readonly V1Node[];
  readonly storageClasses: readonly V1StorageClass[];
  /** The release's namespace; undefined when it does not exist. */
  readonly namespace?: V1Namespace;
  /** Pods of the release's namespace. */
  readonly pods: readonly V1Pod[];
  /** Pods of every namespace that are not finished (requests per pool count them all). */
  readonly allPods: readonly V1Pod[];
  /** Events of the release's namespace. */
  readonly events: readonly CoreV1Event[];
  readonly persistentVolumeClaims: readonly V1PersistentVolumeClaim[];
  readonly deployments: readonly V1Deployment[];
  readonly statefulSets: readonly V1StatefulSet[];
  readonly daemonSets: readonly V1DaemonSet[];
  readonly jobs: readonly V1Job[];
  /** Services of the release's namespace. */
  readonly services: readonly V1Service[];
  readonly serviceAccounts: readonly V1ServiceAccount[];
  /** Names of the Secrets sg-replica created in the namespace (only names are kept). */
  readonly secretNames: readonly string[];
  readonly ingresses: readonly V1Ingress[];
  /** The newest revision of the Sourcegraph Helm release, when found. */
  readonly helmRelease?: HelmRelease;
  /** GKE BackendConfigs of the namespace (none on clusters without the CRD). */
  readonly backendConfigs: readonly CustomObject[];
  /** The ingress-nginx controller's Service (ingress `nginx`), when found. */
  readonly ingressController?: V1Service;
  /** The frontend's health probe, when it ran. */
  readonly health?: FrontendHealth;
  /** What could not be read, and why (e.g. `forbidden: ...`). */
  readonly readErrors: Readonly<Partial<Record<StateSource, string>>>;
}

/** An empty snapshot, for tests and as the base of a collection. */
export function emptyState(): ClusterState {
  return {
    nodes: [],
    storageClasses: [],
    pods: [],
    allPods: [],
    events: [],
    persistentVolumeClaims: [],
    deployments: [],
    statefulSets: [],
    daemonSets: [],
    jobs: [],
    services: [],
    serviceAccounts: [],
    secretNames: [],
    ingresses: [],
    backendConfigs: [],
    readErrors: {},
  };
}

/** Milliseconds since the epoch of an API timestamp (a `Date` from the client, a string in raw JSON); 0 when absent. */
export function timeOf(value: Date | string | undefined | null): number {
  if (value === undefined || value === null) return 0;
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isFinite(t) ? t : 0;
}
