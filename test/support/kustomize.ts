/**
 * Test support for the Kustomize path: the reference copy of
 * deploy-sourcegraph-k8s v7.2.1943 (../shared/reference/kustomize/, or
 * SG_REPLICA_KUSTOMIZE_RELEASES, or the cache; cloned with git when the
 * machine has network), and the example designs (examples/designs/).
 *
 * A fresh clone without ../shared and without network fails here with
 * KustomizeReleaseNotFoundError saying how to provide the release: never a
 * silent skip.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { Design } from '../../lib/design/model';
import { WAIVABLE_CHECKS } from '../../lib/checks/check-design';
import { buildDesign } from '../../lib/design/build-design';
import { designSchema } from '../../lib/design/design-schema';
import { checkOverlayPath } from '../../lib/design/load-design';
import { checkMethodFields } from '../../lib/design/method-rules';
import { checkRules } from '../../lib/design/rules';
import { validateShape } from '../../lib/design/validate-shape';
import { locateKustomizeRelease, LocatedKustomizeRelease } from '../../lib/kustomize/locate-release';

export const RELEASE_VERSION = '7.2.1943';

/** The reference copy of the release (or a clone), or a clear failure. */
export function referenceRelease(): LocatedKustomizeRelease {
  return locateKustomizeRelease(RELEASE_VERSION, { git: 'git' });
}

/**
 * Loads an example Kustomize design (examples/designs/*.yaml) with the
 * design file's own checks (schema, method fields, cross-field rules) but
 * without rendering its overlay: for tests that render it themselves, and
 * for unit tests (no kubectl). `loadDesign` runs everything, render included.
 *
 * @throws Error listing the design's errors.
 */
export function loadKustomizeExample(file: string): Design {
  const doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const shape = validateShape(doc, designSchema);
  const design = buildDesign(doc, { file, baseDir: dirname(resolve(file)) }, []);
  const errors = [...shape.problems, ...checkMethodFields(doc), ...checkOverlayPath(doc, design.source.baseDir), ...checkRules(design, shape.invalid, WAIVABLE_CHECKS)].filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`${file}: ${errors.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`);
  if (design.sourcegraph.method !== 'kustomize') throw new Error(`${file} is not a Kustomize design`);
  return design;
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
