import { assessKustomizeDesign, kustomizeWorkloads } from '../../lib/kustomize/assess-kustomize';
import { kustomizeRelease } from '../../lib/kustomize/releases';
import { RenderedObject } from '../../lib/render/helm-template';
import { awsDesign } from '../support/design-fixture';

const release = kustomizeRelease('7.2.1943');
const workload = (kind: string, name: string, replicas: number, requests: Record<string, string>, limits: Record<string, string>, vctSize?: string): RenderedObject => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name },
  spec: {
    replicas,
    template: { spec: { containers: [{ name, resources: { requests, limits } }] } },
    ...(vctSize ? { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: vctSize } } } }] } : {}),
  },
});
const objects = [
  workload('Deployment', 'sourcegraph-frontend', 2, { cpu: '100m', memory: '250M' }, { cpu: '2', memory: '4G' }),
  workload('StatefulSet', 'gitserver', 1, { cpu: '100m', memory: '250M' }, { cpu: '4', memory: '8G' }, '200Gi'),
  workload('StatefulSet', 'pgsql', 1, { cpu: '100m', memory: '250M' }, { cpu: '4', memory: '4G' }, '50Gi'),
];

describe('assessKustomizeDesign', () => {
  it("keys the manifests' workloads with the Helm path's values keys", () => {
    expect(kustomizeWorkloads(objects, release).map((w) => [w.name, w.key])).toEqual([
      ['sourcegraph-frontend', 'frontend'],
      ['gitserver', 'gitserver'],
      ['pgsql', 'pgsql'],
    ]);
  });

  it('simulates the pods on the pools and prices them, with the release version', () => {
    const a = assessKustomizeDesign(awsDesign(), objects, release);
    expect(a.capacity.chartVersion).toBe('7.2.1943');
    expect(a.capacity.totals.requests).toEqual({ cpuMillis: 400, memoryBytes: 1e9 });
    expect(a.capacity.outcome).toBe('ok');
    expect(a.cost.priced).toBe(true);
  });

  it('warns about disks too small for the codebase, and about limits the nodes cannot hold', () => {
    const design = awsDesign({ sourcegraph: { codebase: { repositories: 1000, totalSizeGb: 500, largestRepoGb: 10 } }, kubernetes: { nodePools: [{ name: 'general', machineType: 'm6a.large', minNodes: 1, maxNodes: 2, diskGb: 100, spot: false, labels: {}, taints: [] }] } });
    const messages = assessKustomizeDesign(design, objects, release).findings.map((f) => `${f.severity}: ${f.message}`);
    expect(messages).toContain("warning: gitserver's volume (StatefulSet/gitserver volumeClaimTemplates[0]) is 200 GiB per replica; the codebase needs 650 GiB (1.3 x 500 GB total)");
    expect(messages.find((m) => m.includes('memory limits add up to'))).toBe("warning: Sourcegraph's memory limits add up to 18.63 GiB, more than the 6.74 GiB the pools offer at minNodes (requests: 954 MiB): the pods schedule, but nodes run out of memory under load before the autoscaler reacts");
  });

  it('warns when the design externalizes a store the manifests still run (as the Helm path does)', () => {
    const design = awsDesign({ externalServices: { postgres: { instanceClass: 'db.m6g.large', storageGb: 100, highAvailability: false } } });
    expect(assessKustomizeDesign(design, objects, release).findings.map((f) => f.message)).toContainEqual(expect.stringMatching(/^externalServices\.postgres is set, but the release still runs pgsql in the cluster/));
  });
});
