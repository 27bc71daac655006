/**
 * Generates lib/chart/data/sourcegraph-<version>-keys.json, the catalog of
 * the Helm value keys a version of the sourcegraph/sourcegraph chart really
 * reads. `sg-replica validate` checks every key of the customer's override
 * files against it (lib/chart/check-value-keys.ts).
 *
 *   npx tsx scripts/generate-chart-catalog.ts [chart-dir ...]
 *
 * A chart directory is either an unpacked chart
 * (`helm pull sourcegraph/sourcegraph --version X --untar`: Chart.yaml,
 * values.yaml, templates/**) or the reference layout in
 * ../shared/reference/sourcegraph-helm/v<X>/ (Chart.yaml, values.yaml,
 * template-value-paths.txt). Without arguments every version under
 * ../shared/reference/sourcegraph-helm/ is regenerated. See
 * docs/CHART-VERSIONS.md.
 *
 * The catalog is the union of
 * - every key path of values.yaml;
 * - every path the templates read: `.Values.a.b`, `$.Values.a.b`,
 *   `$root.Values.a.b`, `index .Values "a" "b"` (scanned from templates/**),
 *   or the lines of template-value-paths.txt;
 * - the keys the chart's helpers read for every service (HELPER_KEYS, or
 *   the list in template-value-paths.txt's header), stored once under
 *   `serviceKeys` and applied at load time to every service: a top-level
 *   key other than `sourcegraph` whose values.yaml entry has `image` or
 *   `resources`.
 *
 * Node encoding (compact): an object is a map whose keys are all known;
 * `0` is a value (scalar, list, or a map a template reads as a whole), `1`
 * a free-form map (any key: env, labels, annotations, resources,
 * securityContext, affinity, ...). Keys below `0` and `1` are not checked.
 *
 * This file imports node built-ins and `yaml` only, so it runs with plain tsx.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';

/** A catalog node: a map of known keys, a value (0) or a free-form map (1). */
export type CatalogNode = 0 | 1 | { [key: string]: CatalogNode };

/** The JSON written for one chart version. */
export interface ChartCatalogJson {
  readonly chart: string;
  readonly version: string;
  readonly appVersion: string;
  readonly source: {
    readonly valuesSha256: string;
    /** `templates/` (scanned) or `template-value-paths.txt`. */
    readonly templatePathsFrom: string;
    readonly templatePathsSha256: string;
    readonly templatePathCount: number;
  };
  readonly services: readonly string[];
  readonly serviceKeys: { [key: string]: CatalogNode };
  readonly keys: { [key: string]: CatalogNode };
}

export const REPO_ROOT = resolve(__dirname, '..');
export const DEFAULT_REFERENCE_DIR = resolve(REPO_ROOT, '..', 'shared', 'reference', 'sourcegraph-helm');
export const OUTPUT_DIR = join(REPO_ROOT, 'lib', 'chart', 'data');

/** Where the catalog of `version` is written. */
export function catalogOutputPath(version: string): string {
  return join(OUTPUT_DIR, `sourcegraph-${version}-keys.json`);
}

/**
 * Keys whose value is a map of arbitrary keys wherever they appear: env var
 * names, label and annotation names, resource names, Kubernetes objects the
 * chart passes through (security contexts, affinity), StorageClass
 * parameters, OpenTelemetry processor and exporter configuration.
 */
export const FREE_FORM_KEYS: ReadonlySet<string> = new Set([
  'affinity',
  'annotations',
  'containerSecurityContext',
  'env',
  'exporters',
  'labels',
  'nodeSelector',
  'parameters',
  'podAnnotations',
  'podLabels',
  'podSecurityContext',
  'processors',
  'resources',
  'securityContext',
  'serviceAnnotations',
  'serviceLabels',
  'storageAnnotations',
]);

/**
 * What the chart's _helpers.tpl read for every service key S, and for
 * `sourcegraph` (the header of template-value-paths.txt says the same for
 * 7.6.0 and 6.12.5040). Used when a chart directory has no such header.
 */
export const HELPER_KEYS =
  'S.image.{name,defaultTag,defaultTagPrefix,repository,tag}, S.nodeSelector, S.affinity, S.tolerations, S.name, ' +
  'S.serviceAccount.{create,name,annotations}; and sourcegraph.{nodeSelector,affinity,tolerations}';

/** Expands `a.{b,c}.d` to `a.b.d`, `a.c.d` (one level of braces per segment, several segments allowed). */
export function expandBraces(pattern: string): string[] {
  const match = /\{([^{}]*)\}/.exec(pattern);
  if (!match) return [pattern];
  const head = pattern.slice(0, match.index);
  const tail = pattern.slice(match.index + match[0].length);
  return match[1].split(',').flatMap((alt) => expandBraces(`${head}${alt.trim()}${tail}`));
}

/** Splits on commas and semicolons outside braces. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if ((ch === ',' || ch === ';') && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out.map((part) => part.trim()).filter((part) => part !== '');
}

/**
 * Reads a helper key list (HELPER_KEYS' syntax): `S.`-paths are per-service
 * keys, other paths are absolute. Words before a path (`and`) are dropped.
 */
export function parseHelperKeys(text: string): { service: string[]; absolute: string[] } {
  const service: string[] = [];
  const absolute: string[] = [];
  for (const part of splitTopLevel(text.replace(/\.\s*$/, ''))) {
    const path = part.split(/\s+/).pop() ?? '';
    if (!/^[A-Za-z_$]/.test(path)) continue;
    for (const expanded of expandBraces(path)) {
      if (expanded.startsWith('S.')) service.push(expanded.slice(2));
      else absolute.push(expanded);
    }
  }
  return { service, absolute };
}

/** The helper key list in a template-value-paths.txt header (`... for every service key S used with them: <list>`). */
export function helperKeysFromHeader(text: string): string | undefined {
  const line = text.split('\n').find((l) => l.startsWith('#') && l.includes('for every service key S'));
  if (!line) return undefined;
  const cut = line.indexOf(':', line.indexOf('for every service key S'));
  return cut < 0 ? undefined : line.slice(cut + 1).trim();
}

/** The non-comment lines of a template-value-paths.txt. */
export function parseTemplatePathList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const IDENT = '[A-Za-z_][A-Za-z0-9_]*';
const DOTTED_VALUES = new RegExp(`\\.Values((?:\\.${IDENT})+)`, 'g');
const INDEX_VALUES = new RegExp(`\\bindex\\s+(?:\\$${IDENT}|\\$)?\\.Values((?:\\.${IDENT})*)((?:\\s+"[^"\\s]*")+)`, 'g');

/**
 * The value paths one template file reads: `.Values.a.b` (also after `$` or
 * `$root`) and `index .Values "a" "b"` (also `index .Values.a "b"`). Paths
 * built from variables (`index .Values $service`) cannot be known and are
 * skipped: the helper keys cover those.
 */
export function scanTemplateValuePaths(text: string): string[] {
  const paths = new Set<string>();
  for (const m of text.matchAll(INDEX_VALUES)) {
    const base = m[1] ? m[1].slice(1).split('.') : [];
    const rest = [...m[2].matchAll(/"([^"]*)"/g)].map((q) => q[1]);
    if (rest.some((seg) => seg === '')) continue;
    paths.add([...base, ...rest].join('.'));
  }
  // `index .Values.a "b"` was read above; do not count its `.Values.a` again.
  for (const m of text.replace(INDEX_VALUES, ' ').matchAll(DOTTED_VALUES)) paths.add(m[1].slice(1));
  return [...paths].sort();
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

/** Every value path the templates of an unpacked chart read, sorted. */
export function scanTemplatesDir(templatesDir: string): string[] {
  const paths = new Set<string>();
  for (const file of listFiles(templatesDir)) {
    if (!/\.(ya?ml|tpl|txt|json)$/.test(file)) continue;
    for (const p of scanTemplateValuePaths(readFileSync(file, 'utf8'))) paths.add(p);
  }
  return [...paths].sort();
}

/** Mutable node while building. */
interface BuildNode {
  kind: 'map' | 'value' | 'free';
  children: Map<string, BuildNode>;
}

function newNode(kind: BuildNode['kind']): BuildNode {
  return { kind, children: new Map() };
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromValues(key: string | undefined, value: unknown): BuildNode {
  if (key !== undefined && FREE_FORM_KEYS.has(key)) return newNode('free');
  if (!isPlainMap(value)) return newNode('value');
  const node = newNode('map');
  for (const [k, v] of Object.entries(value)) node.children.set(k, fromValues(k, v));
  return node;
}

/** Adds a path; an existing free-form or value node stays as it is (its children are not checked anyway). */
function addPath(root: BuildNode, path: readonly string[]): void {
  let node = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    if (node.kind === 'free') return;
    if (node.kind === 'value') {
      // A template reads deeper keys of something values.yaml shows as a scalar or list: a map after all.
      node.kind = 'map';
    }
    let child = node.children.get(key);
    if (!child) {
      child = newNode(FREE_FORM_KEYS.has(key) ? 'free' : 'value');
      node.children.set(key, child);
    }
    node = child;
  }
}

function toJsonNode(node: BuildNode): CatalogNode {
  if (node.kind === 'free') return 1;
  if (node.kind === 'value') return 0;
  // An empty map in values.yaml that no template reads into: free-form.
  if (node.children.size === 0) return 1;
  const out: { [key: string]: CatalogNode } = {};
  for (const key of [...node.children.keys()].sort()) out[key] = toJsonNode(node.children.get(key)!);
  return out;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The inputs of one catalog, already read. */
export interface ChartSources {
  /** Chart.yaml text. */
  readonly chartYaml: string;
  /** values.yaml text. */
  readonly valuesYaml: string;
  /** The value paths the templates read. */
  readonly templatePaths: readonly string[];
  /** `templates/` or `template-value-paths.txt`. */
  readonly templatePathsFrom: string;
  /** The helper key list (HELPER_KEYS syntax). @default HELPER_KEYS */
  readonly helperKeys?: string;
}

/** Builds the catalog of one chart version. */
export function buildChartCatalog(sources: ChartSources): ChartCatalogJson {
  const chart = parse(sources.chartYaml) as Record<string, unknown>;
  if (!isPlainMap(chart) || typeof chart.version !== 'string' || typeof chart.name !== 'string') {
    throw new Error('Chart.yaml must have a name and a version (a string)');
  }
  const values = parse(sources.valuesYaml) ?? {};
  if (!isPlainMap(values)) throw new Error('values.yaml must be a map at the top level');

  const root = fromValues(undefined, values);
  for (const p of sources.templatePaths) addPath(root, p.split('.'));

  const helpers = parseHelperKeys(sources.helperKeys ?? HELPER_KEYS);
  for (const p of helpers.absolute) addPath(root, p.split('.'));
  const generic = newNode('map');
  for (const p of helpers.service) addPath(generic, p.split('.'));

  const services = Object.entries(values)
    .filter(([key, value]) => key !== 'sourcegraph' && isPlainMap(value) && ('image' in value || 'resources' in value))
    .map(([key]) => key)
    .sort();
  const keys = toJsonNode(root);
  const serviceKeys = toJsonNode(generic);
  if (typeof keys !== 'object' || typeof serviceKeys !== 'object') throw new Error('values.yaml has no keys');
  return {
    chart: chart.name,
    version: chart.version,
    appVersion: String(chart.appVersion ?? chart.version),
    source: {
      valuesSha256: sha256(sources.valuesYaml),
      templatePathsFrom: sources.templatePathsFrom,
      templatePathsSha256: sha256(`${[...sources.templatePaths].sort().join('\n')}\n`),
      templatePathCount: sources.templatePaths.length,
    },
    services,
    serviceKeys,
    keys,
  };
}

/**
 * Reads a chart directory: templates/** when present (scanned), else
 * template-value-paths.txt (the reference layout, whose header also gives
 * the helper keys).
 */
export function readChartDir(dir: string): ChartSources {
  const read = (name: string) => {
    const file = join(dir, name);
    if (!existsSync(file)) throw new Error(`${name} not found in chart directory ${dir}`);
    return readFileSync(file, 'utf8');
  };
  const chartYaml = read('Chart.yaml');
  const valuesYaml = read('values.yaml');
  const templatesDir = join(dir, 'templates');
  if (existsSync(templatesDir)) {
    return { chartYaml, valuesYaml, templatePaths: scanTemplatesDir(templatesDir), templatePathsFrom: 'templates/' };
  }
  const listFile = 'template-value-paths.txt';
  if (!existsSync(join(dir, listFile))) {
    throw new Error(`chart directory ${dir} has neither templates/ nor ${listFile}`);
  }
  const list = read(listFile);
  return {
    chartYaml,
    valuesYaml,
    templatePaths: parseTemplatePathList(list),
    templatePathsFrom: listFile,
    helperKeys: helperKeysFromHeader(list),
  };
}

/** The JSON text: one line per top-level key, so that diffs between regenerations stay readable. */
export function renderChartCatalogJson(catalog: ChartCatalogJson): string {
  const { keys, ...head } = catalog;
  const headJson = JSON.stringify(head);
  const lines = Object.entries(keys).map(([key, node]) => `${JSON.stringify(key)}:${JSON.stringify(node)}`);
  return `${headJson.slice(0, -1)},\n"keys":{\n${lines.join(',\n')}\n}}\n`;
}

/** Catalog directories under the reference directory (`v<version>/`). */
export function referenceChartDirs(referenceDir = DEFAULT_REFERENCE_DIR): string[] {
  if (!existsSync(referenceDir)) return [];
  return readdirSync(referenceDir)
    .filter((name) => /^v\d/.test(name) && existsSync(join(referenceDir, name, 'values.yaml')))
    .sort()
    .map((name) => join(referenceDir, name));
}

function main(args: readonly string[]): void {
  const dirs = args.length > 0 ? args.map((a) => resolve(a)) : referenceChartDirs();
  if (dirs.length === 0) throw new Error(`no chart directories given and none found under ${DEFAULT_REFERENCE_DIR}`);
  for (const dir of dirs) {
    const catalog = buildChartCatalog(readChartDir(dir));
    const out = catalogOutputPath(catalog.version);
    writeFileSync(out, renderChartCatalogJson(catalog));
    console.log(`${relative(process.cwd(), out)}: chart ${catalog.version}, ${catalog.services.length} services, from ${catalog.source.templatePathsFrom}`);
  }
}

if (require.main === module) main(process.argv.slice(2));
