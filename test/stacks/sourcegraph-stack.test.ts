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
import { apiTunnelLocalPort } from '../../lib/kubernetes/api-tunnel-credentials';

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

  it('orders teardown: release, then namespace, then the volume wait, then ingress controller and StorageClass', () => {
    const { sourcegraph } = synthReplica(awsDesign());
    const controller = key(sourcegraph, 'helm_release', (r) => r.chart === 'aws-load-balancer-controller');
    const autoscaler = key(sourcegraph, 'helm_release', (r) => r.chart === 'cluster-autoscaler');
    const namespace = key(sourcegraph, 'kubernetes_namespace_v1', () => true);
    const storageClass = key(sourcegraph, 'kubernetes_storage_class_v1', () => true);
    const wait = key(sourcegraph, 'terraform_data', (r) => r.provisioner?.[0]?.['local-exec']?.command === 'sg-replica-wait-for-volumes');
    const release = resourcesOf(sourcegraph, 'helm_release').find((r) => r.chart === 'sourcegraph');
    expect(release.depends_on).toEqual(expect.arrayContaining([namespace, storageClass, controller, autoscaler]));
    expect(resourcesOf(sourcegraph, 'kubernetes_namespace_v1')[0].depends_on).toEqual([controller, wait]);
    expect(sourcegraph.resource.terraform_data[wait.split('.')[1]].depends_on).toEqual([storageClass]);
  });

  it('installs the Cluster Autoscaler for the cluster, with the IRSA role from the infra stack and the image of its minor', () => {
    const { sourcegraph } = synthReplica(awsDesign({ kubernetes: { version: '1.35' } }));
    const autoscaler = resourcesOf(sourcegraph, 'helm_release').find((r) => r.chart === 'cluster-autoscaler');
    expect(autoscaler).toMatchObject({ namespace: 'kube-system', repository: 'https://kubernetes.github.io/autoscaler', wait: true });
    const values = require('yaml').parse(autoscaler.values[0]);
    expect(values).toMatchObject({ cloudProvider: 'aws', awsRegion: 'us-east-2', autoDiscovery: { clusterName: 'acme-prod' }, image: { tag: 'v1.35.2' } });
    expect(values.rbac.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toMatch(/terraform_remote_state/);
  });

  it('waits on destroy for the volumes of its StorageClass, with the same credential plugin as the providers', () => {
    const { sourcegraph } = synthReplica(awsDesign());
    const [wait] = resourcesOf(sourcegraph, 'terraform_data');
    expect(wait.input).toMatchObject({ storage_class: 'sourcegraph', timeout_seconds: '900', tls_server_name: '' });
    expect(JSON.parse(wait.input.exec)).toEqual({ command: 'aws', args: ['eks', 'get-token', '--region', 'us-east-2', '--cluster-name', 'acme-prod', '--output', 'json'] });
    expect(wait.input.host).toBe(sourcegraph.provider.kubernetes[0].host);
    expect(wait.provisioner[0]['local-exec'].when).toBe('destroy');
  });

  it('reaches a private endpoint through the tunnel: 127.0.0.1 at the replica\'s port, TLS verified against the endpoint\'s name', () => {
    const design = awsDesign({ network: { endpointAccess: 'private', allowedCidrs: [] } });
    const { sourcegraph } = synthReplica(design);
    const port = apiTunnelLocalPort(design.name);
    const [kubernetes] = sourcegraph.provider.kubernetes;
    const [helm] = sourcegraph.provider.helm;
    expect(kubernetes.host).toBe(`https://127.0.0.1:${port}`);
    expect(helm.kubernetes.host).toBe(`https://127.0.0.1:${port}`);
    for (const serverName of [kubernetes.tls_server_name, helm.kubernetes.tls_server_name]) {
      expect(serverName).toMatch(/^\$\{replace\(data\.terraform_remote_state\.[^}]+endpoint[^}]*, "https:\/\/", ""\)\}$/);
    }
    expect(kubernetes.cluster_ca_certificate).toMatch(/^\$\{base64decode\(data\.terraform_remote_state\./);
    expect(kubernetes.exec[0].command).toBe('aws');
    const [wait] = resourcesOf(sourcegraph, 'terraform_data');
    expect(wait.input).toMatchObject({ host: `https://127.0.0.1:${port}`, tls_server_name: kubernetes.tls_server_name });
  });

  it('keeps the public endpoint direct: no TLS server name, the endpoint from the infra stack', () => {
    const { sourcegraph } = synthReplica(awsDesign());
    const [kubernetes] = sourcegraph.provider.kubernetes;
    expect(kubernetes.host).toMatch(/^\$\{data\.terraform_remote_state\./);
    expect(kubernetes).not.toHaveProperty('tls_server_name');
    expect(sourcegraph.provider.helm[0].kubernetes).not.toHaveProperty('tls_server_name');
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
    expect(resourcesOf(sourcegraph, 'helm_release').map((r) => r.chart).sort()).toEqual(['cluster-autoscaler', 'sourcegraph']);
    expect(resourcesOf(sourcegraph, 'kubernetes_namespace_v1')[0].depends_on).toEqual([key(sourcegraph, 'terraform_data', () => true)]);
    expect(sourcegraph.output.url.value).toMatch(/port-forward svc\/sourcegraph-frontend/);
  });

  it('serves the certificate of a Secrets Manager secret on ingress-nginx: read there, split into a TLS Secret the Ingress names', () => {
    const secret = 'arn:aws:secretsmanager:us-east-2:111122223333:secret:sourcegraph-tls-AbCdEf';
    const { sourcegraph } = synthReplica(awsDesign({ sourcegraph: { ingress: 'nginx', tls: { certificate: 'secret', secret } } }));
    const [read] = Object.entries<any>(sourcegraph.data.aws_secretsmanager_secret_version);
    expect(read[1].secret_id).toBe(secret);
    expect(Object.keys(sourcegraph.provider)).toContain('aws');
    const tls = resourcesOf(sourcegraph, 'kubernetes_secret_v1').find((x) => x.type === 'kubernetes.io/tls');
    expect(tls.metadata).toMatchObject({ name: 'sourcegraph-frontend-tls', namespace: 'sourcegraph' });
    expect(tls.data['tls.key']).toContain(`data.aws_secretsmanager_secret_version.${read[0]}.secret_string`);
    const release = resourcesOf(sourcegraph, 'helm_release').find((r) => r.chart === 'sourcegraph');
    expect(release.depends_on).toContain(key(sourcegraph, 'kubernetes_secret_v1', (x) => x.type === 'kubernetes.io/tls'));
    expect(JSON.stringify(release.values)).toContain('tlsSecret: sourcegraph-frontend-tls');
    expect(sourcegraph.output.url.value).toBe('https://sourcegraph.acme.example.com');
    // The key never reaches the synthesized JSON: only references.
    expect(JSON.stringify(sourcegraph)).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY-----[A-Za-z0-9+/]/);
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
