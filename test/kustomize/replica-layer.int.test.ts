/** The replica's layer through the real `kubectl kustomize`: every patch applies, and does what it says. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document } from 'yaml';
import { kustomizeBuild } from '../../lib/kustomize/kustomize-build';
import { replicaLayer } from '../../lib/kustomize/replica-layer';
import { kustomizeRelease } from '../../lib/kustomize/releases';
import { writeLayer } from '../../lib/kustomize/render-kustomize';
import { RenderedObject } from '../../lib/render/helm-template';
import { locateTool } from '../../lib/render/tools';
import { awsDesign, gcpDesign } from '../support/design-fixture';
import { customerObjects } from './fixtures';

const kubectl = locateTool('kubectl').path;
const release = kustomizeRelease('7.2.1943');
const external = { postgres: { instanceClass: 'db.m6g.xlarge', storageGb: 100, highAvailability: false }, redis: { nodeType: 'cache.m6g.large' }, objectStorage: {} };
const taint = { key: 'dedicated', value: 'search', effect: 'NoSchedule' as const };

async function build(design: Parameters<typeof replicaLayer>[0]): Promise<RenderedObject[]> {
  const customer = customerObjects();
  const layer = replicaLayer(design, customer, { release, storageClassName: 'sourcegraph', tags: { 'sg-replica:name': 'acme-prod' } });
  const dir = mkdtempSync(join(tmpdir(), 'kz-layer-'));
  writeLayer(dir, layer, customer.map((o) => new Document(o).toString()).join('---\n'));
  return [...(await kustomizeBuild(dir, { kubectl })).objects];
}

const find = (objects: readonly RenderedObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the replica layer, applied by kubectl kustomize', () => {
  it('on EKS with external services, io2 and a tainted pool', async () => {
    const objects = await build(
      awsDesign({ storage: { diskType: 'io2' }, externalServices: external, kubernetes: { nodePools: [{ name: 'general', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 6, diskGb: 100, spot: false, labels: {}, taints: [taint] }] } }),
    );
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/sourcegraph-frontend-env-5h8k2',
      'DaemonSet/node-exporter',
      'Deployment/sourcegraph-frontend',
      'Deployment/worker',
      'Ingress/sourcegraph-frontend',
      'PersistentVolumeClaim/prometheus',
      'Service/sourcegraph-frontend',
      'ServiceAccount/gitserver',
      'ServiceAccount/sourcegraph-frontend',
      'ServiceAccount/worker',
      'StatefulSet/gitserver',
    ]);
    expect(new Set(objects.map((o) => o.metadata.namespace))).toEqual(new Set(['sourcegraph']));
    expect(find(objects, 'PersistentVolumeClaim', 'prometheus').spec).toMatchObject({ storageClassName: 'sourcegraph', resources: { requests: { storage: '4Gi' } } });
    const frontend = find(objects, 'Deployment', 'sourcegraph-frontend').spec.template.spec;
    expect(frontend.containers[0].env.find((e: { name: string }) => e.name === 'PGHOST')).toEqual({ name: 'PGHOST', valueFrom: { secretKeyRef: { name: 'sg-replica-pgsql-auth', key: 'host' } } });
    expect(frontend.containers[0].env.find((e: { name: string }) => e.name === 'OTHER')).toEqual({ name: 'OTHER', value: '1' });
    expect(frontend.initContainers[0].env).toHaveLength(18);
    expect(find(objects, 'ConfigMap', 'sourcegraph-frontend-env-5h8k2').data).toEqual({ PGHOST: 'prod-db' });
    expect(find(objects, 'Deployment', 'worker').spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === 'PRECISE_CODE_INTEL_UPLOAD_BACKEND')).toEqual({ name: 'PRECISE_CODE_INTEL_UPLOAD_BACKEND', value: 'S3' });
    expect(find(objects, 'ServiceAccount', 'worker').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'sg-replica-deploy-time-bucket-identity' });
    expect(find(objects, 'DaemonSet', 'node-exporter').spec.template.spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'search', effect: 'NoSchedule' }]);
    const ingress = find(objects, 'Ingress', 'sourcegraph-frontend');
    expect(Object.values(ingress.metadata.annotations)).not.toContain('null');
    expect(ingress.metadata.annotations['kubernetes.io/ingress.class']).toBeUndefined();
    expect(ingress.spec).toEqual({ ingressClassName: 'alb', rules: [expect.objectContaining({ host: 'sourcegraph.acme.example.com' })] });
    expect(find(objects, 'Service', 'sourcegraph-frontend').spec.loadBalancerSourceRanges).toEqual(['203.0.113.0/24']);
  }, 60_000);

  it("on GKE: the GCE ingress and its BackendConfig; ingress 'none' leaves no Ingress", async () => {
    const gke = await build(gcpDesign());
    expect(find(gke, 'Ingress', 'sourcegraph-frontend').metadata.annotations['kubernetes.io/ingress.class']).toBe('gce');
    expect(find(gke, 'BackendConfig', 'sourcegraph-frontend').spec.healthCheck).toMatchObject({ requestPath: '/ready', port: 6060 });
    expect(find(gke, 'Service', 'sourcegraph-frontend').metadata.annotations['cloud.google.com/neg']).toBe('{"ingress": true}');
    const none = await build(awsDesign({ sourcegraph: { ingress: 'none' } }));
    expect(none.filter((o) => o.kind === 'Ingress')).toEqual([]);
  }, 60_000);
});
