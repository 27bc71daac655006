import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogFromJson, chartKeyCatalog, chartKeyCatalogVersions, keyNodeAt } from '../../lib/chart/key-catalog';
import { SOURCEGRAPH_CHART_VERSIONS } from '../../lib/catalog/chart-versions';

describe('chartKeyCatalog', () => {
  test.each(['7.6.0', '6.12.5040'])('loads the catalog of chart %s, with its version and source recorded', (version) => {
    const catalog = chartKeyCatalog(version)!;
    expect(catalog).toBeDefined();
    expect(catalog.chart).toBe('sourcegraph');
    expect(catalog.version).toBe(version);
    expect(catalog.source.valuesSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(catalog.source.templatePathCount).toBeGreaterThan(400);
    expect(catalog.services).toEqual(expect.arrayContaining(['frontend', 'gitserver', 'indexedSearch', 'pgsql', 'worker']));
    expect(catalog.services).not.toContain('sourcegraph');
  });

  test('has a catalog for every registered chart version (the registry test checks the files)', () => {
    expect(chartKeyCatalogVersions()).toEqual(SOURCEGRAPH_CHART_VERSIONS);
    for (const version of chartKeyCatalogVersions()) expect(chartKeyCatalog(version)?.version).toBe(version);
  });

  test('returns undefined for a version without a catalog', () => {
    expect(chartKeyCatalog('5.0.0')).toBeUndefined();
    expect(chartKeyCatalog('constructor')).toBeUndefined();
  });

  test('loads each version once and freezes it', () => {
    const catalog = chartKeyCatalog('7.6.0')!;
    expect(chartKeyCatalog('7.6.0')).toBe(catalog);
    expect(Object.isFrozen(catalog.root)).toBe(true);
    expect(Object.isFrozen(catalog.root.frontend)).toBe(true);
  });

  test('knows values.yaml keys, template-only keys, and free-form maps', () => {
    const catalog = chartKeyCatalog('7.6.0')!;
    expect(keyNodeAt(catalog, ['frontend', 'replicaCount'])).toBe(0);
    expect(keyNodeAt(catalog, ['frontend', 'podDisruptionBudget'])).toBe(0); // read by a template, not in values.yaml
    expect(keyNodeAt(catalog, ['frontend', 'env'])).toBe(1);
    expect(keyNodeAt(catalog, ['frontend', 'env', 'ANY_VARIABLE', 'value'])).toBe(1);
    expect(keyNodeAt(catalog, ['frontend', 'ingress', 'annotations'])).toBe(1);
    expect(keyNodeAt(catalog, ['storageClass', 'parameters'])).toBe(1);
    expect(keyNodeAt(catalog, ['frontend', 'replicas'])).toBeUndefined();
    expect(keyNodeAt(catalog, ['gitServer'])).toBeUndefined();
  });

  test('applies the per-service helper keys to every service, even where values.yaml does not show them', () => {
    const catalog = chartKeyCatalog('7.6.0')!;
    for (const service of ['frontend', 'searcher', 'pgsql', 'indexedSearchIndexer']) {
      expect(keyNodeAt(catalog, [service, 'nodeSelector'])).toBe(1);
      expect(keyNodeAt(catalog, [service, 'affinity'])).toBe(1);
      expect(keyNodeAt(catalog, [service, 'tolerations'])).toBe(0);
      expect(keyNodeAt(catalog, [service, 'image', 'tag'])).toBe(0);
      expect(keyNodeAt(catalog, [service, 'image', 'repository'])).toBe(0);
      expect(keyNodeAt(catalog, [service, 'serviceAccount', 'annotations'])).toBe(1);
    }
    // values.yaml's own image keys stay
    expect(keyNodeAt(catalog, ['frontend', 'image', 'defaultTag'])).toBe(0);
    // the global section gets the helpers' global keys, not the per-service ones
    expect(keyNodeAt(catalog, ['sourcegraph', 'nodeSelector'])).toBe(1);
    expect(keyNodeAt(catalog, ['sourcegraph', 'image', 'tag'])).toBeUndefined();
  });

  test('tells versions apart: 7.6.0 reads frontend.ingress.hosts, 6.12.5040 does not', () => {
    expect(keyNodeAt(chartKeyCatalog('7.6.0')!, ['frontend', 'ingress', 'hosts'])).toBe(0);
    expect(keyNodeAt(chartKeyCatalog('6.12.5040')!, ['frontend', 'ingress', 'hosts'])).toBeUndefined();
  });

  test('loads fast: both catalogs parse and index in well under 50 ms', () => {
    const dir = join(__dirname, '..', '..', 'lib', 'chart', 'data');
    const texts = ['7.6.0', '6.12.5040'].map((v) => readFileSync(join(dir, `sourcegraph-${v}-keys.json`), 'utf8'));
    const start = process.hrtime.bigint();
    for (const text of texts) catalogFromJson(JSON.parse(text));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(ms).toBeLessThan(50);
    texts.forEach((text) => expect(text.length).toBeLessThan(20_000));
  });
});

describe('catalogFromJson', () => {
  const json = {
    chart: 'sourcegraph',
    version: '1.0.0',
    appVersion: '1.0.0',
    source: { valuesSha256: 'x', templatePathsFrom: 'templates/', templatePathsSha256: 'y', templatePathCount: 1 },
    services: ['web', 'worker'],
    serviceKeys: { image: { tag: 0 }, nodeSelector: 1 },
    keys: { web: { image: { name: 0 }, nodeSelector: 0 }, worker: 1, other: { a: 0 } },
  } as const;

  test('merges the service keys into each service: maps key by key, free-form and values win over maps', () => {
    const catalog = catalogFromJson(json);
    expect(catalog.root.web).toEqual({ image: { name: 0, tag: 0 }, nodeSelector: 1 });
    expect(catalog.root.worker).toBe(1);
    expect(catalog.root.other).toEqual({ a: 0 });
  });
});

