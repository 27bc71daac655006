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
    expect(keyNodeAt(catalog, ['frontend', 'replicaCount'])).toBe('s');
    expect(keyNodeAt(catalog, ['frontend', 'podDisruptionBudget'])).toBe(0); // read by a template, not in values.yaml: any shape
    expect(keyNodeAt(catalog, ['frontend', 'env'])).toBe('e');
    expect(keyNodeAt(catalog, ['frontend', 'env', 'ANY_VARIABLE', 'value'])).toBe('e');
    expect(keyNodeAt(catalog, ['gitserver', 'storageSize'])).toBe('q');
    expect(keyNodeAt(catalog, ['frontend', 'resources'])).toBe('r');
    expect(keyNodeAt(catalog, ['extraResources'])).toBe('l');
    expect(keyNodeAt(catalog, ['frontend', 'ingress', 'annotations'])).toBe(1);
    expect(keyNodeAt(catalog, ['storageClass', 'parameters'])).toBe(1);
    expect(keyNodeAt(catalog, ['frontend', 'replicas'])).toBeUndefined();
    expect(keyNodeAt(catalog, ['gitServer'])).toBeUndefined();
  });

  test('applies the per-service helper keys to the services the helpers are called with, even where values.yaml does not show them', () => {
    const catalog = chartKeyCatalog('7.6.0')!;
    for (const service of ['frontend', 'searcher', 'pgsql']) {
      expect(keyNodeAt(catalog, [service, 'nodeSelector'])).toBe(1);
      expect(keyNodeAt(catalog, [service, 'affinity'])).toBe(1);
      expect(keyNodeAt(catalog, [service, 'tolerations'])).toBe('l');
      expect(keyNodeAt(catalog, [service, 'priorityClassName'])).toBe(0);
      expect(keyNodeAt(catalog, [service, 'image', 'tag'])).toBe(0);
      expect(keyNodeAt(catalog, [service, 'image', 'repository'])).toBe(0);
      expect(keyNodeAt(catalog, [service, 'serviceAccount', 'annotations'])).toBe(1);
    }
    // not workloads: only the image helper is called with them
    for (const service of ['alpine', 'migrator', 'postgresExporter', 'redisExporter', 'indexedSearchIndexer']) {
      expect(keyNodeAt(catalog, [service, 'image', 'tag'])).toBe(0);
      expect(keyNodeAt(catalog, [service, 'nodeSelector'])).toBeUndefined();
      expect(keyNodeAt(catalog, [service, 'serviceAccount'])).toBeUndefined();
    }
    // the global section gets the helpers' global keys, not the per-service ones
    expect(keyNodeAt(catalog, ['sourcegraph', 'nodeSelector'])).toBe(1);
    expect(keyNodeAt(catalog, ['sourcegraph', 'image', 'tag'])).toBeUndefined();
    expect(catalog.unread).toEqual(new Set(['sourcegraph.nameOverride', 'sourcegraph.serviceLabels']));
  });

  test('tells versions apart: 7.6.0 reads frontend.ingress.hosts, 6.12.5040 does not', () => {
    expect(keyNodeAt(chartKeyCatalog('7.6.0')!, ['frontend', 'ingress', 'hosts'])).toBe('l');
    expect(keyNodeAt(chartKeyCatalog('6.12.5040')!, ['frontend', 'ingress', 'hosts'])).toBeUndefined();
  });

  test('stays small: both catalogs are under 20 kB and parse and index (their load time is measured by npm run bench)', () => {
    const dir = join(__dirname, '..', '..', 'lib', 'chart', 'data');
    const texts = ['7.6.0', '6.12.5040'].map((v) => readFileSync(join(dir, `sourcegraph-${v}-keys.json`), 'utf8'));
    for (const text of texts) expect(keyNodeAt(catalogFromJson(JSON.parse(text)), ['frontend'])).toBeDefined();
    texts.forEach((text) => expect(text.length).toBeLessThan(20_000));
    expect(texts.map((t) => t.length).every((n) => n > 10_000)).toBe(true);
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

  test('merges the service keys into each service (older catalogs): maps key by key, leaves win over maps, `0` (anything) over other leaves', () => {
    const catalog = catalogFromJson(json);
    expect(catalog.root.web).toEqual({ image: { name: 0, tag: 0 }, nodeSelector: 0 });
    expect(catalog.root.worker).toBe(1);
    expect(catalog.root.other).toEqual({ a: 0 });
  });
});

