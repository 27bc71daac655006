/**
 * Test support for the Kustomize path: the reference copy of
 * deploy-sourcegraph-k8s v7.2.1943 (../shared/reference/kustomize/, or
 * SG_REPLICA_KUSTOMIZE_RELEASES, or the cache; cloned with git when the
 * machine has network), and the example designs.
 *
 * A fresh clone without ../shared and without network fails here with
 * KustomizeReleaseNotFoundError saying how to provide the release: never a
 * silent skip.
 */
import type { DesignInput } from '../../lib/design/design-input';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { Design } from '../../lib/design/model';
import { designFromObject } from '../../lib/checks/check-design';
import { withKustomize } from '../../lib/kustomize/kustomize-design';
import { locateKustomizeRelease, LocatedKustomizeRelease } from '../../lib/kustomize/locate-release';

export const RELEASE_VERSION = '7.2.1943';

/** The reference copy of the release (or a clone), or a clear failure. */
export function referenceRelease(): LocatedKustomizeRelease {
  return locateKustomizeRelease(RELEASE_VERSION, { git: 'git' });
}

/**
 * Loads an example Kustomize design (examples/kustomize/*.yaml) until the
 * design loader knows `sourcegraph.method` and `sourcegraph.overlay`
 * (phase 2): the Kustomize fields are taken out, the rest goes through the
 * real loader (schema, rules) with a chart version in place of the release,
 * and the fields are put back.
 */
export function loadKustomizeExample(file: string): Design {
  const raw = parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  const { method, overlay, version, ...rest } = raw.sourcegraph;
  if (method !== 'kustomize' || typeof overlay !== 'string' || typeof version !== 'string') throw new Error(`${file} is not a Kustomize design`);
  const baseDir = dirname(resolve(file));
  const design = designFromObject({ ...raw, sourcegraph: { ...rest, version: '7.6.0' } } as unknown as DesignInput, { file, baseDir });
  return withKustomize(design, { path: overlay, resolvedPath: resolve(baseDir, overlay) }, version);
}

/** Writes an overlay of `files` (path -> text) into a new temporary directory and returns it. */
export function writeOverlay(files: Readonly<Record<string, string>>, name = 'overlay'): string {
  const { mkdtempSync, mkdirSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const root = mkdtempSync(join(require('node:os').tmpdir(), 'kz-test-'));
  const dir = join(root, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A remote reference to the release, as Sourcegraph's docs write it. */
export function remote(path: string, ref = `v${RELEASE_VERSION}`): string {
  return `https://github.com/sourcegraph/deploy-sourcegraph-k8s/${path}?ref=${ref}`;
}
