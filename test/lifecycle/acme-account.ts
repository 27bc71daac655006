/** A fixture account for the lifecycle tests: replica acme-prod in us-east-2 after `cdktf destroy`. */
import { FakeAccount, tagList } from './fake-aws';

const R = 'us-east-2';
const A = '111122223333';
const ours = { 'sg-replica:name': 'acme-prod', 'managed-by': 'sg-replica' };
const lbArn = (kind: string, name: string) => `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/${kind}/${name}/0123456789abcdef`;

/** acme-prod after `cdktf destroy`: what its controllers made is still there, next to another replica's resources. */
export function acmeAfterDestroy(): FakeAccount {
  return {
    volumes: [
      {
        VolumeId: 'vol-csi',
        State: 'available',
        Tags: tagList({ ...ours, 'ebs.csi.aws.com/cluster': 'true', 'kubernetes.io/created-for/pvc/name': 'gitserver-0', 'kubernetes.io/created-for/pvc/namespace': 'sourcegraph' }),
      },
      { VolumeId: 'vol-intree', State: 'available', Tags: tagList({ 'kubernetes.io/cluster/acme-prod': 'owned', Name: 'kubernetes-dynamic-pvc-1' }) },
      { VolumeId: 'vol-legacy', State: 'available', Tags: tagList({ KubernetesCluster: 'acme-prod' }) },
      { VolumeId: 'vol-attached', State: 'in-use', Attachments: [{ InstanceId: 'i-0abc' }], Tags: tagList(ours) },
      { VolumeId: 'vol-globex', State: 'available', Tags: tagList({ 'sg-replica:name': 'globex' }) },
      { VolumeId: 'vol-prefix', State: 'available', Tags: tagList({ 'kubernetes.io/cluster/acme-prod-two': 'owned' }) },
    ],
    networkInterfaces: [
      { NetworkInterfaceId: 'eni-cni', Status: 'available', Description: 'aws-K8S-i-0abc', TagSet: tagList({ 'cluster.k8s.amazonaws.com/name': 'acme-prod' }) },
      { NetworkInterfaceId: 'eni-elb', Status: 'in-use', RequesterManaged: true, Description: 'ELB app/k8s-sourcegr-abc', TagSet: tagList(ours) },
      { NetworkInterfaceId: 'eni-globex', Status: 'available', TagSet: tagList({ 'cluster.k8s.amazonaws.com/name': 'globex' }) },
    ],
    securityGroups: [
      { GroupId: 'sg-alb', GroupName: 'k8s-sourcegr-frontend-abc', Tags: tagList({ 'elbv2.k8s.aws/cluster': 'acme-prod', ...ours }) },
      { GroupId: 'sg-intree', GroupName: 'k8s-elb-a123', Tags: tagList({ 'kubernetes.io/cluster/acme-prod': 'owned' }) },
      { GroupId: 'sg-globex', GroupName: 'k8s-globex', Tags: tagList({ 'elbv2.k8s.aws/cluster': 'globex' }) },
    ],
    loadBalancers: [
      ...Array.from({ length: 21 }, (_, i) => ({ lb: { LoadBalancerArn: lbArn('app', `other-${i}`), LoadBalancerName: `other-${i}`, Type: 'application' as const }, tags: { team: 'x' } })),
      { lb: { LoadBalancerArn: lbArn('app', 'k8s-sourcegr-frontend'), LoadBalancerName: 'k8s-sourcegr-frontend', Type: 'application', State: { Code: 'active' } }, tags: { 'elbv2.k8s.aws/cluster': 'acme-prod', ...ours } },
      { lb: { LoadBalancerArn: lbArn('net', 'a1b2c3'), LoadBalancerName: 'a1b2c3', Type: 'network', State: { Code: 'active' } }, tags: { 'kubernetes.io/cluster/acme-prod': 'owned' } },
    ],
    tagged: [
      { arn: `arn:aws:elasticloadbalancing:${R}:${A}:targetgroup/k8s-sourcegr-frontend/abc`, tags: { 'elbv2.k8s.aws/cluster': 'acme-prod', ...ours } },
      { arn: lbArn('app', 'k8s-sourcegr-frontend'), tags: { 'elbv2.k8s.aws/cluster': 'acme-prod', ...ours } },
      { arn: `arn:aws:ec2:${R}:${A}:volume/vol-deleted-yesterday`, tags: ours },
      { arn: `arn:aws:kms:${R}:${A}:key/1234abcd`, tags: ours },
      { arn: `arn:aws:elasticloadbalancing:${R}:${A}:loadbalancer/a9f8e7`, tags: { 'kubernetes.io/cluster/acme-prod': 'owned' } },
      { arn: `arn:aws:logs:${R}:${A}:log-group:/aws/eks/acme-prod/cluster`, tags: ours },
    ],
    // The control plane log group EKS recreated after destroy (untagged), and another replica's.
    logGroups: [
      { logGroupName: '/aws/eks/acme-prod/cluster', storedBytes: 2048 },
      { logGroupName: '/aws/eks/acme-prod/cluster-old' },
      { logGroupName: '/aws/eks/globex/cluster' },
    ],
  };
}

