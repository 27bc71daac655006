import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, Testing } from 'cdktf';
import { API_TUNNEL_ENDPOINT_TAG, API_TUNNEL_HOST_TAG, ApiTunnelHost, type ApiTunnelHostProps } from '../../lib/aws/api-tunnel-host';
import { ReplicaAwsProvider } from '../../lib/aws/replica-aws-provider';
import { evaluatePolicies } from '../../lib/policy/policy-pack';
import { awsTags, replicaMetadata } from '../../lib/replica/metadata';
import { awsDesign } from '../support/design-fixture';
import { TEST_CREATED_AT } from '../support/synth-replica';

const base: ApiTunnelHostProps = {
  name: 'globex-search',
  vpcId: 'vpc-0abc',
  subnetId: 'subnet-0a',
  clusterSecurityGroupId: 'sg-0cluster',
  clusterEndpoint: 'https://ABC123.gr7.us-west-2.eks.amazonaws.com',
};

function synth(props: Partial<ApiTunnelHostProps> = {}): any {
  return JSON.parse(Testing.synthScope((scope) => void new ApiTunnelHost(scope, 'tunnel', { ...base, ...props })));
}
const only = (out: any, type: string) => {
  const all = Object.values(out.resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0] as any;
};

describe('ApiTunnelHost', () => {
  const out = synth();

  it('opens no inbound port: its group has no ingress and only HTTPS out', () => {
    const group = only(out, 'aws_security_group');
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toEqual([
      expect.objectContaining({ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] }),
    ]);
  });

  it('is let into the cluster security group on 443, and nothing else is', () => {
    expect(only(out, 'aws_vpc_security_group_ingress_rule')).toMatchObject({
      security_group_id: 'sg-0cluster',
      referenced_security_group_id: expect.stringMatching(/^\$\{aws_security_group\..*\.id\}$/),
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
    });
  });

  it('is managed by Systems Manager only: AmazonSSMManagedInstanceCore, no key pair, no public address', () => {
    expect(only(out, 'aws_iam_role_policy_attachment').policy_arn).toBe('arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore');
    expect(JSON.parse(only(out, 'aws_iam_role').assume_role_policy).Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
    const template = only(out, 'aws_launch_template');
    expect(template.key_name).toBeUndefined();
    expect(template.network_interfaces).toBeUndefined();
    const instance = only(out, 'aws_instance');
    expect(instance).toMatchObject({ subnet_id: 'subnet-0a' });
    expect(instance.associate_public_ip_address).toBeUndefined();
    expect(instance.key_name).toBeUndefined();
  });

  it('boots Amazon Linux 2023 (SSM Agent included) of the instance type\'s architecture, resolved at launch', () => {
    expect(only(out, 'aws_launch_template')).toMatchObject({
      image_id: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
      instance_type: 't4g.nano',
      metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 },
    });
    expect(only(synth({ instanceType: 't3.micro' }), 'aws_launch_template').image_id).toMatch(/al2023-ami-kernel-default-x86_64$/);
  });

  it('tags the instance with the replica and its API endpoint host, for the CLI to find both in one call', () => {
    const instance = only(out, 'aws_instance');
    expect(instance.tags).toMatchObject({
      [API_TUNNEL_HOST_TAG]: 'globex-search',
      [API_TUNNEL_ENDPOINT_TAG]: '${replace("https://ABC123.gr7.us-west-2.eks.amazonaws.com", "https://", "")}',
    });
  });

  it('passes the policy pack: IMDSv2, encrypted disks, required tags, no world-open ingress', () => {
    const design = awsDesign({ name: 'globex-search' });
    const metadata = replicaMetadata(design, TEST_CREATED_AT);
    const stack = new TerraformStack(Testing.app(), 'infra');
    new ReplicaAwsProvider(stack, 'aws', { region: 'us-west-2', accountId: '444455556666', tags: awsTags(metadata) });
    new ApiTunnelHost(stack, 'tunnel', { ...base, tags: awsTags(metadata) });
    const report = evaluatePolicies(stack, { cloud: 'aws', metadata });
    expect(report.violations).toEqual([]);
    const checked = Object.fromEntries(report.rules.map((r) => [r.id, r.checked]));
    expect(checked['imdsv2-required']).toBe(2);
    expect(checked['encrypted-disks']).toBe(2);
  });

  it('refuses an unknown instance type', () => {
    expect(() => synth({ instanceType: 'tiny' })).toThrow(/"tiny" is not an EC2 instance type/);
  });
});
