/** The `kubectl kustomize` output cache: what its key covers, and how entries are kept. */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCacheKey, MAX_CACHED_BUILDS, readCachedBuild, writeCachedBuild } from '../../lib/kustomize/build-cache';

/** A staged tree like renderKustomize's: an overlay and a linked release. */
function tree(): { root: string; overlay: string; release: string; kubectl: string; cache: string } {
  const base = mkdtempSync(join(tmpdir(), 'kz-cache-'));
  const release = join(base, 'release-copy');
  mkdirSync(join(release, 'base'), { recursive: true });
  writeFileSync(join(release, 'base', 'kustomization.yaml'), 'resources: [cm.yaml]\n');
  writeFileSync(join(release, 'base', 'cm.yaml'), 'kind: ConfigMap\n');
  const root = join(base, 'staged');
  const overlay = join(root, 'overlay');
  mkdirSync(overlay, { recursive: true });
  symlinkSync(release, join(root, 'release'), 'dir');
  writeFileSync(join(overlay, 'kustomization.yaml'), 'resources: [../release/base]\n');
  const kubectl = join(base, 'kubectl');
  writeFileSync(kubectl, '#!/bin/sh\n');
  chmodSync(kubectl, 0o755);
  return { root, overlay, release, kubectl, cache: join(base, 'cache') };
}

describe('buildCacheKey', () => {
  it('is the same for the same inputs, and differs when anything the build reads differs', () => {
    const t = tree();
    const key = () => buildCacheKey(t.overlay, t.kubectl, { dir: t.cache, inputs: t.root }, {});
    const first = key();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(key()).toBe(first);
    const seen = new Set([first]);
    const changed = (what: string, edit: () => void) => {
      edit();
      const k = key();
      expect([what, seen.has(k!)]).toEqual([what, false]);
      seen.add(k!);
    };
    changed('an overlay file', () => writeFileSync(join(t.overlay, 'kustomization.yaml'), 'resources: [../release/base]\nnamespace: x\n'));
    changed('a file of the linked release', () => writeFileSync(join(t.release, 'base', 'cm.yaml'), 'kind: ConfigMap\nmetadata: {name: b}\n'));
    changed('a new file', () => writeFileSync(join(t.overlay, 'patch.yaml'), ''));
    changed('an empty directory', () => mkdirSync(join(t.overlay, 'empty')));
    changed('kubectl (another build of it)', () => utimesSync(t.kubectl, new Date('2026-01-01'), new Date('2026-01-01')));
    // The same inputs built from another directory of them are another build.
    expect(seen.has(buildCacheKey(t.root, t.kubectl, { dir: t.cache, inputs: t.root }, {})!)).toBe(false);
  });

  it('does not depend on where the inputs are staged (a new temporary directory each render)', () => {
    const a = tree();
    const b = tree();
    expect(buildCacheKey(a.overlay, a.kubectl, { dir: a.cache, inputs: a.root }, {})).not.toBe(buildCacheKey(b.overlay, b.kubectl, { dir: b.cache, inputs: b.root }, {})); // two kubectl files
    expect(buildCacheKey(a.overlay, a.kubectl, { dir: a.cache, inputs: a.root }, {})).toBe(buildCacheKey(b.overlay, a.kubectl, { dir: b.cache, inputs: b.root }, {}));
  });

  it("takes the environment in only for the names a bare line could read (kustomize fills an env file's `KEY` line from it)", () => {
    const t = tree();
    const key = (env: NodeJS.ProcessEnv) => buildCacheKey(t.overlay, t.kubectl, { dir: t.cache, inputs: t.root }, env);
    expect(key({ HOME: '/a', OTHER: '1' })).toBe(key({ HOME: '/b' }));
    writeFileSync(join(t.overlay, 'app.env'), 'A=1\nDB_PASSWORD\n');
    expect(key({ DB_PASSWORD: 'one', HOME: '/a' })).not.toBe(key({ DB_PASSWORD: 'two', HOME: '/a' }));
    expect(key({ DB_PASSWORD: '' })).not.toBe(key({}));
    expect(key({ DB_PASSWORD: 'one', HOME: '/a' })).toBe(key({ DB_PASSWORD: 'one', HOME: '/b' }));
  });

  it('gives no key (the build just runs) for a directory loop, a missing kubectl or a missing directory', () => {
    const t = tree();
    symlinkSync(t.root, join(t.overlay, 'loop'), 'dir');
    expect(buildCacheKey(t.overlay, t.kubectl, { dir: t.cache, inputs: t.root }, {})).toBeUndefined();
    const u = tree();
    expect(buildCacheKey(u.overlay, join(u.root, 'no-kubectl'), { dir: u.cache, inputs: u.root }, {})).toBeUndefined();
    expect(buildCacheKey(join(u.root, 'gone'), u.kubectl, { dir: u.cache }, {})).toBeUndefined();
  });
});

describe('readCachedBuild and writeCachedBuild', () => {
  it('read back what was written, and nothing for another key', () => {
    const t = tree();
    const key = 'a'.repeat(64);
    expect(readCachedBuild({ dir: t.cache }, key)).toBeUndefined();
    writeCachedBuild({ dir: t.cache }, key, 'kind: ConfigMap\n');
    expect(readCachedBuild({ dir: t.cache }, key)).toBe('kind: ConfigMap\n');
    expect(readCachedBuild({ dir: t.cache }, 'b'.repeat(64))).toBeUndefined();
    expect(readdirSync(t.cache)).toEqual([`${key}.yaml`]); // no staging file left behind
    // Owner only: a build holds the overlay's generated Secrets.
    expect((statSync(join(t.cache, `${key}.yaml`)).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(t.cache).mode & 0o777).toString(8)).toBe('700');
    // A directory made earlier with the default mode is closed too.
    chmodSync(t.cache, 0o755);
    writeCachedBuild({ dir: t.cache }, 'd'.repeat(64), 'kind: Secret\n');
    expect((statSync(t.cache).mode & 0o777).toString(8)).toBe('700');
  });

  it(`keep the newest ${MAX_CACHED_BUILDS} entries`, () => {
    const t = tree();
    const key = (i: number) => i.toString(16).padStart(64, '0');
    for (let i = 0; i < MAX_CACHED_BUILDS + 3; i++) {
      writeCachedBuild({ dir: t.cache }, key(i), `${i}\n`);
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
      utimesSync(join(t.cache, `${key(i)}.yaml`), at, at);
    }
    writeCachedBuild({ dir: t.cache }, key(0), 'again\n'); // rewritten: now the newest
    const kept = readdirSync(t.cache).sort();
    expect(kept).toHaveLength(MAX_CACHED_BUILDS);
    expect(kept).toContain(`${key(0)}.yaml`);
    expect(kept).not.toContain(`${key(1)}.yaml`);
    expect(kept).toContain(`${key(MAX_CACHED_BUILDS + 2)}.yaml`);
  });

  it('never fail the build when the cache cannot be written', () => {
    const t = tree();
    writeFileSync(t.cache, 'a file where the cache directory should be');
    expect(() => writeCachedBuild({ dir: t.cache }, 'c'.repeat(64), 'x')).not.toThrow();
    expect(statSync(t.cache).isFile()).toBe(true);
  });
});
