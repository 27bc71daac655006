/**
 * Where sg-replica finds the Helm charts it renders, in this order:
 *
 * 1. `SG_REPLICA_CHARTS`: a directory of unpacked charts, `<name>-<version>/`
 *    (or `<name>/` whose Chart.yaml has the version);
 * 2. `../shared/reference/charts/` next to the sg-replica checkout, when it
 *    exists (the reference copies of the charts);
 * 3. the cache (`<cache>/charts/<name>-<version>/`), filled by
 *    `helm pull <repository> --version <version> --untar` on first use,
 *    unless `SG_REPLICA_NO_PULL=1` (the test suite sets it: tests send no
 *    traffic outside the machine).
 *
 * No chart is ever skipped silently: when none can be had,
 * {@link ChartNotFoundError} says what was tried and how to provide one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { SOURCEGRAPH_CHART_REPOSITORY } from '../catalog/chart-versions';
import { cacheDir } from './tools';

/** A chart sg-replica renders: name and the repository it is published in. */
export interface ChartSource {
  readonly name: string;
  readonly repository: string;
}

/** The charts a replica installs, by name. Versions come from the design (sourcegraph) or the constructs (controllers). */
export const CHART_SOURCES: Readonly<Record<string, ChartSource>> = {
  sourcegraph: { name: 'sourcegraph', repository: SOURCEGRAPH_CHART_REPOSITORY },
  'aws-load-balancer-controller': { name: 'aws-load-balancer-controller', repository: 'https://aws.github.io/eks-charts' },
  'ingress-nginx': { name: 'ingress-nginx', repository: 'https://kubernetes.github.io/ingress-nginx' },
};

/** An unpacked chart and where it was found. */
export interface LocatedChart {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
  /** `env` (SG_REPLICA_CHARTS), `reference` (../shared/reference/charts), `cache` (pulled earlier or now). */
  readonly source: 'env' | 'reference' | 'cache';
}

/** No chart could be found or pulled; the message says how to provide it. */
export class ChartNotFoundError extends Error {
  constructor(name: string, version: string, tried: readonly string[]) {
    const repo = CHART_SOURCES[name]?.repository ?? '<repository>';
    super(
      `chart ${name} ${version} not found (tried: ${tried.join('; ')}). Provide it: on a machine with network, ` +
        `helm pull ${name} --repo ${repo} --version ${version} --untar --untardir DIR, rename DIR/${name} to DIR/${name}-${version}, ` +
        `and set SG_REPLICA_CHARTS=DIR (or copy it to the sg-replica cache, ${join(cacheDir(), 'charts')})`,
    );
    this.name = 'ChartNotFoundError';
  }
}

/** The sg-replica checkout (or installed package) root: where package.json is. */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sg-replica') return dir;
    dir = resolve(dir, '..');
  }
  return resolve(__dirname, '..', '..');
}

/** `../shared/reference/charts` next to the checkout. */
export function referenceChartsDir(): string {
  return resolve(packageRoot(), '..', 'shared', 'reference', 'charts');
}

function chartVersionIn(dir: string): string | undefined {
  const file = join(dir, 'Chart.yaml');
  if (!existsSync(file)) return undefined;
  const chart = parse(readFileSync(file, 'utf8')) as { version?: unknown } | null;
  return chart && chart.version !== undefined ? String(chart.version) : undefined;
}

/** `<base>/<name>-<version>` or `<base>/<name>` with the version, if either holds the chart. */
function findIn(base: string, name: string, version: string): string | undefined {
  for (const dir of [join(base, `${name}-${version}`), join(base, name)]) {
    if (chartVersionIn(dir) === version) return dir;
  }
  return undefined;
}

/** Options of {@link locateChart}. */
export interface LocateChartOptions {
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** The reference directory. @default referenceChartsDir() */
  readonly referenceDir?: string;
  /** Where pulled charts are kept. @default `<cacheDir()>/charts` */
  readonly cacheDir?: string;
  /** A helm binary to pull with; without it nothing is pulled. */
  readonly helm?: string;
}

/**
 * The unpacked chart `name` at `version`, from SG_REPLICA_CHARTS, the
 * reference charts, or the cache (pulling it with `helm pull` when a helm
 * binary is given and the chart's repository can be reached).
 *
 * @throws ChartNotFoundError saying what was tried and how to provide the chart.
 */
export function locateChart(name: string, version: string, options: LocateChartOptions = {}): LocatedChart {
  const env = options.env ?? process.env;
  const tried: string[] = [];
  if (env.SG_REPLICA_CHARTS) {
    const dir = findIn(env.SG_REPLICA_CHARTS, name, version);
    if (dir) return { name, version, dir, source: 'env' };
    tried.push(`SG_REPLICA_CHARTS=${env.SG_REPLICA_CHARTS} has no ${name}-${version}/`);
  } else {
    tried.push('SG_REPLICA_CHARTS not set');
  }
  const reference = options.referenceDir ?? referenceChartsDir();
  if (existsSync(reference)) {
    const dir = findIn(reference, name, version);
    if (dir) return { name, version, dir, source: 'reference' };
    tried.push(`${reference} has no ${name}-${version}/`);
  } else {
    tried.push(`no ${reference}`);
  }
  const cache = options.cacheDir ?? join(cacheDir(env), 'charts');
  const cached = findIn(cache, name, version);
  if (cached) return { name, version, dir: cached, source: 'cache' };
  const source = CHART_SOURCES[name];
  if (!source) {
    tried.push(`no repository known for chart ${name}`);
  } else if (env.SG_REPLICA_NO_PULL === '1') {
    tried.push('pulling is off (SG_REPLICA_NO_PULL=1, as in every test run; SG_REPLICA_PULL_CHARTS=1 lets tests pull)');
  } else if (!options.helm) {
    tried.push('no helm binary to pull it with');
  } else {
    const pulled = pull(options.helm, source, version, cache);
    if (typeof pulled !== 'string') return { name, version, dir: pulled.dir, source: 'cache' };
    tried.push(pulled);
  }
  throw new ChartNotFoundError(name, version, tried);
}

function pull(helm: string, source: ChartSource, version: string, cache: string): { dir: string } | string {
  const staging = join(cache, `.pull-${source.name}-${version}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    execFileSync(helm, ['pull', source.name, '--repo', source.repository, '--version', version, '--untar', '--untardir', staging], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
      encoding: 'utf8',
    });
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    const stderr = String((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n').pop();
    return `helm pull from ${source.repository} failed (${stderr})`;
  }
  const target = join(cache, `${source.name}-${version}`);
  if (!existsSync(target)) renameSync(join(staging, source.name), target);
  rmSync(staging, { recursive: true, force: true });
  return chartVersionIn(target) === version ? { dir: target } : `helm pull gave no chart ${source.name} ${version}`;
}
