/**
 * The sourcegraph/sourcegraph chart's own defaults, per chart version: the
 * base every sizing computation starts from (Helm applies them under the
 * release's values). Generated from each version's values.yaml by
 * scripts/generate-chart-defaults.ts into ./data/chart-defaults-<version>.json
 * for every version of the registry (lib/catalog/chart-versions.ts); only
 * sizing-relevant keys are kept. Each version's file is read on first use.
 */
import { SOURCEGRAPH_CHART_VERSIONS, sourcegraphChart } from '../catalog/chart-versions';
import { HelmValues, cloneValues } from '../helm/merge-values';

/** The generator's file of one version. */
interface ChartDefaultsJson {
  readonly chartVersion: string;
  readonly values: unknown;
}

/** The defaults file of a registered version, read on first use only. */
function loadDefaults(version: string): ChartDefaultsJson | undefined {
  if (!sourcegraphChart(version)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`./data/chart-defaults-${version}.json`) as ChartDefaultsJson;
}

/** Chart versions whose defaults sg-replica has: every registered version. */
export function chartDefaultsVersions(): readonly string[] {
  return SOURCEGRAPH_CHART_VERSIONS;
}

/**
 * The sizing-relevant defaults of chart `chartVersion` (a fresh copy).
 *
 * @throws Error naming the version and the known ones when sg-replica has no data for it.
 */
export function chartDefaults(chartVersion: string): HelmValues {
  const entry = loadDefaults(chartVersion);
  if (!entry) {
    throw new Error(
      `No chart defaults for sourcegraph chart ${chartVersion} (known: ${chartDefaultsVersions().join(', ')}); see docs/CHART-VERSIONS.md to add a version`,
    );
  }
  return cloneValues(entry.values as HelmValues);
}
