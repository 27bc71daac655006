/**
 * Reads a customer's Kustomize overlay: the directory with their
 * `kustomization.yaml` (and the nested kustomizations, patches and files it
 * uses), handed over like a Helm override file. Every kustomization reachable
 * from the root is parsed with positions, and every reference to another
 * kustomization is resolved:
 *
 * - into the overlay (a nested directory or a file): kept;
 * - into Sourcegraph's release, by remote URL
 *   (`https://github.com/sourcegraph/deploy-sourcegraph-k8s/components/sizes/s?ref=v7.2.1943`)
 *   or, for an overlay made in a fork's `instances/<name>/` as Sourcegraph's
 *   docs describe, by a relative path that climbs out of the overlay
 *   (`../../components/sizes/s`): mapped onto the local copy of the release;
 * - anywhere else: refused (nothing outside the overlay directory and the
 *   release is read), or, for other remote URLs, left to `kubectl kustomize`
 *   to fetch, with a warning.
 *
 * Reading only: nothing is written (see stage-overlay.ts).
 */
import { Dirent, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { closestMatches, editDistance } from '../catalog/suggest';
import { DesignProblem, FieldPath, formatValue } from '../design/problems';
import { KUSTOMIZATION_FILE_NAMES, releaseKustomizations } from './locate-release';
import { KustomizeRelease } from './releases';
import { parseReference, releaseUrl } from './remote-reference';
import { parsePositioned, PositionedYaml, problemAt, ProblemText } from './yaml-positions';

/** Most files an overlay may hold (a guard against handing over a whole repository). */
export const MAX_OVERLAY_FILES = 500;
/** Most bytes an overlay may hold. */
export const MAX_OVERLAY_BYTES = 20 * 1024 * 1024;

/** A kustomization file of the overlay, parsed. */
export interface KustomizationFile extends PositionedYaml {
  /** Path relative to the overlay root, `/`-separated, e.g. `kustomization.yaml`, `custom/kustomization.yaml`. */
  readonly rel: string;
  /** Its directory relative to the overlay root (`''` for the root). */
  readonly dir: string;
  /** The document as plain data (a map). */
  readonly content: Readonly<Record<string, unknown>>;
}

/** Fields whose entries refer to other kustomizations or resource files. */
export const REFERENCE_FIELDS = ['resources', 'components', 'bases'] as const;
export type ReferenceField = (typeof REFERENCE_FIELDS)[number];

/** Where a reference leads. */
export type ReferenceTarget =
  | { readonly kind: 'release'; readonly releasePath: string; readonly isDir: boolean; readonly via: 'url' | 'relative'; readonly fork?: string }
  | { readonly kind: 'overlay'; readonly rel: string; readonly isDir: boolean }
  | { readonly kind: 'remote'; readonly url: string }
  | { readonly kind: 'unresolved' };

/** One entry of `resources`, `components` or `bases`. */
export interface ReferenceEntry {
  readonly file: KustomizationFile;
  readonly field: ReferenceField;
  readonly index: number;
  /** The entry as written. */
  readonly value: string;
  readonly target: ReferenceTarget;
}

/** A read overlay. */
export interface Overlay {
  /** Absolute path of the overlay directory. */
  readonly dir: string;
  /** Every regular file of the overlay, relative, `/`-separated. */
  readonly files: readonly string[];
  /** Every kustomization reachable from the root; the root first. */
  readonly kustomizations: readonly KustomizationFile[];
  readonly references: readonly ReferenceEntry[];
  /** Everything wrong, with file, line and column. */
  readonly problems: readonly DesignProblem[];
}

/** What resolving needs besides the overlay. */
export interface ReadOverlayOptions {
  /** The local copy of the release the overlay builds on. */
  readonly releaseDir: string;
  readonly release: KustomizeRelease;
  /** Directory messages show file paths relative to. @default process.cwd() */
  readonly displayBase?: string;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kustomizationIn(absDir: string): string | undefined {
  return KUSTOMIZATION_FILE_NAMES.find((name) => {
    try {
      return statSync(join(absDir, name)).isFile();
    } catch {
      return false;
    }
  });
}

/** Lists the overlay's regular files; symlinks and oversize overlays are problems. */
function listFiles(root: string, display: (rel: string) => string): { files: string[]; problems: DesignProblem[] } {
  const files: string[] = [];
  const problems: DesignProblem[] = [];
  let bytes = 0;
  const walk = (rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch (e) {
      problems.push({ severity: 'error', file: display(rel || '.'), field: '', message: `cannot read the directory: ${(e as Error).message}` });
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.name === '.git') continue;
      if (e.isSymbolicLink()) {
        problems.push({ severity: 'error', file: display(child), field: '', message: 'is a symbolic link: an overlay is handed over as plain files (copy the target into the overlay)' });
      } else if (e.isDirectory()) {
        walk(child);
      } else if (e.isFile()) {
        files.push(child);
        bytes += lstatSync(join(root, child)).size;
      }
      if (files.length > MAX_OVERLAY_FILES) return;
    }
  };
  walk('');
  if (files.length > MAX_OVERLAY_FILES) {
    problems.push({ severity: 'error', file: display('.'), field: '', message: `holds more than ${MAX_OVERLAY_FILES} files: hand over the overlay directory, not a whole repository` });
  } else if (bytes > MAX_OVERLAY_BYTES) {
    problems.push({ severity: 'error', file: display('.'), field: '', message: `holds ${Math.round(bytes / 1024 / 1024)} MB; an overlay is at most ${MAX_OVERLAY_BYTES / 1024 / 1024} MB` });
  }
  return { files, problems };
}

/** `a/b/../c` relative to the overlay root, or undefined when it climbs out. */
function withinOverlay(dir: string, entry: string): string | undefined {
  const joined = posix.normalize(posix.join(dir || '.', entry));
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) return undefined;
  return joined === '.' ? '' : joined;
}

/** The release path an escaping relative entry means in a fork's `instances/<name>/` layout: what is left after climbing out. */
function climbedOut(dir: string, entry: string): string | undefined {
  const joined = posix.normalize(posix.join(dir || '.', entry));
  if (!joined.startsWith('../')) return undefined;
  const rest = joined.replace(/^(\.\.\/)+/, '');
  return rest === '' || rest.startsWith('..') ? undefined : rest;
}

function pathKind(abs: string): 'dir' | 'file' | undefined {
  try {
    const st = statSync(abs);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/** Local file paths a kustomization names besides its references (patches, generator files, ...), with their place. */
export function localFileFields(content: Readonly<Record<string, unknown>>): { path: FieldPath; value: string }[] {
  const out: { path: FieldPath; value: string }[] = [];
  const str = (v: unknown): v is string => typeof v === 'string' && v !== '' && !v.includes('\n');
  const list = (field: string, pick: (item: unknown, i: number) => void) => {
    const items = content[field];
    if (Array.isArray(items)) items.forEach(pick);
  };
  list('patches', (p, i) => isMap(p) && str(p.path) && out.push({ path: ['patches', i, 'path'], value: p.path }));
  list('patchesJson6902', (p, i) => isMap(p) && str(p.path) && out.push({ path: ['patchesJson6902', i, 'path'], value: p.path }));
  list('patchesStrategicMerge', (p, i) => str(p) && !/^\s*[\w$-]+:/.test(p) && out.push({ path: ['patchesStrategicMerge', i], value: p }));
  list('replacements', (p, i) => isMap(p) && str(p.path) && out.push({ path: ['replacements', i, 'path'], value: p.path }));
  for (const field of ['crds', 'configurations']) list(field, (p, i) => str(p) && out.push({ path: [field, i], value: p }));
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    list(field, (g, i) => {
      if (!isMap(g)) return;
      for (const key of ['files', 'envs']) {
        if (Array.isArray(g[key])) (g[key] as unknown[]).forEach((f, j) => str(f) && out.push({ path: [field, i, key, j], value: f.includes('=') ? f.slice(f.indexOf('=') + 1) : f }));
      }
      if (str(g.env)) out.push({ path: [field, i, 'env'], value: g.env });
    });
  }
  const openapi = content.openapi;
  if (isMap(openapi) && str(openapi.path)) out.push({ path: ['openapi', 'path'], value: openapi.path });
  for (const field of ['generators', 'transformers', 'validators']) list(field, (p, i) => str(p) && !/^\s*[\w$-]+:/.test(p) && out.push({ path: [field, i], value: p }));
  return out;
}

/**
 * Reads the overlay at `overlayDir` and resolves its references against the
 * release at `options.releaseDir`. Never throws for problems in the overlay:
 * they come back in `problems`.
 */
export function readOverlay(overlayDir: string, options: ReadOverlayOptions): Overlay {
  const root = resolve(overlayDir);
  const base = options.displayBase ?? process.cwd();
  const display = (rel: string) => relative(base, join(root, rel)) || '.';
  const problems: DesignProblem[] = [];
  const empty = (p: DesignProblem): Overlay => ({ dir: root, files: [], kustomizations: [], references: [], problems: [p] });
  if (pathKind(root) !== 'dir') return empty({ severity: 'error', file: display('.'), field: '', message: 'overlay directory not found', allowed: "a directory holding the customer's kustomization.yaml" });
  if (!kustomizationIn(root)) {
    return empty({ severity: 'error', file: display('.'), field: '', message: `no kustomization file in the overlay directory (looked for ${KUSTOMIZATION_FILE_NAMES.join(', ')})` });
  }
  const listing = listFiles(root, display);
  problems.push(...listing.problems);
  if (listing.problems.some((p) => p.severity === 'error' && /holds/.test(p.message))) return { dir: root, files: [], kustomizations: [], references: [], problems };

  const releaseDirs = releaseKustomizations(options.releaseDir);
  const kustomizations: KustomizationFile[] = [];
  const references: ReferenceEntry[] = [];
  const queue: string[] = [''];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const dir = queue.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const name = kustomizationIn(join(root, dir))!;
    const rel = dir ? `${dir}/${name}` : name;
    const parsed = parsePositioned(readFileSync(join(root, rel), 'utf8'), display(rel));
    problems.push(...parsed.problems);
    if (!parsed.yaml) continue;
    const content = parsed.yaml.doc.toJS({ maxAliasCount: 100 }) as unknown;
    const file: KustomizationFile = { ...parsed.yaml, rel, dir, content: isMap(content) ? content : {} };
    const at = (path: FieldPath, text: ProblemText, atKey = false) => problems.push(problemAt(file, path, text, atKey));
    if (!isMap(content)) {
      at([], { severity: 'error', message: 'a kustomization must be a YAML map (resources: ..., components: ..., ...)' });
      continue;
    }
    kustomizations.push(file);
    if (dir === '' && content.kind === 'Component') {
      at(['kind'], { severity: 'error', message: 'the overlay root is a Component; it must be a Kustomization that lists the release as resources', got: '"Component"', allowed: 'Kustomization' });
    }
    if (content.helmCharts !== undefined || content.helmGlobals !== undefined) {
      at([content.helmCharts !== undefined ? 'helmCharts' : 'helmGlobals'], { severity: 'error', message: 'Helm charts inside a Kustomize overlay need `kustomize build --enable-helm`, which sg-replica does not run: render the chart into the overlay as plain resources' }, true);
    }
    for (const field of REFERENCE_FIELDS) {
      const items = content[field];
      if (items === undefined) continue;
      if (!Array.isArray(items)) {
        at([field], { severity: 'error', message: `${field} must be a list of paths or URLs`, got: formatValue(items) });
        continue;
      }
      items.forEach((value, index) => {
        if (typeof value !== 'string' || value.trim() === '') {
          at([field, index], { severity: 'error', message: 'must be a path or URL', got: formatValue(value) });
          return;
        }
        const target = resolveReference(file, field, value, { ...options, root, releaseDirs }, (text) => at([field, index], text));
        references.push({ file, field, index, value, target });
        if (target.kind === 'overlay' && target.isDir) {
          if (!kustomizationIn(join(root, target.rel))) at([field, index], { severity: 'error', message: `the directory ${target.rel} of the overlay has no kustomization file`, got: JSON.stringify(value) });
          else queue.push(target.rel);
        }
      });
    }
    for (const { path, value } of localFileFields(content)) {
      if (parseReference(value).kind !== 'local') {
        at(path, { severity: 'warning', message: 'a remote file: kubectl kustomize fetches it from the network when rendering, so the replica gets whatever it serves then', got: JSON.stringify(value) });
        continue;
      }
      const inside = withinOverlay(dir, value);
      if (inside === undefined) {
        at(path, { severity: 'error', message: 'refers to a file outside the overlay directory: hand over the overlay with every file it uses inside it', got: JSON.stringify(value) });
      } else if (!pathKind(join(root, inside))) {
        at(path, { severity: 'error', message: `no such file in the overlay (${inside})`, got: JSON.stringify(value) });
      }
    }
  }
  return { dir: root, files: listing.files, kustomizations, references, problems };
}

interface ResolveContext extends ReadOverlayOptions {
  readonly root: string;
  readonly releaseDirs: readonly string[];
}

/** Did-you-mean among the release's kustomization directories under the same top directory (`components/`, `base/`). */
function suggestReleasePaths(releasePath: string, releaseDirs: readonly string[]): string[] {
  const top = releasePath.split('/')[0];
  const candidates = releaseDirs.filter((d) => d.split('/')[0] === top);
  const close = closestMatches(releasePath, candidates, 3);
  if (close.length > 0) {
    // Only the closest: `sizes/xss` means xs, not xl or s.
    const best = Math.min(...close.map((c) => editDistance(releasePath, c)));
    return close.filter((c) => editDistance(releasePath, c) === best || c.startsWith(releasePath));
  }
  // A typo in one segment of a long path (`components/storge-class/aws/ebs-csi`): match segment by segment.
  const parts = releasePath.split('/');
  return candidates
    .filter((c) => {
      const cp = c.split('/');
      if (cp.length !== parts.length) return false;
      const differing = cp.flatMap((segment, i) => (segment === parts[i] ? [] : [[segment, parts[i]] as const]));
      return differing.length === 1 && closestMatches(differing[0][1], [differing[0][0]]).length > 0;
    })
    .slice(0, 3);
}

function resolveReference(file: KustomizationFile, field: ReferenceField, value: string, ctx: ResolveContext, report: (text: ProblemText) => void): ReferenceTarget {
  const ref = parseReference(value);
  const tag = ctx.release.tag;
  const inRelease = (releasePath: string, via: 'url' | 'relative', shown: (p: string) => string, fork?: string): ReferenceTarget => {
    const kind = pathKind(join(ctx.releaseDir, releasePath));
    if (kind === 'dir' && ctx.releaseDirs.includes(releasePath)) return { kind: 'release', releasePath, isDir: true, via, ...(fork && { fork }) };
    if (kind === 'file' && field === 'resources') return { kind: 'release', releasePath, isDir: false, via, ...(fork && { fork }) };
    const suggestions = suggestReleasePaths(releasePath, ctx.releaseDirs);
    const what = releasePath.startsWith('components/') ? 'component' : releasePath.startsWith('base/') ? 'base' : 'path';
    report({
      severity: 'error',
      message: `unknown ${what} ${releasePath} in deploy-sourcegraph-k8s ${tag}${suggestions.length > 0 ? `, did you mean ${suggestions.map((s) => JSON.stringify(shown(s))).join(' or ')}?` : ''}`,
      got: JSON.stringify(value),
      allowed: `a directory of the release with a kustomization file (${what === 'component' ? 'components/sizes/s, components/storage-class/sourcegraph, ...' : 'base/sourcegraph, base/monitoring, ...'})`,
    });
    return { kind: 'unresolved' };
  };
  if (ref.kind === 'release') {
    if (ref.ref === undefined) {
      report({ severity: 'error', message: `not pinned to a release: kubectl kustomize would fetch the default branch; pin it to the release the design replicates (?ref=${tag})`, got: JSON.stringify(value), allowed: releaseUrl(ref.path || 'base/sourcegraph', tag) });
      return { kind: 'unresolved' };
    }
    if (ref.ref.replace(/^v/, '') !== ctx.release.version) {
      report({
        severity: 'error',
        message: `builds on deploy-sourcegraph-k8s ${ref.ref}, but the design replicates release ${tag} (sourcegraph.version ${ctx.release.version}): one overlay must not mix releases`,
        got: JSON.stringify(ref.ref),
        allowed: `?ref=${tag}, or the design's sourcegraph.version set to the overlay's release`,
      });
      return { kind: 'unresolved' };
    }
    if (ref.fork) {
      report({
        severity: 'warning',
        message: `refers to the fork ${ref.repository}; sg-replica renders Sourcegraph's release ${tag} in its place, so changes made in the fork are not in the replica (move them into the overlay as patches)`,
        got: JSON.stringify(value),
      });
    }
    const shown = (p: string) => value.replace(ref.path, p);
    return inRelease(ref.path, 'url', ref.path !== '' && value.includes(ref.path) ? shown : (p) => p, ref.fork ? ref.repository : undefined);
  }
  if (ref.kind === 'remote') {
    report({
      severity: 'warning',
      message: 'a remote reference outside the Sourcegraph release: kubectl kustomize fetches it from the network when rendering (no offline render), and the replica gets whatever it serves then',
      got: JSON.stringify(value),
    });
    return { kind: 'remote', url: value };
  }
  if (posix.isAbsolute(ref.path) || /^[A-Za-z]:[\\/]/.test(ref.path)) {
    report({ severity: 'error', message: 'an absolute path: kustomize refuses them, and an overlay must not read outside its directory', got: JSON.stringify(value), allowed: 'a path relative to the kustomization, inside the overlay, or a release path' });
    return { kind: 'unresolved' };
  }
  const inside = withinOverlay(file.dir, ref.path);
  if (inside !== undefined) {
    const kind = pathKind(join(ctx.root, inside));
    if (kind) return { kind: 'overlay', rel: inside, isDir: kind === 'dir' };
    report({ severity: 'error', message: `no such file or directory in the overlay (${inside || '.'})`, got: JSON.stringify(value) });
    return { kind: 'unresolved' };
  }
  const releasePath = climbedOut(file.dir, ref.path);
  if (releasePath && /^(base|components|examples)(\/|$)/.test(releasePath)) {
    const prefix = ref.path.slice(0, ref.path.length - releasePath.length);
    return inRelease(releasePath, 'relative', (p) => (ref.path.endsWith(releasePath) ? `${prefix}${p}` : p));
  }
  report({
    severity: 'error',
    message: "refers outside the overlay directory to something that is not part of Sourcegraph's release: hand over everything the overlay uses inside its directory",
    got: JSON.stringify(value),
    allowed: `a path inside the overlay, a release path such as ../../components/sizes/s (overlay in a fork's instances/<name>/), or ${releaseUrl('components/sizes/s', tag)}`,
  });
  return { kind: 'unresolved' };
}
