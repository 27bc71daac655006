/**
 * Kubernetes Cluster Autoscaler releases sg-replica installs on EKS, by the
 * cluster's Kubernetes minor version. Data.
 *
 * The autoscaler's minor version must match the cluster's: "We recommend
 * using Cluster Autoscaler with the Kubernetes control plane version for
 * which it was meant" (kubernetes/autoscaler, cluster-autoscaler/README.md,
 * "Releases"); each minor is built against that Kubernetes minor's
 * scheduler. The tags are the newest patch of each minor in the
 * kubernetes/autoscaler repository's `cluster-autoscaler-<version>` git
 * tags as of the catalog date (repository snapshot of 2026-08-22), published
 * as `registry.k8s.io/autoscaling/cluster-autoscaler:v<version>`.
 *
 * The Helm chart (`cluster-autoscaler` at https://kubernetes.github.io/autoscaler)
 * is one for every minor: its `image.tag` is set from this table. 9.59.0
 * (git tag `cluster-autoscaler-chart-9.59.0`, 2026-07-21, appVersion 1.35.0)
 * is the newest chart of the snapshot.
 *
 * To update: list the repository's `cluster-autoscaler-1.*` tags, take the
 * newest patch of each minor the EKS catalog (kubernetes-versions.ts)
 * supports, and bump CLUSTER_AUTOSCALER_CATALOG_DATE.
 */

/** The date the table describes. */
export const CLUSTER_AUTOSCALER_CATALOG_DATE = '2026-08-22';

/** Chart repository of the Cluster Autoscaler. */
export const CLUSTER_AUTOSCALER_CHART_REPOSITORY = 'https://kubernetes.github.io/autoscaler';
/** Pinned chart version. */
export const CLUSTER_AUTOSCALER_CHART_VERSION = '9.59.0';
/** Where sg-replica runs the Cluster Autoscaler, and its service account (the IRSA role trusts exactly this). */
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = { namespace: 'kube-system', name: 'cluster-autoscaler' } as const;
/** The image repository (the chart's default). */
export const CLUSTER_AUTOSCALER_IMAGE = 'registry.k8s.io/autoscaling/cluster-autoscaler';

/** Autoscaler image tag per Kubernetes minor version. */
export const CLUSTER_AUTOSCALER_IMAGE_TAGS: Readonly<Record<string, string>> = {
  '1.32': 'v1.32.7',
  '1.33': 'v1.33.6',
  '1.34': 'v1.34.5',
  '1.35': 'v1.35.2',
  '1.36': 'v1.36.1',
};

/**
 * The autoscaler image tag for a cluster of Kubernetes `version` (a minor,
 * e.g. `1.35`).
 * @throws Error naming the minors the table has, when it has not this one.
 */
export function clusterAutoscalerImageTag(version: string): string {
  const tag = CLUSTER_AUTOSCALER_IMAGE_TAGS[version];
  if (!tag) {
    throw new Error(
      `No Cluster Autoscaler release for Kubernetes ${version} in sg-replica's table (as of ${CLUSTER_AUTOSCALER_CATALOG_DATE}; known: ${Object.keys(CLUSTER_AUTOSCALER_IMAGE_TAGS).join(', ')})`,
    );
  }
  return tag;
}
