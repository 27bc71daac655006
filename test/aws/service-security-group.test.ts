import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { ServiceSecurityGroup, type ServiceSecurityGroupProps } from '../../lib/aws/service-security-group';
import { SecurityGroup, VpcSecurityGroupIngressRule } from '../../lib/providers/aws';

const base: ServiceSecurityGroupProps = {
  name: 'acme-postgres',
  description: 'PostgreSQL of acme',
  vpcId: 'vpc-123',
  port: 5432,
  clientSecurityGroupIds: ['sg-0abc'],
};

function synth(props: Partial<ServiceSecurityGroupProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ServiceSecurityGroup(scope, 'sg', { ...base, ...props });
  });
}

describe('ServiceSecurityGroup', () => {
  it('creates a group with no egress and no inline ingress', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(SecurityGroup, { name: 'acme-postgres', vpc_id: 'vpc-123', egress: [], revoke_rules_on_delete: true });
    const group = Object.values(JSON.parse(out).resource.aws_security_group)[0] as Record<string, unknown>;
    expect(group.ingress).toBeUndefined();
  });

  it('opens the one port to each client security group, and to no CIDR', () => {
    const out = synth({ clientSecurityGroupIds: ['sg-0abc', 'sg-0def'] });
    const rules = Object.values(JSON.parse(out).resource.aws_vpc_security_group_ingress_rule) as Record<string, unknown>[];
    expect(rules).toHaveLength(2);
    expect(rules.map((r) => r.referenced_security_group_id)).toEqual(['sg-0abc', 'sg-0def']);
    for (const r of rules) {
      expect(r).toMatchObject({ ip_protocol: 'tcp', from_port: 5432, to_port: 5432 });
      expect(r.cidr_ipv4).toBeUndefined();
      expect(r.cidr_ipv6).toBeUndefined();
    }
    expect(out).toHaveResource(VpcSecurityGroupIngressRule);
  });

  it.each([
    [{ clientSecurityGroupIds: [] }, /clientSecurityGroupIds is empty/],
    [{ clientSecurityGroupIds: ['10.0.0.0/16'] }, /"10.0.0.0\/16" is not a security group id/],
    [{ port: 0 }, /port 0 is not a TCP port/],
    [{ port: 70000 }, /port 70000/],
    [{ name: 'sg-nope' }, /must not start with "sg-"/],
  ])('refuses %j', (props, message) => {
    expect(() => synth(props as Partial<ServiceSecurityGroupProps>)).toThrow(message);
  });
});
