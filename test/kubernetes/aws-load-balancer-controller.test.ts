import 'cdktf/lib/testing/adapters/jest';
import { TerraformVariable, Testing } from 'cdktf';
import { parse } from 'yaml';
import {
  AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION,
  AwsLoadBalancerController,
} from '../../lib/kubernetes/aws-load-balancer-controller';
import { Release } from '../../lib/providers/helm';

const props = {
  clusterName: 'acme-prod',
  region: 'us-east-2',
  vpcId: 'vpc-0123456789abcdef0',
  roleArn: 'arn:aws:iam::111122223333:role/acme-prod-lb-controller',
  tags: { 'sg-replica': 'acme-prod', note: 'a,b' },
};

describe('AwsLoadBalancerController', () => {
  it('installs the pinned eks-charts chart in kube-system', () => {
    const synth = Testing.synthScope((scope) => {
      new AwsLoadBalancerController(scope, 'lbc', props);
    });
    expect(AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(synth).toHaveResourceWithProperties(Release, {
      name: 'aws-load-balancer-controller',
      repository: 'https://aws.github.io/eks-charts',
      chart: 'aws-load-balancer-controller',
      version: AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION,
      namespace: 'kube-system',
      wait: true,
    });
  });

  it('runs under the IRSA role with cluster, region and VPC given, tagging what it makes, webhook off', () => {
    const synth = Testing.synthScope((scope) => {
      new AwsLoadBalancerController(scope, 'lbc', props);
    });
    const release: any = Object.values(JSON.parse(synth).resource.helm_release)[0];
    expect(parse(release.values[0])).toEqual({
      clusterName: 'acme-prod',
      region: 'us-east-2',
      vpcId: 'vpc-0123456789abcdef0',
      serviceAccount: {
        create: true,
        name: 'aws-load-balancer-controller',
        annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/acme-prod-lb-controller' },
      },
      enableServiceMutatorWebhook: false,
      defaultTags: { 'sg-replica': 'acme-prod', note: 'a_b' },
    });
  });

  it('accepts tokens and validates literal values eagerly', () => {
    const make = (over: any) => () => Testing.synthScope((scope) => new AwsLoadBalancerController(scope, 'lbc', { ...props, ...over }));
    const synth = Testing.synthScope((scope) => {
      const vpcId = new TerraformVariable(scope, 'vpc_id', { type: 'string' }).stringValue;
      new AwsLoadBalancerController(scope, 'lbc', { ...props, vpcId });
    });
    const release: any = Object.values(JSON.parse(synth).resource.helm_release)[0];
    expect(release.values[0]).toContain('vpcId: ${var.vpc_id}');
    expect(make({ region: 'Ohio' })).toThrow("'Ohio' is not an AWS region");
    expect(make({ vpcId: 'subnet-1' })).toThrow("'subnet-1' is not a VPC id");
    expect(make({ roleArn: 'acme-role' })).toThrow("'acme-role' is not an IAM role ARN");
  });
});
