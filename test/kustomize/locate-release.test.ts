import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isReleaseTree, KustomizeReleaseNotFoundError, locateKustomizeRelease, releaseDirName, releaseKustomizations } from '../../lib/kustomize/locate-release';
import { referenceRelease } from '../support/kustomize';

const fakeRelease = (parent: string) => {
  const dir = join(parent, 'deploy-sourcegraph-k8s-v7.2.1943');
  mkdirSync(join(dir, 'base'), { recursive: true });
  mkdirSync(join(dir, 'components'), { recursive: true });
  return dir;
};

describe('locateKustomizeRelease', () => {
  const empty = () => mkdtempSync(join(tmpdir(), 'kz-none-'));

  it('finds SG_REPLICA_KUSTOMIZE_RELEASES first, then the reference copy, then the cache', () => {
    const envDir = mkdtempSync(join(tmpdir(), 'kz-env-'));
    const fromEnv = fakeRelease(envDir);
    expect(locateKustomizeRelease('7.2.1943', { env: { SG_REPLICA_KUSTOMIZE_RELEASES: envDir } })).toEqual({ version: '7.2.1943', dir: fromEnv, source: 'env' });
    const reference = referenceRelease();
    expect(reference.source).toMatch(/^(reference|env|cache)$/);
    const cache = mkdtempSync(join(tmpdir(), 'kz-cache-'));
    const cached = fakeRelease(cache);
    expect(locateKustomizeRelease('v7.2.1943', { env: {}, referenceDir: empty(), cacheDir: cache })).toEqual({ version: '7.2.1943', dir: cached, source: 'cache' });
  });

  it('says what it tried and how to provide the release when it has none', () => {
    const attempt = () => locateKustomizeRelease('7.2.1943', { env: { SG_REPLICA_KUSTOMIZE_RELEASES: '/nowhere' }, referenceDir: '/no/reference', cacheDir: empty() });
    expect(attempt).toThrow(KustomizeReleaseNotFoundError);
    expect(attempt).toThrow(
      /^deploy-sourcegraph-k8s 7\.2\.1943 not found \(tried: SG_REPLICA_KUSTOMIZE_RELEASES=\/nowhere has no deploy-sourcegraph-k8s-v7\.2\.1943\/; no \/no\/reference; no git binary to clone it with\)\. Provide it: on a machine with network, git clone --depth 1 --branch v7\.2\.1943 https:\/\/github\.com\/sourcegraph\/deploy-sourcegraph-k8s DIR\/deploy-sourcegraph-k8s-v7\.2\.1943, and set SG_REPLICA_KUSTOMIZE_RELEASES=DIR/,
    );
    expect(() => locateKustomizeRelease('6.0.0')).toThrow('No data for deploy-sourcegraph-k8s release 6.0.0');
  });

  it('lists the directories of the release an overlay may refer to', () => {
    const dirs = releaseKustomizations(referenceRelease().dir);
    expect(dirs).toEqual(expect.arrayContaining(['base/sourcegraph', 'base/monitoring', 'components/sizes/s', 'components/remove/pgsql/statefulset', 'components/storage-class/aws/ebs-csi', 'examples/base/xs']));
    expect(dirs).not.toContain('components');
    expect(isReleaseTree(referenceRelease().dir)).toBe(true);
    expect(releaseDirName('v7.2.1943')).toBe('deploy-sourcegraph-k8s-v7.2.1943');
  });
});

describe('gitOnPath', () => {
  it('finds an executable git on the PATH, or nothing', () => {
    const { gitOnPath } = require('../../lib/kustomize/locate-release') as typeof import('../../lib/kustomize/locate-release');
    expect(gitOnPath({ PATH: '/nonexistent:' })).toBeUndefined();
    expect(gitOnPath({ PATH: `/nonexistent:${process.env.PATH}` })).toMatch(/\/git$/);
  });
});
