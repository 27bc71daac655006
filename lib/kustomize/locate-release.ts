/**
 * Where sg-replica finds a release of Sourcegraph's Kustomize repository
 * (`deploy-sourcegraph-k8s`), the tree a customer's overlay builds on, in
 * this order:
 *
 * 1. `SG_REPLICA_KUSTOMIZE_RELEASES`: a directory of unpacked releases,
 *    `deploy-sourcegraph-k8s-v<version>/` (like `SG_REPLICA_CHARTS` for the
 *    Helm charts);
 * 2. `../shared/reference/kustomize/` next to the sg-replica checkout, when
 *    it exists (the reference copy);
 * 3. the cache (`<cache>/kustomize/deploy-sourcegraph-k8s-v<version>/`),
 *    filled on first use by `git clone --depth 1 --branch v<version>` of
 *    the repository (online), the same tree `kubectl kustomize` would fetch
 *    for each remote reference of the overlay, fetched once.
 *
 * With a local copy, rendering needs no network. Nothing is skipped
 * silently: when no copy can be had, {@link KustomizeReleaseNotFoundError}
 * says what was tried and how to provide one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { packageRoot } from '../render/charts';
import { cacheDir } from '../render/tools';
import { KUSTOMIZE_REPOSITORY, KUSTOMIZE_REPOSITORY_NAME, kustomizeRelease } from './releases';
import { KUSTOMIZATION_FILE_NAMES } from '../catalog/kustomize-releases';

/** Environment variable naming a directory of unpacked releases. */
export const KUSTOMIZE_RELEASES_ENV = 'SG_REPLICA_KUSTOMIZE_RELEASES';

/** An unpacked release and where it was found. */
export interface LocatedKustomizeRelease {
  /** e.g. `7.2.1943`. */
  readonly version: string;
  readonly dir: string;
  /** `env` (SG_REPLICA_KUSTOMIZE_RELEASES), `reference` (../shared/reference/kustomize), `cache` (cloned earlier or now). */
  readonly source: 'env' | 'reference' | 'cache';
}

/** No copy of the release could be found or cloned; the message says how to provide one. */
export class KustomizeReleaseNotFoundError extends Error {
  constructor(version: string, tried: readonly string[]) {
    super(
      `deploy-sourcegraph-k8s ${version} not found (tried: ${tried.join('; ')}). Provide it: on a machine with network, ` +
        `git clone --depth 1 --branch v${version} ${KUSTOMIZE_REPOSITORY} DIR/${releaseDirName(version)}, ` +
        `and set ${KUSTOMIZE_RELEASES_ENV}=DIR (or let sg-replica clone it into its cache, ${join(cacheDir(), 'kustomize')}, when it has network and git)`,
    );
    this.name = 'KustomizeReleaseNotFoundError';
  }
}

/** `deploy-sourcegraph-k8s-v7.2.1943` */
export function releaseDirName(version: string): string {
  return `${KUSTOMIZE_REPOSITORY_NAME}-v${version.replace(/^v/, '')}`;
}

/** `../shared/reference/kustomize` next to the checkout. */
export function referenceKustomizeDir(): string {
  return resolve(packageRoot(), '..', 'shared', 'reference', 'kustomize');
}

/** True when `dir` looks like a release tree: `base/` and `components/` directories. */
export function isReleaseTree(dir: string): boolean {
  try {
    return statSync(join(dir, 'base')).isDirectory() && statSync(join(dir, 'components')).isDirectory();
  } catch {
    return false;
  }
}

/** A `git` executable on the PATH of `env`, or undefined. */
export function gitOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'git');
    try {
      if (statSync(candidate).isFile() && (statSync(candidate).mode & 0o111) !== 0) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Options of {@link locateKustomizeRelease}. */
export interface LocateKustomizeReleaseOptions {
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Directory of reference copies. @default referenceKustomizeDir() */
  readonly referenceDir?: string;
  /** Where cloned releases are kept. @default `<cacheDir()>/kustomize` */
  readonly cacheDir?: string;
  /** A git binary to clone with; without it nothing is cloned. @default none */
  readonly git?: string;
  /** Repository to clone from. @default KUSTOMIZE_REPOSITORY */
  readonly repository?: string;
}

/**
 * The unpacked release `version` of deploy-sourcegraph-k8s, from
 * SG_REPLICA_KUSTOMIZE_RELEASES, the reference copies, or the cache
 * (cloning it with `git` when a git binary is given and the repository can
 * be reached).
 *
 * @throws KustomizeReleaseNotFoundError saying what was tried and how to
 *   provide the release; Error for a version sg-replica has no data for.
 */
export function locateKustomizeRelease(version: string, options: LocateKustomizeReleaseOptions = {}): LocatedKustomizeRelease {
  const release = kustomizeRelease(version);
  const env = options.env ?? process.env;
  const name = releaseDirName(release.version);
  const tried: string[] = [];
  const fromEnv = env[KUSTOMIZE_RELEASES_ENV];
  if (fromEnv) {
    const dir = join(fromEnv, name);
    if (isReleaseTree(dir)) return { version: release.version, dir, source: 'env' };
    tried.push(`${KUSTOMIZE_RELEASES_ENV}=${fromEnv} has no ${name}/`);
  } else {
    tried.push(`${KUSTOMIZE_RELEASES_ENV} not set`);
  }
  const reference = options.referenceDir ?? referenceKustomizeDir();
  if (existsSync(reference)) {
    const dir = join(reference, name);
    if (isReleaseTree(dir)) return { version: release.version, dir, source: 'reference' };
    tried.push(`${reference} has no ${name}/`);
  } else {
    tried.push(`no ${reference}`);
  }
  const cache = options.cacheDir ?? join(cacheDir(env), 'kustomize');
  const cached = join(cache, name);
  if (isReleaseTree(cached)) return { version: release.version, dir: cached, source: 'cache' };
  if (!options.git) {
    tried.push('no git binary to clone it with');
  } else {
    const cloned = clone(options.git, options.repository ?? KUSTOMIZE_REPOSITORY, release.tag, cache, name);
    if (typeof cloned !== 'string') return { version: release.version, dir: cloned.dir, source: 'cache' };
    tried.push(cloned);
  }
  throw new KustomizeReleaseNotFoundError(release.version, tried);
}

/** Clones `tag` of `repository` into `<cache>/<name>`, complete or not at all (staged, then renamed). */
function clone(git: string, repository: string, tag: string, cache: string, name: string): { dir: string } | string {
  mkdirSync(cache, { recursive: true });
  const staging = join(cache, `.clone-${name}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    execFileSync(git, ['clone', '--quiet', '--depth', '1', '--branch', tag, '--', repository, staging], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
      encoding: 'utf8',
      // Never prompt for credentials: a clone that needs them fails with a message instead.
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    const stderr = String((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n').pop();
    return `git clone of ${repository} at ${tag} failed (${stderr})`;
  }
  rmSync(join(staging, '.git'), { recursive: true, force: true });
  const target = join(cache, name);
  if (!existsSync(target)) renameSync(staging, target);
  rmSync(staging, { recursive: true, force: true });
  return isReleaseTree(target) ? { dir: target } : `the clone of ${repository} at ${tag} has no base/ and components/`;
}

/**
 * Every directory of the release that holds a kustomization file, relative
 * to the release root with `/` separators (`base/sourcegraph`,
 * `components/sizes/xs`, ...): what an overlay may refer to.
 */
export function releaseKustomizations(releaseDir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number) => {
    if (depth > 8) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(join(releaseDir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && KUSTOMIZATION_FILE_NAMES.includes(e.name))) out.push(rel);
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) walk(rel ? `${rel}/${e.name}` : e.name, depth + 1);
  };
  for (const top of ['base', 'components', 'examples']) walk(top, 1);
  return out.sort();
}

/** The file names kustomize accepts for a kustomization, in the order it looks for them. */
export { KUSTOMIZATION_FILE_NAMES };
