import { Fn, TerraformStack, Testing } from 'cdktf';
import { ConditionalImport } from '../../lib/terraform/conditional-import';
import { CloudwatchLogGroup, DataAwsCloudwatchLogGroups } from '../../lib/providers/aws';

describe('ConditionalImport', () => {
  it('writes an import block whose for_each has the id when the condition holds and nothing otherwise', () => {
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        const group = new CloudwatchLogGroup(scope, 'group', { name: '/aws/eks/x/cluster' });
        const found = new DataAwsCloudwatchLogGroups(scope, 'found', { logGroupNamePrefix: '/aws/eks/x/cluster' });
        new ConditionalImport(scope, 'adopt', { resource: group, id: '/aws/eks/x/cluster', when: Fn.contains(found.logGroupNames, '/aws/eks/x/cluster') });
      }),
    );
    expect(out.import).toEqual([
      {
        for_each: '${contains(tolist(data.aws_cloudwatch_log_groups.found.log_group_names), "/aws/eks/x/cluster") ? ["/aws/eks/x/cluster"] : []}',
        to: 'aws_cloudwatch_log_group.group',
        id: '${each.value}',
      },
    ]);
  });

  it('merges with other import blocks of the stack', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    const a = new CloudwatchLogGroup(stack, 'a', { name: 'a' });
    const b = new CloudwatchLogGroup(stack, 'b', { name: 'b' });
    b.importFrom('b');
    new ConditionalImport(stack, 'adopt-a', { resource: a, id: 'a', when: true });
    const out = JSON.parse(Testing.synth(stack));
    expect(out.import.map((i: any) => i.to).sort()).toEqual(['aws_cloudwatch_log_group.a', 'aws_cloudwatch_log_group.b']);
  });

  it('refuses a resource with count or for_each (the import target must be one instance)', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const group = new CloudwatchLogGroup(scope, 'group', { name: 'x', count: 2 });
        new ConditionalImport(scope, 'adopt', { resource: group, id: 'x', when: true });
      }),
    ).toThrow(/must be a single instance/);
  });
});
