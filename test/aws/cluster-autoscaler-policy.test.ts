import { clusterAutoscalerPolicy } from '../../lib/aws/cluster-autoscaler-policy';

const policy = clusterAutoscalerPolicy({ clusterName: 'acme', region: 'us-east-2', accountId: '111122223333' }) as any;
const statement = (sid: string) => policy.Statement.find((s: any) => s.Sid === sid);

describe('clusterAutoscalerPolicy', () => {
  test('lets the autoscaler resize only ASGs EKS tagged as this cluster\'s', () => {
    expect(statement('ScaleOwnNodeGroups')).toEqual({
      Sid: 'ScaleOwnNodeGroups',
      Effect: 'Allow',
      Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
      Resource: 'arn:aws:autoscaling:us-east-2:111122223333:autoScalingGroup:*:autoScalingGroupName/*',
      Condition: { StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/acme': 'owned' } },
    });
  });

  test('describes only this cluster\'s node groups through EKS', () => {
    expect(statement('DescribeOwnNodeGroups')).toMatchObject({
      Action: ['eks:DescribeNodegroup'],
      Resource: 'arn:aws:eks:us-east-2:111122223333:nodegroup/acme/*',
    });
  });

  test('reads what auto-discovery and instance sizing need, and nothing that changes anything, on *', () => {
    const read = statement('DiscoverNodeGroups');
    expect(read.Resource).toBe('*');
    for (const action of read.Action) expect(action).toMatch(/^(autoscaling|ec2):(Describe|Get)/);
    // Upstream's "Full Cluster Autoscaler Features Policy" read actions are all there.
    expect(read.Action).toEqual(expect.arrayContaining([
      'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeAutoScalingInstances', 'autoscaling:DescribeLaunchConfigurations',
      'autoscaling:DescribeScalingActivities', 'ec2:DescribeImages', 'ec2:DescribeInstanceTypes', 'ec2:DescribeLaunchTemplateVersions',
      'ec2:GetInstanceTypesFromInstanceRequirements',
    ]));
    const every = policy.Statement.flatMap((s: any) => s.Action);
    expect(every.filter((a: string) => !/:(Describe|Get)/.test(a)).sort()).toEqual(['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup']);
  });

  test.each([
    [{ clusterName: 'a b' }, /not an EKS cluster name/],
    [{ region: 'mars-1' }, /not an AWS region/],
    [{ accountId: '123' }, /not a 12-digit account id/],
  ])('refuses %j', (bad, message) => {
    expect(() => clusterAutoscalerPolicy({ clusterName: 'acme', region: 'us-east-2', accountId: '111122223333', ...bad })).toThrow(message);
  });
});
