import 'cdktf/lib/testing/adapters/jest';
import { awsDesign } from '../support/design-fixture';
import { resourcesOf, synthReplica } from '../support/synth-replica';

const key = (json: any, type: string, pred: (r: any) => boolean) => {
  const [id] = Object.entries<any>(json.resource[type]).find(([, r]) => pred(r))!;
  return `${type}.${id}`;
};

describe('SourcegraphStack', () => {
  it('has no cloud provider: only Kubernetes and Helm, wired to the cluster', () => {
    const { sourcegraph } = synthReplica(awsDesign());
    expect(Object.keys(sourcegraph.provider).sort()).toEqual(['helm', 'kubernetes']);
    expect(sourcegraph.provider.kubernetes[0].exec[0]).toEqual({
      api_version: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['eks', 'get-token', '--region', 'us-east-2', '--cluster-name', 'acme-prod', '--output', 'json'],
    });
    expect(sourcegraph.provider.helm[0].kubernetes.cluster_ca_certificate).toMatch(/^\$\{base64decode\(data\.terraform_remote_state\./);
  });

  it('orders teardown: release, then namespace, then ingress controller', () => {
    const { sourcegraph } = synthReplica(awsDesign());
    const controller = key(sourcegraph, 'helm_release', (r) => r.chart === 'aws-load-balancer-controller');
    const namespace = key(sourcegraph, 'kubernetes_namespace_v1', () => true);
    const storageClass = key(sourcegraph, 'kubernetes_storage_class_v1', () => true);
    const release = resourcesOf(sourcegraph, 'helm_release').find((r) => r.chart === 'sourcegraph');
    expect(release.depends_on).toEqual(expect.arrayContaining([namespace, storageClass, controller]));
    expect(resourcesOf(sourcegraph, 'kubernetes_namespace_v1')[0].depends_on).toEqual([controller]);
  });

  it('passes the load balancer controller the cluster, region, VPC and IRSA role from the infra stack', () => {
    const { sourcegraph } = synthReplica(awsDesign());
    const lbc = resourcesOf(sourcegraph, 'helm_release').find((r) => r.chart === 'aws-load-balancer-controller');
    const values = require('yaml').parse(lbc.values[0]);
    expect(values).toMatchObject({ clusterName: 'acme-prod', region: 'us-east-2' });
    expect(values.vpcId).toMatch(/terraform_remote_state/);
    expect(values.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toMatch(/terraform_remote_state/);
  });

  it('installs ingress-nginx restricted to the allowed client CIDRs for nginx designs', () => {
    const { sourcegraph } = synthReplica(awsDesign({ sourcegraph: { ingress: 'nginx', allowedClientCidrs: ['192.0.2.0/24'] } }));
    const nginx = resourcesOf(sourcegraph, 'helm_release').find((r) => r.chart === 'ingress-nginx');
    expect(require('yaml').parse(nginx.values[0]).controller.service.loadBalancerSourceRanges).toEqual(['192.0.2.0/24']);
  });

  it('installs no ingress controller when the design has none, and says how to reach Sourcegraph', () => {
    const { sourcegraph } = synthReplica(awsDesign({ sourcegraph: { ingress: 'none' } }));
    expect(resourcesOf(sourcegraph, 'helm_release').map((r) => r.chart)).toEqual(['sourcegraph']);
    expect(resourcesOf(sourcegraph, 'kubernetes_namespace_v1')[0].depends_on ?? []).toEqual([]);
    expect(sourcegraph.output.url.value).toMatch(/port-forward svc\/sourcegraph-frontend/);
  });

  it('exposes the final Helm values, customer overrides applied over the generated ones', () => {
    const design = awsDesign();
    const withOverride = { ...design, sourcegraph: { ...design.sourcegraph, overrides: [{ path: 'o.yaml', resolvedPath: '/o.yaml', values: { frontend: { replicaCount: 5 } } }], values: { frontend: { replicaCount: 7 } } } };
    const { stacks } = synthReplica(withOverride);
    expect((stacks.sourcegraph as any).helmValues.frontend.replicaCount).toBe(7);
    expect((stacks.sourcegraph as any).helmValues.storageClass).toEqual({ create: false, name: 'sourcegraph' });
  });
});
