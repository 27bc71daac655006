import { symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatProblem } from '../../lib/design/problems';
import { readOverlay } from '../../lib/kustomize/overlay';
import { kustomizeRelease } from '../../lib/kustomize/releases';
import { referenceRelease, remote, writeOverlay } from '../support/kustomize';

const release = kustomizeRelease('7.2.1943');
const releaseDir = referenceRelease().dir;
const read = (dir: string) => readOverlay(dir, { releaseDir, release });
const shown = (dir: string) => read(dir).problems.map(formatProblem);
const file = (dir: string) => `${relative(process.cwd(), dir)}/kustomization.yaml`;

describe('readOverlay', () => {
  it("maps the Stark example's remote references onto the release", () => {
    const overlay = read('examples/designs/stark-kustomize-overlay');
    expect(overlay.problems).toEqual([]);
    expect(overlay.files).toEqual(['buildConfig.yaml', 'kustomization.yaml', 'patches/frontend-ingress.yaml', 'patches/storage.yaml']);
    const targets = overlay.references.map((r) => r.target);
    expect(targets[0]).toEqual({ kind: 'overlay', rel: 'buildConfig.yaml', isDir: false });
    expect(targets[1]).toEqual({ kind: 'release', releasePath: 'base/sourcegraph', isDir: true, via: 'url' });
    expect(targets.filter((t) => t.kind === 'release').map((t) => (t.kind === 'release' ? t.releasePath : ''))).toContain('components/clusters/aws/ebs-csi');
  });

  it("maps the Wonka example's instance-relative paths onto the release", () => {
    const overlay = read('examples/designs/wonka-gke-overlay');
    expect(overlay.problems).toEqual([]);
    expect(overlay.references.find((r) => r.value === '../../components/storage-class/gcp')?.target).toEqual({ kind: 'release', releasePath: 'components/storage-class/gcp', isDir: true, via: 'relative' });
  });

  it('refuses a typo in a component path with file, line, column and a did-you-mean, in the form it was written', () => {
    const dir = writeOverlay({
      'kustomization.yaml': ['resources:', `  - ${remote('base/sourcegraph')}`, 'components:', `  - ${remote('components/storage-clas/sourcegraph')}`, '  - ../../components/sizes/xss', ''].join('\n'),
    });
    expect(shown(dir)).toEqual([
      `${file(dir)}:4:5 components[0]: unknown component components/storage-clas/sourcegraph in deploy-sourcegraph-k8s v7.2.1943, did you mean "${remote('components/storage-class/sourcegraph')}"? (got "${remote('components/storage-clas/sourcegraph')}"; allowed: a directory of the release with a kustomization file (components/sizes/s, components/storage-class/sourcegraph, ...))`,
      `${file(dir)}:5:5 components[1]: unknown component components/sizes/xss in deploy-sourcegraph-k8s v7.2.1943, did you mean "../../components/sizes/xs"? (got "../../components/sizes/xss"; allowed: a directory of the release with a kustomization file (components/sizes/s, components/storage-class/sourcegraph, ...))`,
    ]);
  });

  it('suggests by segment when one segment of a long path is wrong', () => {
    const dir = writeOverlay({ 'kustomization.yaml': `resources: [../../base/sourcegraph]\ncomponents: [../../components/storge-class/aws/ebs-csi]\n` });
    expect(shown(dir)[0]).toContain('did you mean "../../components/storage-class/aws/ebs-csi"?');
  });

  it('refuses references to another release, unpinned ones, and warns about forks and other remotes', () => {
    const dir = writeOverlay({
      'kustomization.yaml': [
        'resources:',
        `  - ${remote('base/sourcegraph', 'v6.12.1792')}`,
        '  - https://github.com/sourcegraph/deploy-sourcegraph-k8s/base/monitoring',
        `  - https://github.com/acme/deploy-sourcegraph-k8s/components/sizes/s?ref=v7.2.1943`,
        '  - https://github.com/kubernetes/ingress-nginx/deploy/static/provider/aws?ref=controller-v1.5.1',
        '',
      ].join('\n'),
    });
    const problems = read(dir).problems;
    expect(problems.map((p) => [p.severity, p.line, p.field])).toEqual([
      ['error', 2, 'resources[0]'],
      ['error', 3, 'resources[1]'],
      ['warning', 4, 'resources[2]'],
      ['warning', 5, 'resources[3]'],
    ]);
    expect(problems[0].message).toBe('builds on deploy-sourcegraph-k8s v6.12.1792, but the design replicates release v7.2.1943 (sourcegraph.version 7.2.1943): one overlay must not mix releases');
    expect(problems[1].message).toMatch(/^not pinned to a release: kubectl kustomize would fetch the default branch; pin it .*\?ref=v7\.2\.1943\)$/);
    expect(problems[2].message).toMatch(/^refers to the fork acme\/deploy-sourcegraph-k8s; sg-replica renders Sourcegraph's release v7\.2\.1943 in its place/);
    expect(problems[3].message).toMatch(/^a remote reference outside the Sourcegraph release: kubectl kustomize fetches it from the network/);
  });

  it('never reads outside the overlay: escaping paths, absolute paths, symbolic links and missing files are errors', () => {
    const dir = writeOverlay({
      'kustomization.yaml': ['resources:', '  - ../../base/sourcegraph', '  - ../other-team/secrets', '  - /etc/passwd', 'patches:', '  - path: ../../../outside.yaml', '  - path: patches/missing.yaml', ''].join('\n'),
    });
    symlinkSync('/etc', join(dir, 'link'));
    const problems = read(dir).problems.map((p) => `${p.severity} ${p.line ?? '-'} ${p.field} ${p.message.split(':')[0]}`);
    expect(problems).toEqual([
      'error -  is a symbolic link',
      'error 3 resources[1] refers outside the overlay directory to something that is not part of Sourcegraph\'s release',
      'error 4 resources[2] an absolute path',
      'error 6 patches[0].path refers to a file outside the overlay directory',
      'error 7 patches[1].path no such file in the overlay (patches/missing.yaml)',
    ]);
    expect(read(dir).problems[0]).toMatchObject({ file: `${relative(process.cwd(), dir)}/link`, message: 'is a symbolic link: an overlay is handed over as plain files (copy the target into the overlay)' });
  });

  it('follows nested kustomizations of the overlay and resolves their paths from where they are', () => {
    const dir = writeOverlay({
      'kustomization.yaml': 'resources: [../../base/sourcegraph]\ncomponents: [custom]\n',
      'custom/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncomponents: [../../../components/sizes/s]\npatches: [{path: p.yaml}]\n',
      'custom/p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: worker}\n',
    });
    const overlay = read(dir);
    expect(overlay.problems).toEqual([]);
    expect(overlay.kustomizations.map((k) => k.rel)).toEqual(['kustomization.yaml', 'custom/kustomization.yaml']);
    expect(overlay.references.map((r) => r.target)).toEqual([
      { kind: 'release', releasePath: 'base/sourcegraph', isDir: true, via: 'relative' },
      { kind: 'overlay', rel: 'custom', isDir: true },
      { kind: 'release', releasePath: 'components/sizes/s', isDir: true, via: 'relative' },
    ]);
  });

  it('reports what is not an overlay: no kustomization, bad YAML, Helm charts, a Component at the root', () => {
    expect(shown(writeOverlay({ 'values.yaml': 'a: 1\n' }))[0]).toMatch(/ no kustomization file in the overlay directory \(looked for kustomization\.yaml, kustomization\.yml, Kustomization\)$/);
    expect(read(writeOverlay({ 'kustomization.yaml': 'resources:\n  - a\n - b\n' })).problems[0]).toMatchObject({ severity: 'error', line: 3 });
    const helm = read(writeOverlay({ 'kustomization.yaml': 'resources: [../../base/sourcegraph]\nhelmCharts:\n  - name: x\n' })).problems;
    expect(helm).toEqual([expect.objectContaining({ severity: 'error', line: 2, col: 1, field: 'helmCharts', message: expect.stringContaining('--enable-helm') })]);
    const component = read(writeOverlay({ 'kustomization.yaml': 'kind: Component\nresources: [../../base/sourcegraph]\n' })).problems;
    expect(component).toEqual([expect.objectContaining({ severity: 'error', line: 1, field: 'kind', got: '"Component"' })]);
    expect(read('does/not/exist').problems).toEqual([expect.objectContaining({ severity: 'error', message: 'overlay directory not found' })]);
  });
});
