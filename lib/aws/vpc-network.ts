import { Construct } from 'constructs';
import type { NatGateways } from '../design/model';
import {
  isNetworkAddress,
  isPrivateRange,
  MAX_VPC_PREFIX,
  MAX_ZONES,
  MIN_VPC_PREFIX,
  parseCidr,
  subnetPlan,
  type SubnetPlan,
} from '../network/subnet-plan';
import {
  DefaultSecurityGroup,
  Eip,
  InternetGateway,
  NatGateway,
  Route,
  RouteTable,
  RouteTableAssociation,
  Subnet,
  Vpc,
} from '../providers/aws';

/** Properties of a {@link VpcNetwork}. */
export interface VpcNetworkProps {
  /** Replica name: prefixes every `Name` tag. */
  readonly name: string;
  /** The VPC's IPv4 range: private (RFC 1918), prefix /16 to /22. */
  readonly cidr: string;
  /**
   * Availability zone names, in order, e.g. `['us-east-2a', 'us-east-2b']`. Given
   * explicitly (no `aws_availability_zones` data source) so plans need no AWS API.
   * 2 to 4 zones: EKS needs subnets in at least two.
   */
  readonly availabilityZones: readonly string[];
  /** One NAT gateway for the whole VPC, or one per zone (no cross-zone dependency). @default 'single' */
  readonly natGateways?: NatGateways;
  /** Name of the EKS cluster that uses the subnets: tags them `kubernetes.io/cluster/<clusterName>=shared`. */
  readonly clusterName: string;
}

/**
 * The replica's network: a VPC with a public and a private subnet per zone
 * (layout from `subnetPlan()`), an internet gateway, NAT gateway(s) for the
 * private subnets, and the subnet tags the AWS Load Balancer Controller uses
 * to place load balancers. Nodes live in the private subnets; public subnets
 * never assign public IPs on launch. The VPC's default security group is
 * adopted and stripped of all rules.
 */
export class VpcNetwork extends Construct {
  /** The VPC. */
  public readonly vpc: Vpc;
  /** ID of the VPC. */
  public readonly vpcId: string;
  /** Private subnet IDs, in zone order: nodes, pods and internal load balancers. */
  public readonly privateSubnetIds: string[];
  /** Public subnet IDs, in zone order: internet-facing load balancers and NAT gateways. */
  public readonly publicSubnetIds: string[];
  /** The address layout the subnets follow. */
  public readonly plan: SubnetPlan;
  /** The NAT gateways (one, or one per zone). */
  public readonly natGateways: NatGateway[];

  constructor(scope: Construct, id: string, props: VpcNetworkProps) {
    super(scope, id);
    const zones = props.availabilityZones;
    const natMode = props.natGateways ?? 'single';
    validate(props, natMode);

    const name = props.name;
    this.plan = subnetPlan(props.cidr, zones.length);
    const clusterTag = { [`kubernetes.io/cluster/${props.clusterName}`]: 'shared' };

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: name },
    });
    this.vpcId = this.vpc.id;

    // Adopting the default security group removes all its rules: nothing can use it by accident.
    new DefaultSecurityGroup(this, 'default-sg', {
      vpcId: this.vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: `${name}-default-no-rules` },
    });

    const igw = new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: { Name: name } });

    const publicRoutes = new RouteTable(this, 'public-rt', { vpcId: this.vpc.id, tags: { Name: `${name}-public` } });
    new Route(this, 'public-default-route', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.id,
    });

    const publicSubnets = zones.map((az, i) => {
      const subnet = new Subnet(this, `public-${az}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: this.plan.publicSubnets[i],
        mapPublicIpOnLaunch: false,
        tags: { Name: `${name}-public-${az}`, 'kubernetes.io/role/elb': '1', ...clusterTag },
      });
      new RouteTableAssociation(this, `public-${az}-rta`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
      return subnet;
    });

    const natZones = natMode === 'per-zone' ? zones : zones.slice(0, 1);
    this.natGateways = natZones.map((az, i) => {
      const eip = new Eip(this, `nat-eip-${az}`, { domain: 'vpc', tags: { Name: `${name}-nat-${az}` } });
      return new NatGateway(this, `nat-${az}`, {
        allocationId: eip.allocationId,
        subnetId: publicSubnets[i].id,
        tags: { Name: `${name}-nat-${az}` },
        dependsOn: [igw],
      });
    });

    const privateSubnets = zones.map((az, i) => {
      const subnet = new Subnet(this, `private-${az}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: this.plan.privateSubnets[i],
        mapPublicIpOnLaunch: false,
        tags: { Name: `${name}-private-${az}`, 'kubernetes.io/role/internal-elb': '1', ...clusterTag },
      });
      const routes = new RouteTable(this, `private-${az}-rt`, {
        vpcId: this.vpc.id,
        tags: { Name: `${name}-private-${az}` },
      });
      new Route(this, `private-${az}-default-route`, {
        routeTableId: routes.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: this.natGateways[natMode === 'per-zone' ? i : 0].id,
      });
      new RouteTableAssociation(this, `private-${az}-rta`, { subnetId: subnet.id, routeTableId: routes.id });
      return subnet;
    });

    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
  }
}

function validate(props: VpcNetworkProps, natMode: string): void {
  const zones = props.availabilityZones;
  if (zones.length < 2 || zones.length > MAX_ZONES) {
    throw new Error(
      `VpcNetwork needs 2 to ${MAX_ZONES} availability zones (EKS requires subnets in at least two): got ${zones.length} [${zones.join(', ')}]`,
    );
  }
  const duplicates = zones.filter((z, i) => zones.indexOf(z) !== i);
  if (duplicates.length > 0) {
    throw new Error(`VpcNetwork: availability zones must be distinct: ${[...new Set(duplicates)].join(', ')} repeated`);
  }
  const parsed = parseCidr(props.cidr);
  if (!parsed || !isNetworkAddress(parsed)) {
    throw new Error(`VpcNetwork: cidr "${props.cidr}" is not an IPv4 network range such as 10.0.0.0/16`);
  }
  if (!isPrivateRange(parsed)) {
    throw new Error(`VpcNetwork: cidr "${props.cidr}" is not private (RFC 1918: 10/8, 172.16/12, 192.168/16)`);
  }
  if (parsed.prefix < MIN_VPC_PREFIX || parsed.prefix > MAX_VPC_PREFIX) {
    throw new Error(
      `VpcNetwork: cidr "${props.cidr}" has prefix /${parsed.prefix}; AWS VPCs take /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX} here`,
    );
  }
  if (natMode !== 'single' && natMode !== 'per-zone') {
    throw new Error(`VpcNetwork: natGateways must be 'single' or 'per-zone', got "${natMode}"`);
  }
}
