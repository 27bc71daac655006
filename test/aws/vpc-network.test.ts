import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { VpcNetwork, type VpcNetworkProps } from '../../lib/aws/vpc-network';
import {
  DefaultSecurityGroup,
  Eip,
  NatGateway,
  Route,
  RouteTableAssociation,
  Subnet,
  Vpc,
} from '../../lib/providers/aws';

const base: VpcNetworkProps = {
  name: 'acme',
  cidr: '10.0.0.0/16',
  availabilityZones: ['us-east-2a', 'us-east-2b', 'us-east-2c'],
  clusterName: 'acme-eks',
};

function synth(props: Partial<VpcNetworkProps> = {}): string {
  return Testing.synthScope((scope) => {
    new VpcNetwork(scope, 'network', { ...base, ...props });
  });
}

function resources(out: string, type: string): any[] {
  return Object.values(JSON.parse(out).resource[type] ?? {});
}

describe('VpcNetwork', () => {
  it('creates a VPC with DNS support and hostnames', () => {
    expect(synth()).toHaveResourceWithProperties(Vpc, {
      cidr_block: '10.0.0.0/16',
      enable_dns_hostnames: true,
      enable_dns_support: true,
      tags: { Name: 'acme' },
    });
  });

  it('lays out private and public subnets per zone from subnetPlan()', () => {
    const subnets = resources(synth(), 'aws_subnet');
    const byName = Object.fromEntries(subnets.map((s) => [s.tags.Name, s]));
    expect(byName['acme-private-us-east-2a']).toMatchObject({ cidr_block: '10.0.0.0/19', availability_zone: 'us-east-2a' });
    expect(byName['acme-private-us-east-2c']).toMatchObject({ cidr_block: '10.0.64.0/19', availability_zone: 'us-east-2c' });
    expect(byName['acme-public-us-east-2a']).toMatchObject({ cidr_block: '10.0.192.0/21' });
    expect(byName['acme-public-us-east-2b']).toMatchObject({ cidr_block: '10.0.200.0/21' });
    expect(subnets).toHaveLength(6);
    for (const s of subnets) expect(s.map_public_ip_on_launch).toBe(false);
  });

  it('tags subnets for EKS load balancer discovery', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(Subnet, {
      tags: {
        Name: 'acme-public-us-east-2a',
        'kubernetes.io/role/elb': '1',
        'kubernetes.io/cluster/acme-eks': 'shared',
      },
    });
    expect(out).toHaveResourceWithProperties(Subnet, {
      tags: {
        Name: 'acme-private-us-east-2b',
        'kubernetes.io/role/internal-elb': '1',
        'kubernetes.io/cluster/acme-eks': 'shared',
      },
    });
  });

  it('exposes subnet ids in zone order', () => {
    Testing.synthScope((scope) => {
      const network = new VpcNetwork(scope, 'network', base);
      expect(network.privateSubnetIds).toHaveLength(3);
      expect(network.publicSubnetIds).toHaveLength(3);
      expect(network.plan.privateSubnets).toEqual(['10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/19']);
    });
  });

  it('uses one NAT gateway by default, routed from every private subnet', () => {
    const out = synth();
    expect(resources(out, 'aws_nat_gateway')).toHaveLength(1);
    expect(resources(out, 'aws_eip')).toHaveLength(1);
    const natRoutes = resources(out, 'aws_route').filter((r) => r.nat_gateway_id);
    expect(natRoutes).toHaveLength(3);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(1);
    expect(out).toHaveResourceWithProperties(Eip, { domain: 'vpc' });
  });

  it('uses one NAT gateway per zone when asked', () => {
    const out = synth({ natGateways: 'per-zone' });
    expect(resources(out, 'aws_nat_gateway')).toHaveLength(3);
    const natRoutes = resources(out, 'aws_route').filter((r) => r.nat_gateway_id);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(3);
    expect(resources(out, 'aws_nat_gateway').every((n) => n.depends_on?.[0]?.startsWith('aws_internet_gateway.'))).toBe(
      true,
    );
  });

  it('routes public subnets to the internet gateway', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(Route, {
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: expect.stringMatching(/^\$\{aws_internet_gateway\./),
    });
    expect(resources(out, 'aws_route_table_association')).toHaveLength(6);
    expect(out).toHaveResource(RouteTableAssociation);
    expect(out).toHaveResource(NatGateway);
  });

  it('locks down the default security group (no rules)', () => {
    expect(synth()).toHaveResourceWithProperties(DefaultSecurityGroup, { ingress: [], egress: [] });
  });

  describe('validation', () => {
    it.each([
      [{ availabilityZones: ['us-east-2a'] }, /2 to 4 availability zones.*got 1 \[us-east-2a\]/],
      [{ availabilityZones: ['a', 'b', 'c', 'd', 'e'] }, /got 5/],
      [{ availabilityZones: ['us-east-2a', 'us-east-2a'] }, /us-east-2a repeated/],
      [{ cidr: '10.0.1.0/16' }, /"10.0.1.0\/16" is not an IPv4 network range/],
      [{ cidr: 'nonsense' }, /"nonsense"/],
      [{ cidr: '8.8.0.0/16' }, /"8.8.0.0\/16" is not private/],
      [{ cidr: '10.0.0.0/12' }, /prefix \/12/],
      [{ cidr: '10.0.0.0/24' }, /prefix \/24/],
      [{ natGateways: 'many' as never }, /"many"/],
    ])('rejects %j', (props, message) => {
      expect(() => synth(props as Partial<VpcNetworkProps>)).toThrow(message);
    });
  });
});
