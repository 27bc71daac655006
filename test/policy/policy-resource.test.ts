import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, Testing } from 'cdktf';
import { ReplicaAwsProvider } from '../../lib/aws/replica-aws-provider';
import { block, blocks, boolValue, isUnknown, numberValue, policyStack, stringList, stringMap } from '../../lib/policy/policy-resource';
import { AwsProvider, LaunchTemplate, Vpc } from '../../lib/providers/aws';

describe('policy-resource', () => {
  it('gives the configuration as synthesized: snake_case, overrides merged, references as expressions', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
    const lt = new LaunchTemplate(stack, 'lt', { name: vpc.id, metadataOptions: { httpTokens: 'required' } });
    lt.addOverride('metadata_options.http_put_response_hop_limit', 1);
    const r = policyStack(stack).resource(lt);
    expect(r).toMatchObject({ type: 'aws_launch_template', provider: 'aws', path: 'stack/lt', address: `aws_launch_template.${lt.friendlyUniqueId}` });
    expect(r.config.metadata_options).toEqual({ http_tokens: 'required', http_put_response_hop_limit: 1 });
    expect(r.config.name).toBe(`\${aws_vpc.${vpc.friendlyUniqueId}.id}`);
    expect(isUnknown(r.config.name)).toBe(true);
  });

  it('finds the provider a resource uses: its own, else the stack default of that provider', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new ReplicaAwsProvider(stack, 'aws', { region: 'us-east-2', accountId: '111122223333', tags: { a: 'b' }, offline: true });
    const other = new AwsProvider(stack, 'other', { region: 'eu-west-1', alias: 'other', defaultTags: [{ tags: { c: 'd' } }] });
    const view = policyStack(stack);
    const plain = new Vpc(stack, 'plain', { cidrBlock: '10.0.0.0/16' });
    const aliased = new Vpc(stack, 'aliased', { cidrBlock: '10.1.0.0/16', provider: other });
    expect(view.providerConfig(plain)?.default_tags).toEqual([{ tags: { a: 'b' } }]);
    expect(view.providerConfig(aliased)?.default_tags).toEqual([{ tags: { c: 'd' } }]);
    expect(view.resources('aws_vpc').map((r) => r.path)).toEqual(['stack/plain', 'stack/aliased']);
  });

  it('reads values: booleans as strings, unknowns, single blocks and lists', () => {
    expect([true, 'true', false, 'false', undefined, '${x}'].map(boolValue)).toEqual([true, true, false, false, undefined, 'unknown']);
    expect([80, '443', '${p}', undefined].map(numberValue)).toEqual([80, 443, undefined, undefined]);
    expect(blocks({ a: 1 })).toEqual([{ a: 1 }]);
    expect(blocks('${x}')).toEqual([]);
    expect(block([{ a: 1 }, { a: 2 }])).toEqual({ a: 1 });
    expect([['a'], 'a', '${l}', undefined].map(stringList)).toEqual([['a'], ['a'], 'unknown', undefined]);
    expect([{ a: 1 }, '${m}', undefined].map(stringMap)).toEqual([{ a: '1' }, 'unknown', undefined]);
  });
});
