import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { ReplicaAwsProvider } from '../../lib/aws/replica-aws-provider';
import { CLUSTER_ADMIN_ACCESS_POLICY, EksCluster, type EksClusterProps } from '../../lib/aws/eks-cluster';
import {
  CloudwatchLogGroup,
  EksCluster as EksClusterResource,
  IamOpenidConnectProvider,
  IamRole,
  IamRolePolicyAttachment,
  KmsAlias,
  KmsKey,
} from '../../lib/providers/aws';

const base: EksClusterProps = { name: 'acme', version: '1.33', subnetIds: ['subnet-a', 'subnet-b'] };

function synth(props: Partial<EksClusterProps> = {}): string {
  return Testing.synthScope((scope) => {
    new EksCluster(scope, 'cluster', { ...base, ...props });
  });
}

function only(out: string, type: string): any {
  const all = Object.values(JSON.parse(out).resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}

describe('EksCluster', () => {
  it('encrypts secrets with a dedicated rotating KMS key', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 7 });
    expect(out).toHaveResourceWithProperties(KmsAlias, { name: 'alias/acme-eks' });
    const keyAccess = only(out, 'aws_iam_role_policy');
    expect(JSON.parse(keyAccess.policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'],
        Resource: expect.stringMatching(/^\$\{aws_kms_key\..*\.arn\}$/),
      },
    ]);
    expect(only(out, 'aws_eks_cluster').encryption_config).toEqual({
      resources: ['secrets'],
      provider: { key_arn: expect.stringMatching(/^\$\{aws_kms_key\..*\.arn\}$/) },
    });
  });

  it('is private by default: no public endpoint, no CIDRs', () => {
    const cluster = only(synth(), 'aws_eks_cluster');
    expect(cluster.vpc_config).toEqual({
      subnet_ids: ['subnet-a', 'subnet-b'],
      endpoint_private_access: true,
      endpoint_public_access: false,
    });
  });

  it('opens a public endpoint only to the allow-list', () => {
    const cluster = only(synth({ endpointAccess: 'public', allowedCidrs: ['203.0.113.0/24', '198.51.100.7/32'] }), 'aws_eks_cluster');
    expect(cluster.vpc_config).toMatchObject({
      endpoint_private_access: true,
      endpoint_public_access: true,
      public_access_cidrs: ['203.0.113.0/24', '198.51.100.7/32'],
    });
  });

  it('ignores allowedCidrs for a private endpoint', () => {
    const cluster = only(synth({ endpointAccess: 'private', allowedCidrs: ['203.0.113.0/24'] }), 'aws_eks_cluster');
    expect(cluster.vpc_config.public_access_cidrs).toBeUndefined();
  });

  it("uses API access entries, EKS's creator bootstrap off, and no self-managed add-ons", () => {
    expect(synth()).toHaveResourceWithProperties(EksClusterResource, {
      name: 'acme',
      version: '1.33',
      access_config: { authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false },
      bootstrap_self_managed_addons: false,
    });
  });

  it('adopts a log group left by an earlier cluster of the same name through a conditional import', () => {
    const out = JSON.parse(synth());
    expect(Object.values(out.data.aws_cloudwatch_log_groups)).toEqual([{ log_group_name_prefix: '/aws/eks/acme/cluster' }]);
    const [logGroupId] = Object.keys(out.resource.aws_cloudwatch_log_group);
    const [lookupId] = Object.keys(out.data.aws_cloudwatch_log_groups);
    expect(out.import).toEqual([
      {
        for_each: `\${contains(tolist(data.aws_cloudwatch_log_groups.${lookupId}.log_group_names), "/aws/eks/acme/cluster") ? ["/aws/eks/acme/cluster"] : []}`,
        to: `aws_cloudwatch_log_group.${logGroupId}`,
        id: '\${each.value}',
      },
    ]);
    const without = JSON.parse(synth({ adoptLeftoverLogGroup: false }));
    expect(without.import).toBeUndefined();
    expect(without.data?.aws_cloudwatch_log_groups).toBeUndefined();
  });

  it('ships all control plane logs to a log group it creates first', () => {
    const out = synth({ logRetentionDays: 30 });
    expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/eks/acme/cluster', retention_in_days: 30 });
    const cluster = only(out, 'aws_eks_cluster');
    expect(cluster.enabled_cluster_log_types).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    expect(cluster.depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_cloudwatch_log_group\./),
        expect.stringMatching(/^aws_iam_role_policy_attachment\./),
        expect.stringMatching(/^aws_iam_role_policy\./),
      ]),
    );
  });

  it('keeps logs 7 days by default', () => {
    expect(synth()).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 7 });
  });

  it('gives the control plane a role EKS can assume, with AmazonEKSClusterPolicy', () => {
    const out = synth();
    const role = only(out, 'aws_iam_role');
    expect(role.name).toBe('acme-cluster');
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(out).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: 'arn:aws:iam::aws:policy/AmazonEKSClusterPolicy',
    });
    expect(out).toHaveResource(IamRole);
  });

  it('creates an IAM OIDC provider for IRSA from the cluster issuer', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(IamOpenidConnectProvider, {
      client_id_list: ['sts.amazonaws.com'],
      url: expect.stringMatching(/^\$\{aws_eks_cluster\..*\.identity\[0\]\.oidc\[0\]\.issuer\}$/),
    });
    const outputs = JSON.parse(
      Testing.synthScope((scope) => {
        const cluster = new EksCluster(scope, 'c', base);
        new TerraformOutput(scope, 'issuer', { value: cluster.oidcIssuer });
        new TerraformOutput(scope, 'oidc_arn', { value: cluster.oidcProviderArn });
        new TerraformOutput(scope, 'ca', { value: cluster.certificateAuthorityData });
        new TerraformOutput(scope, 'sg', { value: cluster.clusterSecurityGroupId });
        new TerraformOutput(scope, 'name', { value: cluster.clusterName });
      }),
    ).output;
    // The issuer without its scheme, as a Terraform expression.
    expect(outputs.issuer.value).toMatch(/^\$\{replace\(aws_eks_cluster\..*issuer, "https:\/\/", ""\)\}$/);
    expect(outputs.oidc_arn.value).toMatch(/^\$\{aws_iam_openid_connect_provider\..*\.arn\}$/);
    expect(outputs.ca.value).toMatch(/certificate_authority\[0\]\.data/);
    expect(outputs.sg.value).toMatch(/vpc_config\[0\]\.cluster_security_group_id/);
    expect(outputs.name.value).toMatch(/^\$\{aws_eks_cluster\..*\.name\}$/);
  });

  it('grants cluster-admin through access entries: admins and the deployer, one for_each map', () => {
    const out = JSON.parse(synth({ admins: ['arn:aws:iam::123456789012:role/Admin'] }));
    const [entry] = Object.values(out.resource.aws_eks_access_entry) as any[];
    const [policy] = Object.values(out.resource.aws_eks_access_policy_association) as any[];
    expect(Object.keys(out.resource.aws_eks_access_entry)).toHaveLength(1);
    // The deployer is read at plan time and is one more key of the same map.
    expect(entry.for_each).toMatch(/^\$\{zipmap\(\["arn:aws:iam::123456789012:role\/Admin", replace\(data\.aws_iam_session_context\.[^.]+\.issuer_arn, /);
    expect(entry).toMatchObject({ principal_arn: '${each.value}', type: 'STANDARD' });
    expect(policy).toMatchObject({
      for_each: entry.for_each,
      principal_arn: '${each.value}',
      policy_arn: CLUSTER_ADMIN_ACCESS_POLICY,
      access_scope: { type: 'cluster' },
    });
    expect(Object.values(out.data.aws_iam_session_context)).toEqual([{ arn: expect.stringMatching(/^\$\{data\.aws_caller_identity\..*\.arn\}$/) }]);
  });

  it('needs no plan-time lookup with a named deployer, and gives a listed deployer one entry', () => {
    const out = JSON.parse(synth({ admins: ['arn:aws:iam::123456789012:role/ci/Deployer'], deployer: 'arn:aws:iam::123456789012:role/Deployer' }));
    expect(out.data?.aws_caller_identity).toBeUndefined();
    const [entry] = Object.values(out.resource.aws_eks_access_entry) as any[];
    expect(entry.for_each).toEqual({ 'arn:aws:iam::123456789012:role/Deployer': 'arn:aws:iam::123456789012:role/Deployer' });
  });

  it("creates no access entry with deployer 'none' and no admins", () => {
    const out = JSON.parse(synth({ deployer: 'none' }));
    expect(Object.values(out.resource.aws_eks_access_entry)).toEqual([expect.objectContaining({ for_each: {} })]);
  });

  it('reads nothing from AWS at plan time in a stack whose ReplicaAwsProvider is offline', () => {
    const stack = new TerraformStack(Testing.app(), 'offline');
    new ReplicaAwsProvider(stack, 'aws', { region: 'us-east-2', accountId: '123456789012', tags: {}, offline: true });
    new EksCluster(stack, 'cluster', { ...base, admins: ['arn:aws:iam::123456789012:role/Admin'] });
    const out = JSON.parse(Testing.synth(stack));
    expect(out.data).toBeUndefined();
    expect(out.import).toBeUndefined();
    const [entry] = Object.values(out.resource.aws_eks_access_entry) as any[];
    expect(entry.for_each).toEqual({ 'arn:aws:iam::123456789012:role/Admin': 'arn:aws:iam::123456789012:role/Admin' });
    const again = new TerraformStack(Testing.app(), 'offline');
    new ReplicaAwsProvider(again, 'aws', { region: 'us-east-2', accountId: '123456789012', tags: {}, offline: true });
    expect(() => new EksCluster(again, 'cluster', { ...base, deployer: 'caller' })).toThrow(/provider is offline, so nothing can be read from AWS at plan time/);
  });

  describe('validation', () => {
    it.each([
      [{ endpointAccess: 'public' as const }, /public API endpoint needs allowedCidrs/],
      [{ endpointAccess: 'public' as const, allowedCidrs: ['0.0.0.0/0'] }, /"0.0.0.0\/0" opens the API endpoint/],
      [{ endpointAccess: 'public' as const, allowedCidrs: ['203.0.113.0/24', 'office'] }, /"office" is not an IPv4 CIDR/],
      [{ endpointAccess: 'internal' as never }, /"internal"/],
      [{ name: '-acme' }, /name "-acme" is invalid/],
      [{ version: '1.33.2' }, /version "1.33.2"/],
      [{ subnetIds: [] }, /subnetIds is empty/],
      [{ admins: ['arn:aws:sts::123456789012:assumed-role/Admin/me'] }, /"arn:aws:sts::123456789012:assumed-role\/Admin\/me" is not an IAM user or role ARN/],
      [{ admins: ['arn:aws:iam::123456789012:role/A', 'arn:aws:iam::123456789012:role/A'] }, /listed twice/],
      [{ admins: ['arn:aws:iam::123456789012:role/A', 'arn:aws:iam::123456789012:role/team/A'] }, /are the same principal/],
      [{ deployer: 'arn:aws:sts::123456789012:assumed-role/A/me' }, /deployer "arn:aws:sts::123456789012:assumed-role\/A\/me" must be 'caller', 'none' or an IAM user or role ARN/],
      [{ logRetentionDays: 10 }, /logRetentionDays 10 is not a CloudWatch retention period/],
      [{ name: 'x'.repeat(60) }, /IAM role name/],
    ])('rejects %j', (props, message) => {
      expect(() => synth(props)).toThrow(message);
    });
  });
});
