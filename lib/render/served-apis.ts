/**
 * Which Kubernetes minor versions serve an API group/version: the APIs
 * removed (and, for the ones still current, added) by minor version. Data.
 *
 * Source: kubernetes.io/docs/reference/using-api/deprecation-guide/ (removals
 * in v1.16, v1.22, v1.25, v1.26, v1.27, v1.29, v1.32) and the release notes
 * of the versions that added the GA APIs listed.
 */

/** One API version of some or all kinds, and the minors that serve it. */
export interface ApiLifetime {
  /** `group/version`, or `v1` for the core group. */
  readonly apiVersion: string;
  /** Kinds this entry is about; absent: every kind of the group/version. */
  readonly kinds?: readonly string[];
  /** First minor that serves it. */
  readonly since?: number;
  /** First minor that no longer serves it. */
  readonly removedIn?: number;
  /** What to use instead. */
  readonly use?: string;
}

/** API versions with a limited lifetime. Anything not listed is served by every minor sg-replica supports. */
export const API_LIFETIMES: readonly ApiLifetime[] = [
  { apiVersion: 'extensions/v1beta1', removedIn: 16, use: 'apps/v1, networking.k8s.io/v1' },
  { apiVersion: 'apps/v1beta1', removedIn: 16, use: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', removedIn: 16, use: 'apps/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', removedIn: 22, use: 'networking.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', removedIn: 22, use: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', removedIn: 22, use: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', removedIn: 22, use: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', removedIn: 22, use: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', removedIn: 22, use: 'scheduling.k8s.io/v1' },
  { apiVersion: 'certificates.k8s.io/v1beta1', removedIn: 22, use: 'certificates.k8s.io/v1' },
  { apiVersion: 'coordination.k8s.io/v1beta1', removedIn: 22, use: 'coordination.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], removedIn: 22, use: 'storage.k8s.io/v1' },
  { apiVersion: 'batch/v1beta1', removedIn: 25, use: 'batch/v1' },
  { apiVersion: 'discovery.k8s.io/v1beta1', removedIn: 25, use: 'discovery.k8s.io/v1' },
  { apiVersion: 'events.k8s.io/v1beta1', removedIn: 25, use: 'events.k8s.io/v1' },
  { apiVersion: 'autoscaling/v2beta1', removedIn: 25, use: 'autoscaling/v2' },
  { apiVersion: 'policy/v1beta1', removedIn: 25, use: 'policy/v1 (PodSecurityPolicy: none, use Pod Security Admission)' },
  { apiVersion: 'node.k8s.io/v1beta1', removedIn: 25, use: 'node.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', removedIn: 26, use: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'autoscaling/v2beta2', removedIn: 26, use: 'autoscaling/v2' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: 27, use: 'storage.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', removedIn: 29, use: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', removedIn: 32, use: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'policy/v1', kinds: ['PodDisruptionBudget'], since: 21 },
  { apiVersion: 'batch/v1', kinds: ['CronJob'], since: 21 },
  { apiVersion: 'autoscaling/v2', since: 23 },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', since: 29 },
];

/** The minor number of `1.33` (or `1.33.2`, `v1.33`). @throws Error for anything else. */
export function kubernetesMinor(version: string): number {
  const m = /^v?1\.(\d+)/.exec(version);
  if (!m) throw new Error(`'${version}' is not a Kubernetes 1.x version`);
  return Number(m[1]);
}

/** Why Kubernetes `version` does not serve `apiVersion` `kind`, or undefined when it does. */
export function unservedReason(apiVersion: string, kind: string, version: string): string | undefined {
  const minor = kubernetesMinor(version);
  for (const entry of API_LIFETIMES) {
    if (entry.apiVersion !== apiVersion || (entry.kinds && !entry.kinds.includes(kind))) continue;
    if (entry.removedIn !== undefined && minor >= entry.removedIn) {
      return `${apiVersion} ${kind} was removed in Kubernetes 1.${entry.removedIn}; the replica runs ${version}${entry.use ? ` (use ${entry.use})` : ''}`;
    }
    if (entry.since !== undefined && minor < entry.since) return `${apiVersion} ${kind} is served from Kubernetes 1.${entry.since}; the replica runs ${version}`;
  }
  return undefined;
}
