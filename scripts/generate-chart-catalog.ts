/**
 * Generates lib/chart/data/sourcegraph-<version>-keys.json, the catalog of
 * the Helm value keys a version of the sourcegraph/sourcegraph chart really
 * reads. `sg-replica validate` checks every key of the customer's override
 * files against it (lib/chart/check-value-keys.ts).
 *
 *   npx tsx scripts/generate-chart-catalog.ts [chart-dir ...]
 *
 * A chart directory is an unpacked chart (`helm pull sourcegraph/sourcegraph
 * --version X --untar`, or ../shared/reference/charts/sourcegraph-<X>/:
 * Chart.yaml, values.yaml, templates/**). The older reference layout
 * (../shared/reference/sourcegraph-helm/v<X>/: Chart.yaml, values.yaml,
 * template-value-paths.txt) is still read, less precisely (its helper keys
 * apply to every service). Without arguments every chart under
 * ../shared/reference/charts/sourcegraph-<version>/ is regenerated. See
 * docs/CHART-VERSIONS.md.
 *
 * The catalog is
 * - every path the templates read: `.Values.a.b`, `$.Values.a.b`,
 *   `$root.Values.a.b`, `index .Values "a" "b"` (scanned from templates/**);
 * - the per-service keys the chart's helpers read (`index $top.Values
 *   $service "image" "name"`...), applied to exactly the services each
 *   helper is called with (`include "sourcegraph.nodeSelector" (list .
 *   "frontend")`), through helpers that call helpers;
 * - the keys of values.yaml that one of those reads covers (the key, a
 *   parent read as a whole, or a child). Keys of values.yaml that nothing
 *   reads go to `unread`: setting them does nothing, and the check says so.
 *
 * Node encoding (compact): an object is a map whose keys are all known;
 * leaves give the shape a value must have: `0` anything (a key only
 * templates show), `1` a free-form map (labels, annotations, security
 * contexts, affinity, nodeSelector...), `"s"` a scalar, `"l"` a list, `"q"` a
 * storage size with a unit, `"e"` an env map (`NAME: {value: "..."}` or
 * `{valueFrom: ...}`), `"r"` a resources map (`limits`/`requests` of
 * quantities). Keys below leaves are not checked (env and resources entries
 * are, by shape).
 *
 * This file imports node built-ins and `yaml` only, so it runs with plain tsx.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';

/** A leaf's shape: see the module comment. */
export type CatalogShape = 0 | 1 | 's' | 'l' | 'q' | 'e' | 'r';
/** A catalog node: a map of known keys, or a leaf with its shape. */
export type CatalogNode = CatalogShape | { [key: string]: CatalogNode };

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
  /** Per-service keys applied to every service at load time (reference layout only; `{}` for unpacked charts). */
  readonly serviceKeys: { [key: string]: CatalogNode };
  /** values.yaml keys no template reads, sorted. */
  readonly unread: readonly string[];
  readonly keys: { [key: string]: CatalogNode };
}

export const REPO_ROOT = resolve(__dirname, '..');
/** The complete reference charts (`sourcegraph-<version>/`). */
export const DEFAULT_REFERENCE_DIR = resolve(REPO_ROOT, '..', 'shared', 'reference', 'charts');
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
 * `sourcegraph`, as the reference layout's template-value-paths.txt header
 * says. Only for that layout: an unpacked chart's helpers are scanned
 * (`scanHelpers`), which also knows which services each helper is used with.
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

/** The template files of an unpacked chart, read: the ones helm renders or includes. */
export function readTemplates(templatesDir: string): { path: string; text: string }[] {
  return listFiles(templatesDir)
    .filter((file) => /\.(ya?ml|tpl|txt|json)$/.test(file))
    .map((file) => ({ path: relative(templatesDir, file), text: readFileSync(file, 'utf8') }));
}

/** Every value path the templates of an unpacked chart read directly, sorted. */
export function scanTemplatesDir(templatesDir: string): string[] {
  const paths = new Set<string>();
  for (const { text } of readTemplates(templatesDir)) for (const p of scanTemplateValuePaths(text)) paths.add(p);
  return [...paths].sort();
}

/** A helper (`define`) and what it reads relative to its service arguments. */
interface HelperReads {
  /** Per argument position: the paths read below the service passed there (`index $top.Values $service "a" "b"` -> `a.b`). */
  readonly byArg: Map<number, Set<string>>;
  /** Helpers it calls with one of its service arguments: callee, callee's argument position, own argument position. */
  readonly calls: { readonly callee: string; readonly calleeArg: number; readonly ownArg: number }[];
}

const ACTION = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
const BLOCK_OPENERS = new Set(['if', 'range', 'with', 'define', 'block']);

/** The bodies of the `define` blocks of a template text, by name. */
export function helperBodies(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const actions = [...text.matchAll(ACTION)].map((m) => ({ body: m[1], start: m.index!, end: m.index! + m[0].length }));
  for (let i = 0; i < actions.length; i++) {
    const define = /^define\s+"([^"]+)"/.exec(actions[i].body);
    if (!define) continue;
    let depth = 1;
    for (let j = i + 1; j < actions.length; j++) {
      const word = /^([a-z]+)\b/.exec(actions[j].body.replace(/^\/\*[\s\S]*?\*\/\s*/, ''))?.[1];
      if (word && BLOCK_OPENERS.has(word)) depth++;
      else if (word === 'end') depth--;
      if (depth === 0) {
        out.set(define[1], text.slice(actions[i].end, actions[j].start));
        break;
      }
    }
  }
  return out;
}

/** Arguments of a `(list a "b" $c ...)` call, as written. */
function listArgs(text: string): string[] {
  return [...text.matchAll(/"[^"]*"|\S+/g)].map((m) => m[0]);
}

const INCLUDE_LIST = /\binclude\s+"([^"]+)"\s+\(list\s+([^)]*)\)/g;

/** What each helper reads per service argument, from its body. */
export function helperReads(bodies: ReadonlyMap<string, string>): Map<string, HelperReads> {
  const out = new Map<string, HelperReads>();
  for (const [name, body] of bodies) {
    const argVars = new Map<string, number>();
    for (const m of body.matchAll(/\$(\w+)\s*:=\s*index\s+\.\s+(\d+)/g)) argVars.set(m[1], Number(m[2]));
    const byArg = new Map<number, Set<string>>();
    for (const m of body.matchAll(/\bindex\s+\$(\w+)(?:\.Values)?\s+\$(\w+)((?:\s+"[^"\s]+")+)/g)) {
      const arg = argVars.get(m[2]);
      if (arg === undefined) continue;
      const path = [...m[3].matchAll(/"([^"]+)"/g)].map((q) => q[1]).join('.');
      if (!byArg.has(arg)) byArg.set(arg, new Set());
      byArg.get(arg)!.add(path);
    }
    const calls: HelperReads['calls'] = [];
    for (const m of body.matchAll(INCLUDE_LIST)) {
      listArgs(m[2]).forEach((token, calleeArg) => {
        const ownArg = token.startsWith('$') ? argVars.get(token.slice(1)) : undefined;
        if (ownArg !== undefined && ownArg > 0) calls.push({ callee: m[1], calleeArg, ownArg });
      });
    }
    out.set(name, { byArg, calls });
  }
  // Helpers that call helpers read what their callees read: close over the calls.
  for (let changed = true; changed; ) {
    changed = false;
    for (const reads of out.values()) {
      for (const call of reads.calls) {
        const callee = out.get(call.callee)?.byArg.get(call.calleeArg);
        if (!callee) continue;
        if (!reads.byArg.has(call.ownArg)) reads.byArg.set(call.ownArg, new Set());
        const own = reads.byArg.get(call.ownArg)!;
        for (const path of callee) {
          if (!own.has(path)) {
            own.add(path);
            changed = true;
          }
        }
      }
    }
  }
  return out;
}

/** The values prefix a helper's context argument stands for: `.`, `$`, `$top`, `$root` -> ''; `.Values.openTelemetry` -> `openTelemetry`. */
function contextPrefix(token: string): string | undefined {
  if (/^(\.|\$|\$\w+)$/.test(token)) return '';
  const m = /^\$?\w*\.Values((?:\.\w+)+)$/.exec(token);
  return m ? m[1].slice(1) : undefined;
}

/**
 * The value paths the chart's helpers read for the services they are called
 * with: each `include "<helper>" (list <context> "<service>" ...)` with a
 * literal service adds what the helper reads below that service.
 */
export function scanHelperPaths(templates: readonly { path: string; text: string }[]): string[] {
  const bodies = new Map<string, string>();
  for (const { text } of templates) for (const [name, body] of helperBodies(text)) bodies.set(name, body);
  const reads = helperReads(bodies);
  const paths = new Set<string>();
  for (const { text } of templates) {
    for (const m of text.matchAll(INCLUDE_LIST)) {
      const helper = reads.get(m[1]);
      if (!helper) continue;
      const args = listArgs(m[2]);
      const prefix = contextPrefix(args[0] ?? '');
      if (prefix === undefined) continue;
      args.forEach((token, position) => {
        const literal = /^"([^"]+)"$/.exec(token)?.[1];
        if (literal === undefined) return;
        for (const path of helper.byArg.get(position) ?? []) paths.add([prefix, literal, path].filter((x) => x !== '').join('.'));
      });
    }
  }
  return [...paths].sort();
}

/** Mutable node while building. */
interface BuildNode {
  kind: 'map' | 'value' | 'free';
  /** The leaf's shape, when known. */
  shape?: 's' | 'l' | 'q' | 'e' | 'r';
  children: Map<string, BuildNode>;
}

function newNode(kind: BuildNode['kind'], shape?: BuildNode['shape']): BuildNode {
  return { kind, ...(shape ? { shape } : {}), children: new Map() };
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Shapes fixed by a key's name wherever it appears. */
function namedShape(key: string | undefined): BuildNode['shape'] | undefined {
  if (key === 'storageSize') return 'q';
  if (key === 'env') return 'e';
  if (key === 'resources') return 'r';
  if (key === 'tolerations') return 'l';
  return undefined;
}

function fromValues(key: string | undefined, value: unknown): BuildNode {
  const named = namedShape(key);
  if (named === 'e' || named === 'r') return newNode('free', named);
  if (key !== undefined && FREE_FORM_KEYS.has(key)) return newNode('free');
  if (named) return newNode('value', named);
  if (Array.isArray(value)) return newNode('value', 'l');
  if (!isPlainMap(value)) return newNode('value', value === null || value === undefined ? undefined : 's');
  const node = newNode('map');
  for (const [k, v] of Object.entries(value)) node.children.set(k, fromValues(k, v));
  return node;
}

/** A node for a key only templates show: its shape is known only from its name. */
function templateNode(key: string): BuildNode {
  const named = namedShape(key);
  if (named === 'e' || named === 'r') return newNode('free', named);
  if (FREE_FORM_KEYS.has(key)) return newNode('free');
  return newNode('value', named);
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
      delete node.shape;
    }
    let child = node.children.get(key);
    if (!child) {
      child = templateNode(key);
      node.children.set(key, child);
    }
    node = child;
  }
}

/** True when the template paths read `path`: the path itself, a parent (read as a whole) or a child. */
function isRead(path: string, read: ReadonlySet<string>, prefixes: ReadonlySet<string>): boolean {
  if (read.has(path) || prefixes.has(path)) return true;
  const parts = path.split('.');
  for (let i = parts.length - 1; i > 0; i--) if (read.has(parts.slice(0, i).join('.'))) return true;
  return false;
}

/** Removes the values.yaml keys no template reads (the topmost unread key of each subtree), returning their paths. */
function pruneUnread(node: BuildNode, path: string[], read: ReadonlySet<string>, prefixes: ReadonlySet<string>, unread: string[]): void {
  for (const [key, child] of [...node.children]) {
    const childPath = [...path, key];
    if (!isRead(childPath.join('.'), read, prefixes)) {
      node.children.delete(key);
      unread.push(childPath.join('.'));
      continue;
    }
    if (child.kind === 'map') pruneUnread(child, childPath, read, prefixes, unread);
  }
}

function toJsonNode(node: BuildNode): CatalogNode {
  if (node.kind === 'free') return node.shape ?? 1;
  if (node.kind === 'value') return node.shape ?? 0;
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
  /** The value paths the templates read directly. */
  readonly templatePaths: readonly string[];
  /** `templates/` or `template-value-paths.txt`. */
  readonly templatePathsFrom: string;
  /** The per-service paths the helpers read (unpacked charts: `scanHelperPaths`). */
  readonly helperPaths?: readonly string[];
  /** The helper key list (HELPER_KEYS syntax), applied to every service; reference layout only. */
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
  const readPaths = [...sources.templatePaths, ...(sources.helperPaths ?? [])];
  const generic = newNode('map');
  const unread: string[] = [];
  if (sources.helperPaths) {
    // Unpacked chart: everything is known; values.yaml keys nothing reads are not keys.
    const read = new Set(readPaths);
    const prefixes = new Set(readPaths.flatMap((p) => p.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))));
    pruneUnread(root, [], read, prefixes, unread);
  } else {
    const helpers = parseHelperKeys(sources.helperKeys ?? HELPER_KEYS);
    for (const p of helpers.absolute) addPath(root, p.split('.'));
    for (const p of helpers.service) addPath(generic, p.split('.'));
  }
  for (const p of readPaths) addPath(root, p.split('.'));

  const services = Object.entries(values)
    .filter(([key, value]) => key !== 'sourcegraph' && isPlainMap(value) && ('image' in value || 'resources' in value))
    .map(([key]) => key)
    .sort();
  const keys = toJsonNode(root);
  const serviceKeys = generic.children.size === 0 ? {} : toJsonNode(generic);
  if (typeof keys !== 'object' || typeof serviceKeys !== 'object') throw new Error('values.yaml has no keys');
  return {
    chart: chart.name,
    version: chart.version,
    appVersion: String(chart.appVersion ?? chart.version),
    source: {
      valuesSha256: sha256(sources.valuesYaml),
      templatePathsFrom: sources.templatePathsFrom,
      templatePathsSha256: sha256(`${[...readPaths].sort().join('\n')}\n`),
      templatePathCount: readPaths.length,
    },
    services,
    serviceKeys,
    unread: unread.sort(),
    keys,
  };
}

/**
 * Reads a chart directory: templates/** when present (scanned, helpers
 * included), else template-value-paths.txt (the reference layout, whose
 * header gives the helper keys).
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
    const templates = readTemplates(templatesDir);
    const templatePaths = [...new Set(templates.flatMap((t) => scanTemplateValuePaths(t.text)))].sort();
    return { chartYaml, valuesYaml, templatePaths, templatePathsFrom: 'templates/', helperPaths: scanHelperPaths(templates) };
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

/** The sourcegraph chart directories under the reference directory (`sourcegraph-<version>/`, or the older `v<version>/`). */
export function referenceChartDirs(referenceDir = DEFAULT_REFERENCE_DIR): string[] {
  if (!existsSync(referenceDir)) return [];
  return readdirSync(referenceDir)
    .filter((name) => /^(sourcegraph-|v)\d/.test(name) && existsSync(join(referenceDir, name, 'values.yaml')))
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
