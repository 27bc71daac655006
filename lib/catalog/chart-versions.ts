/**
 * The versions of the sourcegraph/sourcegraph Helm chart that sg-replica
 * knows: one registry entry per version, from which everything else finds
 * the version's data. A version is registered once its data exists (see
 * docs/CHART-VERSIONS.md); each kind of data is found by the version, loaded
 * on first use only:
 *
 * - the value-key catalog: `lib/chart/data/sourcegraph-<version>-keys.json`
 *   (scripts/generate-chart-catalog.ts), read by lib/chart/key-catalog.ts;
 * - the chart's defaults: `lib/sizing/data/chart-defaults-<version>.json`
 *   (scripts/generate-chart-defaults.ts), read by lib/sizing/chart-defaults.ts;
 * - the workload model and the size-preset mapping of the entry's structure
 *   (lib/sizing/data/chart-workloads.ts, lib/sizing/data/size-presets.ts).
 *
 * test/catalog/chart-versions.test.ts fails when a registered version lacks
 * any of it (or its presets name keys its catalog does not have), and when a
 * data file has no entry.
 */

/**
 * Structures of the chart's templates (which services exist, under which
 * values keys): a structure decides the workload model
 * (lib/sizing/data/chart-workloads.ts) and the size-preset mapping
 * (lib/sizing/data/size-presets.ts). `since-6.4`: symbols and repo-updater gone.
 */
export type ChartStructure = 'since-6.4';

/** One chart version sg-replica has data for. */
export interface SourcegraphChartVersion {
  /** Chart version (equals the Sourcegraph version), e.g. `7.6.0`. */
  readonly version: string;
  /** The structure of its templates. */
  readonly structure: ChartStructure;
}

/** The registry, newest first. */
export const SOURCEGRAPH_CHARTS: readonly SourcegraphChartVersion[] = [
  { version: '7.6.0', structure: 'since-6.4' },
  { version: '6.12.5040', structure: 'since-6.4' },
];

/** Every registered version, newest first. */
export const SOURCEGRAPH_CHART_VERSIONS: readonly string[] = SOURCEGRAPH_CHARTS.map((chart) => chart.version);

const BY_VERSION: ReadonlyMap<string, SourcegraphChartVersion> = new Map(SOURCEGRAPH_CHARTS.map((chart) => [chart.version, chart]));

/** The registry entry of `version`, or undefined when sg-replica has no data for it. */
export function sourcegraphChart(version: string): SourcegraphChartVersion | undefined {
  return BY_VERSION.get(version);
}

/** The chart repository every release is installed from. */
export const SOURCEGRAPH_CHART_REPOSITORY = 'https://helm.sourcegraph.com/release';
