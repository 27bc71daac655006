/**
 * Mutations of the chart keys the catalog accepts: for a leaf of the key
 * catalog, a value of the leaf's shape that differs from the chart's default,
 * so that rendering with it shows whether the chart reads the key.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ChartKeyCatalog, KeyNode, KeyShape } from '../../lib/chart/key-catalog';
import { HelmValues, mergeValues } from '../../lib/helm/merge-values';

/** One accepted key: its path and shape. */
export interface CatalogLeaf {
  readonly path: readonly string[];
  readonly shape: KeyShape;
}

/** Every leaf of the catalog, in catalog order. */
export function catalogLeaves(catalog: ChartKeyCatalog): CatalogLeaf[] {
  const out: CatalogLeaf[] = [];
  const walk = (node: KeyNode, path: string[]) => {
    if (typeof node !== 'object') {
      out.push({ path, shape: node });
      return;
    }
    for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
  };
  walk(catalog.root, []);
  return out;
}

/**
 * What a key's mutation is rendered over (the same for the unmutated
 * render): keys that act only when another key is set get that key. Each
 * line is a dependency of the chart's templates:
 * - services off by default (syntacticCodeIntel, jaeger and its `tracing`
 *   service account, which needs `tracing.name`) act only when enabled;
 * - `<service>.serviceAccount.*` only when the chart creates the account;
 * - `storageClass.*` only when the chart creates the StorageClass;
 * - `frontend.ingress.tlsSecret` only with an ingress host;
 * - the collector's `config.traces.*` only with exporters, and
 *   `tracePipelineProcessors` only with processors (dependent-keys.ts);
 * - `sourcegraph.image.defaultTag` only with `useGlobalTagAsDefault`
 *   (lib/chart/dependent-keys.ts reports it).
 */
export function mutationContext(leaf: CatalogLeaf): HelmValues {
  const [top] = leaf.path;
  const dotted = leaf.path.join('.');
  const layers: HelmValues[] = [];
  if (top === 'syntacticCodeIntel') layers.push({ syntacticCodeIntel: { enabled: true } });
  if (top === 'jaeger' || top === 'tracing') layers.push({ jaeger: { enabled: true } });
  // jaeger's ServiceAccount is named and annotated from a `tracing` block that values.yaml does not have:
  // with jaeger.serviceAccount.create the chart renders only when tracing.name is set.
  if (top === 'tracing' || (top === 'jaeger' && leaf.path[1] === 'serviceAccount')) layers.push({ jaeger: { serviceAccount: { create: true } }, tracing: { name: 'jaeger', serviceAccount: {} } });
  if (top === 'storageClass') layers.push({ storageClass: { create: true } });
  if (top === 'frontend' && leaf.path[1] === 'ingress') layers.push({ frontend: { ingress: { host: 'sourcegraph.example.com' } } });
  const sa = leaf.path.indexOf('serviceAccount');
  if (sa > 0 && leaf.path[sa + 1] !== 'create') layers.push(layerAt([...leaf.path.slice(0, sa + 1), 'create'], true));
  if (dotted.startsWith('openTelemetry.gateway.config.traces.') && !dotted.endsWith('.exporters')) {
    layers.push(layerAt(['openTelemetry', 'gateway', 'config', 'traces', 'exporters'], { otlp: { endpoint: 'collector.example.com:4317' } }));
  }
  if (dotted.endsWith('traces.tracePipelineProcessors')) layers.push(layerAt(['openTelemetry', 'gateway', 'config', 'traces', 'processors'], { batch: {} }));
  if (dotted === 'sourcegraph.image.defaultTag') layers.push({ sourcegraph: { image: { useGlobalTagAsDefault: true } } });
  return layers.reduce((acc, layer) => mergeValues(acc, layer), {} as HelmValues);
}

/** Keys read only by resources `helm template --skip-tests` leaves out (the Helm test pod), with why. */
export const RENDER_EXEMPT: Readonly<Record<string, string>> = {
  sgTestConnection: 'only the Helm test pod (helm test) reads it; installs never create that pod',
};

/** The chart's values.yaml, parsed. */
export function chartValues(chartDir: string): HelmValues {
  return parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8')) as HelmValues;
}

function at(values: unknown, path: readonly string[]): unknown {
  let node = values;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A value of `leaf`'s shape that differs from `defaults` at its path. */
export function mutationValue(leaf: CatalogLeaf, defaults: HelmValues): unknown {
  const current = at(defaults, leaf.path);
  const key = leaf.path[leaf.path.length - 1];
  switch (leaf.shape) {
    case 1:
      return { 'sg-replica.example.com/mutation': 'x' };
    case 'l':
      if (key === 'tracePipelineProcessors') return ['batch', 'sg-replica-mutation'];
      return key === 'tolerations' ? [{ key: 'sg-replica-mutation', operator: 'Exists' }] : [{ name: 'sg-replica-mutation' }];
    case 'q':
      return '123Gi';
    case 'e':
      return { SG_REPLICA_MUTATION: { value: 'x' } };
    case 'r':
      return { limits: { cpu: '123m', memory: '123Mi' }, requests: { cpu: '123m', memory: '123Mi' } };
    case 's':
      if (typeof current === 'boolean') return !current;
      if (typeof current === 'number') return current + 1;
      return `${typeof current === 'string' && current !== '' ? current : 'sg'}-mutation`;
    default:
      return 'sg-replica-mutation';
  }
}

/** `value` at `path`, as a values layer. */
export function layerAt(path: readonly string[], value: unknown): HelmValues {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as HelmValues;
}
