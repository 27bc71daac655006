/**
 * Stages a read overlay for `kubectl kustomize`: a private copy of the
 * overlay whose references into Sourcegraph's release point at the local
 * copy of the release, so the render needs no network and never reads the
 * customer's files in place (nor anything next to them).
 *
 *   <staging>/release  -> the local release (a symbolic link)
 *   <staging>/overlay/ -> the overlay's files; in its kustomizations,
 *                         `https://github.com/sourcegraph/deploy-sourcegraph-k8s/components/sizes/s?ref=v7.2.1943`
 *                         and `../../components/sizes/s` become
 *                         `../release/components/sizes/s`
 *
 * Kustomize refuses absolute paths in `resources`/`components`, hence the
 * link and relative paths. Comments and layout of the kustomizations are
 * kept (only the rewritten entries change).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { Overlay } from './overlay';

/** A staged overlay; `cleanup()` removes it. */
export interface StagedOverlay {
  /** The staging root. */
  readonly root: string;
  /** The staged overlay directory (what `kubectl kustomize` builds). */
  readonly overlayDir: string;
  /** Removes the staging directory. */
  cleanup(): void;
}

/** Name of the link to the release inside the staging root. */
export const STAGED_RELEASE = 'release';
/** Name of the overlay copy inside the staging root. */
export const STAGED_OVERLAY = 'overlay';

/** The entry that replaces a release reference in a kustomization at `dir` (relative to the overlay root). */
export function stagedReleasePath(dir: string, releasePath: string): string {
  return posix.relative(posix.join(STAGED_OVERLAY, dir), posix.join(STAGED_RELEASE, releasePath));
}

/**
 * The staged text of each kustomization of `overlay` (by its path relative
 * to the overlay root), release references rewritten. Pure.
 */
export function rewrittenKustomizations(overlay: Overlay): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of overlay.kustomizations) {
    const refs = overlay.references.filter((r) => r.file === file && r.target.kind === 'release');
    if (refs.length === 0) continue;
    const doc = file.doc.clone();
    for (const r of refs) {
      if (r.target.kind !== 'release') continue;
      doc.setIn([r.field, r.index], stagedReleasePath(file.dir, r.target.releasePath));
    }
    out.set(file.rel, String(doc));
  }
  return out;
}

/**
 * Copies `overlay` into a new staging directory (under `parent`, default the
 * system's temp directory) with its release references rewritten to
 * `releaseDir`.
 *
 * @throws Error when the overlay has errors (stage only a clean overlay).
 */
export function stageOverlay(overlay: Overlay, releaseDir: string, parent: string = tmpdir()): StagedOverlay {
  if (overlay.problems.some((p) => p.severity === 'error')) throw new Error('stageOverlay: the overlay has errors; report them instead of rendering');
  mkdirSync(parent, { recursive: true });
  const root = mkdtempSync(join(parent, 'sg-replica-kustomize-'));
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  try {
    symlinkSync(releaseDir, join(root, STAGED_RELEASE), 'dir');
    const overlayDir = join(root, STAGED_OVERLAY);
    mkdirSync(overlayDir);
    const rewritten = rewrittenKustomizations(overlay);
    for (const rel of overlay.files) {
      const target = join(overlayDir, rel);
      mkdirSync(dirname(target), { recursive: true });
      const text = rewritten.get(rel);
      if (text !== undefined) writeFileSync(target, text);
      else copyFileSync(join(overlay.dir, rel), target);
    }
    return { root, overlayDir, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}
