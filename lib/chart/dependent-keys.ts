/**
 * Keys the chart reads only when another key is set: set alone they do
 * nothing, which the key catalog cannot see (the key is read). Pure.
 *
 * Sources (7.6.0 and 6.12.5040 alike; found by the render tier's mutation
 * test, test/render/key-catalog-mutations.int.test.ts):
 * - `templates/_helpers.tpl` (`sourcegraph.image`): the global
 *   `sourcegraph.image.defaultTag` replaces the per-service default tags only
 *   `if $top.Values.sourcegraph.image.useGlobalTagAsDefault`;
 * - `templates/otel-collector/otel-collector.ConfigMap.yaml`: the collector's
 *   own configuration (and with it `processors`, `tracePipelineProcessors`)
 *   is rendered only when `openTelemetry.gateway.config.traces.exporters` is
 *   set (and jaeger is off); `tracePipelineProcessors` orders `processors`.
 */
import type { KeyProblem } from './check-value-keys';
import { formatValue } from '../design/problems';

/** A key that acts only when another key is true. */
export interface DependentKey {
  readonly key: string;
  /** The key that must be set (true, or a non-empty map, list or string, as Helm's `if` reads it) for `key` to act. */
  readonly needs: string;
  /** What `key` does once `needs` is true. */
  readonly effect: string;
}

/** The dependent keys of every chart version sg-replica knows. */
export const DEPENDENT_KEYS: readonly DependentKey[] = [
  {
    key: 'sourcegraph.image.defaultTag',
    needs: 'sourcegraph.image.useGlobalTagAsDefault',
    effect: 'it replaces every service\'s default image tag',
  },
  {
    key: 'openTelemetry.gateway.config.traces.processors',
    needs: 'openTelemetry.gateway.config.traces.exporters',
    effect: 'the collector gets its own configuration, with these processors',
  },
  {
    key: 'openTelemetry.gateway.config.traces.tracePipelineProcessors',
    needs: 'openTelemetry.gateway.config.traces.processors',
    effect: 'it orders the processors of the trace pipeline',
  },
];

/** Helm's `if`: false, 0, "", null and empty maps and lists are false. */
function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

function at(values: unknown, dotted: string): unknown {
  let node = values;
  for (const part of dotted.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Dependent keys set in `layer` whose enabling key is not set in
 * `combined` (every values layer the customer gives, merged): errors, since
 * the key does nothing.
 */
export function dependentKeyProblems(layer: unknown, combined: unknown): KeyProblem[] {
  const out: KeyProblem[] = [];
  for (const { key, needs, effect } of DEPENDENT_KEYS) {
    const value = at(layer, key);
    if (value === undefined || value === null) continue;
    if (truthy(at(combined, needs))) continue;
    out.push({
      severity: 'error',
      path: key.split('.'),
      message: `does nothing unless ${needs} is set (then ${effect})`,
      got: formatValue(value),
    });
  }
  return out;
}
