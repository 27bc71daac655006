import 'cdktf/lib/testing/adapters/jest';
import { Aspects, TerraformStack, Testing } from 'cdktf';
import { PolicyAspect, PolicyCheck } from '../../lib/policy/policy-aspect';
import { POLICY_RULE_INFO } from '../../lib/catalog/policy-rules';
import { AwsProvider, Vpc } from '../../lib/providers/aws';

/** A check that flags every VPC whose CIDR is not 10.0.0.0/16. */
const check: PolicyCheck = {
  ...POLICY_RULE_INFO['no-world-open-ingress'],
  applies: (r) => r.terraformResourceType === 'aws_vpc',
  check: (r) => (r.config.cidr_block === '10.0.0.0/16' ? [] : [`cidr_block is ${r.config.cidr_block}`]),
};

function stackWithVpcs() {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'stack');
  new AwsProvider(stack, 'aws', { region: 'us-east-2' });
  new Vpc(stack, 'good', { cidrBlock: '10.0.0.0/16' });
  new Vpc(stack, 'bad', { cidrBlock: '10.9.0.0/16' });
  return { app, stack };
}

describe('PolicyAspect', () => {
  it('as an aspect: fails synthesis naming the path of the offending resource only', () => {
    const { app, stack } = stackWithVpcs();
    const aspect = new PolicyAspect([check]);
    Aspects.of(stack).add(aspect);
    expect(() => app.synth()).toThrow(/Encountered Annotations with level "ERROR":\n\[stack\/bad\] policy no-world-open-ingress: aws_vpc cidr_block is 10\.9\.0\.0\/16\./);
    expect(aspect.report().rules[0]).toMatchObject({ status: 'failed', checked: 2 });
  });

  it('without annotations: reports and lets synthesis pass', () => {
    const { app, stack } = stackWithVpcs();
    const aspect = new PolicyAspect([check], { annotate: false });
    Aspects.of(stack).add(aspect);
    expect(() => app.synth()).not.toThrow();
    expect(aspect.report().violations.map((v) => v.path)).toEqual(['stack/bad']);
  });

  it('sees a resource changed between two synthesis runs', () => {
    const { stack } = stackWithVpcs();
    const aspect = new PolicyAspect([check], { annotate: false });
    Aspects.of(stack).add(aspect);
    Testing.synth(stack);
    (stack.node.findChild('good') as Vpc).cidrBlock = '10.8.0.0/16';
    Testing.synth(stack);
    expect(aspect.report().violations.map((v) => v.path).sort()).toEqual(['stack/bad', 'stack/good']);
  });
});
