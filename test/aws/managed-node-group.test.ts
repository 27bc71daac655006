import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import type { NodePool } from '../../lib/design/model';
import { ManagedNodeGroup, type ManagedNodeGroupProps } from '../../lib/aws/managed-node-group';
import { AutoscalingGroupTag, EksNodeGroup, LaunchTemplate } from '../../lib/providers/aws';
import { awsInstanceTypeNames } from '../../lib/catalog/aws-instance-types';

const pool: NodePool = {
  name: 'general',
  machineType: 'm6i.2xlarge',
  minNodes: 2,
  maxNodes: 5,
  diskGb: 150,
  spot: false,
  labels: {},
  taints: [],
};
const base: ManagedNodeGroupProps = {
  clusterName: 'acme',
  pool,
  subnetIds: ['subnet-a', 'subnet-b'],
  nodeRoleArn: 'arn:aws:iam::123456789012:role/acme-node',
};

function synth(props: Partial<ManagedNodeGroupProps> = {}, poolChanges: Partial<NodePool> = {}): string {
  return Testing.synthScope((scope) => {
    new ManagedNodeGroup(scope, 'pool', { ...base, ...props, pool: { ...pool, ...poolChanges } });
  });
}

function only(out: string, type: string): any {
  const all = Object.values(JSON.parse(out).resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}

describe('ManagedNodeGroup', () => {
  it('requires IMDSv2 with a hop limit of 1 on the launch template', () => {
    expect(synth()).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 },
      update_default_version: true,
      name: 'acme-general',
    });
  });

  it('encrypts the gp3 root volume and deletes it with the instance', () => {
    expect(only(synth(), 'aws_launch_template').block_device_mappings).toEqual([
      {
        device_name: '/dev/xvda',
        ebs: { volume_size: 150, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' },
      },
    ]);
  });

  it('stamps tags on instances, volumes and network interfaces', () => {
    const specs = only(synth({ tags: { 'sg-replica': 'acme', owner: 'me@example.com' } }), 'aws_launch_template')
      .tag_specifications;
    expect(specs.map((s: any) => s.resource_type)).toEqual(['instance', 'volume', 'network-interface']);
    for (const s of specs) expect(s.tags).toEqual({ Name: 'acme-general', 'sg-replica': 'acme', owner: 'me@example.com' });
  });

  it('sizes the group from the pool and leaves desired size to the autoscaler', () => {
    expect(synth()).toHaveResourceWithProperties(EksNodeGroup, {
      cluster_name: 'acme',
      node_group_name: 'acme-general',
      node_role_arn: 'arn:aws:iam::123456789012:role/acme-node',
      subnet_ids: ['subnet-a', 'subnet-b'],
      instance_types: ['m6i.2xlarge'],
      ami_type: 'AL2023_x86_64_STANDARD',
      capacity_type: 'ON_DEMAND',
      scaling_config: { min_size: 2, max_size: 5, desired_size: 2 },
      update_config: { max_unavailable: 1 },
      lifecycle: { ignore_changes: ['scaling_config[0].desired_size'] },
    });
  });

  it('boots from the latest launch template version', () => {
    expect(only(synth(), 'aws_eks_node_group').launch_template).toEqual({
      id: expect.stringMatching(/^\$\{aws_launch_template\..*\.id\}$/),
      version: expect.stringMatching(/^\$\{aws_launch_template\..*\.latest_version\}$/),
    });
  });

  it('uses spot capacity and the ARM AMI when asked', () => {
    expect(synth({ architecture: 'arm64' }, { spot: true, machineType: 'r7g.xlarge' })).toHaveResourceWithProperties(
      EksNodeGroup,
      { capacity_type: 'SPOT', ami_type: 'AL2023_ARM_64_STANDARD', instance_types: ['r7g.xlarge'] },
    );
  });

  it('picks the AMI architecture from the instance type when not told', () => {
    // Graviton: the x86_64 AMI would never boot on an m7g.
    expect(only(synth({}, { machineType: 'm7g.4xlarge' }), 'aws_eks_node_group').ami_type).toBe('AL2023_ARM_64_STANDARD');
    // Not in the catalog: read from the name.
    expect(only(synth({}, { machineType: 'c7gn.16xlarge' }), 'aws_eks_node_group').ami_type).toBe('AL2023_ARM_64_STANDARD');
    expect(only(synth({}, { machineType: 'm7i.4xlarge' }), 'aws_eks_node_group').ami_type).toBe('AL2023_x86_64_STANDARD');
  });

  it('refuses an architecture that contradicts the instance type', () => {
    expect(() => synth({ architecture: 'x86_64' }, { machineType: 'm7g.4xlarge' })).toThrow(
      /architecture "x86_64" does not match m7g.4xlarge, an arm64 instance type/,
    );
    expect(() => synth({ architecture: 'arm64' }, { machineType: 'm6i.2xlarge' })).toThrow(/does not match m6i.2xlarge/);
  });

  describe('scale from zero', () => {
    const tainted: Partial<NodePool> = {
      minNodes: 0,
      labels: { workload: 'search' },
      taints: [
        { key: 'dedicated', value: 'search', effect: 'NoSchedule' },
        { key: 'spot', value: '', effect: 'NoExecute' },
      ],
    };

    it("tags the group's ASG with its labels and taints for the cluster autoscaler", () => {
      const out = JSON.parse(synth({}, tainted));
      const tags = Object.values(out.resource.aws_autoscaling_group_tag) as any[];
      expect(tags.map((t) => t.tag)).toEqual([
        { key: 'k8s.io/cluster-autoscaler/node-template/label/workload', value: 'search', propagate_at_launch: false },
        { key: 'k8s.io/cluster-autoscaler/node-template/taint/dedicated', value: 'search:NoSchedule', propagate_at_launch: false },
        { key: 'k8s.io/cluster-autoscaler/node-template/taint/spot', value: ':NoExecute', propagate_at_launch: false },
      ]);
      for (const t of tags) {
        expect(t.autoscaling_group_name).toMatch(/^\$\{aws_eks_node_group\..*\.resources\[0\]\.autoscaling_groups\[0\]\.name\}$/);
      }
    });

    it('adds no tags to a pool that never scales to zero, has nothing to describe, or opts out', () => {
      expect(synth({}, { ...tainted, minNodes: 1 })).not.toHaveResource(AutoscalingGroupTag);
      expect(synth({}, { minNodes: 0 })).not.toHaveResource(AutoscalingGroupTag);
      expect(synth({ scaleFromZeroTags: false }, tainted)).not.toHaveResource(AutoscalingGroupTag);
    });
  });

  it('applies labels and maps taint effects to EKS spelling', () => {
    const group = only(
      synth(
        {},
        {
          labels: { 'sourcegraph.com/pool': 'search' },
          taints: [
            { key: 'dedicated', value: 'search', effect: 'NoSchedule' },
            { key: 'soft', value: '', effect: 'PreferNoSchedule' },
            { key: 'evict', value: 'yes', effect: 'NoExecute' },
          ],
        },
      ),
      'aws_eks_node_group',
    );
    expect(group.labels).toEqual({ 'sourcegraph.com/pool': 'search' });
    expect(group.taint).toEqual([
      { key: 'dedicated', value: 'search', effect: 'NO_SCHEDULE' },
      { key: 'soft', effect: 'PREFER_NO_SCHEDULE' },
      { key: 'evict', value: 'yes', effect: 'NO_EXECUTE' },
    ]);
  });

  it('has no labels or taints when the pool has none', () => {
    const group = only(synth(), 'aws_eks_node_group');
    expect(group.labels).toBeUndefined();
    expect(group.taint ?? []).toEqual([]);
  });

  it('waits for what it is given to depend on', () => {
    const out = Testing.synthScope((scope) => {
      const first = new ManagedNodeGroup(scope, 'first', base);
      new ManagedNodeGroup(scope, 'second', { ...base, pool: { ...pool, name: 'second' }, dependsOn: [first.resource] });
    });
    const groups = Object.values(JSON.parse(out).resource.aws_eks_node_group) as any[];
    const second = groups.find((g) => g.node_group_name === 'acme-second');
    expect(second.depends_on).toEqual([expect.stringMatching(/^aws_eks_node_group\./)]);
  });

  it('takes an explicit node group name', () => {
    expect(synth({ nodeGroupName: 'custom' })).toHaveResourceWithProperties(EksNodeGroup, { node_group_name: 'custom' });
  });

  describe('validation', () => {
    it.each([
      [{ minNodes: 4, maxNodes: 3 }, /minNodes 4 is greater than maxNodes 3/],
      [{ minNodes: -1 }, /minNodes -1/],
      [{ maxNodes: 0, minNodes: 0 }, /maxNodes 0/],
      [{ minNodes: 1.5 }, /minNodes 1.5/],
      [{ diskGb: 10 }, /diskGb 10 must be a whole number from 20/],
      [{ machineType: 'big' }, /machineType "big"/],
      [{ name: 'Bad_Pool' }, /pool name "Bad_Pool"/],
      [{ name: 'x'.repeat(60) }, /node group name "acme-x{60}"/],
      [{ taints: [{ key: 'k', value: '', effect: 'Never' as never }] }, /taint "k" has effect "Never"/],
    ])('rejects pool %j', (poolChanges, message) => {
      expect(() => synth({}, poolChanges)).toThrow(message);
    });

    it('rejects an unknown architecture', () => {
      expect(() => synth({ architecture: 'sparc' as never })).toThrow(/architecture "sparc"/);
    });
  });

  it('takes a pool with only name, machine type and sizes: disk, spot, labels and taints default as in a design', () => {
    const out = Testing.synthScope((scope) => {
      new ManagedNodeGroup(scope, 'pool', { ...base, pool: { name: 'general', machineType: 'm6i.2xlarge', minNodes: 2, maxNodes: 5 } });
    });
    expect(only(out, 'aws_launch_template').block_device_mappings[0].ebs.volume_size).toBe(100);
    const group = only(out, 'aws_eks_node_group');
    expect(group.capacity_type).toBe('ON_DEMAND');
    expect(group.labels).toBeUndefined();
    expect(group.taint).toEqual([]);
  });
});

describe('ManagedNodeGroup and the instance-type catalog', () => {
  it('accepts every instance type validation accepts (the catalog), bare-metal sizes with a hyphen included (validate => synth; found by the fuzz run)', () => {
    const hyphenated = awsInstanceTypeNames().filter((n) => n.split('.')[1].includes('-'));
    expect(hyphenated).toEqual(expect.arrayContaining(['c7i.metal-48xl', 'm7a.metal-48xl', 'r8a.metal-24xl']));
    const names = [...hyphenated, 'm6a.4xlarge', 'r7g.xlarge', 'c7gn.16xlarge'];
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        names.forEach((machineType, i) => new ManagedNodeGroup(scope, `pool-${i}`, { ...base, pool: { ...pool, name: `pool-${i}`, machineType } }));
      }),
    );
    expect(Object.values<any>(out.resource.aws_eks_node_group).map((g) => g.instance_types[0]).sort()).toEqual([...names].sort());
  });
});
