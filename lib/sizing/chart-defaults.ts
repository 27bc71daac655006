/**
 * The sourcegraph/sourcegraph chart's own defaults, per chart version: the
 * base every sizing computation starts from (Helm applies them under the
 * release's values). Generated from each version's values.yaml by
 * scripts/generate-chart-defaults.ts; only sizing-relevant keys are kept.
 */
import { HelmValues, cloneValues } from '../helm/merge-values';
import defaults6125040 from './data/chart-defaults-6.12.5040.json';
import defaults760 from './data/chart-defaults-7.6.0.json';

const DEFAULTS: Readonly<Record<string, { readonly chartVersion: string; readonly values: unknown }>> = {
  '7.6.0': defaults760,
  '6.12.5040': defaults6125040,
};

/** Chart versions whose defaults sg-replica has. */
export function chartDefaultsVersions(): readonly string[] {
  return Object.keys(DEFAULTS);
}

/**
 * The sizing-relevant defaults of chart `chartVersion` (a fresh copy).
 *
 * @throws Error naming the version and the known ones when sg-replica has no data for it.
 */
export function chartDefaults(chartVersion: string): HelmValues {
  const entry = DEFAULTS[chartVersion];
  if (!entry) {
    throw new Error(
      `No chart defaults for sourcegraph chart ${chartVersion} (known: ${chartDefaultsVersions().join(', ')}); see docs/CHART-VERSIONS.md to add a version`,
    );
  }
  return cloneValues(entry.values as HelmValues);
}
