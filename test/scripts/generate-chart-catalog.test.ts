import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildChartCatalog,
  catalogOutputPath,
  expandBraces,
  HELPER_KEYS,
  helperKeysFromHeader,
  parseHelperKeys,
  parseTemplatePathList,
  readChartDir,
  referenceChartDirs,
  renderChartCatalogJson,
  scanTemplateValuePaths,
} from '../../scripts/generate-chart-catalog';
import { catalogFromJson, keyNodeAt } from '../../lib/chart/key-catalog';
import { checkValueKeys } from '../../lib/chart/check-value-keys';

describe('scanTemplateValuePaths', () => {
  test('reads .Values, $.Values, $root.Values and index .Values paths', () => {
    const text = [
      '{{- if .Values.web.enabled }}',
      'replicas: {{ $.Values.web.replicaCount }}',
      '{{ toYaml $root.Values.web.podDisruptionBudget | nindent 2 }}',
      '{{ index .Values "web" "ingress" "tls-secret" }}',
      '{{ index .Values.web "extraEnv" }}',
      '{{ index .Values $service "image" }}',
      '{{ .Values.web.resources | toYaml }}',
    ].join('\n');
    expect(scanTemplateValuePaths(text)).toEqual([
      'web.enabled',
      'web.extraEnv',
      'web.ingress.tls-secret',
      'web.podDisruptionBudget',
      'web.replicaCount',
      'web.resources',
    ]);
  });
});

describe('helper keys', () => {
  test('expandBraces expands every brace group', () => {
    expect(expandBraces('S.a.{b,c}.{d,e}')).toEqual(['S.a.b.d', 'S.a.b.e', 'S.a.c.d', 'S.a.c.e']);
  });

  test('parseHelperKeys splits per-service and absolute keys', () => {
    const parsed = parseHelperKeys(HELPER_KEYS);
    expect(parsed.service).toEqual(
      expect.arrayContaining(['image.name', 'image.defaultTagPrefix', 'nodeSelector', 'tolerations', 'name', 'serviceAccount.annotations']),
    );
    expect(parsed.service).toHaveLength(12);
    expect(parsed.absolute).toEqual(['sourcegraph.nodeSelector', 'sourcegraph.affinity', 'sourcegraph.tolerations']);
  });

  test('helperKeysFromHeader reads the list from a template-value-paths.txt header', () => {
    const text = '# Value paths\n# Besides these, helpers read, for every service key S used with them: S.foo, S.bar.{a,b}; and sourcegraph.{x}.\nweb.enabled\n';
    expect(helperKeysFromHeader(text)).toBe('S.foo, S.bar.{a,b}; and sourcegraph.{x}.');
    expect(parseHelperKeys(helperKeysFromHeader(text)!)).toEqual({ service: ['foo', 'bar.a', 'bar.b'], absolute: ['sourcegraph.x'] });
    expect(parseTemplatePathList(text)).toEqual(['web.enabled']);
    expect(helperKeysFromHeader('web.enabled\n')).toBeUndefined();
  });
});

describe('generator on a fake unpacked chart (temp dir)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fake-chart-'));
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: sourcegraph\nversion: "9.9.9"\nappVersion: "9.9.9"\n');
    writeFileSync(
      join(dir, 'values.yaml'),
      [
        'sourcegraph:',
        '  image:',
        '    repository: index.docker.io/sourcegraph',
        'web:',
        '  image:',
        '    name: web',
        '  replicaCount: 1',
        '  env:',
        '    FOO: {value: bar}',
        '  postgresExporter: {}',
        '  securityStuff: {}',
        '  hosts: []',
        'settings:',
        '  flag: true',
        'extraResources: []',
      ].join('\n'),
    );
    mkdirSync(join(dir, 'templates', 'web'), { recursive: true });
    writeFileSync(join(dir, 'templates', 'web', 'deployment.yaml'), 'replicas: {{ .Values.web.replicaCount }}\n{{ toYaml .Values.web.podDisruptionBudget }}\n{{ .Values.web.postgresExporter.env }}\n');
    writeFileSync(join(dir, 'templates', '_helpers.tpl'), '{{ $.Values.settings.hidden }} {{ index .Values "web" "labels" }}\n');
    writeFileSync(join(dir, 'templates', 'NOTES.md'), '{{ .Values.notScanned }}\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('builds the catalog from values.yaml, the scanned templates and the helper keys', () => {
    const sources = readChartDir(dir);
    expect(sources.templatePathsFrom).toBe('templates/');
    expect(sources.templatePaths).toEqual(['settings.hidden', 'web.labels', 'web.podDisruptionBudget', 'web.postgresExporter.env', 'web.replicaCount']);
    const json = buildChartCatalog(sources);
    expect(json.version).toBe('9.9.9');
    expect(json.services).toEqual(['web']);
    expect(json.keys.web).toEqual({
      env: 1, // free-form by name
      hosts: 0, // a list: a leaf
      image: { name: 0 },
      labels: 1,
      podDisruptionBudget: 0, // template only, read as a whole
      postgresExporter: { env: 1 }, // empty map in values.yaml, children from templates
      replicaCount: 0,
      securityStuff: 1, // empty map nobody reads into: free-form
    });
    expect(json.keys.settings).toEqual({ flag: 0, hidden: 0 });
    expect(json.keys.sourcegraph).toEqual({ affinity: 1, image: { repository: 0 }, nodeSelector: 1, tolerations: 0 });
    expect(json.keys.notScanned).toBeUndefined();
    expect(json.serviceKeys).toMatchObject({ image: { tag: 0, repository: 0 }, nodeSelector: 1, serviceAccount: { annotations: 1 } });
  });

  test('the rendered JSON loads as a catalog that checkValueKeys-style lookups can use', () => {
    const text = renderChartCatalogJson(buildChartCatalog(readChartDir(dir)));
    expect(text.split('\n').filter((line) => line.startsWith('"web":'))).toHaveLength(1);
    const catalog = catalogFromJson(JSON.parse(text));
    expect(keyNodeAt(catalog, ['web', 'image', 'tag'])).toBe(0);
    expect(keyNodeAt(catalog, ['web', 'image', 'name'])).toBe(0);
    expect(keyNodeAt(catalog, ['web', 'replicas'])).toBeUndefined();
  });

  test('is deterministic', () => {
    const a = renderChartCatalogJson(buildChartCatalog(readChartDir(dir)));
    const b = renderChartCatalogJson(buildChartCatalog(readChartDir(dir)));
    expect(a).toBe(b);
  });

  test('names what is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'empty-chart-'));
    try {
      expect(() => readChartDir(empty)).toThrow(/Chart\.yaml not found/);
      writeFileSync(join(empty, 'Chart.yaml'), 'name: x\nversion: "1"\n');
      writeFileSync(join(empty, 'values.yaml'), 'a: 1\n');
      expect(() => readChartDir(empty)).toThrow(/neither templates\/ nor template-value-paths\.txt/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

const referenceDirs = referenceChartDirs();

(referenceDirs.length > 0 ? describe : describe.skip)('generator against ../shared reference data (skipped when ../shared is absent)', () => {
  test('../shared has both reference versions', () => {
    expect(referenceDirs.map((d) => d.split('/').pop())).toEqual(expect.arrayContaining(['v7.6.0', 'v6.12.5040']));
  });

  test.each(referenceDirs.map((d) => [d.split('/').pop()!, d]))('regenerating %s from ../shared gives exactly the committed catalog', (_name, dir) => {
    const catalog = buildChartCatalog(readChartDir(dir));
    expect(catalog.source.templatePathsFrom).toBe('template-value-paths.txt');
    expect(renderChartCatalogJson(catalog)).toBe(readFileSync(catalogOutputPath(catalog.version), 'utf8'));
  });

  test('../shared header helper keys equal the built-in HELPER_KEYS', () => {
    for (const dir of referenceDirs) {
      const header = helperKeysFromHeader(readFileSync(join(dir, 'template-value-paths.txt'), 'utf8'));
      expect(parseHelperKeys(header!)).toEqual(parseHelperKeys(HELPER_KEYS));
    }
  });

  test('../shared: a regenerated 7.6.0 catalog still catches the basic example typo', () => {
    const dir = referenceDirs.find((d) => d.endsWith('v7.6.0'))!;
    const catalog = catalogFromJson(buildChartCatalog(readChartDir(dir)));
    expect(keyNodeAt(catalog, ['frontend', 'replicas'])).toBeUndefined();
    expect(checkValueKeys({ frontend: { replicas: 2 } }, '7.6.0')[0].suggestion).toBe('frontend.replicaCount');
  });
});
