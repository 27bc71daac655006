/**
 * A content-addressed cache of `kubectl kustomize` output: the same inputs
 * always render the same manifests, so a build whose inputs were rendered
 * before is read back instead of run again. One `sg-replica synth` of a
 * Kustomize design renders the overlay twice (validation, then the stack),
 * and `validate` again after an unrelated edit of the design renders
 * nothing new.
 *
 * The key is a SHA-256 over everything the build reads: the kubectl binary
 * (its real path, size and modification time), the built directory's place in
 * its inputs, and every file of the inputs' tree (path and content, symbolic
 * links followed: the staged release is one), and the environment values a
 * generator's env file may take: older kustomize releases fill a `KEY` line
 * with no `=` from kubectl's environment (api/kv/kv.go: "The value will be
 * retrieved from the environment if necessary"; kustomize 5.6 in kubectl 1.33
 * leaves it empty, measured in kustomize-build.int.test.ts), and a kubectl
 * from the PATH may be older, so every bare-identifier line of the inputs
 * puts that variable's value in the key. Builds that read the network (an
 * overlay with a remote reference) are never cached: the caller leaves the
 * cache out. Failed builds are never cached. Entries are written whole
 * (temporary file + rename), so a reader never sees half of one, readable by
 * the owner only (a build holds the overlay's generated Secrets); the newest
 * {@link MAX_CACHED_BUILDS} are kept.
 */
import { createHash, type Hash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Where builds are cached, and what a build reads. */
export interface KustomizeBuildCache {
  /** Directory of the cached builds (created when needed). */
  readonly dir: string;
  /** The directory whose whole tree is the build's input. @default the built directory */
  readonly inputs?: string;
}

/** Cached builds kept; older ones are removed when a new one is written. */
export const MAX_CACHED_BUILDS = 64;
/** A tree with more files or bytes than this is not cached (hashing it would cost more than it saves). */
export const MAX_CACHED_INPUT_FILES = 20_000;
export const MAX_CACHED_INPUT_BYTES = 64 * 1024 * 1024;
/** Bumped when the key's recipe or the entry format changes. */
const KEY_VERSION = 'sg-replica kustomize build cache v1';

/**
 * The cache key of building `dir` with `kubectl`, or undefined when the
 * build cannot be keyed (a missing kubectl, an unreadable or oversized tree,
 * a directory loop): then it simply runs.
 */
export function buildCacheKey(dir: string, kubectl: string, cache: KustomizeBuildCache, env: NodeJS.ProcessEnv): string | undefined {
  try {
    const tool = realpathSync(kubectl);
    const toolStat = statSync(tool);
    const inputs = cache.inputs ?? dir;
    const hash = createHash('sha256');
    hash.update(`${KEY_VERSION}\0${tool}\0${toolStat.size}\0${toolStat.mtimeMs}\0${relative(inputs, dir)}\0`);
    const walk: TreeWalk = { files: MAX_CACHED_INPUT_FILES, bytes: MAX_CACHED_INPUT_BYTES, bareNames: new Set() };
    if (!hashTree(hash, inputs, '', new Set(), walk)) return undefined;
    for (const name of [...walk.bareNames].sort()) hash.update(`e\0${name}\0${env[name] === undefined ? '\u0001' : `=${env[name]}`}\0`);
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}

/** What a walk of the inputs has left of its budget, and the bare-identifier lines it met. */
interface TreeWalk {
  files: number;
  bytes: number;
  readonly bareNames: Set<string>;
}

/** A line that is only an identifier: in an env file, kustomize takes its value from the environment. */
const BARE_NAME_LINE = /^[ \t]*([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*\r?$/gm;

/** Adds `dir`'s tree to `hash`; false when it is over budget or loops. */
function hashTree(hash: Hash, dir: string, rel: string, ancestors: Set<string>, walk: TreeWalk): boolean {
  const real = realpathSync(dir);
  if (ancestors.has(real)) return false;
  const inside = new Set(ancestors).add(real);
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const entryRel = rel === '' ? name : `${rel}/${name}`;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      hash.update(`d\0${entryRel}\0`);
      if (!hashTree(hash, path, entryRel, inside, walk)) return false;
    } else if (stat.isFile()) {
      walk.files -= 1;
      walk.bytes -= stat.size;
      if (walk.files < 0 || walk.bytes < 0) return false;
      const content = readFileSync(path);
      hash.update(`f\0${entryRel}\0${stat.size}\0`);
      hash.update(content);
      for (const m of content.toString('utf8').matchAll(BARE_NAME_LINE)) walk.bareNames.add(m[1]);
    }
  }
  return true;
}

/** The cached output of `key`, or undefined. */
export function readCachedBuild(cache: KustomizeBuildCache, key: string): string | undefined {
  try {
    return readFileSync(join(cache.dir, `${key}.yaml`), 'utf8');
  } catch {
    return undefined;
  }
}

/** Stores `yaml` as the output of `key` (best effort: a cache that cannot be written is no error). */
export function writeCachedBuild(cache: KustomizeBuildCache, key: string, yaml: string): void {
  try {
    // Owner only: a build holds what the overlay generates, Secrets included (secretGenerator literals and files).
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    chmodSync(cache.dir, 0o700); // also a directory made before entries were owner-only
    const target = join(cache.dir, `${key}.yaml`);
    const staging = `${target}.${process.pid}.tmp`;
    writeFileSync(staging, yaml, { mode: 0o600 });
    renameSync(staging, target);
    pruneCachedBuilds(cache.dir);
  } catch {
    // A read-only or full cache directory: the build ran and its output is returned all the same.
  }
}

/** Removes all but the newest {@link MAX_CACHED_BUILDS} entries. */
function pruneCachedBuilds(dir: string): void {
  const entries = readdirSync(dir)
    .filter((name) => /^[0-9a-f]{64}\.yaml$/.test(name))
    .map((name) => ({ name, mtime: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of entries.slice(MAX_CACHED_BUILDS)) rmSync(join(dir, old.name), { force: true });
}
