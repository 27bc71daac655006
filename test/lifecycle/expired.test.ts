import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { gcpLabels } from '../../lib/replica/gcp-labels';
import { destroyCommand, expiredAmong, findExpiredReplicas, listReplicas, summarizeReplicas } from '../../lib/lifecycle/expired';
import { GcpAccess } from '../../lib/lifecycle/gcp-asset-search';
import { awsTags, replicaMetadata } from '../../lib/replica/metadata';
import { awsDesign, gcpDesign } from '../support/design-fixture';
import { fakeAws } from './fake-aws';

// acme-prod: created 2026-11-23T05:56Z, expires after the fixture's expiresAfterHours.
const acme = awsTags(replicaMetadata(awsDesign({ name: 'acme-prod', owner: 'jane@example.com', expiresAfterHours: 168 }), new Date('2026-11-23T05:56:00Z')));
const globex = awsTags(replicaMetadata(awsDesign({ name: 'globex', owner: 'raj@example.com', expiresAfterHours: 48 }), new Date('2026-12-01T00:00:00Z')));
const now = new Date('2026-12-01T12:00:00Z');

describe('findExpiredReplicas on AWS (Tagging API, mocked with aws-sdk-client-mock)', () => {
  let aws: ReturnType<typeof fakeAws>;
  afterEach(() => aws.reset());

  it('groups tagged resources by sg-replica:name and keeps those whose expires-at has passed', async () => {
    expect(acme['sg-replica:expires-at']).toBe('2026-11-30T05:56Z');
    aws = fakeAws({
      tagged: [
        { arn: 'arn:aws:eks:us-east-2:111122223333:cluster/acme-prod', tags: acme },
        { arn: 'arn:aws:ec2:us-east-2:111122223333:vpc/vpc-1', tags: acme },
        { arn: 'arn:aws:ec2:us-east-2:111122223333:volume/vol-1', tags: acme },
        { arn: 'arn:aws:eks:us-east-2:111122223333:cluster/globex', tags: globex },
        { arn: 'arn:aws:ec2:us-east-2:111122223333:vpc/vpc-9', tags: { Name: 'unrelated' } },
      ],
    });
    const expired = await findExpiredReplicas({ cloud: 'aws', regions: ['us-east-2'], now });
    expect(expired).toEqual([
      {
        name: 'acme-prod',
        cloud: 'aws',
        owner: 'jane@example.com',
        customer: acme['sg-replica:customer'],
        expiresAt: new Date('2026-11-30T05:56:00Z'),
        unreadableExpiry: [],
        locations: ['us-east-2'],
        resourceCount: 3,
        destroyCommand: "cdktf destroy 'acme-prod-*'",
      },
    ]);
    // One query, by the expiry tag's key (any value).
    expect(aws.tagging.commandCalls(GetResourcesCommand)[0].args[0].input.TagFilters).toEqual([{ Key: 'sg-replica:expires-at' }]);
  });

  it('searches every region given and merges a replica across them', async () => {
    aws = fakeAws({ tagged: [{ arn: 'arn:aws:ec2:x:1:volume/vol-1', tags: acme }] });
    const expired = await findExpiredReplicas({ cloud: 'aws', regions: ['us-east-2', 'us-west-2'], now });
    expect(expired.map((r) => [r.name, r.locations, r.resourceCount])).toEqual([['acme-prod', ['us-east-2', 'us-west-2'], 2]]);
    expect(aws.tagging.commandCalls(GetResourcesCommand)).toHaveLength(2);
  });

  it('is not expired until expires-at (inclusive at the minute)', async () => {
    aws = fakeAws({ tagged: [{ arn: 'arn:1', tags: acme }] });
    expect(await findExpiredReplicas({ cloud: 'aws', regions: ['us-east-2'], now: new Date('2026-11-30T05:55:59Z') })).toEqual([]);
    expect(await findExpiredReplicas({ cloud: 'aws', regions: ['us-east-2'], now: new Date('2026-11-30T05:56:00Z') })).toHaveLength(1);
  });

  it('passes the cloud error on (no credentials, no permission)', async () => {
    aws = fakeAws({});
    aws.tagging.on(GetResourcesCommand).rejects(new Error('User is not authorized to perform: tag:GetResources'));
    await expect(findExpiredReplicas({ cloud: 'aws', regions: ['us-east-2'], now })).rejects.toThrow(/not authorized/);
  });

  it('refuses an empty scope', async () => {
    await expect(listReplicas({ cloud: 'aws', regions: [] })).rejects.toThrow('give at least one AWS region');
    await expect(listReplicas({ cloud: 'gcp', projects: [] })).rejects.toThrow('give at least one GCP project');
  });
});

describe('findExpiredReplicas on GCP (Cloud Asset search through an injected fetch)', () => {
  it('reads the sanitized labels and searches each project for the expiry label', async () => {
    const labels = gcpLabels(replicaMetadata(gcpDesign({ name: 'umbrella-gke', owner: 'Jane.Doe@Example.com', expiresAfterHours: 24 }), new Date('2026-11-29T10:30:00Z')));
    expect(labels['sg-replica-expires-at']).toBe('2026-11-30t10_30z');
    const urls: string[] = [];
    const access: GcpAccess = {
      token: async () => 'tok',
      fetch: async (url) => {
        urls.push(url);
        return {
          ok: true,
          status: 200,
          text: async () => '',
          json: async () => ({
            results: [
              { name: '//container.googleapis.com/projects/p1/locations/us-central1/clusters/umbrella-gke', assetType: 'container.googleapis.com/Cluster', labels },
              { name: '//compute.googleapis.com/projects/p1/zones/us-central1-a/disks/pvc-1', assetType: 'compute.googleapis.com/Disk', labels },
            ],
          }),
        };
      },
    };
    const expired = await findExpiredReplicas({ cloud: 'gcp', projects: ['p1'], now, clients: { gcp: access } });
    expect(expired).toEqual([
      expect.objectContaining({
        name: 'umbrella-gke',
        cloud: 'gcp',
        owner: 'jane_doe_example_com',
        expiresAt: new Date('2026-11-30T10:30:00Z'),
        locations: ['p1'],
        resourceCount: 2,
        destroyCommand: "cdktf destroy 'umbrella-gke-*'",
      }),
    ]);
    expect(new URL(urls[0]).searchParams.get('query')).toBe('labels.sg-replica-expires-at:*');
    expect(urls[0]).toContain('/projects/p1:searchAllResources');
  });
});

describe('summarizeReplicas', () => {
  const base = { location: 'us-east-2', name: 'r1' };

  it('takes the latest expiry when resources disagree (a redeploy extended it), and the most common owner', () => {
    const [r] = summarizeReplicas('aws', [
      { ...base, owner: 'a@x', expiresAt: '2026-11-30T00:00Z' },
      { ...base, owner: 'b@x', expiresAt: '2026-12-05T00:00Z' },
      { ...base, owner: 'b@x', expiresAt: '2026-12-05T00:00Z' },
    ]);
    expect(r.expiresAt).toEqual(new Date('2026-12-05T00:00:00Z'));
    expect(r.owner).toBe('b@x');
    expect(expiredAmong([r], new Date('2026-12-01T00:00:00Z'))).toEqual([]);
  });

  it('keeps a replica whose expiry cannot be read, with the bad values, out of the expired list', () => {
    const [r] = summarizeReplicas('aws', [{ ...base, expiresAt: 'next tuesday' }]);
    expect(r.expiresAt).toBeUndefined();
    expect(r.unreadableExpiry).toEqual(['next tuesday']);
    expect(expiredAmong([r], new Date('2099-01-01T00:00:00Z'))).toEqual([]);
  });

  it('sorts by expiry, oldest first', () => {
    const names = summarizeReplicas('aws', [
      { location: 'r', name: 'late', expiresAt: '2026-12-02T00:00Z' },
      { location: 'r', name: 'early', expiresAt: '2026-11-02T00:00Z' },
    ]).map((r) => r.name);
    expect(names).toEqual(['early', 'late']);
  });
});

describe('destroyCommand', () => {
  it('names all the replica stacks', () => {
    expect(destroyCommand('acme-prod')).toBe("cdktf destroy 'acme-prod-*'");
  });
});
