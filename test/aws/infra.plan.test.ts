import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import { TerraformStack, Testing } from 'cdktf';
import type { NodePool } from '../../lib/design/model';
import { EbsCsiDriver } from '../../lib/aws/ebs-csi-driver';
import { EksCoreAddons } from '../../lib/aws/eks-addons';
import { ApiTunnelHost } from '../../lib/aws/api-tunnel-host';
import { ClusterAutoscalerRole } from '../../lib/aws/cluster-autoscaler-role';
import { EksCluster } from '../../lib/aws/eks-cluster';
import { LoadBalancerControllerRole } from '../../lib/aws/load-balancer-controller-role';
import { ManagedNodeGroup } from '../../lib/aws/managed-node-group';
import { NodeRole } from '../../lib/aws/node-role';
import { VpcNetwork } from '../../lib/aws/vpc-network';
import { AwsProvider, Vpc } from '../../lib/providers/aws';
import { offlineProviderBlock, planStack, plannedResources, stackDir, type TerraformPlan, describeWithTerraform } from '../support/terraform';

const ACCOUNT = '123456789012';
const pools: NodePool[] = [
  { name: 'general', machineType: 'm6i.2xlarge', minNodes: 2, maxNodes: 4, diskGb: 100, spot: false, labels: {}, taints: [] },
  {
    name: 'search',
    machineType: 'r7g.2xlarge',
    minNodes: 0, // scales to zero: the autoscaler's node-template tags go on its ASG
    maxNodes: 2,
    diskGb: 200,
    spot: true,
    labels: { 'sourcegraph.com/pool': 'search' },
    taints: [{ key: 'dedicated', value: 'search', effect: 'NoSchedule' }],
  },
];

/** Every AWS infrastructure construct, wired the way the replica stack wires them. */
function infraStack(): TerraformStack {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'acme-infra');
  new AwsProvider(stack, 'aws', {
    ...offlineProviderBlock('us-east-2'),
    defaultTags: [{ tags: { 'sg-replica': 'acme', owner: 'someone@example.com' } }],
  });
  const network = new VpcNetwork(stack, 'network', {
    name: 'acme',
    cidr: '10.0.0.0/16',
    availabilityZones: ['us-east-2a', 'us-east-2b', 'us-east-2c'],
    natGateways: 'single',
    clusterName: 'acme',
  });
  const cluster = new EksCluster(stack, 'cluster', {
    name: 'acme',
    version: '1.33',
    subnetIds: network.privateSubnetIds,
    endpointAccess: 'public',
    allowedCidrs: ['203.0.113.0/24'],
    admins: [`arn:aws:iam::${ACCOUNT}:role/Admin`],
    // The deployer named, as an offline plan must (eks-cluster.plan.test.ts reads it from a fake STS);
    // it is listed among the admins too and gets one entry.
    deployer: `arn:aws:iam::${ACCOUNT}:role/team/Admin`,
    adoptLeftoverLogGroup: false,
  });
  const nodeRole = new NodeRole(stack, 'node-role', { roleName: 'acme-node' });
  const addons = new EksCoreAddons(stack, 'addons', { clusterName: cluster.clusterName });
  const groups = pools.map(
    (pool) =>
      new ManagedNodeGroup(stack, `pool-${pool.name}`, {
        clusterName: cluster.clusterName,
        pool,
        subnetIds: network.privateSubnetIds,
        nodeRoleArn: nodeRole.roleArn,
        // architecture left out: derived from the instance type (r7g is Graviton)
        tags: { 'sg-replica': 'acme' },
        dependsOn: [...nodeRole.attachments, ...addons.nodePrerequisites],
      }),
  );
  addons.waitForNodes(...groups.map((g) => g.resource));
  new EbsCsiDriver(stack, 'ebs-csi', { clusterName: cluster.clusterName, cluster, dependsOn: groups.map((g) => g.resource) });
  new LoadBalancerControllerRole(stack, 'lb-controller', { clusterName: cluster.clusterName, cluster });
  new ClusterAutoscalerRole(stack, 'cluster-autoscaler', { cluster, clusterName: 'acme', region: 'us-east-2', accountId: ACCOUNT });
  new ApiTunnelHost(stack, 'api-tunnel', {
    name: 'acme',
    vpcId: network.vpcId,
    subnetId: network.privateSubnetIds[0],
    clusterSecurityGroupId: cluster.clusterSecurityGroupId,
    clusterEndpoint: cluster.endpoint,
    tags: { 'sg-replica': 'acme' },
  });
  return stack;
}

function byType(plan: TerraformPlan, type: string) {
  return plannedResources(plan, type);
}


describeWithTerraform('AWS infrastructure constructs: offline terraform plan', () => {
  let plan: TerraformPlan;
  const outdirs: string[] = [];
  const synthesize = (stack: TerraformStack): string => {
    const outdir = Testing.fullSynth(stack);
    outdirs.push(outdir);
    return stackDir(outdir);
  };

  beforeAll(() => {
    plan = planStack(synthesize(infraStack()));
  }, 600_000);

  afterAll(() => {
    for (const dir of outdirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates everything and changes nothing else', () => {
    const actions = new Set((plan.resource_changes ?? []).filter((r) => r.mode === 'managed').flatMap((r) => r.change.actions));
    expect([...actions]).toEqual(['create']);
  });

  it('plans the cluster with encrypted secrets and a restricted public endpoint', () => {
    const [eks] = byType(plan, 'aws_eks_cluster');
    expect(eks.change.after).toMatchObject({
      name: 'acme',
      version: '1.33',
      bootstrap_self_managed_addons: false,
      access_config: [{ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false }],
      vpc_config: [expect.objectContaining({ endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] })],
      encryption_config: [expect.objectContaining({ resources: ['secrets'] })],
    });
    expect(byType(plan, 'aws_iam_openid_connect_provider')).toHaveLength(1);
    expect(byType(plan, 'aws_cloudwatch_log_group')[0].change.after).toMatchObject({
      name: '/aws/eks/acme/cluster',
      retention_in_days: 7,
    });
  });

  it('plans one access entry for the deployer who is also listed as an admin', () => {
    const entries = byType(plan, 'aws_eks_access_entry');
    expect(entries.map((e) => [e.address.replace(/^.*\[/, '['), e.change.after!.principal_arn])).toEqual([
      [`["arn:aws:iam::${ACCOUNT}:role/Admin"]`, `arn:aws:iam::${ACCOUNT}:role/team/Admin`],
    ]);
    expect(byType(plan, 'aws_eks_access_policy_association')).toHaveLength(1);
  });

  it('plans one node group per pool from IMDSv2 launch templates', () => {
    const nodeGroups = byType(plan, 'aws_eks_node_group').map((r) => r.change.after!);
    expect(nodeGroups.map((g) => g.node_group_name).sort()).toEqual(['acme-general', 'acme-search']);
    expect(nodeGroups.find((g) => g.node_group_name === 'acme-search')).toMatchObject({
      capacity_type: 'SPOT',
      ami_type: 'AL2023_ARM_64_STANDARD',
      taint: [{ key: 'dedicated', value: 'search', effect: 'NO_SCHEDULE' }],
    });
    expect(nodeGroups.find((g) => g.node_group_name === 'acme-general')).toMatchObject({ ami_type: 'AL2023_x86_64_STANDARD' });
    const templates = byType(plan, 'aws_launch_template').map((r) => r.change.after!);
    expect(templates).toHaveLength(3); // two node groups and the API tunnel host
    for (const t of templates) {
      expect(t.metadata_options).toEqual([
        expect.objectContaining({ http_tokens: 'required', http_endpoint: 'enabled', http_put_response_hop_limit: 1 }),
      ]);
      expect(t.block_device_mappings[0].ebs[0]).toMatchObject({ encrypted: 'true', volume_type: 'gp3' });
    }
  });

  it("tags the scale-to-zero pool's ASG with its labels and taints for the cluster autoscaler", () => {
    const tags = byType(plan, 'aws_autoscaling_group_tag');
    expect(tags.map((t) => t.change.after!.tag[0]).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'k8s.io/cluster-autoscaler/node-template/label/sourcegraph.com/pool', value: 'search', propagate_at_launch: false },
      { key: 'k8s.io/cluster-autoscaler/node-template/taint/dedicated', value: 'search:NoSchedule', propagate_at_launch: false },
    ]);
    // The ASG's name is EKS's, known after the node group exists.
    for (const t of tags) expect(t.change.after_unknown).toMatchObject({ autoscaling_group_name: true });
  });

  it('plans the API tunnel host: SSM-managed, no inbound port, let into the cluster security group on 443', () => {
    const [instance] = byType(plan, 'aws_instance');
    expect(instance.change.after).toMatchObject({
      metadata_options: [expect.objectContaining({ http_tokens: 'required', http_put_response_hop_limit: 1 })],
      root_block_device: [expect.objectContaining({ encrypted: true, volume_type: 'gp3' })],
    });
    // The tags hold the endpoint host, known once the cluster exists.
    expect(instance.change.after_unknown!.tags).toBeTruthy();
    const template = byType(plan, 'aws_launch_template').find((t) => t.change.after!.name === 'acme-api-tunnel')!;
    expect(template.change.after!.image_id).toBe('resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64');
    const group = byType(plan, 'aws_security_group').find((g) => g.change.after!.name === 'acme-api-tunnel')!;
    // No ingress configured: a new group has none (the provider reports the set once created).
    expect(group.change.after!.ingress ?? []).toEqual([]);
    expect(group.change.after!.egress).toEqual([
      expect.objectContaining({ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] }),
    ]);
    const rules = byType(plan, 'aws_vpc_security_group_ingress_rule').map((r) => r.change.after!);
    expect(rules).toEqual([expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, to_port: 443 })]);
    expect(byType(plan, 'aws_iam_instance_profile').map((p) => p.change.after!.name)).toEqual(['acme-api-tunnel']);
  });

  it('plans the managed add-ons, the EBS CSI driver among them', () => {
    const addons = byType(plan, 'aws_eks_addon').map((r) => r.change.after!.addon_name).sort();
    expect(addons).toEqual(['aws-ebs-csi-driver', 'coredns', 'kube-proxy', 'vpc-cni']);
  });

  it('plans the IRSA roles and the load balancer controller policy', () => {
    const roles = byType(plan, 'aws_iam_role').map((r) => r.change.after!.name).sort();
    expect(roles).toEqual(['acme-api-tunnel', 'acme-aws-lb-controller', 'acme-cluster', 'acme-cluster-autoscaler', 'acme-ebs-csi', 'acme-node']);
    const inline = byType(plan, 'aws_iam_role_policy').map((r) => r.change.after!);
    expect(inline.map((p) => p.name).sort()).toEqual(['acme-aws-lb-controller', 'acme-cluster-autoscaler', 'secrets-encryption']);
    const autoscaler = JSON.parse(inline.find((p) => p.name === 'acme-cluster-autoscaler')!.policy);
    expect(autoscaler.Statement.find((s: any) => s.Sid === 'ScaleOwnNodeGroups').Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/acme': 'owned' },
    });
    const lbc = inline.find((p) => p.name === 'acme-aws-lb-controller')!;
    expect(JSON.parse(lbc.policy).Statement.length).toBeGreaterThan(5);
  });

  it('plans the network: 3 zones, one NAT gateway, locked default security group', () => {
    expect(byType(plan, 'aws_subnet')).toHaveLength(6);
    expect(byType(plan, 'aws_nat_gateway')).toHaveLength(1);
    expect(byType(plan, 'aws_default_security_group')[0].change.after).toMatchObject({ ingress: [], egress: [] });
  });

  // Offline, the provider never learns the account id (skip_requesting_account_id),
  // so it cannot check allowed_account_ids: stacks must leave it out when offline.
  it('cannot plan offline with allowed_account_ids (the account id is unknown)', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'allowed-accounts');
    new AwsProvider(stack, 'aws', { ...offlineProviderBlock('us-east-2'), allowedAccountIds: [ACCOUNT] });
    new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
    expect(() => planStack(synthesize(stack))).toThrow(/AWS account ID not allowed/);
  }, 600_000);
});
