import * as path from 'path';
import { DeleteVolumeCommand } from '@aws-sdk/client-ec2';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { expiredCommand, leftoversCommand, LifecycleDeps } from '../../lib/cli/lifecycle-commands';
import type { Output } from '../../lib/cli/main';
import { GcpAccess } from '../../lib/lifecycle/gcp-asset-search';
import { acmeAfterDestroy } from '../lifecycle/acme-account';
import { fakeAws, tagList } from '../lifecycle/fake-aws';

const root = path.join(__dirname, '..', '..');
const acmeDesign = path.join(root, 'examples', 'designs', 'acme-prod.yaml');
const gkeDesign = path.join(root, 'examples', 'designs', 'umbrella-gke.yaml');

function capture(): Output & { stdout: string[]; stderr: string[]; all(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), all: () => [...stdout, ...stderr].join('\n') };
}

const acmeTags = { 'sg-replica:name': 'acme-prod', 'sg-replica:owner': 'jane@example.com', 'sg-replica:customer': 'Acme Corp', 'sg-replica:expires-at': '2026-11-30T05:56Z' };
const noEnv: LifecycleDeps = { env: {} };
const noWait = { deleteOptions: { sleep: async () => undefined } };

let aws: ReturnType<typeof fakeAws> | undefined;
afterEach(() => {
  aws?.reset();
  aws = undefined;
});

describe('sg-replica expired: usage', () => {
  it.each([
    [[], /give --region \(or set AWS_REGION\)/],
    [['--cloud', 'azure', '--region', 'x'], /--cloud must be aws or gcp, got 'azure'/],
    [['--project', 'p'], /--project is for --cloud gcp/],
    [['--cloud', 'gcp'], /give --project/],
    [['--cloud=gcp', '--project', 'p', '--region', 'r'], /--region is for --cloud aws/],
    [['--region', 'us-east-2', '--now', 'tomorrow'], /--now needs an ISO time/],
    [['--region'], /--region needs a value/],
    [['--bogus'], /unknown option '--bogus'/],
  ])('%j exits 2', async (args, message) => {
    const io = capture();
    expect(await expiredCommand(args, io, noEnv)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(message);
    expect(io.stderr.join('\n')).toContain('Usage:');
  });

  it('--help exits 0', async () => {
    const io = capture();
    expect(await expiredCommand(['--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('Usage: sg-replica expired [--cloud aws|gcp] [--region R]... [--project P]... [--now ISO] [--names]');
  });
});

describe('sg-replica expired on AWS (aws-sdk-client-mock)', () => {
  it('prints a table of expired replicas and the destroy command for each', async () => {
    aws = fakeAws({
      tagged: [
        { arn: 'arn:aws:eks:us-east-2:1:cluster/acme-prod', tags: acmeTags },
        { arn: 'arn:aws:ec2:us-east-2:1:volume/vol-1', tags: acmeTags },
        { arn: 'arn:aws:eks:us-east-2:1:cluster/fresh', tags: { ...acmeTags, 'sg-replica:name': 'fresh', 'sg-replica:expires-at': '2027-01-01T00:00Z' } },
      ],
    });
    const io = capture();
    expect(await expiredCommand(['--region', 'us-east-2', '--now', '2026-12-01T10:00Z'], io)).toBe(0);
    expect(io.stdout).toEqual([
      '1 expired replica in aws us-east-2 at 2026-12-01T10:00Z:',
      '  NAME       OWNER             CUSTOMER   EXPIRED AT         AGO    WHERE      RESOURCES',
      '  acme-prod  jane@example.com  Acme Corp  2026-11-30T05:56Z  1d 4h  us-east-2  2',
      '',
      'Destroy each from a checkout with its design (REPLICA_DESIGN=<its design.yaml>):',
      "  cdktf destroy 'acme-prod-*'",
    ]);
    expect(io.stderr).toEqual([]);
  });

  it('--names prints only the expired names, one per line, for scripts', async () => {
    aws = fakeAws({
      tagged: [
        { arn: 'arn:aws:eks:us-east-2:1:cluster/acme-prod', tags: acmeTags },
        { arn: 'arn:aws:eks:us-east-2:1:cluster/fresh', tags: { ...acmeTags, 'sg-replica:name': 'fresh', 'sg-replica:expires-at': '2027-01-01T00:00Z' } },
      ],
    });
    const io = capture();
    expect(await expiredCommand(['--region', 'us-east-2', '--now', '2026-12-01T10:00Z', '--names'], io)).toBe(0);
    expect(io.stdout).toEqual(['acme-prod']);
  });

  it('takes regions from a comma list and repeated flags, and AWS_REGION when none is given', async () => {
    aws = fakeAws({});
    expect(await expiredCommand(['--region', 'us-east-2,eu-west-1', '--region=us-west-2'], capture())).toBe(0);
    expect(aws.tagging.commandCalls(GetResourcesCommand)).toHaveLength(3);
    const io = capture();
    expect(await expiredCommand([], io, { env: { AWS_REGION: 'ap-south-1' }, now: new Date('2026-12-01T00:00:00Z') })).toBe(0);
    expect(io.stdout).toEqual(['no expired replicas in aws ap-south-1 at 2026-12-01T00:00Z (0 replicas found)']);
  });

  it('warns about replicas whose expiry it cannot read', async () => {
    aws = fakeAws({ tagged: [{ arn: 'arn:1', tags: { ...acmeTags, 'sg-replica:expires-at': 'someday' } }] });
    const io = capture();
    expect(await expiredCommand(['--region', 'us-east-2'], io)).toBe(0);
    expect(io.stderr).toEqual(["warning: acme-prod: cannot read expires-at 'someday' (1 resources in us-east-2)"]);
  });

  it('exits 1 with the cloud error and a hint, no stack trace', async () => {
    aws = fakeAws({});
    const e = new Error('Could not load credentials from any providers');
    e.name = 'CredentialsProviderError';
    aws.tagging.on(GetResourcesCommand).rejects(e);
    const io = capture();
    expect(await expiredCommand(['--region', 'us-east-2'], io)).toBe(1);
    expect(io.stderr).toEqual(['sg-replica expired: Could not load credentials from any providers (AWS credentials: set AWS_PROFILE, or run aws sso login)']);
  });
});

describe('sg-replica expired on GCP (injected fetch and token)', () => {
  it('lists expired replicas from asset labels', async () => {
    const labels = { 'sg-replica-name': 'umbrella-gke', 'sg-replica-owner': 'jane_doe_example_com', 'sg-replica-expires-at': '2026-11-30t05_56z' };
    const gcp: GcpAccess = {
      token: async () => 't',
      fetch: async () => ({ ok: true, status: 200, text: async () => '', json: async () => ({ results: [{ name: '//x/disks/d', assetType: 'compute.googleapis.com/Disk', labels }] }) }),
    };
    const io = capture();
    expect(await expiredCommand(['--cloud', 'gcp', '--project', 'umbrella-sg-sandbox', '--now', '2026-12-01T00:00:00Z'], io, { clients: { gcp } })).toBe(0);
    expect(io.stdout[2]).toMatch(/^ {2}umbrella-gke\s+jane_doe_example_com\s+\?\s+2026-11-30T05:56Z\s+18h 4m\s+umbrella-sg-sandbox\s+1$/);
    expect(io.stdout).toContain("  cdktf destroy 'umbrella-gke-*'");
  });
});

describe('sg-replica leftovers', () => {
  it('lists what is left with commands and exits 3 when something needs doing', async () => {
    aws = fakeAws(acmeAfterDestroy());
    const io = capture();
    expect(await leftoversCommand([acmeDesign], io)).toBe(3);
    expect(io.stdout[0]).toBe('14 resources of acme-prod left in aws us-east-2:');
    expect(io.stdout[1]).toMatch(/^ {2}KIND\s+NAME\s+ID\s+LOCATION\s+STATE\s+MATCHED BY\s+ACTION$/);
    expect(io.stdout).toContainEqual(expect.stringMatching(/^ {2}volume\s+pvc sourcegraph\/gitserver-0\s+vol-csi\s+us-east-2\s+available\s+sg-replica:name\s+delete$/));
    expect(io.stdout).toContainEqual(expect.stringMatching(/volume .*vol-attached .*keep: attached to i-0abc$/));
    expect(io.stdout).toContain('  aws ec2 delete-volume --volume-id vol-csi --region us-east-2');
    expect(io.all()).toContain('--delete deletes the 10 marked "delete" (after asking)');
    expect(aws.ec2.commandCalls(DeleteVolumeCommand)).toHaveLength(0);
  });

  it('exits 0 when nothing is left', async () => {
    aws = fakeAws({});
    const io = capture();
    expect(await leftoversCommand([acmeDesign], io)).toBe(0);
    expect(io.stdout).toEqual(['no leftovers of acme-prod in aws us-east-2']);
  });

  it('refuses to delete without a terminal to ask on and without --yes', async () => {
    aws = fakeAws(acmeAfterDestroy());
    const io = capture();
    expect(await leftoversCommand([acmeDesign, '--delete'], io, noWait)).toBe(1);
    expect(io.stderr).toContain('refusing to delete without confirmation: no terminal to ask on; pass --yes');
    expect(aws.ec2.commandCalls(DeleteVolumeCommand)).toHaveLength(0);
  });

  it('deletes after the prompt says yes, reporting each resource', async () => {
    aws = fakeAws({
      volumes: [{ VolumeId: 'vol-1', State: 'available', Tags: tagList({ 'sg-replica:name': 'acme-prod' }) }],
      securityGroups: [{ GroupId: 'sg-1', GroupName: 'k8s-x', Tags: tagList({ 'elbv2.k8s.aws/cluster': 'acme-prod' }) }],
    });
    const questions: string[] = [];
    const io = capture();
    const code = await leftoversCommand([acmeDesign, '--delete'], io, { ...noWait, prompt: async (q) => (questions.push(q), true) });
    expect(questions).toEqual(['Delete these 2 resources of acme-prod in aws us-east-2?']);
    expect(io.stdout.slice(-3)).toEqual(['deleted volume vol-1', 'deleted security-group sg-1', 'deleted 2, already gone 0, failed 0, kept 0']);
    expect(code).toBe(0);
  });

  it('deletes nothing when the prompt says no', async () => {
    aws = fakeAws(acmeAfterDestroy());
    const io = capture();
    expect(await leftoversCommand([acmeDesign, '--delete'], io, { ...noWait, prompt: async () => false })).toBe(3);
    expect(io.stdout).toContain('nothing deleted');
    expect(aws.ec2.commandCalls(DeleteVolumeCommand)).toHaveLength(0);
  });

  it('--yes deletes without asking; kept resources leave exit 3', async () => {
    aws = fakeAws(acmeAfterDestroy());
    const prompt = jest.fn(async () => false);
    const io = capture();
    expect(await leftoversCommand([acmeDesign, '--delete', '--yes'], io, { ...noWait, prompt })).toBe(3);
    expect(prompt).not.toHaveBeenCalled();
    expect(aws.ec2.commandCalls(DeleteVolumeCommand).map((c) => c.args[0].input.VolumeId)).toEqual(['vol-csi', 'vol-intree', 'vol-legacy']);
    expect(io.stdout).toContain('deleted 10, already gone 0, failed 0, kept 4');
  });

  it('refuses to delete while the replica is still deployed', async () => {
    aws = fakeAws({ tagged: [{ arn: 'arn:aws:eks:us-east-2:1:cluster/acme-prod', tags: acmeTags }], volumes: acmeAfterDestroy().volumes });
    const io = capture();
    expect(await leftoversCommand([acmeDesign, '--delete', '--yes'], io, noWait)).toBe(1);
    expect(io.stderr).toEqual([
      "acme-prod is still deployed (arn:aws:eks:us-east-2:1:cluster/acme-prod): run cdktf destroy 'acme-prod-*' first",
      'refusing to delete: the replica is still deployed',
    ]);
    expect(aws.ec2.commandCalls(DeleteVolumeCommand)).toHaveLength(0);
  });

  it('on GCP lists the gcloud commands and does not delete', async () => {
    const disk = {
      name: '//compute.googleapis.com/projects/umbrella-sg-sandbox/zones/us-central1-a/disks/pvc-1',
      assetType: 'compute.googleapis.com/Disk',
      location: 'us-central1-a',
      labels: { 'sg-replica-name': 'umbrella-gke' },
    };
    const gcp: GcpAccess = {
      token: async () => 't',
      fetch: async (url) => {
        const u = new URL(url);
        // Compute Engine (what carries no label): nothing listed, and the VPC and named resources are gone.
        if (u.hostname === 'compute.googleapis.com') {
          const get = !u.searchParams.has('filter');
          return { ok: !get, status: get ? 404 : 200, text: async () => '', json: async () => ({}) };
        }
        return {
          ok: true,
          status: 200,
          text: async () => '',
          json: async () => ({ results: u.searchParams.get('query')!.startsWith('labels.sg-replica-name') ? [disk] : [] }),
        };
      },
    };
    const io = capture();
    expect(await leftoversCommand([gkeDesign, '--delete', '--yes'], io, { clients: { gcp } })).toBe(1);
    expect(io.stdout).toContain('  gcloud compute disks delete pvc-1 --zone us-central1-a --project umbrella-sg-sandbox --quiet');
    expect(io.stderr).toEqual(['sg-replica does not delete GCP resources: run the gcloud commands above']);
  });

  it.each([
    [[], /give exactly one design file/],
    [['a.yaml', 'b.yaml'], /give exactly one design file, got 2/],
    [[acmeDesign, '--yes'], /--yes only makes sense with --delete/],
    [[acmeDesign, '--force'], /unknown option '--force'/],
  ])('%j exits 2', async (args, message) => {
    const io = capture();
    expect(await leftoversCommand(args, io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(message);
  });

  it('exits 1 for a missing design, without calling the cloud', async () => {
    aws = fakeAws({});
    const io = capture();
    expect(await leftoversCommand(['no/such/design.yaml'], io)).toBe(1);
    expect(io.stderr).toEqual(['no/such/design.yaml file not found', 'sg-replica leftovers: no/such/design.yaml has errors; fix them first']);
    expect(aws.tagging.commandCalls(GetResourcesCommand)).toHaveLength(0);
  });
});
