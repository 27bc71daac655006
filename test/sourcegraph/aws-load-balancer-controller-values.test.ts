import { AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION, awsLoadBalancerControllerValues } from '../../lib/sourcegraph/aws-load-balancer-controller-values';

test('the controller values: cluster, region, VPC, the IRSA service account, no service mutator webhook, sanitized tags', () => {
  expect(AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION).toBe('1.17.1');
  expect(
    awsLoadBalancerControllerValues({ clusterName: 'c', region: 'us-east-2', vpcId: 'vpc-1', roleArn: 'arn:aws:iam::111122223333:role/r', tags: { 'sg-replica:owner': 'a@example.com' } }),
  ).toEqual({
    clusterName: 'c',
    region: 'us-east-2',
    vpcId: 'vpc-1',
    serviceAccount: { create: true, name: 'aws-load-balancer-controller', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/r' } },
    enableServiceMutatorWebhook: false,
    defaultTags: { 'sg-replica:owner': 'a@example.com' },
  });
});
