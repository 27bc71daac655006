/**
 * Components of Sourcegraph's Kustomize release that fight a replica, and
 * why. Data, keyed by the component's path in the release (a rule for
 * `components/clusters/aws` covers every component under it). What each
 * component does is read from the release's `components/<path>/` and the
 * comments of `instances/template/kustomization.template.yaml`.
 *
 * Rules that depend on the design (the size, the ingress kind, the cloud,
 * external services) are in check-overlay.ts; these tables are only facts.
 */
import { IngressKind, SourcegraphSize } from '../../design/model';

/** A component that fights every replica. */
export interface ComponentRule {
  readonly path: string;
  readonly severity: 'error' | 'warning';
  readonly reason: string;
  /**
   * Only when the overlay names this component itself, not when another
   * component brings it in (every `components/sizes/*` includes
   * `resources/lower-requests`: that is what production runs too).
   */
  readonly onlyDirect?: boolean;
}

/** Components refused or warned about whatever the design. */
export const COMPONENT_RULES: readonly ComponentRule[] = [
  { path: 'components/remove/resources', severity: 'error', reason: 'removes every resource request and limit, so the replica would no longer test the production sizing' },
  { path: 'components/remove/requests', severity: 'error', reason: 'removes every resource request, so the capacity check and the replica would no longer test the production sizing' },
  { path: 'components/utils/multi-version-upgrade', severity: 'error', reason: 'scales every workload but the databases to zero (an upgrade step): the replica would run nothing to confirm' },
  {
    path: 'components/resources/lower-requests',
    severity: 'warning',
    onlyDirect: true,
    reason: "lowers the main container's requests to 100m / 250M everywhere: pods schedule where their limits overcommit the nodes, so the capacity answers are optimistic",
  },
  { path: 'components/remove/pvcs', severity: 'warning', reason: 'removes every PersistentVolumeClaim, so the stores run on ephemeral volumes: the replica does not test its disks and loses its data on every restart' },
  { path: 'components/enable/private-registry', severity: 'warning', reason: "pulls images from the customer's registry: the replica's nodes must be able to reach and authenticate to it, which sg-replica does not set up" },
  { path: 'components/resources/imagepullsecrets', severity: 'warning', reason: 'the image pull Secret must exist in the replica\'s namespace: sg-replica does not create it' },
  { path: 'components/network/tls', severity: 'warning', reason: "needs production's TLS certificate Secret (or cert-manager), which the replica does not have" },
  { path: 'components/network/tls-secretname', severity: 'warning', reason: "names production's TLS Secret, which the replica does not have" },
  { path: 'components/network/nodeport', severity: 'warning', reason: "opens the frontend on a port of every node, outside the design's ingress and sourcegraph.allowedClientCidrs" },
  { path: 'components/network/loadbalancer', severity: 'warning', reason: 'gives the frontend a cloud load balancer of its own, besides the ingress; the replica limits it to sourcegraph.allowedClientCidrs and tags it' },
  { path: 'components/clusters/k3s', severity: 'warning', reason: 'configures Sourcegraph for a k3s cluster (storage, ingress); the replica runs on EKS or GKE' },
  { path: 'components/clusters/minikube', severity: 'error', reason: "removes the resources of every container and uses minikube's storage: the replica would no longer test the production sizing" },
  { path: 'components/storage-class/k3s', severity: 'warning', reason: "uses k3s's local-path storage; the replica puts every volume on its own StorageClass" },
  { path: 'components/storage-class/minikube', severity: 'warning', reason: "uses minikube's hostPath storage; the replica puts every volume on its own StorageClass" },
  { path: 'components/storage-class/trident', severity: 'warning', reason: "uses NetApp Trident storage; the replica puts every volume on its own StorageClass" },
  { path: 'components/storage-class/ssd', severity: 'warning', reason: "uses the nodes' local SSDs (SSD_NODE_PATH, with a pod-tmp-gc DaemonSet); the replica's nodes have none, and it puts every volume on its own StorageClass" },
  { path: 'components/executors/dind', severity: 'warning', reason: 'runs privileged Docker-in-Docker executors: they need a privileged pod security setting the replica does not grant' },
];

/**
 * Components made for one managed Kubernetes service, named as the cloud
 * table names it (`CloudFacts.kubernetesService`; AKS: none sg-replica builds).
 */
export const PLATFORM_COMPONENTS: readonly { readonly path: string; readonly platform: 'EKS' | 'GKE' | 'AKS' }[] = [
  { path: 'components/clusters/aws', platform: 'EKS' },
  { path: 'components/storage-class/aws', platform: 'EKS' },
  { path: 'components/ingress/alb', platform: 'EKS' },
  { path: 'components/clusters/gke', platform: 'GKE' },
  { path: 'components/storage-class/gcp', platform: 'GKE' },
  { path: 'components/ingress/gke', platform: 'GKE' },
  { path: 'components/storage-class/azure', platform: 'AKS' },
];

/** The ingress each ingress component sets up. */
export const INGRESS_COMPONENTS: readonly { readonly path: string; readonly ingress: IngressKind | 'traefik' }[] = [
  { path: 'components/ingress/alb', ingress: 'alb' },
  { path: 'components/clusters/aws/ebs-csi', ingress: 'alb' },
  { path: 'components/clusters/aws/aws-ebs', ingress: 'alb' },
  { path: 'components/ingress/gke', ingress: 'gce' },
  { path: 'components/ingress/nginx-controller', ingress: 'nginx' },
  { path: 'components/ingress/k3s', ingress: 'traefik' },
];

/** The size components, by size. */
export const SIZE_COMPONENTS: Readonly<Record<string, SourcegraphSize>> = {
  'components/sizes/xs': 'XS',
  'components/sizes/s': 'S',
  'components/sizes/m': 'M',
  'components/sizes/l': 'L',
  'components/sizes/xl': 'XL',
};

/** True when the release path `path` is `prefix` or below it. */
export function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}
