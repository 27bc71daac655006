import { existsSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { readOverlay } from '../../lib/kustomize/overlay';
import { kustomizeRelease } from '../../lib/kustomize/releases';
import { rewrittenKustomizations, stagedReleasePath, stageOverlay } from '../../lib/kustomize/stage-overlay';
import { referenceRelease, remote, writeOverlay } from '../support/kustomize';

const release = kustomizeRelease('7.2.1943');
const releaseDir = referenceRelease().dir;

describe('stageOverlay', () => {
  const dir = writeOverlay({
    'kustomization.yaml': ['# production overlay', 'resources:', `  - ${remote('base/sourcegraph')} # the base`, '  - extra.yaml', 'components:', '  - ../../components/sizes/s', '  - custom', ''].join('\n'),
    'extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\n',
    'custom/kustomization.yaml': 'kind: Component\ncomponents: [../../../components/storage-class/sourcegraph]\n',
  });
  const overlay = readOverlay(dir, { releaseDir, release });

  it('rewrites release references relative to each kustomization, keeping comments and the rest', () => {
    expect(stagedReleasePath('', 'base/sourcegraph')).toBe('../release/base/sourcegraph');
    expect(stagedReleasePath('custom', 'components/sizes/s')).toBe('../../release/components/sizes/s');
    const texts = rewrittenKustomizations(overlay);
    expect(texts.get('kustomization.yaml')).toBe(['# production overlay', 'resources:', '  - ../release/base/sourcegraph # the base', '  - extra.yaml', 'components:', '  - ../release/components/sizes/s', '  - custom', ''].join('\n'));
    expect(texts.get('custom/kustomization.yaml')).toBe('kind: Component\ncomponents: [ ../../release/components/storage-class/sourcegraph ]\n');
  });

  it('copies the overlay next to a link to the release, and cleans up', () => {
    const staged = stageOverlay(overlay, releaseDir);
    expect(lstatSync(join(staged.root, 'release')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(staged.root, 'release'))).toBe(releaseDir);
    expect(readFileSync(join(staged.overlayDir, 'extra.yaml'), 'utf8')).toBe(readFileSync(join(dir, 'extra.yaml'), 'utf8'));
    expect(readFileSync(join(staged.overlayDir, 'kustomization.yaml'), 'utf8')).toContain('../release/base/sourcegraph');
    expect(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')).toContain(remote('base/sourcegraph')); // the customer's file is untouched
    staged.cleanup();
    expect(existsSync(staged.root)).toBe(false);
  });

  it('refuses to stage an overlay with errors', () => {
    const bad = readOverlay(writeOverlay({ 'kustomization.yaml': 'resources: [../../base/nothing]\n' }), { releaseDir, release });
    expect(() => stageOverlay(bad, releaseDir)).toThrow('stageOverlay: the overlay has errors; report them instead of rendering');
  });
});
