import {
  LOAD_BALANCER_CONTROLLER_POLICY,
  LOAD_BALANCER_CONTROLLER_POLICY_VERSION,
} from '../../lib/aws/load-balancer-controller-policy';

describe('LOAD_BALANCER_CONTROLLER_POLICY', () => {
  const actions = LOAD_BALANCER_CONTROLLER_POLICY.Statement.flatMap((s) => s.Action as readonly string[]);

  it('names its upstream version', () => {
    expect(LOAD_BALANCER_CONTROLLER_POLICY_VERSION).toMatch(/^v2\.\d+\.\d+$/);
  });

  it('is a 2012-10-17 policy of Allow statements', () => {
    expect(LOAD_BALANCER_CONTROLLER_POLICY.Version).toBe('2012-10-17');
    for (const s of LOAD_BALANCER_CONTROLLER_POLICY.Statement) expect(s.Effect).toBe('Allow');
  });

  it('lets the controller manage load balancers, target groups and their security groups', () => {
    expect(actions).toEqual(
      expect.arrayContaining([
        'elasticloadbalancing:CreateLoadBalancer',
        'elasticloadbalancing:CreateTargetGroup',
        'elasticloadbalancing:RegisterTargets',
        'elasticloadbalancing:DeleteLoadBalancer',
        'ec2:CreateSecurityGroup',
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:DescribeSubnets',
        'acm:DescribeCertificate',
      ]),
    );
  });

  it('only deletes what it tagged as its own', () => {
    const deleting = LOAD_BALANCER_CONTROLLER_POLICY.Statement.filter((s) =>
      (s.Action as readonly string[]).some((a) => a === 'elasticloadbalancing:DeleteLoadBalancer' || a === 'ec2:DeleteSecurityGroup'),
    );
    expect(deleting.length).toBeGreaterThan(0);
    for (const s of deleting) expect(JSON.stringify((s as { Condition?: unknown }).Condition)).toMatch(/elbv2\.k8s\.aws\/cluster/);
  });

  it('fits an inline role policy (10,240 characters)', () => {
    expect(JSON.stringify(LOAD_BALANCER_CONTROLLER_POLICY).length).toBeLessThan(10_240);
  });
});
