/**
 * Disk sizing from the customer's codebase (`sourcegraph.codebase`), with
 * Sourcegraph's own rules. Pure.
 *
 * Rules (sourcegraph/resource-estimator, internal/scaling/scaling.go):
 * - gitserver: 1.3 x the total size of the repositories;
 * - indexed-search (Zoekt): 1.2 x total / 2 = 0.6 x total;
 * - searcher cache: at least the largest repository + 15 % of the total
 *   (`max(largest + 0.15 x total, 0.3 x total)` in the estimator).
 * Totals are split evenly over the replicas of sharded services (gitserver,
 * indexed-search); every searcher replica must hold the largest repository.
 * Sizes are rounded up to whole GiB, the codebase's GB read as GiB (7 %
 * more, on the safe side), and never go below the chart's default.
 */
import { HelmValues, mergeValues } from '../helm/merge-values';
import { Finding } from './finding';
import { GIB, formatStorage, parseBytes } from './quantity';
import { valueAt } from './workloads';
import { chartDefaults } from './chart-defaults';

/** The customer's codebase, as the design describes it (`sourcegraph.codebase`). */
export interface Codebase {
  /** Number of repositories. */
  readonly repositories: number;
  /** Total size of all repositories on disk (as cloned), GB. */
  readonly totalSizeGb: number;
  /** Size of the largest repository, GB. */
  readonly largestRepoGb: number;
}

/** Multipliers of the total repository size. */
export const STORAGE_RULES = {
  gitserver: 1.3,
  indexedSearch: 0.6,
  searcherShareOfTotal: 0.15,
  searcherFloorShareOfTotal: 0.3,
} as const;

/** What one service needs per replica, GiB (whole). */
export interface StorageNeed {
  /** Values key of the service, e.g. `gitserver`. */
  readonly key: 'gitserver' | 'indexedSearch' | 'searcher';
  readonly perReplicaGiB: number;
  readonly replicas: number;
  /** The rule, for messages. */
  readonly rule: string;
}

function replicas(values: Readonly<HelmValues>, key: string): number {
  const n = Number(valueAt(values, `${key}.replicaCount`) ?? 1);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** Per-replica disk needs of gitserver, indexed-search and searcher for `codebase`, given the values' replica counts. */
export function storageNeeds(codebase: Codebase, values: Readonly<HelmValues>): StorageNeed[] {
  const total = codebase.totalSizeGb;
  const git = replicas(values, 'gitserver');
  const zoekt = replicas(values, 'indexedSearch');
  const searcher = replicas(values, 'searcher');
  return [
    {
      key: 'gitserver',
      perReplicaGiB: Math.ceil((STORAGE_RULES.gitserver * total) / git),
      replicas: git,
      rule: `1.3 x ${total} GB total${git > 1 ? ` / ${git} replicas` : ''}`,
    },
    {
      key: 'indexedSearch',
      perReplicaGiB: Math.ceil((STORAGE_RULES.indexedSearch * total) / zoekt),
      replicas: zoekt,
      rule: `0.6 x ${total} GB total${zoekt > 1 ? ` / ${zoekt} replicas` : ''}`,
    },
    {
      key: 'searcher',
      perReplicaGiB: Math.ceil(
        Math.max(codebase.largestRepoGb + STORAGE_RULES.searcherShareOfTotal * total, STORAGE_RULES.searcherFloorShareOfTotal * total),
      ),
      replicas: searcher,
      rule: `largest repo ${codebase.largestRepoGb} GB + 15 % of ${total} GB total`,
    },
  ];
}

/**
 * `storageSize` values for gitserver, indexed-search and searcher sized for
 * `codebase`. `base` is what these values go over (the chart's defaults, with
 * the size preset if any): its replica counts split the totals, and its
 * sizes are a floor.
 *
 * @throws Error when a codebase number is negative or not finite.
 */
export function codebaseStorageValues(codebase: Codebase, base: Readonly<HelmValues>): HelmValues {
  checkCodebase(codebase);
  const out: HelmValues = {};
  for (const need of storageNeeds(codebase, base)) {
    const current = valueAt(base, `${need.key}.storageSize`);
    // A size that is not a quantity is reported by the key checks; these values replace it.
    const currentBytes = current === undefined ? 0 : bytesOrUndefined(current, `${need.key}.storageSize`) ?? 0;
    const wanted = need.perReplicaGiB * GIB;
    if (wanted > currentBytes) out[need.key] = { storageSize: `${need.perReplicaGiB}Gi` };
  }
  return out;
}

/**
 * Warnings for gitserver, indexed-search and searcher volumes smaller than
 * `codebase` needs, read from the release's values (over the chart's
 * defaults of `chartVersion`).
 */
export function checkStorageAgainstCodebase(finalValues: Readonly<HelmValues>, codebase: Codebase, chartVersion = '7.6.0'): Finding[] {
  checkCodebase(codebase);
  const values = mergeValues(chartDefaults(chartVersion), finalValues);
  const findings: Finding[] = [];
  for (const need of storageNeeds(codebase, values)) {
    const sizeKey = `${need.key}.storageSize`;
    const given = valueAt(values, sizeKey) ?? (need.key === 'searcher' ? '26Gi' : undefined);
    if (given === undefined) continue;
    const bytes = bytesOrUndefined(given, sizeKey);
    if (bytes === undefined) {
      findings.push({ severity: 'error', message: `${sizeKey} is not a storage size (e.g. 500Gi)`, field: ['sourcegraph', 'values'], valuesKey: sizeKey });
    } else if (bytes < need.perReplicaGiB * GIB) {
      findings.push({
        severity: 'warning',
        message: `${sizeKey} is ${formatStorage(bytes)} per replica; the codebase needs ${need.perReplicaGiB} GiB (${need.rule})`,
        field: ['sourcegraph', 'codebase', 'totalSizeGb'],
        valuesKey: sizeKey,
      });
    }
  }
  return findings;
}

function bytesOrUndefined(value: unknown, where: string): number | undefined {
  try {
    return parseBytes(value, where);
  } catch {
    return undefined;
  }
}

function checkCodebase(codebase: Codebase): void {
  for (const field of ['repositories', 'totalSizeGb', 'largestRepoGb'] as const) {
    const value = codebase[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`sourcegraph.codebase.${field} must be a number, 0 or more (got ${JSON.stringify(value)})`);
    }
  }
  if (codebase.largestRepoGb > codebase.totalSizeGb) {
    throw new Error(`sourcegraph.codebase.largestRepoGb (${codebase.largestRepoGb}) cannot exceed totalSizeGb (${codebase.totalSizeGb})`);
  }
}
