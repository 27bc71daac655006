/**
 * Same pods, same answers: the workloads read from the real chart's
 * rendered manifests (`manifestWorkloads`, what a Kustomize replica is
 * sized from) equal the Helm model's (`renderWorkloads`), and simulating
 * them gives the same capacity, so a Kustomize replica gets the answers a
 * Helm one gets for the same pods.
 */
import { simulateCapacity, simulateWorkloads } from '../../lib/capacity/simulate-capacity';
import { Design } from '../../lib/design/model';
import { renderRelease } from '../../lib/render/render-release';
import { manifestWorkloads } from '../../lib/render/manifest-workloads';
import { renderWorkloads, Workload } from '../../lib/sizing/workloads';
import { designHelmValues } from '../../lib/sourcegraph/design-values';
import { awsDesign, gcpDesign } from '../support/design-fixture';

const comparable = (w: Workload) => ({
  name: w.name,
  kind: w.kind,
  replicas: w.replicas,
  containers: w.containers.map((c) => ({ name: c.name, requests: c.requests, limits: c.limits })),
  initContainers: w.initContainers.map((c) => ({ name: c.name, requests: c.requests, limits: c.limits })),
  podRequests: w.podRequests,
  podLimits: w.podLimits,
  volumes: w.volumes.map((v) => ({ claimName: v.claimName, kind: v.kind, sizeBytes: v.sizeBytes, count: v.count })),
  nodeSelector: w.placement.nodeSelector,
});

const designs: [string, Design][] = [
  ['7.6.0 on EKS, size M, external services', awsDesign({ sourcegraph: { size: 'M' }, externalServices: { postgres: { instanceClass: 'db.m6g.xlarge', storageGb: 100, highAvailability: false }, redis: { nodeType: 'cache.m6g.large' }, objectStorage: {} } })],
  ['6.12.5040 on GKE, size XS, in-cluster', gcpDesign({ sourcegraph: { version: '6.12.5040', size: 'XS' } })],
];

describe.each(designs)('%s', (_, design) => {
  let fromManifests: Workload[];
  let fromValues: Workload[];
  beforeAll(async () => {
    const values = designHelmValues(design);
    const release = await renderRelease(design, { values });
    fromManifests = manifestWorkloads(release.sourcegraph.render.objects);
    fromValues = renderWorkloads(values, design.sourcegraph.version);
  }, 120_000);

  it('reads the same workloads from the rendered chart as the Helm model derives from the values', () => {
    const byName = (ws: Workload[]) => ws.map(comparable).sort((a, b) => a.name.localeCompare(b.name));
    expect(fromValues.length).toBeGreaterThan(10);
    expect(byName(fromManifests)).toEqual(byName(fromValues));
  });

  it('gives the same capacity answers', () => {
    const keyed = fromManifests.map((w) => ({ ...w, key: fromValues.find((v) => v.name === w.name)!.key }));
    const a = simulateWorkloads(design, keyed, { version: design.sourcegraph.version });
    const b = simulateCapacity(design, designHelmValues(design));
    expect(a.totals).toEqual(b.totals);
    expect(a.storage).toEqual({ ...b.storage, volumes: expect.arrayContaining(b.storage.volumes.map((v) => expect.objectContaining({ claimName: v.claimName, sizeBytes: v.sizeBytes, count: v.count }))) });
    expect([a.outcome, a.atMin.fits, a.atMax.fits]).toEqual([b.outcome, b.atMin.fits, b.atMax.fits]);
    expect(a.atMin.pools.map((p) => p.requested)).toEqual(b.atMin.pools.map((p) => p.requested));
  });
});
