import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { EndpointAccess } from '../design/model';
import { CONTROL_PLANE_PREFIX } from '../network/gke-subnet-plan';
import { isPrivateRange, isNetworkAddress, parseCidr } from '../network/subnet-plan';
import { ContainerCluster, type ContainerClusterMasterAuthorizedNetworksConfigCidrBlocks } from '../providers/google';
import { checkGcpLabels } from '../replica/gcp-labels';

/** GKE release channels that can be enrolled in. */
export type GkeReleaseChannel = 'RAPID' | 'REGULAR' | 'STABLE' | 'EXTENDED';

/**
 * The release channel of a replica: EXTENDED. It offers the Regular
 * channel's minor versions plus those in extended support (the older
 * versions a customer may still run), and upgrades a cluster to a new
 * minor version only when its version leaves extended support, so the
 * replica keeps the design's minor version for its whole life. Only patch
 * versions move. Versions in extended support cost extra, as on EKS.
 */
export const DEFAULT_GKE_RELEASE_CHANNEL: GkeReleaseChannel = 'EXTENDED';

/**
 * Cloud Logging components GKE knows, in the order of its API's enum
 * (`LoggingComponentConfig.Component`). `enable_components` is a list in the
 * provider (google 6.50.0 `resource_container_cluster.go`, TypeList, no diff
 * suppression), so a configuration in another order than the one GKE
 * returns would show a diff on every plan. Assumed (not verifiable
 * offline): the API returns components in this, its enum's, order. Writing
 * them in that order keeps plans clean if it does and costs nothing if it
 * returns them as given.
 */
export const GKE_LOGGING_COMPONENT_ORDER: readonly string[] = [
  'SYSTEM_COMPONENTS',
  'WORKLOADS',
  'APISERVER',
  'SCHEDULER',
  'CONTROLLER_MANAGER',
  'KCP_SSHD',
  'KCP_CONNECTION',
  'KCP_HPA',
];

/** What the cluster sends to Cloud Logging: system components, workloads and the control plane. */
export const DEFAULT_GKE_LOGGING_COMPONENTS: readonly string[] = [
  'SYSTEM_COMPONENTS',
  'WORKLOADS',
  'APISERVER',
  'SCHEDULER',
  'CONTROLLER_MANAGER',
];

/**
 * Cloud Monitoring components GKE knows, in the order of its API's enum
 * (`MonitoringComponentConfig.Component`; the provider's list of valid
 * values). See {@link GKE_LOGGING_COMPONENT_ORDER} for why the order matters.
 */
export const GKE_MONITORING_COMPONENT_ORDER: readonly string[] = [
  'SYSTEM_COMPONENTS',
  'APISERVER',
  'SCHEDULER',
  'CONTROLLER_MANAGER',
  'STORAGE',
  'HPA',
  'POD',
  'DAEMONSET',
  'DEPLOYMENT',
  'STATEFULSET',
  'CADVISOR',
  'KUBELET',
  'DCGM',
  'JOBSET',
];

/**
 * Monitoring components that GKE collects through Managed Service for
 * Prometheus: the kube-state-metrics packages (STORAGE, HPA, POD, DAEMONSET,
 * DEPLOYMENT, STATEFULSET, JOBSET), cAdvisor and kubelet metrics, and DCGM.
 * GKE's "Collect and view kube state metrics" page requires managed
 * collection for them (see terraform-google-kubernetes-engine#2039 for the
 * rejection and diff the combination causes). Control-plane metrics (APISERVER,
 * SCHEDULER, CONTROLLER_MANAGER) need only system metrics.
 */
export const MANAGED_PROMETHEUS_COMPONENTS: readonly string[] = [
  'STORAGE',
  'HPA',
  'POD',
  'DAEMONSET',
  'DEPLOYMENT',
  'STATEFULSET',
  'CADVISOR',
  'KUBELET',
  'DCGM',
  'JOBSET',
];

/**
 * What the cluster sends to Cloud Monitoring: system components and the
 * control plane, and nothing that needs Managed Service for Prometheus
 * (which is off: Sourcegraph ships its own Prometheus).
 */
export const DEFAULT_GKE_MONITORING_COMPONENTS: readonly string[] = [
  'SYSTEM_COMPONENTS',
  'APISERVER',
  'SCHEDULER',
  'CONTROLLER_MANAGER',
];

/**
 * `components` in GKE's own order, checked against the known ones.
 *
 * @throws Error naming an unknown or repeated component.
 */
export function canonicalComponents(components: readonly string[], order: readonly string[], what: string): string[] {
  const seen = new Set<string>();
  for (const c of components) {
    if (!order.includes(c)) throw new Error(`${what}: unknown component "${c}" (known: ${order.join(', ')})`);
    if (seen.has(c)) throw new Error(`${what}: component "${c}" is listed twice`);
    seen.add(c);
  }
  return order.filter((c) => seen.has(c));
}

/** OAuth scope of GKE nodes: all of Cloud Platform, narrowed by the node service account's IAM roles. */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Create, update and delete timeout of the cluster and its node pools. */
export const GKE_TIMEOUT = '45m';

/** Properties of a {@link GkeCluster}. */
export interface GkeClusterProps {
  /** Cluster name: 1-40 lowercase letters, digits and '-', starting with a letter. */
  readonly name: string;
  /** The project of the cluster (also names the Workload Identity pool `<project>.svc.id.goog`). */
  readonly project: string;
  /** Region: the cluster is regional, with a control plane replica in each of its zones. */
  readonly region: string;
  /** Zones of the region the nodes run in (`node_locations`). At least one. */
  readonly zones: readonly string[];
  /**
   * Kubernetes minor version, e.g. `1.33`: the cluster is created at the
   * newest patch of that minor (`min_master_version`), and node pools follow it.
   */
  readonly version: string;
  /** @default DEFAULT_GKE_RELEASE_CHANNEL (EXTENDED) */
  readonly releaseChannel?: GkeReleaseChannel;
  /** Self link (or name) of the VPC. */
  readonly networkSelfLink: string;
  /** Self link (or name) of the node subnet. */
  readonly subnetworkSelfLink: string;
  /** Name of the subnet's secondary range for pods. */
  readonly podRangeName: string;
  /** Name of the subnet's secondary range for Services. */
  readonly serviceRangeName: string;
  /** The private control plane's /28 (`master_ipv4_cidr_block`): RFC 1918, in no subnet. */
  readonly controlPlaneCidr: string;
  /**
   * Whether the API server is reachable from the internet (only from
   * `allowedCidrs`, master authorized networks) or only from inside the VPC
   * (`enable_private_endpoint`). Nodes are private either way.
   * @default 'private'
   */
  readonly endpointAccess?: EndpointAccess;
  /**
   * Master authorized networks. Required and non-empty for a public endpoint;
   * `/0` is refused. For a private endpoint, internal ranges (VPN, peered
   * networks) that may reach it besides the node subnet.
   * @default []
   */
  readonly allowedCidrs?: readonly string[];
  /**
   * Email of the node service account: used by the short-lived default node
   * pool GKE creates before it is removed, so that not even it runs as the
   * Compute Engine default account.
   */
  readonly nodeServiceAccountEmail: string;
  /** Labels on the cluster (`resource_labels`), following GCP's label rules. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** GKE Dataplane V2 (eBPF datapath with built-in NetworkPolicy enforcement). @default true */
  readonly dataplaneV2?: boolean;
  /**
   * Accept user traffic on the control plane's DNS-based endpoint
   * (`control_plane_endpoints_config.dns_endpoint_config.allow_external_traffic`):
   * `gke-<id>.<region>.gke.goog`, reachable from anywhere that reaches Google
   * APIs, every request authorized by IAM (`container.clusters.connect`)
   * before Kubernetes RBAC. It is how Terraform and kubectl outside the VPC
   * reach a cluster whose IP endpoint is private; the IP endpoint stays as
   * `endpointAccess` says.
   * @default true when `endpointAccess` is private, false when it is public
   *   (the public IP endpoint behind master authorized networks serves then)
   */
  readonly dnsEndpoint?: boolean;
  /** Cloud Logging components (put into GKE's order). @default DEFAULT_GKE_LOGGING_COMPONENTS */
  readonly loggingComponents?: readonly string[];
  /**
   * Cloud Monitoring components (put into GKE's order). Those in
   * `MANAGED_PROMETHEUS_COMPONENTS` are refused: managed Prometheus is off.
   * @default DEFAULT_GKE_MONITORING_COMPONENTS
   */
  readonly monitoringComponents?: readonly string[];
  /** What the cluster waits for (e.g. the node service account's role grants). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A GKE Standard cluster hardened for a replica: regional, VPC-native on the
 * given secondary ranges, private nodes, the API endpoint public behind
 * master authorized networks or private only (then reached from outside
 * the VPC through the IAM-gated DNS endpoint), Workload Identity, shielded
 * nodes, the GCE Persistent Disk CSI driver and HTTP load balancing add-ons,
 * no client certificate or legacy ABAC, system and control plane logs and
 * metrics (none that needs managed Prometheus), and `deletion_protection`
 * off so `cdktf destroy` works.
 *
 * The control plane is the VPC-peering model (`master_ipv4_cidr_block`): it
 * reaches nodes only on 443 and 10250 through GKE's own firewall rules, so
 * admission webhooks on other ports (ingress-nginx: 8443) need
 * `ControlPlaneFirewall`.
 *
 * Node pools are separate (`GkeNodePool`): the default pool is removed once
 * the cluster exists. Until then it runs as the node service account, with
 * the same shielded and metadata settings as every pool.
 *
 * Secrets are not envelope-encrypted with a customer key (application-layer
 * secrets encryption): Cloud KMS key rings can never be deleted, so a replica
 * would leave one behind. GKE encrypts etcd at rest with Google-managed keys.
 */
export class GkeCluster extends Construct {
  /** The `google_container_cluster` resource. */
  public readonly resource: ContainerCluster;
  /** Cluster name (a reference, so dependents wait for the cluster). */
  public readonly clusterName: string;
  /** Cluster id `projects/<p>/locations/<region>/clusters/<name>`, what node pools attach to. */
  public readonly clusterId: string;
  /** The region the cluster is in. */
  public readonly location: string;
  /** IP address of the API server (private when `endpointAccess` is private); no scheme. */
  public readonly endpoint: string;
  /** Base64-encoded CA certificate of the API server's IP endpoint. */
  public readonly caCertificate: string;
  /**
   * Host name of the control plane's DNS-based endpoint (`gke-<id>.<region>.gke.goog`); no scheme.
   * Its certificate is publicly trusted: clients give no CA for it.
   */
  public readonly dnsEndpointHost: string;
  /** Whether the DNS-based endpoint accepts user traffic (`dnsEndpoint`). */
  public readonly dnsEndpointEnabled: boolean;
  /**
   * How a client outside the VPC (Terraform's Kubernetes and Helm providers,
   * kubectl) reaches the API server: the DNS endpoint with the system trust
   * store when it is enabled, else the IP endpoint with the cluster CA.
   */
  public readonly clientEndpoint: { readonly host: string; readonly caCertificate?: string };
  /** Workload Identity pool, `<project>.svc.id.goog`. */
  public readonly workloadPool: string;

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id);
    const endpointAccess = props.endpointAccess ?? 'private';
    const allowedCidrs = props.allowedCidrs ?? [];
    const releaseChannel = props.releaseChannel ?? DEFAULT_GKE_RELEASE_CHANNEL;
    const labels = props.labels ?? {};
    validate(props, endpointAccess, allowedCidrs, releaseChannel);
    checkGcpLabels(labels, `GkeCluster "${props.name}"`);
    const dataplaneV2 = props.dataplaneV2 ?? true;
    const dnsEndpoint = props.dnsEndpoint ?? endpointAccess === 'private';
    const what = `GkeCluster "${props.name}"`;
    const loggingComponents = canonicalComponents(props.loggingComponents ?? DEFAULT_GKE_LOGGING_COMPONENTS, GKE_LOGGING_COMPONENT_ORDER, what);
    const monitoringComponents = canonicalComponents(
      props.monitoringComponents ?? DEFAULT_GKE_MONITORING_COMPONENTS,
      GKE_MONITORING_COMPONENT_ORDER,
      what,
    );
    const needsManagedPrometheus = monitoringComponents.filter((c) => MANAGED_PROMETHEUS_COMPONENTS.includes(c));
    if (needsManagedPrometheus.length > 0) {
      throw new Error(
        `${what}: monitoring components ${needsManagedPrometheus.join(', ')} need Managed Service for Prometheus, which the replica leaves off (Sourcegraph ships its own Prometheus); GKE would refuse them`,
      );
    }
    this.workloadPool = `${props.project}.svc.id.goog`;

    const cidrBlocks = allowedCidrs.map(
      (cidr): ContainerClusterMasterAuthorizedNetworksConfigCidrBlocks => ({ cidrBlock: cidr, displayName: `allowed ${cidr}` }),
    );

    this.resource = new ContainerCluster(this, 'cluster', {
      name: props.name,
      description: `Sourcegraph replica ${props.name}, managed by sg-replica`,
      project: props.project,
      location: props.region,
      nodeLocations: [...props.zones],
      deletionProtection: false,

      minMasterVersion: props.version,
      releaseChannel: { channel: releaseChannel },

      network: props.networkSelfLink,
      subnetwork: props.subnetworkSelfLink,
      networkingMode: 'VPC_NATIVE',
      ipAllocationPolicy: {
        clusterSecondaryRangeName: props.podRangeName,
        servicesSecondaryRangeName: props.serviceRangeName,
        stackType: 'IPV4',
      },
      datapathProvider: dataplaneV2 ? 'ADVANCED_DATAPATH' : 'LEGACY_DATAPATH',
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint: endpointAccess === 'private',
        masterIpv4CidrBlock: props.controlPlaneCidr,
      },
      masterAuthorizedNetworksConfig: {
        cidrBlocks,
        gcpPublicCidrsAccessEnabled: false,
      },
      // google 6.50.0 sends allow_external_traffic on every create and update
      // (expandControlPlaneEndpointsConfig, ForceSendFields), so it is always set explicitly.
      controlPlaneEndpointsConfig: { dnsEndpointConfig: { allowExternalTraffic: dnsEndpoint } },
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      enableLegacyAbac: false,
      enableShieldedNodes: true,
      workloadIdentityConfig: { workloadPool: this.workloadPool },

      addonsConfig: {
        httpLoadBalancing: { disabled: false },
        horizontalPodAutoscaling: { disabled: false },
        gcePersistentDiskCsiDriverConfig: { enabled: true },
        // Dataplane V2 enforces NetworkPolicy itself; the Calico add-on is for the legacy datapath.
        networkPolicyConfig: { disabled: dataplaneV2 },
      },
      networkPolicy: dataplaneV2 ? undefined : { enabled: true, provider: 'CALICO' },

      loggingConfig: { enableComponents: loggingComponents },
      monitoringConfig: {
        enableComponents: monitoringComponents,
        // Sourcegraph brings its own Prometheus.
        managedPrometheus: { enabled: false },
      },

      resourceLabels: Object.keys(labels).length > 0 ? { ...labels } : undefined,

      // The default pool is created with the cluster and removed right after.
      removeDefaultNodePool: true,
      nodePool: [
        {
          name: 'default-pool',
          initialNodeCount: 1,
          nodeConfig: {
            machineType: 'e2-medium',
            diskSizeGb: 20,
            diskType: 'pd-balanced',
            imageType: 'COS_CONTAINERD',
            serviceAccount: props.nodeServiceAccountEmail,
            oauthScopes: [CLOUD_PLATFORM_SCOPE],
            shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
            workloadMetadataConfig: { mode: 'GKE_METADATA' },
            metadata: { 'disable-legacy-endpoints': 'true' },
          },
        },
      ],
      lifecycle: { ignoreChanges: ['node_pool', 'initial_node_count'] },
      timeouts: { create: GKE_TIMEOUT, update: GKE_TIMEOUT, delete: GKE_TIMEOUT },
      dependsOn: props.dependsOn,
    });

    this.clusterName = this.resource.name;
    this.clusterId = this.resource.id;
    this.location = this.resource.location;
    this.endpoint = this.resource.endpoint;
    this.caCertificate = this.resource.masterAuth.clusterCaCertificate;
    this.dnsEndpointHost = this.resource.controlPlaneEndpointsConfig.dnsEndpointConfig.endpoint;
    this.dnsEndpointEnabled = dnsEndpoint;
    this.clientEndpoint = dnsEndpoint
      ? { host: this.dnsEndpointHost }
      : { host: this.endpoint, caCertificate: this.caCertificate };
  }
}

const CLUSTER_NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
const VERSION = /^\d+\.\d+$/;
const CHANNELS: readonly string[] = ['RAPID', 'REGULAR', 'STABLE', 'EXTENDED'];

function validate(
  props: GkeClusterProps,
  endpointAccess: string,
  allowedCidrs: readonly string[],
  releaseChannel: string,
): void {
  const what = `GkeCluster "${props.name}"`;
  if (!CLUSTER_NAME.test(props.name)) {
    throw new Error(`${what}: name must be 1-40 lowercase letters, digits and '-', starting with a letter and not ending with '-'`);
  }
  if (!VERSION.test(props.version)) {
    throw new Error(`${what}: version "${props.version}" is not a Kubernetes minor version such as 1.33`);
  }
  if (!CHANNELS.includes(releaseChannel)) {
    throw new Error(`${what}: releaseChannel "${releaseChannel}" must be one of ${CHANNELS.join(', ')}`);
  }
  if (props.zones.length === 0) throw new Error(`${what}: zones is empty; nodes need at least one zone`);
  for (const zone of props.zones) {
    if (!zone.startsWith(`${props.region}-`)) {
      throw new Error(`${what}: zone "${zone}" is not in region ${props.region}`);
    }
  }
  if (new Set(props.zones).size !== props.zones.length) throw new Error(`${what}: zones ${props.zones.join(', ')} repeat a zone`);
  if (!Token.isUnresolved(props.controlPlaneCidr)) {
    const cp = parseCidr(props.controlPlaneCidr);
    if (!cp || cp.prefix !== CONTROL_PLANE_PREFIX || !isNetworkAddress(cp) || !isPrivateRange(cp)) {
      throw new Error(`${what}: controlPlaneCidr "${props.controlPlaneCidr}" must be a private (RFC 1918) /28 such as 172.16.0.0/28`);
    }
  }
  if (endpointAccess !== 'public' && endpointAccess !== 'private') {
    throw new Error(`${what}: endpointAccess must be 'public' or 'private', got "${endpointAccess}"`);
  }
  if (endpointAccess === 'public' && allowedCidrs.length === 0) {
    throw new Error(
      `${what}: a public API endpoint needs allowedCidrs (master authorized networks); got none. Use endpointAccess private, or list the CIDRs`,
    );
  }
  if (allowedCidrs.length > 50) throw new Error(`${what}: ${allowedCidrs.length} allowedCidrs; GKE accepts at most 50 authorized networks`);
  for (const cidr of allowedCidrs) {
    if (Token.isUnresolved(cidr)) continue;
    const parsed = parseCidr(cidr);
    if (!parsed) throw new Error(`${what}: allowedCidrs entry "${cidr}" is not an IPv4 CIDR such as 203.0.113.0/24`);
    if (parsed.prefix === 0) {
      throw new Error(`${what}: allowedCidrs entry "${cidr}" opens the API endpoint to the whole internet; list narrower ranges`);
    }
  }
}
