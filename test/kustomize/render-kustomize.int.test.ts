/**
 * The real `kubectl kustomize` (kubectl 1.33, kustomize 5.6) on customer
 * overlays, offline: the release comes from the local reference copy, and
 * any attempt to reach the network (git over https, an HTTP proxy) fails.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { formatProblem } from '../../lib/design/problems';
import { withKustomize } from '../../lib/kustomize/kustomize-design';
import { renderKustomize, renderKustomizeSync } from '../../lib/kustomize/render-kustomize';
import { parseRenderedManifests } from '../../lib/render/helm-template';
import { locateTool } from '../../lib/render/tools';
import { awsDesign, gcpDesign } from '../support/design-fixture';
import { referenceRelease, remote, writeOverlay } from '../support/kustomize';

/** An environment in which nothing reaches the network: no https git, a dead proxy. */
const OFFLINE: NodeJS.ProcessEnv = { ...process.env, GIT_ALLOW_PROTOCOL: 'file', HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9', http_proxy: 'http://127.0.0.1:9' };
const external = { postgres: { instanceClass: 'db.m6g.xlarge', storageGb: 100, highAvailability: false }, redis: { nodeType: 'cache.m6g.large' }, objectStorage: {} };
const starkDesign = withKustomize(awsDesign({ sourcegraph: { size: 'M' }, externalServices: external }), { path: 'stark-kustomize-overlay', resolvedPath: 'examples/designs/stark-kustomize-overlay' }, '7.2.1943');

beforeAll(() => {
  referenceRelease();
});

describe('renderKustomize', () => {
  const staging = mkdtempSync(join(tmpdir(), 'kz-staging-'));
  const writeTo = mkdtempSync(join(tmpdir(), 'kz-out-'));
  let render: Awaited<ReturnType<typeof renderKustomize>>;
  beforeAll(async () => {
    // buildCache: false: these tests are about what kubectl itself renders.
    render = await renderKustomize(starkDesign, { overlayDir: 'examples/designs/stark-kustomize-overlay', env: OFFLINE, stagingParent: staging, writeTo, buildCache: false });
  }, 120_000);

  it('renders the Stark overlay, whose references are remote URLs, with no network', () => {
    expect(render.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(render.located.source).toBe('reference');
    const kinds = (objects: readonly { kind: string; metadata: { name: string } }[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);
    // The customer's deployment as production renders it: their namespace, their StorageClass, no in-cluster databases or Redis.
    expect(kinds(render.customer!.objects)).toEqual(expect.arrayContaining(['Namespace/ns-sourcegraph', 'StorageClass/sourcegraph', 'Deployment/sourcegraph-frontend', 'Deployment/blobstore']));
    expect(kinds(render.customer!.objects)).not.toContain('StatefulSet/pgsql');
    expect(kinds(render.customer!.objects)).not.toContain('Deployment/redis-cache');
    // The replica: its namespace, no Namespace or StorageClass object, no blobstore, the upload ServiceAccounts.
    const replica = render.replica!.objects;
    expect(kinds(replica)).not.toEqual(expect.arrayContaining(['Namespace/ns-sourcegraph']));
    expect(kinds(replica).filter((k) => /^(Namespace|StorageClass)\//.test(k) || k.includes('blobstore'))).toEqual([]);
    expect(kinds(replica)).toEqual(expect.arrayContaining(['ServiceAccount/sourcegraph-frontend', 'ServiceAccount/worker', 'ServiceAccount/gitserver']));
    expect([...new Set(replica.map((o) => o.metadata.namespace).filter(Boolean))]).toEqual(['sourcegraph']);
  });

  it("applies the replica's adjustments over the customer's settings", () => {
    const replica = render.replica!.objects;
    const frontend = replica.find((o) => o.kind === 'Deployment' && o.metadata.name === 'sourcegraph-frontend') as unknown as { spec: { replicas: number; template: { spec: { serviceAccountName: string; containers: { name: string; env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string } } }[] }[] } } } };
    expect(frontend.spec.replicas).toBe(2); // the overlay's `replicas:` stays
    const env = frontend.spec.template.spec.containers[0].env;
    expect(env.find((e) => e.name === 'PGHOST')).toEqual({ name: 'PGHOST', valueFrom: { secretKeyRef: { name: 'sg-replica-pgsql-auth', key: 'host' } } });
    expect(env.find((e) => e.name === 'REDIS_CACHE_ENDPOINT')?.valueFrom?.secretKeyRef?.name).toBe('sg-replica-redis-cache-endpoint');
    expect(frontend.spec.template.spec.serviceAccountName).toBe('sourcegraph-frontend');
    const settings = replica.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('sourcegraph-frontend-env')) as unknown as { data: Record<string, string> };
    expect(settings.data.CODEINSIGHTS_PGDATASOURCE).toBeUndefined();
    const ingress = replica.find((o) => o.kind === 'Ingress') as unknown as { metadata: { annotations: Record<string, string> }; spec: { ingressClassName: string; rules: { host: string }[]; tls?: unknown } };
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(ingress.spec.rules.map((r) => r.host)).toEqual(['sourcegraph.acme.example.com']);
    expect(ingress.spec.tls).toBeUndefined();
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/certificate-arn']).toBeUndefined();
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/inbound-cidrs']).toBe('203.0.113.0/24');
    const gitserver = replica.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'gitserver') as unknown as { spec: { volumeClaimTemplates: { spec: { storageClassName: string; resources: { requests: { storage: string } } } }[] } };
    expect(gitserver.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'sourcegraph', resources: { requests: { storage: '1500Gi' } } });
  });

  it('leaves no staging directory behind, and writes a layer that renders the same replica on its own', () => {
    expect(readdirSync(staging)).toEqual([]);
    expect(readdirSync(writeTo).sort()).toEqual(['customer.yaml', 'kustomization.yaml', 'replica-resources.yaml', 'replica.yaml']);
    const again = execFileSync(locateTool('kubectl').path, ['kustomize', writeTo], { encoding: 'utf8', env: OFFLINE });
    expect(parseRenderedManifests(again).objects).toEqual(render.replica!.objects);
    expect(readFileSync(join(writeTo, 'replica.yaml'), 'utf8')).toBe(render.replica!.yaml);
  });

  it('renders the same replica synchronously (for a synchronous loader), and cleans up the same', () => {
    const sync = renderKustomizeSync(starkDesign, { overlayDir: 'examples/designs/stark-kustomize-overlay', env: OFFLINE, stagingParent: staging, buildCache: false });
    expect(sync.replica!.yaml).toBe(render.replica!.yaml);
    expect(sync.problems).toEqual(render.problems);
    expect(readdirSync(staging)).toEqual([]);
  });

  it('renders the Wonka overlay, written against the release by relative paths, on GKE', async () => {
    const design = withKustomize(gcpDesign(), { path: 'wonka-gke-overlay', resolvedPath: 'examples/designs/wonka-gke-overlay' }, '7.2.1943');
    const wonka = await renderKustomize(design, { overlayDir: 'examples/designs/wonka-gke-overlay', env: OFFLINE, buildCache: false });
    expect(wonka.problems.map(formatProblem)).toEqual([expect.stringContaining('warning: components[3]: creates StorageClass "sourcegraph" (components/storage-class/gcp)')]);
    const search = wonka.replica!.objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'indexed-search') as unknown as { spec: { template: { spec: { nodeSelector: Record<string, string> } } } };
    expect(search.spec.template.spec.nodeSelector).toEqual({ pool: 'search' });
    expect(wonka.replica!.objects.find((o) => o.kind === 'BackendConfig')).toMatchObject({ spec: { timeoutSec: 600, healthCheck: { requestPath: '/ready', port: 6060 } } });
  }, 120_000);
});

describe('renderKustomize refuses', () => {
  const design = withKustomize(awsDesign({ externalServices: external }), { path: 'x', resolvedPath: 'x' }, '7.2.1943');

  it('an overlay with a typo in a component path, with file, line and a did-you-mean, before building anything', async () => {
    const dir = writeOverlay({ 'kustomization.yaml': ['resources:', `  - ${remote('base/sourcegraph')}`, 'components:', `  - ${remote('components/sizes/s')}`, `  - ${remote('components/remove/pgsql/statefulsett')}`, ''].join('\n') });
    const result = await renderKustomize(design, { overlayDir: dir, env: OFFLINE, kubectl: '/nonexistent/kubectl' });
    expect(result.customer).toBeUndefined();
    expect(result.problems.map(formatProblem)).toEqual([
      `${relative(process.cwd(), dir)}/kustomization.yaml:5:5 components[1]: unknown component components/remove/pgsql/statefulsett in deploy-sourcegraph-k8s v7.2.1943, did you mean "${remote('components/remove/pgsql/statefulset')}"? (got "${remote('components/remove/pgsql/statefulsett')}"; allowed: a directory of the release with a kustomization file (components/sizes/s, components/storage-class/sourcegraph, ...))`,
    ]);
  });

  it('an overlay that re-enables an in-cluster database while external ones are designed, with file, line and the reason', async () => {
    const dir = writeOverlay({ 'kustomization.yaml': ['resources:', '  - ../../base/sourcegraph', 'components:', '  - ../../components/sizes/s', '  - ../../components/services/codeinsights-db', ''].join('\n') });
    const result = await renderKustomize(design, { overlayDir: dir, env: OFFLINE, kubectl: '/nonexistent/kubectl' });
    expect(result.replica).toBeUndefined();
    expect(result.problems.map(formatProblem)).toEqual([
      `${relative(process.cwd(), dir)}/kustomization.yaml:5:5 components[1]: deploys and configures the in-cluster codeinsights-db (components/services/codeinsights-db) while the design moves PostgreSQL out of the cluster (externalServices.postgres): the replica would not test the external service; drop this entry or the external service from the design (got "../../components/services/codeinsights-db")`,
    ]);
  });

  it("an overlay kustomize itself refuses, with kustomize's reason and the overlay's paths, not the staging copy's", async () => {
    const dir = writeOverlay({ 'kustomization.yaml': ['resources:', '  - ../../base/sourcegraph', 'patches:', '  - path: broken.yaml', ''].join('\n'), 'broken.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: no-such-deployment\nspec: {replicas: 3}\n' });
    const result = await renderKustomize(design, { overlayDir: dir, env: OFFLINE });
    expect(result.problems).toEqual([expect.objectContaining({ severity: 'error', file: `${relative(process.cwd(), dir)}/kustomization.yaml`, line: 1 })]);
    expect(result.problems[0].message).toMatch(/^kubectl kustomize refuses the overlay: .*no-such-deployment/);
    expect(result.problems[0].message).not.toMatch(/sg-replica-kustomize-/);
    expect(renderKustomizeSync(design, { overlayDir: dir, env: OFFLINE }).problems).toEqual(result.problems);
  }, 60_000);

  it('a remote reference outside the release when offline: kustomize cannot fetch it, and says so', async () => {
    const dir = writeOverlay({ 'kustomization.yaml': ['resources:', '  - ../../base/sourcegraph', '  - https://github.com/kubernetes/ingress-nginx/deploy/static/provider/aws?ref=controller-v1.5.1', ''].join('\n') });
    const result = await renderKustomize(design, { overlayDir: dir, env: OFFLINE });
    expect(result.problems.map((p) => [p.severity, p.line])).toEqual([
      ['error', 1],
      ['warning', 3],
    ]);
    expect(result.replica).toBeUndefined();
  }, 60_000);
});

describe('the build cache', () => {
  it("reads both builds of a render it has seen back from the cache, and renders the same manifests", async () => {
    const buildCache = mkdtempSync(join(tmpdir(), 'kz-builds-'));
    const options = { overlayDir: 'examples/designs/stark-kustomize-overlay', env: OFFLINE, buildCache };
    const first = await renderKustomize(starkDesign, options);
    const second = renderKustomizeSync(starkDesign, options);
    expect([first.customer!.cached, first.replica!.cached, second.customer!.cached, second.replica!.cached]).toEqual([false, false, true, true]);
    expect(second.replica!.yaml).toBe(first.replica!.yaml);
    expect(second.problems).toEqual(first.problems);
    expect(readdirSync(buildCache)).toHaveLength(2);
    // `buildCache: false` runs kubectl every time.
    expect(renderKustomizeSync(starkDesign, { ...options, buildCache: false }).customer!.cached).toBe(false);
  }, 120_000);

  it('never caches an overlay with a remote reference (its render is whatever the network serves)', () => {
    // A kubectl stand-in that renders one ConfigMap whatever it is given: the builds "succeed" offline.
    const bin = mkdtempSync(join(tmpdir(), 'kz-fake-kubectl-'));
    const kubectl = join(bin, 'kubectl');
    writeFileSync(kubectl, '#!/bin/sh\nprintf "apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: a\\n"\n');
    chmodSync(kubectl, 0o755);
    const design = withKustomize(awsDesign({ externalServices: external }), { path: 'o', resolvedPath: 'o' }, '7.2.1943');
    const render = (lines: string[]) => {
      const buildCache = mkdtempSync(join(tmpdir(), 'kz-builds-'));
      const r = renderKustomizeSync(design, { overlayDir: writeOverlay({ 'kustomization.yaml': ['resources:', ...lines, ''].join('\n') }), env: OFFLINE, kubectl, buildCache });
      return { built: r.customer !== undefined, cached: readdirSync(buildCache).length };
    };
    expect(render(['  - ../../base/sourcegraph'])).toEqual({ built: true, cached: 1 });
    expect(render(['  - ../../base/sourcegraph', '  - https://github.com/kubernetes/ingress-nginx/deploy/static/provider/aws?ref=controller-v1.5.1'])).toEqual({ built: true, cached: 0 });
  });
});

describe('every problem of the overlay at once', () => {
  const design = withKustomize(awsDesign({ externalServices: external }), { path: 'o', resolvedPath: 'o' }, '7.2.1943');
  const kustomization = ['resources:', '  - ../../base/sourcegraph', 'components:', '  - ../../components/size/xs', '  - ../../components/services/pgsql', ''].join('\n');

  it('a reference that does not resolve does not hide what the other entries do', () => {
    const dir = writeOverlay({ 'kustomization.yaml': kustomization });
    const r = renderKustomizeSync(design, { overlayDir: dir, env: OFFLINE });
    expect(r.problems.filter((p) => p.severity === 'error').map((p) => `${p.line} ${p.field} ${p.message.split(' (')[0].split(',')[0]}`)).toEqual([
      '4 components[0] unknown component components/size/xs in deploy-sourcegraph-k8s v7.2.1943',
      '5 components[1] deploys and configures the in-cluster pgsql',
    ]);
    expect(r.replica).toBeUndefined();
  });

  it('but a refused file (a symlink) stops the checks: they must not read what the reader refused', () => {
    const dir = writeOverlay({ 'kustomization.yaml': kustomization });
    require('node:fs').symlinkSync('/etc/hostname', join(dir, 'patch.yaml'));
    const r = renderKustomizeSync(design, { overlayDir: dir, env: OFFLINE });
    const errors = r.problems.filter((p) => p.severity === 'error');
    expect(errors.some((p) => /symbolic link/.test(p.message))).toBe(true);
    expect(errors.some((p) => /in-cluster pgsql/.test(p.message))).toBe(false);
  });
});
