import { DeleteLoadBalancerCommand, DeleteTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DeleteNetworkInterfaceCommand, DeleteSecurityGroupCommand, DeleteVolumeCommand } from '@aws-sdk/client-ec2';
import { DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { deleteLeftovers, findLeftovers, Leftover } from '../../lib/lifecycle/leftovers';
import { GcpAccess } from '../../lib/lifecycle/gcp-asset-search';
import { awsDesign, gcpDesign } from '../support/design-fixture';
import { acmeAfterDestroy } from './acme-account';
import { awsError, fakeAws } from './fake-aws';

const noWait = { sleep: async () => undefined };

describe('findLeftovers', () => {
  let aws: ReturnType<typeof fakeAws>;
  afterEach(() => aws?.reset());

  it("searches an AWS design's region for its name", async () => {
    aws = fakeAws(acmeAfterDestroy());
    const report = await findLeftovers(awsDesign({ name: 'acme-prod', cloud: { region: 'us-east-2' } }));
    expect(report).toMatchObject({ replica: 'acme-prod', cloud: 'aws', scope: 'us-east-2', stillDeployed: [] });
    expect(report.leftovers.length).toBe(14); // the log group EKS recreated included
  });

  it("searches a GCP design's project", async () => {
    const urls: string[] = [];
    // Searches and lists find nothing; single resources (the VPC, the ingress's named resources) are gone (404).
    const gcp: GcpAccess = {
      token: async () => 't',
      fetch: async (url) => {
        urls.push(url);
        const get = url.startsWith('https://compute.googleapis.com/') && !new URL(url).searchParams.has('filter');
        return { ok: !get, status: get ? 404 : 200, json: async () => ({}), text: async () => '' };
      },
    };
    const design = gcpDesign({ name: 'umbrella-gke' });
    const report = await findLeftovers(design, { gcp });
    expect(report).toEqual({ replica: 'umbrella-gke', cloud: 'gcp', scope: (design.cloud as { project: string }).project, leftovers: [], stillDeployed: [] });
    const project = (design.cloud as { project: string }).project;
    expect(urls.every((u) => u.includes(`/projects/${project}:searchAllResources`) || u.startsWith(`https://compute.googleapis.com/compute/v1/projects/${project}/`))).toBe(true);
  });
});

describe('deleteLeftovers (aws-sdk-client-mock)', () => {
  let aws: ReturnType<typeof fakeAws>;
  afterEach(() => aws.reset());

  async function found(): Promise<readonly Leftover[]> {
    return (await findLeftovers(awsDesign({ name: 'acme-prod', cloud: { region: 'us-east-2' } }))).leftovers;
  }

  it('asks once, then deletes the deletable ones in dependency order and keeps the rest', async () => {
    aws = fakeAws(acmeAfterDestroy());
    const leftovers = await found();
    const asked: string[][] = [];
    const order: string[] = [];
    for (const [client, C, key] of [
      [aws.elb, DeleteLoadBalancerCommand, 'LoadBalancerArn'],
      [aws.elb, DeleteTargetGroupCommand, 'TargetGroupArn'],
      [aws.ec2, DeleteNetworkInterfaceCommand, 'NetworkInterfaceId'],
      [aws.ec2, DeleteVolumeCommand, 'VolumeId'],
      [aws.ec2, DeleteSecurityGroupCommand, 'GroupId'],
      [aws.logs, DeleteLogGroupCommand, 'logGroupName'],
    ] as const) {
      (client as typeof aws.ec2).on(C as never).callsFake((input: Record<string, string>) => {
        order.push(input[key].replace(/^arn:.*:/, ''));
        return {};
      });
    }
    const results = await deleteLeftovers(leftovers, {}, async (toDelete) => (asked.push(toDelete.map((l) => l.id.replace(/^arn:.*:/, ''))), true), noWait);
    expect(asked).toHaveLength(1);
    expect(order).toEqual([
      'loadbalancer/app/k8s-sourcegr-frontend/0123456789abcdef',
      'loadbalancer/net/a1b2c3/0123456789abcdef',
      'targetgroup/k8s-sourcegr-frontend/abc',
      'eni-cni',
      'vol-csi',
      'vol-intree',
      'vol-legacy',
      'sg-alb',
      'sg-intree',
      '/aws/eks/acme-prod/cluster',
    ]);
    expect(asked[0]).toEqual(order);
    expect(results.filter((r) => r.outcome === 'deleted')).toHaveLength(10);
    expect(results.filter((r) => r.outcome === 'kept').map((r) => r.leftover.id.replace(/^arn:.*:/, ''))).toEqual([
      'eni-elb',
      'vol-attached',
      'key/1234abcd',
      'loadbalancer/a9f8e7',
    ]);
  });

  it('deletes nothing when not confirmed', async () => {
    aws = fakeAws(acmeAfterDestroy());
    const results = await deleteLeftovers(await found(), {}, async () => false, noWait);
    expect(results.every((r) => r.outcome === 'kept')).toBe(true);
    expect(results.filter((r) => r.message === 'not confirmed')).toHaveLength(10);
    expect(aws.ec2.commandCalls(DeleteVolumeCommand)).toHaveLength(0);
    expect(aws.elb.commandCalls(DeleteLoadBalancerCommand)).toHaveLength(0);
  });

  it('retries a security group while it is still in use, counts NotFound as gone, and goes on after a failure', async () => {
    aws = fakeAws({});
    const sleeps: number[] = [];
    aws.ec2
      .on(DeleteSecurityGroupCommand, { GroupId: 'sg-1' })
      .rejectsOnce(awsError('DependencyViolation', 'resource sg-1 has a dependent object'))
      .rejectsOnce(awsError('DependencyViolation', 'resource sg-1 has a dependent object'))
      .resolves({});
    aws.ec2.on(DeleteVolumeCommand, { VolumeId: 'vol-gone' }).rejects(awsError('InvalidVolume.NotFound'));
    aws.ec2.on(DeleteVolumeCommand, { VolumeId: 'vol-bad' }).rejects(awsError('UnauthorizedOperation', 'You are not authorized'));
    const mk = (kind: string, id: string): Leftover => ({ cloud: 'aws', kind, id, name: id, location: 'us-east-2', matchedBy: 'x' });
    const outcomes: string[] = [];
    const results = await deleteLeftovers([mk('security-group', 'sg-1'), mk('volume', 'vol-bad'), mk('volume', 'vol-gone')], {}, async () => true, {
      retryDelayMs: 5000,
      sleep: async (ms) => void sleeps.push(ms),
      onResult: (r) => outcomes.push(`${r.leftover.id} ${r.outcome}`),
    });
    expect(outcomes).toEqual(['vol-bad failed', 'vol-gone gone', 'sg-1 deleted']);
    expect(sleeps).toEqual([5000, 5000]);
    expect(results.find((r) => r.outcome === 'failed')!.message).toBe('UnauthorizedOperation: You are not authorized');
  });

  it('gives up on DependencyViolation after the last attempt', async () => {
    aws = fakeAws({});
    aws.ec2.on(DeleteSecurityGroupCommand).rejects(awsError('DependencyViolation', 'still used'));
    const [r] = await deleteLeftovers([{ cloud: 'aws', kind: 'security-group', id: 'sg-1', name: 's', location: 'us-east-2', matchedBy: 'x' }], {}, async () => true, {
      attempts: 3,
      sleep: async () => undefined,
    });
    expect(r).toMatchObject({ outcome: 'failed', message: 'DependencyViolation: still used' });
    expect(aws.ec2.commandCalls(DeleteSecurityGroupCommand)).toHaveLength(3);
  });

  it('never deletes GCP leftovers and does not ask when there is nothing to delete', async () => {
    aws = fakeAws({});
    const confirm = jest.fn(async () => true);
    const gcp: Leftover = { cloud: 'gcp', kind: 'disks', id: '//compute/d', name: 'd', location: 'z', matchedBy: 'x', deleteCommand: 'gcloud compute disks delete d' };
    const results = await deleteLeftovers([gcp], {}, confirm);
    expect(confirm).not.toHaveBeenCalled();
    expect(results).toEqual([{ leftover: gcp, outcome: 'kept', message: 'sg-replica does not delete GCP resources; run: gcloud compute disks delete d' }]);
  });
});
