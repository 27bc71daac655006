import { DeleteLoadBalancerCommand, DescribeTagsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DeleteSecurityGroupCommand, DeleteVolumeCommand, DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { defaultAwsClients } from '../../lib/lifecycle/aws-clients';
import { deleteAwsLeftover, findAwsLeftovers, matchReplicaTag } from '../../lib/lifecycle/aws-leftovers';
import { acmeAfterDestroy } from './acme-account';
import { fakeAws, tagList } from './fake-aws';

const R = 'us-east-2';
const A = '111122223333';
const ours = { 'sg-replica:name': 'acme-prod', 'managed-by': 'sg-replica' };

describe('matchReplicaTag', () => {
  it.each([
    [{ 'sg-replica:name': 'acme-prod' }, 'sg-replica:name'],
    [{ 'elbv2.k8s.aws/cluster': 'acme-prod' }, 'elbv2.k8s.aws/cluster'],
    [{ 'kubernetes.io/cluster/acme-prod': 'shared' }, 'kubernetes.io/cluster/acme-prod'],
    [{ KubernetesCluster: 'acme-prod' }, 'KubernetesCluster'],
    [{ 'cluster.k8s.amazonaws.com/name': 'acme-prod' }, 'cluster.k8s.amazonaws.com/name'],
    [{ 'sg-replica:name': 'acme-prod-two' }, undefined],
    [{ 'kubernetes.io/cluster/acme-prod-two': 'owned' }, undefined],
    [{ 'elbv2.k8s.aws/cluster': 'globex' }, undefined],
  ])('%j → %s', (tags, expected) => {
    expect(matchReplicaTag(tags as Record<string, string>, 'acme-prod')).toBe(expected);
  });
});

describe('findAwsLeftovers (aws-sdk-client-mock)', () => {
  let aws: ReturnType<typeof fakeAws>;
  afterEach(() => aws.reset());

  it("finds the replica's load balancers, target groups, interfaces, volumes and security groups, in deletion order", async () => {
    aws = fakeAws(acmeAfterDestroy());
    const { leftovers, stillDeployed } = await findAwsLeftovers('acme-prod', R, defaultAwsClients());
    expect(stillDeployed).toEqual([]);
    expect(leftovers.map((l) => [l.kind, l.id.replace(/^arn:.*:/, ''), l.matchedBy, l.keepReason ?? 'delete'])).toEqual([
      ['load-balancer', 'loadbalancer/app/k8s-sourcegr-frontend/0123456789abcdef', 'sg-replica:name', 'delete'],
      ['load-balancer', 'loadbalancer/net/a1b2c3/0123456789abcdef', 'kubernetes.io/cluster/acme-prod', 'delete'],
      ['target-group', 'targetgroup/k8s-sourcegr-frontend/abc', 'sg-replica:name', 'delete'],
      ['network-interface', 'eni-elb', 'sg-replica:name', 'managed by AWS (ELB app/k8s-sourcegr-abc); goes with its owner'],
      ['network-interface', 'eni-cni', 'cluster.k8s.amazonaws.com/name', 'delete'],
      ['volume', 'vol-csi', 'sg-replica:name', 'delete'],
      ['volume', 'vol-attached', 'sg-replica:name', 'attached to i-0abc'],
      ['volume', 'vol-intree', 'kubernetes.io/cluster/acme-prod', 'delete'],
      ['volume', 'vol-legacy', 'KubernetesCluster', 'delete'],
      ['security-group', 'sg-alb', 'sg-replica:name', 'delete'],
      ['security-group', 'sg-intree', 'kubernetes.io/cluster/acme-prod', 'delete'],
      // Found by name (EKS recreates it untagged), once, though the Tagging API lists the tagged one too.
      ['log-group', '/aws/eks/acme-prod/cluster', 'name /aws/eks/acme-prod/cluster', 'delete'],
      ['kms-key', 'key/1234abcd', 'sg-replica:name', expect.stringContaining('schedules KMS keys for deletion')],
      ['classic-load-balancer', 'loadbalancer/a9f8e7', 'kubernetes.io/cluster/acme-prod', expect.stringContaining('classic load balancers')],
    ]);
    const csi = leftovers.find((l) => l.id === 'vol-csi')!;
    expect(csi).toMatchObject({ name: 'pvc sourcegraph/gitserver-0', location: R, state: 'available', deleteCommand: `aws ec2 delete-volume --volume-id vol-csi --region ${R}` });
    expect(leftovers.find((l) => l.kind === 'kms-key')!.pendingDeletion).toBe(true);
    expect(leftovers.find((l) => l.kind === 'log-group')).toMatchObject({
      name: '/aws/eks/acme-prod/cluster (EKS control plane logs, 2048 bytes)',
      deleteCommand: `aws logs delete-log-group --log-group-name /aws/eks/acme-prod/cluster --region ${R}`,
    });
    expect(leftovers.find((l) => l.kind === 'classic-load-balancer')!.deleteCommand).toBe(`aws elb delete-load-balancer --load-balancer-name a9f8e7 --region ${R}`);
  });

  it('asks EC2 with one tag filter per call (EC2 ANDs the filters of one call) and pages through the answers', async () => {
    aws = fakeAws(acmeAfterDestroy(), 1);
    await findAwsLeftovers('acme-prod', R, defaultAwsClients());
    const filters = aws.ec2.commandCalls(DescribeVolumesCommand).filter((c) => !c.args[0].input.NextToken).map((c) => c.args[0].input.Filters);
    expect(filters).toEqual([
      [{ Name: 'tag:sg-replica:name', Values: ['acme-prod'] }],
      [{ Name: 'tag:elbv2.k8s.aws/cluster', Values: ['acme-prod'] }],
      [{ Name: 'tag-key', Values: ['kubernetes.io/cluster/acme-prod'] }],
      [{ Name: 'tag:KubernetesCluster', Values: ['acme-prod'] }],
    ]);
    expect(aws.ec2.commandCalls(DescribeVolumesCommand).some((c) => c.args[0].input.NextToken)).toBe(true);
  });

  it('asks for load balancer tags 20 at a time (the API maximum)', async () => {
    aws = fakeAws(acmeAfterDestroy(), 100);
    await findAwsLeftovers('acme-prod', R, defaultAwsClients());
    expect(aws.elb.commandCalls(DescribeTagsCommand).map((c) => c.args[0].input.ResourceArns!.length)).toEqual([20, 3]);
  });

  it('reports the EKS cluster and VPC as "still deployed", not as leftovers', async () => {
    aws = fakeAws({
      tagged: [
        { arn: `arn:aws:eks:${R}:${A}:cluster/acme-prod`, tags: ours },
        { arn: `arn:aws:ec2:${R}:${A}:vpc/vpc-1`, tags: ours },
        { arn: `arn:aws:ec2:${R}:${A}:subnet/subnet-1`, tags: { ...ours, 'kubernetes.io/cluster/acme-prod': 'shared' } },
      ],
    });
    const { leftovers, stillDeployed } = await findAwsLeftovers('acme-prod', R, defaultAwsClients());
    expect(stillDeployed).toEqual([`arn:aws:eks:${R}:${A}:cluster/acme-prod`, `arn:aws:ec2:${R}:${A}:vpc/vpc-1`]);
    expect(leftovers.map((l) => l.kind)).toEqual(['ec2:subnet']);
  });

  it('finds nothing in an account without the replica', async () => {
    aws = fakeAws({ volumes: [{ VolumeId: 'vol-x', State: 'available', Tags: tagList({ 'sg-replica:name': 'globex' }) }] });
    expect(await findAwsLeftovers('acme-prod', R, defaultAwsClients())).toEqual({ leftovers: [], stillDeployed: [] });
  });
});

describe('deleteAwsLeftover', () => {
  let aws: ReturnType<typeof fakeAws>;
  afterEach(() => aws.reset());

  it('sends the delete call of the kind, in the leftover region', async () => {
    aws = fakeAws({});
    const clients = defaultAwsClients();
    await deleteAwsLeftover({ cloud: 'aws', kind: 'volume', id: 'vol-1', name: 'v', location: 'eu-west-1', matchedBy: 'x' }, clients);
    await deleteAwsLeftover({ cloud: 'aws', kind: 'security-group', id: 'sg-1', name: 's', location: 'eu-west-1', matchedBy: 'x' }, clients);
    await deleteAwsLeftover({ cloud: 'aws', kind: 'load-balancer', id: 'arn:lb', name: 'l', location: 'eu-west-1', matchedBy: 'x' }, clients);
    await deleteAwsLeftover({ cloud: 'aws', kind: 'log-group', id: '/aws/eks/acme-prod/cluster', name: 'g', location: 'eu-west-1', matchedBy: 'x' }, clients);
    expect(aws.logs.commandCalls(DeleteLogGroupCommand)[0].args[0].input).toEqual({ logGroupName: '/aws/eks/acme-prod/cluster' });
    expect(await clients.logs('eu-west-1').config.region()).toBe('eu-west-1');
    expect(aws.ec2.commandCalls(DeleteVolumeCommand)[0].args[0].input).toEqual({ VolumeId: 'vol-1' });
    expect(aws.ec2.commandCalls(DeleteSecurityGroupCommand)[0].args[0].input).toEqual({ GroupId: 'sg-1' });
    expect(aws.elb.commandCalls(DeleteLoadBalancerCommand)[0].args[0].input).toEqual({ LoadBalancerArn: 'arn:lb' });
    expect(await clients.ec2('eu-west-1').config.region()).toBe('eu-west-1');
  });

  it('refuses kinds it does not delete', async () => {
    aws = fakeAws({});
    await expect(deleteAwsLeftover({ cloud: 'aws', kind: 'kms-key', id: 'arn:k', name: 'k', location: R, matchedBy: 'x' }, defaultAwsClients())).rejects.toThrow(
      'sg-replica does not delete kms-key resources (arn:k)',
    );
  });
});
