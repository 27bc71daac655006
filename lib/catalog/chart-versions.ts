/**
 * Versions of the sourcegraph/sourcegraph Helm chart that sg-replica knows.
 * A version is listed once the project has its data (defaults, value-key
 * catalog, size presets); see docs/CHART-VERSIONS.md for how to add one.
 */
export const SOURCEGRAPH_CHART_VERSIONS: readonly string[] = ['7.6.0', '6.12.5040'];

/** The chart repository every release is installed from. */
export const SOURCEGRAPH_CHART_REPOSITORY = 'https://helm.sourcegraph.com/release';
