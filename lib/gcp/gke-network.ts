import { Construct } from 'constructs';
import { gkeSubnetPlan, GkeSubnetPlan, POD_RANGE_NAME, SERVICE_RANGE_NAME } from '../network/gke-subnet-plan';
import { isPrivateRange, parseCidr } from '../network/subnet-plan';
import { ComputeNetwork, ComputeRouter, ComputeRouterNat, ComputeSubnetwork } from '../providers/google';

/** Properties of a {@link GkeNetwork}. */
export interface GkeNetworkProps {
  /** Prefix of every resource name: lowercase letters, digits and '-', starting with a letter (at most 50 characters). */
  readonly name: string;
  /** Region of the subnet, router and NAT, e.g. `us-central1`. */
  readonly region: string;
  /** The VPC's private (RFC 1918) IPv4 range, /16 to /22, cut up by `gkeSubnetPlan`. */
  readonly cidr: string;
  /**
   * VPC flow logs on the subnet (5-second aggregation, half the flows sampled, all metadata).
   * @default false (flow logs cost money and a replica rarely needs them)
   */
  readonly flowLogs?: boolean;
  /**
   * Minimum NAT source ports per VM. Cloud NAT allocates ports dynamically
   * between this and `maxNatPortsPerVm`, so nodes that clone many repositories
   * at once (gitserver) do not run out.
   * @default 64
   */
  readonly minNatPortsPerVm?: number;
  /** Maximum NAT source ports per VM (a power of two, at most 65536). @default 4096 */
  readonly maxNatPortsPerVm?: number;
}

/**
 * The network of a GKE replica: a custom-mode VPC with one regional subnet
 * for the nodes, with secondary ranges `pods` and `services` (VPC-native
 * networking, needed for container-native load balancing), Private Google
 * Access (private nodes reach Google APIs and Artifact Registry without NAT),
 * and a Cloud Router with Cloud NAT so private nodes reach code hosts and
 * image registries on the internet.
 *
 * A custom-mode VPC has no firewall rule that allows ingress; GKE adds the
 * rules the cluster needs and removes them with the cluster. Cloud NAT is a
 * regional, distributed service: there is no per-zone gateway to choose.
 */
export class GkeNetwork extends Construct {
  /** The ranges of the VPC. */
  public readonly plan: GkeSubnetPlan;
  public readonly network: ComputeNetwork;
  public readonly subnetwork: ComputeSubnetwork;
  public readonly router: ComputeRouter;
  public readonly nat: ComputeRouterNat;
  /** Self link of the VPC (a reference, so dependents wait for it). */
  public readonly networkSelfLink: string;
  /** Self link of the node subnet. */
  public readonly subnetworkSelfLink: string;
  /** Name of the secondary range for pods. */
  public readonly podRangeName: string = POD_RANGE_NAME;
  /** Name of the secondary range for Services. */
  public readonly serviceRangeName: string = SERVICE_RANGE_NAME;

  constructor(scope: Construct, id: string, props: GkeNetworkProps) {
    super(scope, id);
    const minPorts = props.minNatPortsPerVm ?? 64;
    const maxPorts = props.maxNatPortsPerVm ?? 4096;
    validate(props, minPorts, maxPorts);
    this.plan = gkeSubnetPlan(props.cidr);
    const name = props.name;

    this.network = new ComputeNetwork(this, 'network', {
      name,
      description: `Network of replica ${name}`,
      autoCreateSubnetworks: false,
      routingMode: 'REGIONAL',
      // The default route to the internet gateway stays: Cloud NAT sends through it.
      deleteDefaultRoutesOnCreate: false,
    });

    this.subnetwork = new ComputeSubnetwork(this, 'subnetwork', {
      name: `${name}-nodes`,
      description: `GKE nodes of replica ${name}; secondary ranges for pods and Services`,
      network: this.network.id,
      region: props.region,
      ipCidrRange: this.plan.nodeRange,
      stackType: 'IPV4_ONLY',
      privateIpGoogleAccess: true,
      secondaryIpRange: [
        { rangeName: POD_RANGE_NAME, ipCidrRange: this.plan.podRange },
        { rangeName: SERVICE_RANGE_NAME, ipCidrRange: this.plan.serviceRange },
      ],
      logConfig: props.flowLogs
        ? { aggregationInterval: 'INTERVAL_5_SEC', flowSampling: 0.5, metadata: 'INCLUDE_ALL_METADATA' }
        : undefined,
    });

    this.router = new ComputeRouter(this, 'router', {
      name: `${name}-router`,
      description: `Cloud NAT of replica ${name}`,
      network: this.network.id,
      region: props.region,
    });

    this.nat = new ComputeRouterNat(this, 'nat', {
      name: `${name}-nat`,
      router: this.router.name,
      region: props.region,
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'LIST_OF_SUBNETWORKS',
      // Nodes and pods (pod traffic leaving the VPC is SNATed to the node unless
      // default SNAT is off; listing every range keeps NAT working either way).
      subnetwork: [{ name: this.subnetwork.id, sourceIpRangesToNat: ['ALL_IP_RANGES'] }],
      enableDynamicPortAllocation: true,
      // Required off with dynamic port allocation.
      enableEndpointIndependentMapping: false,
      minPortsPerVm: minPorts,
      maxPortsPerVm: maxPorts,
      logConfig: { enable: true, filter: 'ERRORS_ONLY' },
    });

    this.networkSelfLink = this.network.selfLink;
    this.subnetworkSelfLink = this.subnetwork.selfLink;
  }
}

const NAME = /^[a-z]([-a-z0-9]{0,48}[a-z0-9])?$/;

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

function validate(props: GkeNetworkProps, minPorts: number, maxPorts: number): void {
  if (!NAME.test(props.name)) {
    throw new Error(
      `GkeNetwork: name "${props.name}" must be 1-50 lowercase letters, digits and '-', starting with a letter and not ending with '-'`,
    );
  }
  const cidr = parseCidr(props.cidr);
  if (!cidr) throw new Error(`GkeNetwork: cidr "${props.cidr}" is not an IPv4 CIDR such as 10.0.0.0/16`);
  if (!isPrivateRange(cidr)) {
    throw new Error(`GkeNetwork: cidr "${props.cidr}" is not a private (RFC 1918) range`);
  }
  // Range size is checked by gkeSubnetPlan.
  if (!isPowerOfTwo(minPorts) || minPorts < 32 || minPorts > 65536) {
    throw new Error(`GkeNetwork: minNatPortsPerVm ${minPorts} must be a power of two from 32 to 65536`);
  }
  if (!isPowerOfTwo(maxPorts) || maxPorts <= minPorts || maxPorts > 65536) {
    throw new Error(`GkeNetwork: maxNatPortsPerVm ${maxPorts} must be a power of two above minNatPortsPerVm (${minPorts}), at most 65536`);
  }
}
