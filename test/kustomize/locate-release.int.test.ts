/** Cloning a release into the cache with the real git, from a local repository standing in for GitHub (no network). */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateKustomizeRelease } from '../../lib/kustomize/locate-release';
import { referenceRelease } from '../support/kustomize';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });

describe('locateKustomizeRelease with git', () => {
  it('clones the release tag once into the cache, complete, without .git, and reuses it', () => {
    const upstream = mkdtempSync(join(tmpdir(), 'kz-upstream-'));
    cpSync(join(referenceRelease().dir, 'base'), join(upstream, 'base'), { recursive: true });
    cpSync(join(referenceRelease().dir, 'components', 'sizes'), join(upstream, 'components', 'sizes'), { recursive: true });
    git(upstream, 'init', '-q');
    git(upstream, 'add', '.');
    git(upstream, 'commit', '-qm', 'release');
    git(upstream, 'tag', 'v7.2.1943');
    const cache = mkdtempSync(join(tmpdir(), 'kz-cache-'));
    const options = { env: {}, referenceDir: '/no/reference', cacheDir: cache, git: 'git', repository: `file://${upstream}` };
    const located = locateKustomizeRelease('7.2.1943', options);
    expect(located).toEqual({ version: '7.2.1943', dir: join(cache, 'deploy-sourcegraph-k8s-v7.2.1943'), source: 'cache' });
    expect(existsSync(join(located.dir, 'base', 'sourcegraph', 'kustomization.yaml'))).toBe(true);
    expect(existsSync(join(located.dir, '.git'))).toBe(false);
    expect(readdirSync(cache)).toEqual(['deploy-sourcegraph-k8s-v7.2.1943']);
    expect(locateKustomizeRelease('7.2.1943', { ...options, repository: 'file:///nonexistent' })).toEqual(located);
  });

  it('reports a failed clone and leaves nothing half-written', () => {
    const cache = mkdtempSync(join(tmpdir(), 'kz-cache-'));
    expect(() => locateKustomizeRelease('7.2.1943', { env: {}, referenceDir: '/no/reference', cacheDir: cache, git: 'git', repository: 'file:///nonexistent/repo' })).toThrow(/git clone of file:\/\/\/nonexistent\/repo at v7\.2\.1943 failed/);
    expect(readdirSync(cache)).toEqual([]);
  });
});
