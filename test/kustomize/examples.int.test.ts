/**
 * The Kustomize example designs end to end, offline: each overlay renders
 * from the local reference copy of deploy-sourcegraph-k8s v7.2.1943 with the
 * real kubectl kustomize, passes the render checks, fits (capacity from the
 * rendered manifests), reports, and synthesizes into the generated-chart
 * release. The replica's layer is snapshotted (readable YAML: what the
 * replica changes) and paired with assertions about what matters.
 */
import 'cdktf/lib/testing/adapters/jest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import { awsTags, replicaMetadata } from '../../lib/replica/metadata';
import { assessKustomizeDesign } from '../../lib/kustomize/assess-kustomize';
import { renderAndCheckKustomize } from '../../lib/kustomize/check-kustomize-release';
import { kustomizeSettings } from '../../lib/kustomize/kustomize-design';
import { KustomizeRelease } from '../../lib/kubernetes/kustomize-release';
import { HelmProvider, Release } from '../../lib/providers/helm';
import { renderReport } from '../../lib/report/render-report';
import { loadKustomizeExample } from '../support/kustomize';

const OFFLINE: NodeJS.ProcessEnv = { ...process.env, GIT_ALLOW_PROTOCOL: 'file', HTTPS_PROXY: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9' };
const CREATED = new Date('2026-11-27T00:00:00Z');

describe.each(['stark-kustomize', 'wonka-gke'])('example %s', (name) => {
  const design = loadKustomizeExample(`examples/designs/${name}.yaml`);
  const settings = kustomizeSettings(design)!;
  const metadata = replicaMetadata(design, CREATED);
  const tags = design.cloud.provider === 'aws' ? awsTags(metadata) : {};
  let check: Awaited<ReturnType<typeof renderAndCheckKustomize>>;
  beforeAll(async () => {
    check = await renderAndCheckKustomize(design, { overlayDir: settings.overlay.resolvedPath, env: OFFLINE, tags });
  }, 180_000);

  it('renders offline and passes the render checks', () => {
    expect(settings.release).toBe('7.2.1943');
    expect(check.render.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(check.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(check.render.replica!.objects.length).toBeGreaterThan(30);
  });

  it("the replica's layer (snapshot)", () => {
    expect(check.render.layer!.kustomization).toMatchSnapshot();
    expect(check.render.layer!.adjustments.map((a) => `${a.change} ${a.object}: ${a.reason}${a.overridesCustomer ? ' (overrides the overlay)' : ''}`)).toMatchSnapshot();
  });

  it('fits, from the rendered manifests, and reports like a Helm replica', () => {
    const assessment = assessKustomizeDesign(design, check.render.replica!.objects, check.render.release);
    expect(assessment.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(assessment.capacity.atMax.fits).toBe(true);
    expect(assessment.capacity.workloads.find((w) => w.key === 'frontend')).toMatchObject({ name: 'sourcegraph-frontend', kind: 'Deployment' });
    expect(assessment.cost.priced).toBe(true);
    const report = renderReport({ design, metadata, finalValues: {}, capacity: assessment.capacity, cost: assessment.cost });
    expect(report.markdown).toContain('| sourcegraph-frontend | Deployment |');
    expect(report.summary.join('\n')).toMatch(/Capacity (ok|warning)/);
  });

  it('synthesizes into one helm_release of the generated chart, with the bucket values from Terraform', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, `${design.name}-sourcegraph`);
    new HelmProvider(stack, 'helm', {});
    const release = new KustomizeRelease(stack, 'sourcegraph', {
      manifests: check.render.replica!.yaml,
      releaseVersion: settings.release,
      namespace: design.sourcegraph.namespace,
      chartDir: join(mkdtempSync(join(tmpdir(), 'kz-ex-')), 'chart'),
      deployTime: design.externalServices.objectStorage ? { bucketName: '${aws_s3_bucket.blob.bucket}', bucketIdentity: '${aws_iam_role.blob.arn}' } : {},
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(Release, { name: 'sourcegraph', namespace: 'sourcegraph', wait: true, timeout: 1200, version: release.chartVersion });
  });
});

describe('example specifics', () => {
  it('stark-kustomize: RDS, ElastiCache and S3 replace the in-cluster stores; the ALB is the replica\'s', async () => {
    const design = loadKustomizeExample('examples/designs/stark-kustomize.yaml');
    const { render } = await renderAndCheckKustomize(design, { overlayDir: kustomizeSettings(design)!.overlay.resolvedPath, env: OFFLINE, renderController: false });
    const names = render.replica!.objects.map((o) => `${o.kind}/${o.metadata.name}`);
    for (const gone of ['StatefulSet/pgsql', 'Deployment/redis-cache', 'Deployment/blobstore', 'PersistentVolumeClaim/pgsql', 'StorageClass/sourcegraph', 'Namespace/ns-sourcegraph']) expect(names).not.toContain(gone);
    const ingress = render.replica!.objects.find((o) => o.kind === 'Ingress') as unknown as { metadata: { annotations: Record<string, string> }; spec: { rules: { host: string }[] } };
    expect(ingress.spec.rules[0].host).toBe('sourcegraph.stark.example.com');
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/inbound-cidrs']).toBe('198.51.100.0/24');
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/certificate-arn']).toBeUndefined();
    const assessment = assessKustomizeDesign(design, render.replica!.objects, render.release);
    // 1.1 TB of repositories: the overlay's 1500Gi gitserver and indexed-search volumes hold them (1.3 x, 0.6 x);
    // searcher keeps the release's default, too small for the largest repository plus 15 % of the total.
    expect(assessment.findings.filter((f) => /codebase/.test(f.message)).map((f) => f.message)).toEqual([
      "searcher's volume (StatefulSet/searcher volumeClaimTemplates[0]) is 27.9 GiB per replica; the codebase needs 330 GiB (largest repo 40 GB + 15 % of 1100 GB total)",
    ]);
    expect(assessment.capacity.storage.volumes.find((v) => v.workload === 'gitserver')).toMatchObject({ sizeBytes: 1500 * 2 ** 30 });
  }, 120_000);

  it('wonka-gke: indexed-search on the tainted search pool, the node agents tolerate its taint, the rest stays off it', async () => {
    const design = loadKustomizeExample('examples/designs/wonka-gke.yaml');
    const { render, findings } = await renderAndCheckKustomize(design, { overlayDir: kustomizeSettings(design)!.overlay.resolvedPath, env: OFFLINE });
    expect(findings.filter((f) => f.check === 'placement')).toEqual([]);
    const assessment = assessKustomizeDesign(design, render.replica!.objects, render.release);
    const search = assessment.capacity.atMin.pools.find((p) => p.pool === 'search')!;
    expect(search.nodeUsage.flatMap((n) => n.pods)).toEqual(['cadvisor on search-0', 'node-exporter on search-0', 'indexed-search-0']);
    expect(assessment.capacity.workloads.filter((w) => w.kind === 'DaemonSet').map((w) => w.name).sort()).toEqual(['cadvisor', 'node-exporter']);
  }, 120_000);
});
