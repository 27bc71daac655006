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
  scanHelperPaths,
  helperBodies,
  helperReads,
  scanTemplateValuePaths,
} from '../../scripts/generate-chart-catalog';
import { catalogFromJson, keyNodeAt } from '../../lib/chart/key-catalog';
import { referenceChartDir } from '../support/reference-data';
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

describe('helper scanning', () => {
  const helpers = [
    '{{- define "c.nodeSelector" -}}',
    '{{- $top := index . 0 }}',
    '{{- $service := index . 1 }}',
    '{{- if (index $top.Values $service "nodeSelector") }}x{{ end }}',
    '{{- end }}',
    '{{- define "c.saName" -}}',
    '{{- $top := index . 0 }}',
    '{{- if hasKey $top "Values" -}}{{- $top = index $top "Values" -}}{{- end -}}',
    '{{- $service := index . 1 }}',
    '{{- default (index $top $service "name") (index $top $service "serviceAccount" "name") }}',
    '{{- end -}}',
    '{{- define "c.renderSa" -}}',
    '{{- $top := index . 0 }}',
    '{{- $service := index . 1 }}',
    '{{- if (index $top $service "serviceAccount" "create") }}{{ include "c.saName" (list $top $service) }}{{ end }}',
    '{{- end -}}',
  ].join('\n');

  test('helperBodies finds each define with nested blocks', () => {
    const bodies = helperBodies(helpers);
    expect([...bodies.keys()]).toEqual(['c.nodeSelector', 'c.saName', 'c.renderSa']);
    expect(bodies.get('c.nodeSelector')).toContain('"nodeSelector"');
  });

  test('applies what each helper reads, through helper calls, to exactly the services it is called with', () => {
    const templates = [
      { path: '_helpers.tpl', text: helpers },
      { path: 'web.yaml', text: '{{ include "c.nodeSelector" (list . "web") }}\n{{ include "c.renderSa" (list . "web") }}' },
      { path: 'otel.yaml', text: '{{ include "c.saName" (list .Values.otel "gateway") }}' },
      { path: 'init.yaml', text: 'image: {{ .Values.alpine.image }}' },
    ];
    expect(scanHelperPaths(templates)).toEqual([
      'otel.gateway.name',
      'otel.gateway.serviceAccount.name',
      'web.name',
      'web.nodeSelector',
      'web.serviceAccount.create',
      'web.serviceAccount.name',
    ]);
    expect(helperReads(helperBodies(helpers)).get('c.renderSa')!.byArg.get(1)).toEqual(new Set(['serviceAccount.create', 'name', 'serviceAccount.name']));
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
        '  nameOverride: ""',
        'web:',
        '  image:',
        '    name: web',
        '  replicaCount: 1',
        '  storageSize: 10Gi',
        '  env:',
        '    FOO: {value: bar}',
        '  resources: {}',
        '  postgresExporter: {}',
        '  securityStuff: {}',
        '  hosts: []',
        'settings:',
        '  flag: true',
        'extraResources: []',
      ].join('\n'),
    );
    mkdirSync(join(dir, 'templates', 'web'), { recursive: true });
    writeFileSync(
      join(dir, 'templates', 'web', 'deployment.yaml'),
      'replicas: {{ .Values.web.replicaCount }}\n{{ toYaml .Values.web.podDisruptionBudget }}\n{{ .Values.web.postgresExporter.env }}\n{{ .Values.web.env }}{{ .Values.web.resources }}{{ .Values.web.storageSize }}{{ .Values.web.hosts }}{{ .Values.web.securityStuff }}\n{{ include "x.image" (list . "web") }}{{ .Values.extraResources }}{{ .Values.sourcegraph.image.repository }}\n',
    );
    writeFileSync(
      join(dir, 'templates', '_helpers.tpl'),
      '{{ $.Values.settings.hidden }} {{ index .Values "web" "labels" }}\n{{- define "x.image" -}}{{- $top := index . 0 }}{{- $service := index . 1 }}{{ index $top.Values $service "image" "name" }}{{- end }}\n',
    );
    writeFileSync(join(dir, 'templates', 'NOTES.md'), '{{ .Values.notScanned }}\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('builds the catalog from the scanned templates and helpers, with the shapes of values.yaml, and lists what nothing reads', () => {
    const sources = readChartDir(dir);
    expect(sources.templatePathsFrom).toBe('templates/');
    expect(sources.helperPaths).toEqual(['web.image.name']);
    const json = buildChartCatalog(sources);
    expect(json.version).toBe('9.9.9');
    expect(json.services).toEqual(['web']);
    expect(json.keys.web).toEqual({
      env: 'e', // env map
      hosts: 'l', // a list
      image: { name: 's' }, // read through the helper
      labels: 1,
      podDisruptionBudget: 0, // template only: any shape
      postgresExporter: { env: 'e' }, // empty map in values.yaml, children from templates
      replicaCount: 's',
      resources: 'r',
      securityStuff: 1, // empty map read as a whole: free-form
      storageSize: 'q',
    });
    expect(json.keys.settings).toEqual({ hidden: 0 });
    expect(json.unread).toEqual(['settings.flag', 'sourcegraph.nameOverride']);
    expect(json.keys.sourcegraph).toEqual({ image: { repository: 's' } });
    expect(json.keys.notScanned).toBeUndefined();
    expect(json.serviceKeys).toEqual({});
  });

  test('the rendered JSON loads as a catalog that checkValueKeys-style lookups can use', () => {
    const text = renderChartCatalogJson(buildChartCatalog(readChartDir(dir)));
    expect(text.split('\n').filter((line) => line.startsWith('"web":'))).toHaveLength(1);
    const catalog = catalogFromJson(JSON.parse(text));
    expect(keyNodeAt(catalog, ['web', 'image', 'name'])).toBe('s');
    expect(keyNodeAt(catalog, ['web', 'image', 'tag'])).toBeUndefined();
    expect(keyNodeAt(catalog, ['web', 'replicas'])).toBeUndefined();
    expect(catalog.unread.has('sourcegraph.nameOverride')).toBe(true);
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

describe('generator against the real charts (test/support/reference-data.ts: fails saying how to provide them when absent)', () => {
  test('finds the reference charts next to the checkout when they are there', () => {
    const dirs = referenceChartDirs(join(__dirname, '..', '..', '..', 'shared', 'reference', 'charts'));
    if (dirs.length > 0) expect(dirs.map((d) => d.split('/').pop())).toEqual(expect.arrayContaining(['sourcegraph-7.6.0', 'sourcegraph-6.12.5040']));
    expect(referenceChartDirs(join(tmpdir(), 'no-such-reference-dir'))).toEqual([]);
  });

  test.each(['7.6.0', '6.12.5040'])('regenerating sourcegraph %s from the chart gives exactly the committed catalog', (version) => {
    const catalog = buildChartCatalog(readChartDir(referenceChartDir('sourcegraph', version)));
    expect(catalog.source.templatePathsFrom).toBe('templates/');
    expect(renderChartCatalogJson(catalog)).toBe(readFileSync(catalogOutputPath(catalog.version), 'utf8'));
  });

  test('the scanned helpers read what the reference layout header says (image, nodeSelector, affinity, tolerations, name, serviceAccount), plus priorityClassName', () => {
    const dir = referenceChartDir('sourcegraph', '7.6.0');
    const paths = readChartDir(dir).helperPaths!.filter((p) => p.startsWith('frontend.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'frontend.image.name',
        'frontend.image.repository',
        'frontend.nodeSelector',
        'frontend.affinity',
        'frontend.tolerations',
        'frontend.name',
        'frontend.serviceAccount.create',
        'frontend.serviceAccount.name',
        'frontend.serviceAccount.annotations',
        'frontend.priorityClassName',
      ]),
    );
    expect(parseHelperKeys(HELPER_KEYS).service).toEqual(expect.arrayContaining(['image.repository', 'nodeSelector']));
  });

  test('a regenerated 7.6.0 catalog still catches the basic example typo', () => {
    const dir = referenceChartDir('sourcegraph', '7.6.0');
    const catalog = catalogFromJson(buildChartCatalog(readChartDir(dir)));
    expect(keyNodeAt(catalog, ['frontend', 'replicas'])).toBeUndefined();
    expect(checkValueKeys({ frontend: { replicas: 2 } }, '7.6.0')[0].suggestion).toBe('frontend.replicaCount');
  });
});
