/**
 * What verify expects of the release, per method, and verify judging a
 * Kustomize replica from its rendered manifests: a healthy one is
 * confirmed decision by decision; one that runs an in-cluster store, other
 * images or the wrong chart is not.
 */
import { GENERATED_CHART_NAME } from '../../lib/kustomize/generated-chart';
import { parseImage, releaseExpectations } from '../../lib/verify/release-expectations';
import { runChecks } from '../../lib/verify/verify-replica';
import { find, healthyReplica, helmReleaseSecret } from './support/replica-objects';
import { example, inputFor } from './support/test-cluster';

describe('releaseExpectations', () => {
  const acme = example('acme-prod');
  const stark = example('stark-kustomize');

  it('a Helm design: the chart and its version, images from the values, the chart model’s stores', () => {
    const e = releaseExpectations(acme);
    expect(e.chart).toBe('chart sourcegraph 7.6.0');
    expect(e.chartProblems('sourcegraph', '7.6.0')).toEqual([]);
    expect(e.chartProblems('other', '7.5.0')).toEqual(['chart other, designed sourcegraph', 'chart version 7.5.0, designed 7.6.0']);
    expect(e.store('pgsql')).toEqual({ kinds: ['StatefulSet'], name: 'pgsql' });
    expect(e.uploadEnvPrefixes).toEqual(['SOURCEGRAPH_UPLOAD_']);
    expect(e.migrator.runs).toBe(true);
  });

  it('a Kustomize design: the generated chart, images as rendered, the release’s stores under either kind, its upload env', () => {
    const e = releaseExpectations(stark);
    expect(e.chart).toMatch(/^chart sourcegraph-kustomize 7\.2\.1943-sgr\.\* \(deploy-sourcegraph-k8s 7\.2\.1943, the overlay stark-kustomize-overlay rendered with kubectl kustomize\)$/);
    expect(e.chartProblems(GENERATED_CHART_NAME, '7.2.1943-sgr.0123456789ab')).toEqual([]);
    expect(e.chartProblems('sourcegraph', '7.2.1943')).toEqual([
      'chart sourcegraph, designed sourcegraph-kustomize (the rendered Kustomize manifests)',
      'chart version 7.2.1943, designed 7.2.1943-sgr.<digest of the manifests>',
    ]);
    expect(e.store('codeIntelDB')).toEqual({ kinds: ['StatefulSet', 'Deployment'], name: 'codeintel-db' });
    expect(e.uploadEnvPrefixes).toEqual(['PRECISE_CODE_INTEL_UPLOAD_', 'SEARCH_JOBS_UPLOAD_']);
    expect(e.migrator.runs).toBe(true);
    const frontend = stark.assessment.capacity.workloads.find((w) => w.key === 'frontend')!;
    const rendered = (stark.assessment.kustomize!.replica!.objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'sourcegraph-frontend')!.spec as any).template.spec.containers[0].image as string;
    expect(e.imageProblem(frontend, 'frontend', rendered)).toBeUndefined();
    expect(e.imageProblem(frontend, 'frontend', `${parseImage(rendered).repository}:7.1.0`)).toBe('frontend:7.1.0, rendered 7.2.1943');
    expect(e.imageProblem(frontend, 'frontend', 'evil.example/sourcegraph/frontend:7.2.1943')).toMatch(/^evil\.example\/sourcegraph\/frontend:7\.2\.1943 is not the rendered index\.docker\.io\/sourcegraph\/frontend$/);
    expect(() => releaseExpectations({ design: stark.design, assessment: { ...stark.assessment, kustomize: undefined } })).toThrow("the assessment of Kustomize design 'stark-kustomize' holds no rendered manifests");
  });
});

describe('verify on a Kustomize replica', () => {
  const stark = example('stark-kustomize');
  const wonka = example('wonka-gke');
  const notConfirmed = (ds: ReturnType<typeof runChecks>) => ds.filter((d) => d.status !== 'confirmed').map((d) => `${d.id}: ${d.summary}`);

  it.each([['stark-kustomize', stark], ['wonka-gke', wonka]] as const)('%s, healthy as rendered: every decision confirmed (but the clients a design opens to the world)', (_, { design, assessment }) => {
    const ds = runChecks(inputFor(design, assessment, healthyReplica(design, assessment)));
    expect(ds.map((d) => d.id)).toEqual(expect.arrayContaining(['sourcegraph.release', 'sourcegraph.images', 'sourcegraph.workloads', 'sourcegraph.volumes', 'sourcegraph.migrations']));
    expect(notConfirmed(ds).filter((d) => !d.startsWith('exposure.clients'))).toEqual([]);
    expect(ds.find((d) => d.id === 'sourcegraph.release')!.title).toMatch(/chart sourcegraph-kustomize 7\.2\.1943-sgr/);
    if (design.externalServices.postgres) expect(ds.find((d) => d.id === 'external.postgres')!.status).toBe('confirmed');
  });

  it('finds an in-cluster database the design externalizes still running, whatever its kind', () => {
    const cluster = healthyReplica(stark.design, stark.assessment);
    const frontend = find(cluster, 'Deployment', 'sourcegraph-frontend');
    cluster.objects.push({ ...JSON.parse(JSON.stringify(frontend)), metadata: { ...frontend.metadata, name: 'pgsql' } });
    const ds = runChecks(inputFor(stark.design, stark.assessment, cluster));
    expect(ds.find((d) => d.id === 'external.postgres')).toMatchObject({ status: 'deviates', reasons: expect.arrayContaining([expect.stringMatching(/^in-cluster pgsql is still running: Deployment pgsql with 2 replicas/)]) });
  });

  it('finds other images than rendered, the upload store not wired, and the chart sourcegraph installed instead of the render', () => {
    const cluster = healthyReplica(stark.design, stark.assessment);
    for (const pod of cluster.objects.filter((o) => o.kind === 'Pod' && /^worker-/.test(o.metadata.name))) {
      const c = (pod.spec as any).containers[0];
      c.image = c.image.replace(':7.2.1943', ':7.1.0');
      c.env = (c.env ?? []).filter((e: any) => e.name !== 'PRECISE_CODE_INTEL_UPLOAD_BACKEND');
    }
    const worker = find(cluster, 'Deployment', 'worker');
    const container = (worker.spec as any).template.spec.containers[0];
    container.env = container.env.filter((e: any) => e.name !== 'PRECISE_CODE_INTEL_UPLOAD_BACKEND');
    const release = cluster.objects.findIndex((o) => o.kind === 'Secret' && o.type === 'helm.sh/release.v1');
    cluster.objects[release] = helmReleaseSecret(stark.design, {}, 1, 'deployed', 'Install complete', '7.2.1943');
    const ds = runChecks(inputFor(stark.design, stark.assessment, cluster));
    expect(ds.find((d) => d.id === 'sourcegraph.images')!.reasons).toEqual([expect.stringMatching(/^worker:7\.1\.0, rendered 7\.2\.1943 \(worker-/)]);
    expect(ds.find((d) => d.id === 'external.object-storage')!.reasons).toContain('worker: PRECISE_CODE_INTEL_UPLOAD_BACKEND is unset, designed S3');
    expect(ds.find((d) => d.id === 'sourcegraph.release')!.reasons).toEqual([
      'chart sourcegraph, designed sourcegraph-kustomize (the rendered Kustomize manifests)',
      'chart version 7.2.1943, designed 7.2.1943-sgr.<digest of the manifests>',
    ]);
  });
});
