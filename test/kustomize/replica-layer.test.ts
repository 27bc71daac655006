import { parse, parseAllDocuments } from 'yaml';
import { DEPLOY_TIME_PLACEHOLDERS, holdsPlaceholder, replicaLayer } from '../../lib/kustomize/replica-layer';
import { kustomizeRelease } from '../../lib/kustomize/releases';
import { awsDesign, gcpDesign } from '../support/design-fixture';
import { customerObjects } from './fixtures';

const release = kustomizeRelease('7.2.1943');
const context = { release, storageClassName: 'sourcegraph', tags: { 'sg-replica:name': 'acme-prod', 'sg-replica:owner': 'jane.doe@example.com' } };
const external = { postgres: { instanceClass: 'db.m6g.xlarge', storageGb: 100, highAvailability: false }, redis: { nodeType: 'cache.m6g.large' }, objectStorage: {} };
type Patch = { target: { kind: string; name: string }; patch: string };
const patchesOf = (text: string) => (parse(text) as { patches: Patch[] }).patches;
const patchFor = (text: string, kind: string, name: string) => patchesOf(text).filter((p) => p.target.kind === kind && p.target.name === name).map((p) => parse(p.patch) as unknown);

describe('replicaLayer', () => {
  const design = awsDesign({
    storage: { diskType: 'io2' },
    externalServices: external,
    kubernetes: { nodePools: [{ name: 'general', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 6, diskGb: 100, spot: false, labels: {}, taints: [{ key: 'dedicated', value: 'search', effect: 'NoSchedule' }] }] },
  });
  const layer = replicaLayer(design, customerObjects(), context);
  const k = parse(layer.kustomization) as Record<string, unknown>;

  it("is a kustomization over the customer's build in the design's namespace, each patch with its reason", () => {
    expect(k).toMatchObject({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', namespace: 'sourcegraph', resources: ['customer.yaml', 'replica-resources.yaml'] });
    expect(layer.kustomization).toMatch(/^# The replica's adjustments, applied after the customer's overlay/);
    expect(layer.kustomization.match(/^ {2}# /gm)?.length).toBe(patchesOf(layer.kustomization).length);
  });

  it('deletes the namespace and StorageClass the overlay creates, and the in-cluster stores the design externalizes', () => {
    const deleted = patchesOf(layer.kustomization).filter((p) => p.patch.startsWith('$patch: delete')).map((p) => `${p.target.kind}/${p.target.name}`);
    expect(deleted).toEqual(['Namespace/ns-sourcegraph', 'PersistentVolumeClaim/pgsql', 'StatefulSet/pgsql', 'StorageClass/sourcegraph']);
    expect(layer.adjustments.find((a) => a.object === 'StorageClass/sourcegraph')).toMatchObject({ change: 'delete', overridesCustomer: true });
  });

  it("puts every surviving volume on the replica's StorageClass and raises those below the disk type's minimum", () => {
    expect(patchFor(layer.kustomization, 'PersistentVolumeClaim', 'prometheus')).toEqual([
      [
        { op: 'add', path: '/spec/storageClassName', value: 'sourcegraph' },
        { op: 'replace', path: '/spec/resources/requests/storage', value: '4Gi' },
      ],
    ]);
    expect(patchFor(layer.kustomization, 'StatefulSet', 'gitserver').filter(Array.isArray)).toEqual([
      [
        { op: 'add', path: '/spec/volumeClaimTemplates/0/spec/storageClassName', value: 'sourcegraph' },
        { op: 'replace', path: '/spec/volumeClaimTemplates/0/spec/resources/requests/storage', value: '4Gi' },
      ],
    ]);
    expect(layer.adjustments.map((a) => a.reason)).toContain('storage request raised from "2Gi" to 4Gi: a io2 volume is at least 4 GiB, a smaller claim never provisions');
  });

  it('points frontend and its migrator at the external databases, and drops the connection string that would win', () => {
    const [frontend] = patchFor(layer.kustomization, 'Deployment', 'sourcegraph-frontend') as { spec: { template: { spec: { containers: { name: string; env: { name: string; value: null; valueFrom: { secretKeyRef: { name: string; key: string } } }[] }[]; initContainers: { name: string }[] } } } }[];
    const env = frontend.spec.template.spec.containers[0].env;
    expect(frontend.spec.template.spec.initContainers.map((c) => c.name)).toEqual(['migrator']);
    expect(env).toHaveLength(18);
    expect(env.find((e) => e.name === 'PGHOST')).toEqual({ name: 'PGHOST', value: null, valueFrom: { secretKeyRef: { name: 'sg-replica-pgsql-auth', key: 'host' } } });
    expect(env.find((e) => e.name === 'CODEINSIGHTS_PGPASSWORD')?.valueFrom.secretKeyRef).toEqual({ name: 'sg-replica-codeinsights-db-auth', key: 'password' });
    expect(patchFor(layer.kustomization, 'ConfigMap', 'sourcegraph-frontend-env-5h8k2')).toEqual([[{ op: 'remove', path: '/data/CODEINSIGHTS_PGDATASOURCE' }]]);
  });

  it('wires Redis and the bucket: env from the Secrets and placeholders, ServiceAccounts with the cloud identity', () => {
    const worker = patchFor(layer.kustomization, 'Deployment', 'worker') as { spec: { template: { spec: { serviceAccountName?: string; containers: { env: { name: string; value?: unknown }[] }[] } } } }[];
    expect(worker.map((w) => w.spec.template.spec.containers[0].env.map((e) => e.name)).flat()).toEqual(
      expect.arrayContaining(['REDIS_CACHE_ENDPOINT', 'REDIS_STORE_ENDPOINT', 'PRECISE_CODE_INTEL_UPLOAD_BACKEND', 'SEARCH_JOBS_UPLOAD_BUCKET']),
    );
    const upload = worker.find((w) => w.spec.template.spec.serviceAccountName)!;
    expect(upload.spec.template.spec.serviceAccountName).toBe('worker');
    expect(upload.spec.template.spec.containers[0].env).toContainEqual({ name: 'PRECISE_CODE_INTEL_UPLOAD_BUCKET', value: DEPLOY_TIME_PLACEHOLDERS.bucket, valueFrom: null });
    expect(upload.spec.template.spec.containers[0].env).toContainEqual({ name: 'PRECISE_CODE_INTEL_UPLOAD_AWS_ENDPOINT', value: 'https://s3.us-east-2.amazonaws.com', valueFrom: null });
    // The overlay's own ServiceAccount is annotated; the frontend's is added.
    expect(patchFor(layer.kustomization, 'ServiceAccount', 'worker')).toEqual([{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'worker', annotations: { 'eks.amazonaws.com/role-arn': DEPLOY_TIME_PLACEHOLDERS.bucketIdentity } } }]);
    const added = parseAllDocuments(layer.files['replica-resources.yaml']).map((d) => d.toJS() as { kind: string; metadata: { name: string; annotations: Record<string, string> } });
    expect(added.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ServiceAccount/sourcegraph-frontend', 'ServiceAccount/gitserver']);
    expect(holdsPlaceholder(added[0].metadata.annotations['eks.amazonaws.com/role-arn'])).toBe(true);
  });

  it("rewrites the Ingress for the replica's ALB: class, the replica's annotations, its host, no production certificate or TLS Secret", () => {
    const [smp, json] = patchFor(layer.kustomization, 'Ingress', 'sourcegraph-frontend') as [{ metadata: { annotations: Record<string, unknown> }; spec: Record<string, unknown> }, unknown];
    expect(smp.spec).toEqual({ ingressClassName: 'alb' });
    expect(Object.values(smp.metadata.annotations)).not.toContain(null); // kustomize would write "null"
    expect(smp.metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/inbound-cidrs': '203.0.113.0/24',
      'alb.ingress.kubernetes.io/tags': 'sg-replica:name=acme-prod,sg-replica:owner=jane.doe@example.com',
    });
    expect(json).toEqual([
      { op: 'remove', path: '/metadata/annotations/kubernetes.io~1ingress.class' },
      { op: 'remove', path: '/metadata/annotations/alb.ingress.kubernetes.io~1certificate-arn' },
      { op: 'add', path: '/spec/rules/0/host', value: 'sourcegraph.acme.example.com' },
      { op: 'remove', path: '/spec/tls' },
    ]);
  });

  it('limits LoadBalancer Services to the allowed clients and tags them; makes DaemonSets tolerate every taint', () => {
    expect(patchFor(layer.kustomization, 'Service', 'sourcegraph-frontend')).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'sourcegraph-frontend', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags': 'sg-replica:name=acme-prod,sg-replica:owner=jane.doe@example.com' } },
        spec: { loadBalancerSourceRanges: ['203.0.113.0/24'] },
      },
    ]);
    expect(patchFor(layer.kustomization, 'DaemonSet', 'node-exporter')).toEqual([[{ op: 'add', path: '/spec/template/spec/tolerations', value: [{ key: 'dedicated', operator: 'Equal', value: 'search', effect: 'NoSchedule' }] }]]);
  });

  it("on GKE: the gce class annotation, NEG and the BackendConfig; no ingressClassName; ingress 'none' deletes the Ingress", () => {
    const gke = replicaLayer(gcpDesign(), customerObjects(), { ...context, tags: {} });
    const [smp, json] = patchFor(gke.kustomization, 'Ingress', 'sourcegraph-frontend') as [{ metadata: { annotations: Record<string, unknown> }; spec?: Record<string, unknown> }, { op: string; path: string }[]];
    expect(smp.spec).toBeUndefined();
    expect(smp.metadata.annotations['kubernetes.io/ingress.class']).toBe('gce');
    // An ALB's settings are not the GCE ingress's business: left alone.
    expect(json.map((o) => o.path)).toEqual(['/spec/rules/0/host', '/spec/tls']);
    // The BackendConfig, and (HTTPS by default on gce, issue 11) the FrontendConfig that redirects HTTP.
    const [backendConfig, frontendConfig] = parseAllDocuments(gke.files['replica-resources.yaml']).map((d) => d.toJS());
    expect(backendConfig).toMatchObject({ apiVersion: 'cloud.google.com/v1', kind: 'BackendConfig', metadata: { name: 'sourcegraph-frontend' }, spec: { healthCheck: { requestPath: '/ready', port: 6060 } } });
    expect(frontendConfig).toMatchObject({ kind: 'FrontendConfig', spec: { redirectToHttps: { enabled: true } } });
    const none = replicaLayer(awsDesign({ sourcegraph: { ingress: 'none' } }), customerObjects(), context);
    expect(patchesOf(none.kustomization).filter((p) => p.target.kind === 'Ingress').map((p) => p.patch.split('\n')[0])).toEqual(['$patch: delete']);
  });

  it('leaves stores in place and adds no wiring for a design that keeps everything in the cluster', () => {
    const plain = replicaLayer(awsDesign(), customerObjects(), context);
    expect(patchesOf(plain.kustomization).some((p) => p.target.name === 'pgsql' && p.patch.startsWith('$patch: delete'))).toBe(false);
    expect(plain.files).toEqual({});
    expect(plain.kustomization).not.toContain('secretKeyRef');
  });
});
