import * as path from 'path';
import { execFileSync } from 'child_process';
import { mockClient } from 'aws-sdk-client-mock';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { defaultAwsClients, tagMap, taggedResources } from '../../lib/lifecycle/aws-clients';

const root = path.join(__dirname, '..', '..');

describe('defaultAwsClients', () => {
  it('makes one client per service and region, in that region', async () => {
    const clients = defaultAwsClients();
    const a = clients.ec2('us-east-2');
    expect(a).toBeInstanceOf(EC2Client);
    expect(clients.ec2('us-east-2')).toBe(a);
    expect(clients.ec2('eu-west-1')).not.toBe(a);
    expect(await a.config.region()).toBe('us-east-2');
    expect(clients.elbv2('us-east-2')).toBeInstanceOf(ElasticLoadBalancingV2Client);
    expect(clients.tagging('us-east-2')).toBeInstanceOf(ResourceGroupsTaggingAPIClient);
  });

  it('loads no AWS SDK module until a client is asked for', () => {
    const script = `
      const before = () => Object.keys(require.cache).filter((m) => m.includes('@aws-sdk')).length;
      const { defaultAwsClients } = require('./lib/lifecycle/aws-clients.ts');
      require('./lib/lifecycle/leftovers.ts');
      require('./lib/lifecycle/expired.ts');
      require('./lib/cli/lifecycle-commands.ts');
      const atImport = before();
      defaultAwsClients().ec2('us-east-2');
      console.log(JSON.stringify([atImport, before() > 0]));`;
    const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual([0, true]);
  });
});

describe('taggedResources', () => {
  const tagging = mockClient(ResourceGroupsTaggingAPIClient);
  afterEach(() => tagging.reset());
  afterAll(() => tagging.restore());

  it('follows PaginationToken until it is empty and sends the filters', async () => {
    tagging
      .on(GetResourcesCommand)
      .resolvesOnce({ ResourceTagMappingList: [{ ResourceARN: 'arn:a', Tags: [{ Key: 'k', Value: '1' }] }], PaginationToken: 'p2' })
      .resolvesOnce({ ResourceTagMappingList: [{ ResourceARN: 'arn:b', Tags: [] }], PaginationToken: '' });
    const found = await taggedResources(defaultAwsClients(), 'us-east-2', [{ Key: 'sg-replica:expires-at' }]);
    expect(found).toEqual([
      { arn: 'arn:a', tags: { k: '1' } },
      { arn: 'arn:b', tags: {} },
    ]);
    const calls = tagging.commandCalls(GetResourcesCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0].args[0].input).toEqual({ TagFilters: [{ Key: 'sg-replica:expires-at' }], ResourcesPerPage: 100 });
    expect(calls[1].args[0].input).toMatchObject({ PaginationToken: 'p2' });
  });

  it('passes SDK errors on', async () => {
    tagging.on(GetResourcesCommand).rejects(new Error('AccessDeniedException: not allowed'));
    await expect(taggedResources(defaultAwsClients(), 'us-east-2', [])).rejects.toThrow(/not allowed/);
  });
});

describe('tagMap', () => {
  it('turns SDK tag lists into maps, empty value for a missing Value', () => {
    expect(tagMap([{ Key: 'a', Value: '1' }, { Key: 'b' }, { Value: 'orphan' }])).toEqual({ a: '1', b: '' });
    expect(tagMap(undefined)).toEqual({});
  });
});
