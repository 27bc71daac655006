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

/** What the cluster sends to Cloud Logging: system components, the control plane, and workloads. */
export const DEFAULT_GKE_LOGGING_COMPONENTS: readonly string[] = [
  'SYSTEM_COMPONENTS',
  'APISERVER',
  'CONTROLLER_MANAGER',
  'SCHEDULER',
  'WORKLOADS',
];

/** What the cluster sends to Cloud Monitoring: system components and the control plane. */
export const DEFAULT_GKE_MONITORING_COMPONENTS: readonly string[] = [
  'SYSTEM_COMPONENTS',
  'APISERVER',
  'SCHEDULER',
  'CONTROLLER_MANAGER',
  'STORAGE',
];

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
  /** Cloud Logging components. @default DEFAULT_GKE_LOGGING_COMPONENTS */
  readonly loggingComponents?: readonly string[];
  /** Cloud Monitoring components. @default DEFAULT_GKE_MONITORING_COMPONENTS */
  readonly monitoringComponents?: readonly string[];
  /** What the cluster waits for (e.g. the node service account's role grants). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A GKE Standard cluster hardened for a replica: regional, VPC-native on the
 * given secondary ranges, private nodes, the API endpoint public behind
 * master authorized networks or private only, Workload Identity, shielded
 * nodes, the GCE Persistent Disk CSI driver and HTTP load balancing add-ons,
 * no client certificate or legacy ABAC, system and control plane logs and
 * metrics, and `deletion_protection` off so `cdktf destroy` works.
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
  /** Base64-encoded CA certificate of the API server. */
  public readonly caCertificate: string;
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

      loggingConfig: { enableComponents: [...(props.loggingComponents ?? DEFAULT_GKE_LOGGING_COMPONENTS)] },
      monitoringConfig: {
        enableComponents: [...(props.monitoringComponents ?? DEFAULT_GKE_MONITORING_COMPONENTS)],
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
