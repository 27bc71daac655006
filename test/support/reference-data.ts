/**
 * Reference data for the tests that check sg-replica's derived data against
 * the public files it was derived from (the Sourcegraph charts, EKS's
 * eni-max-pods.txt). A fresh clone has no ../shared: these tests then FAIL
 * with a message saying how to provide the data; they never skip
 * (docs/VERIFICATION.md, "Tests that need reference data").
 *
 * - charts: `locateChart` (lib/render/charts.ts): SG_REPLICA_CHARTS, then
 *   ../shared/reference/charts, then the cache, which `helm pull` fills when
 *   the run may use the network (SG_REPLICA_PULL_CHARTS=1);
 * - other files: SG_REPLICA_REFERENCE (a directory laid out as
 *   shared/reference), then ../shared/reference.
 */
import * as fs from 'fs';
import * as path from 'path';
import { locateChart } from '../../lib/render/charts';

const ROOT = path.join(__dirname, '..', '..');

/** The directory of an unpacked chart; throws saying how to provide it. */
export function referenceChartDir(name: string, version: string): string {
  return locateChart(name, version).dir;
}

/** Where reference files are looked for, in order. */
export function referenceDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.SG_REPLICA_REFERENCE, path.resolve(ROOT, '..', 'shared', 'reference')].filter((d): d is string => !!d);
}

/** A reference file's path (`aws/eni-max-pods.txt`); throws naming the file, its public source and how to provide it. */
export function referenceFile(relative: string, source: string, env: NodeJS.ProcessEnv = process.env): string {
  const dirs = referenceDirs(env);
  const found = dirs.map((dir) => path.join(dir, relative)).find((file) => fs.existsSync(file));
  if (found) return found;
  throw new Error(
    `reference file ${relative} not found (tried: ${dirs.map((d) => path.join(d, relative)).join('; ')}). ` +
      `It is ${source}. Put it at <dir>/${relative} and set SG_REPLICA_REFERENCE=<dir>, or check out the project's shared/ next to this clone`,
  );
}

/**
 * Whether a chart is there without pulling it (for building a test table at
 * collection time); the tests themselves call {@link referenceChartDir}, which fails with the reason.
 */
export function chartAvailable(name: string, version: string): boolean {
  try {
    referenceChartDir(name, version);
    return true;
  } catch {
    return false;
  }
}
