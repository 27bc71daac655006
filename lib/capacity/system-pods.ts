/**
 * Pods the platform runs besides Sourcegraph, with their requests: per node
 * (DaemonSets that tolerate every taint) and cluster-wide (Deployments that
 * tolerate no custom taint). Data; requests are the defaults of the versions
 * EKS and GKE install in 2025-2026, from the sources named per entry. GKE
 * does not publish its system pods' requests: those are from
 * `kubectl get pods -n kube-system -o yaml` on GKE Standard 1.31-1.33 and
 * may move with GKE versions.
 */
import type { CloudTable } from '../cloud/clouds';
import type { Design, IngressKind } from '../design/model';
import { MIB } from '../sizing/quantity';

/** A platform pod. */
export interface SystemPod {
  readonly name: string;
  readonly cpuMillis: number;
  readonly memoryBytes: number;
  /** Pods cluster-wide; absent for per-node pods. */
  readonly replicas?: number;
  /** Where the numbers come from. */
  readonly source: string;
}

/** Per-node and cluster-wide platform pods of a design. */
export interface SystemPods {
  readonly perNode: readonly SystemPod[];
  readonly clusterWide: readonly SystemPod[];
}

const EKS_PER_NODE: readonly SystemPod[] = [
  { name: 'kube-proxy', cpuMillis: 100, memoryBytes: 0, source: 'EKS kube-proxy add-on DaemonSet (requests cpu 100m)' },
  { name: 'aws-node', cpuMillis: 25, memoryBytes: 0, source: 'aws/amazon-vpc-cni-k8s charts/aws-vpc-cni values.yaml (requests cpu 25m)' },
  {
    name: 'ebs-csi-node',
    cpuMillis: 30,
    memoryBytes: 120 * MIB,
    source: 'kubernetes-sigs/aws-ebs-csi-driver chart: ebs-plugin, node-driver-registrar, liveness-probe at 10m / 40Mi each',
  },
];

const EKS_CLUSTER_WIDE: readonly SystemPod[] = [
  { name: 'coredns', cpuMillis: 100, memoryBytes: 70 * MIB, replicas: 2, source: 'EKS coredns add-on (2 replicas, 100m / 70Mi)' },
  {
    name: 'ebs-csi-controller',
    cpuMillis: 60,
    memoryBytes: 240 * MIB,
    replicas: 2,
    source: 'kubernetes-sigs/aws-ebs-csi-driver chart: 6 containers at 10m / 40Mi, 2 replicas',
  },
];

/**
 * The Kubernetes Cluster Autoscaler every EKS replica runs (GKE autoscales
 * node pools itself). Its requests are the ones sg-replica installs it with
 * (`CLUSTER_AUTOSCALER_RESOURCES` in lib/kubernetes/cluster-autoscaler.ts),
 * upstream's cloudprovider/aws/examples/cluster-autoscaler-autodiscover.yaml.
 */
const CLUSTER_AUTOSCALER: SystemPod = {
  name: 'cluster-autoscaler',
  cpuMillis: 100,
  memoryBytes: 600 * MIB,
  replicas: 1,
  source: 'kubernetes/autoscaler cluster-autoscaler-autodiscover.yaml requests (100m / 600Mi), as sg-replica installs it',
};

const AWS_LOAD_BALANCER_CONTROLLER: SystemPod = {
  name: 'aws-load-balancer-controller',
  cpuMillis: 0,
  memoryBytes: 0,
  replicas: 2,
  source: 'kubernetes-sigs/aws-load-balancer-controller chart (2 replicas, no requests by default)',
};

const INGRESS_NGINX: SystemPod = {
  name: 'ingress-nginx-controller',
  cpuMillis: 100,
  memoryBytes: 90 * MIB,
  replicas: 1,
  source: 'kubernetes/ingress-nginx chart controller.resources (100m / 90Mi, 1 replica)',
};

const GKE_PER_NODE: readonly SystemPod[] = [
  { name: 'kube-proxy', cpuMillis: 100, memoryBytes: 0, source: 'GKE kube-proxy static pod (cpu 100m)' },
  { name: 'fluentbit-gke', cpuMillis: 100, memoryBytes: 200 * MIB, source: 'GKE fluentbit-gke DaemonSet (observed, 2 containers)' },
  { name: 'gke-metadata-server', cpuMillis: 100, memoryBytes: 100 * MIB, source: 'GKE Workload Identity metadata server (observed)' },
  { name: 'pdcsi-node', cpuMillis: 20, memoryBytes: 40 * MIB, source: 'GKE Compute Engine PD CSI node plugin (observed)' },
  { name: 'gke-metrics-agent', cpuMillis: 8, memoryBytes: 60 * MIB, source: 'GKE gke-metrics-agent DaemonSet (observed)' },
];

const GKE_CLUSTER_WIDE: readonly SystemPod[] = [
  { name: 'kube-dns', cpuMillis: 260, memoryBytes: 110 * MIB, replicas: 2, source: 'GKE kube-dns (kubedns 100m/70Mi, dnsmasq 150m/20Mi, sidecar 10m/20Mi)' },
  { name: 'kube-dns-autoscaler', cpuMillis: 20, memoryBytes: 10 * MIB, replicas: 1, source: 'GKE kube-dns-autoscaler (observed)' },
  { name: 'metrics-server', cpuMillis: 50, memoryBytes: 100 * MIB, replicas: 1, source: 'GKE metrics-server (observed, with its nanny)' },
];

/** Each platform's own pods. */
const PLATFORM_PODS: CloudTable<SystemPods> = {
  aws: { perNode: EKS_PER_NODE, clusterWide: [...EKS_CLUSTER_WIDE, CLUSTER_AUTOSCALER] },
  gcp: { perNode: GKE_PER_NODE, clusterWide: GKE_CLUSTER_WIDE },
};

/** The controller each ingress kind installs in the cluster (GKE's own ingress controller runs outside it). */
const INGRESS_CONTROLLER_PODS: Readonly<Record<IngressKind, readonly SystemPod[]>> = {
  alb: [AWS_LOAD_BALANCER_CONTROLLER],
  nginx: [INGRESS_NGINX],
  gce: [],
  none: [],
};

/** The platform pods of `design`'s cluster: per cloud, plus the ingress controller its ingress kind installs. */
export function systemPods(design: Design): SystemPods {
  const platform = PLATFORM_PODS[design.cloud.provider];
  return { perNode: platform.perNode, clusterWide: [...platform.clusterWide, ...INGRESS_CONTROLLER_PODS[design.sourcegraph.ingress]] };
}
