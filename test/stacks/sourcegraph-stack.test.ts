import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { KustomizeRelease } from '../../lib/kubernetes/kustomize-release';
import { withKustomize } from '../../lib/kustomize/kustomize-design';
import { replicaMetadata } from '../../lib/replica/metadata';
import { SourcegraphStack } from '../../stacks/sourcegraph-stack';
import { awsDesign, gcpDesign } from '../support/design-fixture';
import { resourcesOf, synthReplica, TEST_CREATED_AT } from '../support/synth-replica';

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

  describe('a Kustomize design', () => {
    const overlay = { path: 'wonka-gke-overlay', resolvedPath: path.resolve('examples/designs/wonka-gke-overlay') };

    it('renders the overlay at synth and installs it as a KustomizeRelease, writing the layer where it is told', () => {
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-stack-'));
      const design = withKustomize(gcpDesign({ sourcegraph: { size: 'S' } }), overlay, '7.2.1943');
      const app = Testing.app();
      const stack = new SourcegraphStack(app, 'wonka-sourcegraph', {
        design,
        metadata: replicaMetadata(design, TEST_CREATED_AT),
        credentials: { host: 'https://k8s.example', caCertificateBase64: 'Y2E=', token: 't' },
        kustomizeWorkDir: workDir,
      });
      expect(stack.helmValues).toBeUndefined();
      expect(stack.release).toBeInstanceOf(KustomizeRelease);
      expect(stack.kustomize!.replica!.objects.length).toBeGreaterThan(30);
      expect(fs.readFileSync(path.join(workDir, 'kustomization.yaml'), 'utf8')).toMatch(/^namespace: sourcegraph$/m);
      expect(fs.readFileSync(path.join(workDir, 'chart', 'manifests', 'replica.yaml'), 'utf8')).toBe(stack.kustomize!.replica!.yaml);
      const json = JSON.parse(Testing.synth(stack));
      expect(resourcesOf(json, 'helm_release').map((r) => [r.name, r.version])).toEqual([['sourcegraph', (stack.release as KustomizeRelease).chartVersion]]);
    });

    it('refuses, with the overlay’s errors, a design built in code whose overlay does not render', () => {
      const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-broken-'));
      fs.writeFileSync(path.join(broken, 'kustomization.yaml'), 'resources: [../../base/sourcegraph]\ncomponents: [../../components/remove/resources]\n');
      const design = withKustomize(awsDesign({ sourcegraph: { ingress: 'none' } }), { path: 'broken', resolvedPath: broken }, '7.2.1943');
      expect(() =>
        new SourcegraphStack(Testing.app(), 'broken-sourcegraph', { design, metadata: replicaMetadata(design, TEST_CREATED_AT), credentials: { host: 'h', caCertificateBase64: 'Y2E=', token: 't' } }),
      ).toThrow(/^SourcegraphStack broken-sourcegraph: the Kustomize overlay of design 'acme-prod' does not render:\n.*kustomization\.yaml:2:\d+ components\[0\]: components\/remove\/resources: removes every resource request and limit/);
    });
  });
});
