import 'cdktf/lib/testing/adapters/jest';
import { awsDesign } from '../support/design-fixture';
import { resourcesOf, synthReplica } from '../support/synth-replica';

describe('AwsInfraStack', () => {
  it('pins the provider to the sandbox account with real credentials by default', () => {
    const { infra } = synthReplica(awsDesign());
    expect(infra.provider.aws[0]).toMatchObject({ allowed_account_ids: ['111122223333'], region: 'us-east-2' });
    expect(infra.provider.aws[0]).not.toHaveProperty('skip_credentials_validation');
  });

  it('offline: dummy credentials, no account lookup, one retry, and no account guard (it cannot be checked)', () => {
    const { infra } = synthReplica(awsDesign(), { offline: true });
    expect(infra.provider.aws[0]).toMatchObject({ skip_credentials_validation: true, skip_requesting_account_id: true, max_retries: 1 });
    expect(infra.provider.aws[0]).not.toHaveProperty('allowed_account_ids');
  });

  it('creates the load balancer controller role only for an ALB ingress', () => {
    const roles = (d: ReturnType<typeof awsDesign>) => resourcesOf(synthReplica(d).infra, 'aws_iam_role').map((r) => r.name).sort();
    expect(roles(awsDesign())).toContain('acme-prod-aws-lb-controller');
    expect(roles(awsDesign({ sourcegraph: { ingress: 'nginx' } }))).not.toContain('acme-prod-aws-lb-controller');
  });

  it('puts nodes and the control plane in the private subnets', () => {
    const { infra } = synthReplica(awsDesign());
    const [cluster] = resourcesOf(infra, 'aws_eks_cluster');
    const privateIds = Object.keys(infra.resource.aws_subnet).filter((k) => k.includes('private')).map((k) => `\${aws_subnet.${k}.id}`);
    expect([...cluster.vpc_config.subnet_ids].sort()).toEqual(privateIds.sort());
    for (const g of resourcesOf(infra, 'aws_eks_node_group')) expect([...g.subnet_ids].sort()).toEqual(privateIds.sort());
  });

  it('starts coredns and the EBS CSI driver after the node groups, and node groups after the CNI', () => {
    const { infra } = synthReplica(awsDesign());
    const addons = infra.resource.aws_eks_addon;
    const byName = (n: string) => Object.values<any>(addons).find((a) => a.addon_name === n);
    const [groupId] = Object.keys(infra.resource.aws_eks_node_group);
    expect(byName('coredns').depends_on).toContain(`aws_eks_node_group.${groupId}`);
    expect(byName('aws-ebs-csi-driver').depends_on).toContain(`aws_eks_node_group.${groupId}`);
    const cni = Object.keys(addons).find((k) => addons[k].addon_name === 'vpc-cni');
    expect(infra.resource.aws_eks_node_group[groupId].depends_on).toContain(`aws_eks_addon.${cni}`);
  });

  it('outputs how to reach the cluster and when the replica expires', () => {
    const { infra, stacks } = synthReplica(awsDesign());
    expect(infra.output['kubeconfig-command'].value).toBe('aws eks update-kubeconfig --region us-east-2 --name acme-prod');
    expect(infra.output['expires-at'].value).toBe(stacks.metadata.expiresAt);
  });

  it('keeps state in the project directory, independent of the checkout path', () => {
    const { infra } = synthReplica(awsDesign());
    expect(infra.terraform.backend.local.path).toBe('../../../terraform.acme-prod-infra.tfstate');
  });
});
