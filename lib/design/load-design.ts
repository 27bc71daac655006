/**
 * Loading a design: read the YAML with line positions, check it against the
 * schema and the cross-field rules, read the customer's override files, and
 * return the typed `Design`, or every problem at once with file:line:col.
 *
 * Nothing here loads cdktf or provider code: `sg-replica validate` stays fast.
 */
import * as path from 'path';
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { checkValueKeys, KeyProblem } from '../chart/check-value-keys';
import { dependentKeyProblems } from '../chart/dependent-keys';
import { mergeValues } from '../sourcegraph/merge-values';
import { replicaConflicts } from '../chart/replica-conflicts';
import { yamlKeyOrigins } from '../chart/yaml-key-origins';
import { REPLICA_STORAGE_CLASS_NAME } from '../sourcegraph/replica-values';
import { volumeMinimumProblems } from '../sizing/volume-minimums';
import { buildDesign } from './build-design';
import { designSchema } from './design-schema';
import { assessDesign, DesignAssessment } from '../assessment/assess-design';
import { CAPACITY_FIT_RULE } from '../assessment/capacity-rule';
import { SOURCEGRAPH_CHART_VERSIONS } from '../catalog/chart-versions';
import { readDesignFile, readOverrideFile } from './input-file';
import { Design, DesignSource, OverrideFile } from './model';
import { DesignProblem, DesignValidationError, FieldPath, formatFieldPath, sortProblems } from './problems';
import { checkRules } from './rules';
import { PathProblem, pathKey, validateShape } from './validate-shape';

/** The outcome of checking a design: the design when it has no errors, and every problem found. */
export interface DesignCheck {
  readonly design?: Design;
  /**
   * The design when only its capacity checks failed (it is otherwise valid):
   * what `sg-replica report` still reports on.
   */
  readonly unfitDesign?: Design;
  /** Values, capacity, cost and findings of `design` or `unfitDesign` (what synth and report reuse). */
  readonly assessment?: DesignAssessment;
  /** Errors and warnings, sorted by position. */
  readonly problems: readonly DesignProblem[];
}

interface ParsedYaml {
  readonly doc?: Document.Parsed;
  readonly lines: LineCounter;
  readonly problems: DesignProblem[];
}

function parseYaml(text: string, file: string, merge = false): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true, merge });
  const problems: DesignProblem[] = [...doc.errors, ...doc.warnings].map((e) => ({
    severity: doc.errors.includes(e as never) ? ('error' as const) : ('warning' as const),
    file,
    line: e.linePos?.[0].line,
    col: e.linePos?.[0].col,
    field: '',
    message: `YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
  }));
  return { doc: doc.errors.length ? undefined : doc, lines, problems };
}

/** The position of a path in a YAML document: the value (or key), else the closest existing ancestor key. */
function positionOf(doc: Document.Parsed | undefined, lines: LineCounter, p: FieldPath, atKey = false): { line?: number; col?: number } {
  if (!doc) return {};
  let node: unknown = doc.contents;
  let best: Node | undefined = (doc.contents as Node | null) ?? undefined;
  for (let i = 0; i < p.length; i++) {
    const seg = p[i];
    const last = i === p.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg));
      if (!pair) break;
      const key = pair.key as Node;
      best = key;
      if (last && atKey) break;
      node = pair.value;
      if (last && node && (node as Node).range) best = node as Node;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      node = node.items[seg];
      if ((node as Node).range) best = node as Node;
    } else {
      break;
    }
  }
  if (!best?.range) return { line: 1, col: 1 };
  const pos = lines.linePos(best.range[0]);
  return { line: pos.line, col: pos.col };
}

function locate(problems: readonly PathProblem[], file: string, doc: Document.Parsed | undefined, lines: LineCounter): DesignProblem[] {
  return problems.map((p) => ({
    severity: p.severity,
    file,
    ...positionOf(doc, lines, p.path, p.atKey),
    field: formatFieldPath(p.path),
    message: p.message,
    ...(p.got !== undefined && { got: p.got }),
    ...(p.allowed !== undefined && { allowed: p.allowed }),
  }));
}

interface ParsedOverride {
  readonly file: OverrideFile;
  /** The file as shown in messages. */
  readonly display: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

interface OverridesResult {
  readonly files: ParsedOverride[];
  readonly problems: DesignProblem[];
  /** Path problems in the design file itself (missing override file). */
  readonly pathProblems: PathProblem[];
}

function readOverrides(raw: Record<string, unknown>, baseDir: string, invalid: ReadonlySet<string>): OverridesResult {
  const out: OverridesResult = { files: [], problems: [], pathProblems: [] };
  const sg = raw.sourcegraph as Record<string, unknown> | undefined;
  if (!sg || !Array.isArray(sg.overrides) || invalid.has(pathKey(['sourcegraph', 'overrides']))) return out;
  sg.overrides.forEach((rel, i) => {
    if (typeof rel !== 'string') return;
    const read = readOverrideFile(rel, baseDir);
    if ('problem' in read) {
      out.pathProblems.push({
        severity: 'error',
        path: ['sourcegraph', 'overrides', i],
        message: `override file ${read.problem.message}`,
        got: JSON.stringify(rel),
        allowed: read.problem.allowed,
      });
      return;
    }
    const text = read.text;
    const resolvedPath = path.resolve(baseDir, rel);
    const display = path.relative(process.cwd(), resolvedPath) || resolvedPath;
    // Helm resolves YAML merge keys (<<) in values files; so do we.
    const parsed = parseYaml(text, display, true);
    out.problems.push(...parsed.problems);
    if (!parsed.doc) return;
    const values = parsed.doc.toJS({ maxAliasCount: 1000 }) ?? {};
    if (typeof values !== 'object' || Array.isArray(values)) {
      out.problems.push({ severity: 'error', file: display, line: 1, col: 1, field: '', message: 'a Helm override file must be a YAML map' });
      return;
    }
    out.files.push({ file: { path: rel, resolvedPath, values }, display, doc: parsed.doc, lines: parsed.lines });
  });
  return out;
}

/**
 * Capacity and codebase findings as problems: an error (the release does not
 * fit even at maxNodes, a volume too small) fails validation unless the design
 * waives `capacity-fit` with a reason, which turns it into a logged warning.
 */
function assessmentProblems(design: Design, assessment: DesignAssessment): PathProblem[] {
  const waiver = design.waivers.find((w) => w.rule === CAPACITY_FIT_RULE);
  return assessment.findings
    .filter((f) => f.severity !== 'info')
    .map((f) => {
      const path: FieldPath = f.field ?? (f.valuesKey ? ['sourcegraph'] : ['kubernetes', 'nodePools']);
      if (f.severity === 'error' && waiver) {
        return { severity: 'warning' as const, path, message: `capacity: ${f.message} (waived: ${waiver.reason})` };
      }
      return { severity: f.severity as 'error' | 'warning', path, message: `capacity: ${f.message}`, ...(f.severity === 'error' && { allowed: `larger or more nodes, smaller requests, or a "${CAPACITY_FIT_RULE}" waiver with a reason` }) };
    });
}

/** Rules that need the raw document: the other cloud's identifier is an error, not silently dropped. */
function rawCloudRules(raw: Record<string, unknown>): PathProblem[] {
  const cloud = raw.cloud as Record<string, unknown> | undefined;
  if (!cloud || typeof cloud !== 'object') return [];
  if (cloud.provider === 'aws' && cloud.project !== undefined) {
    return [{ severity: 'error', path: ['cloud', 'project'], atKey: true, message: 'gcp only; aws designs name the sandbox with accountId' }];
  }
  if (cloud.provider === 'gcp' && cloud.accountId !== undefined) {
    return [{ severity: 'error', path: ['cloud', 'accountId'], atKey: true, message: 'aws only; gcp designs name the sandbox with project' }];
  }
  return [];
}

/**
 * Helm values checked against the chart version's key catalog and against
 * the replica: each override file (located in that file) and the inline values.
 */
function checkHelmValues(design: Design, overrides: readonly ParsedOverride[], invalid: ReadonlySet<string>): { inOverrides: DesignProblem[]; inline: PathProblem[] } {
  const version = design.sourcegraph.version;
  if (invalid.has(pathKey(['sourcegraph', 'version'])) || !SOURCEGRAPH_CHART_VERSIONS.includes(version)) return { inOverrides: [], inline: [] };
  const asPath = (p: KeyProblem, prefix: FieldPath = []): PathProblem => ({
    severity: p.severity,
    path: [...prefix, ...p.path],
    message: p.message,
    ...(p.got !== undefined && { got: p.got }),
    ...(p.suggestion !== undefined && !p.message.includes('did you mean') && { allowed: p.suggestion }),
    ...(p.atKey && { atKey: true }),
  });
  // What the customer's layers say together: a key in one file may be enabled by another.
  const combined = mergeValues({}, ...overrides.map((o) => o.file.values as Record<string, unknown>), ...(invalid.has(pathKey(['sourcegraph', 'values'])) ? [] : [design.sourcegraph.values as Record<string, unknown>]));
  const inOverrides = overrides.flatMap((o) =>
    locate(
      [
        ...checkValueKeys(o.file.values, version, yamlKeyOrigins(o.doc)),
        ...replicaConflicts(o.file.values, design, { storageClassName: REPLICA_STORAGE_CLASS_NAME, layer: 'override' }),
        ...volumeMinimumProblems(o.file.values, design.storage.diskType, version),
        ...dependentKeyProblems(o.file.values, combined),
      ].map((p) => asPath(p)),
      o.display,
      o.doc,
      o.lines,
    ),
  );
  const inline = invalid.has(pathKey(['sourcegraph', 'values']))
    ? []
    : [
        ...checkValueKeys(design.sourcegraph.values, version),
        ...replicaConflicts(design.sourcegraph.values, design, { storageClassName: REPLICA_STORAGE_CLASS_NAME, layer: 'inline' }),
        ...volumeMinimumProblems(design.sourcegraph.values, design.storage.diskType, version),
        ...dependentKeyProblems(design.sourcegraph.values, combined),
      ].map((p) => asPath(p, ['sourcegraph', 'values']));
  return { inOverrides, inline };
}

function checkParsed(raw: unknown, source: DesignSource, locateIn: (ps: readonly PathProblem[]) => DesignProblem[]): DesignCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { problems: [{ severity: 'error', file: source.file, line: 1, col: 1, field: '', message: 'a design must be a YAML map (name: ..., cloud: ..., ...)' }] };
  }
  const doc = raw as Record<string, unknown>;
  const shape = validateShape(doc, designSchema);
  const overrides = readOverrides(doc, source.baseDir, shape.invalid);
  const design = buildDesign(doc, source, overrides.files.map((o) => o.file));
  const helm = checkHelmValues(design, overrides.files, shape.invalid);
  const pathProblems = [...shape.problems, ...rawCloudRules(doc), ...overrides.pathProblems, ...checkRules(design, shape.invalid), ...helm.inline];
  const sound = !pathProblems.some((p) => p.severity === 'error') && !overrides.problems.some((p) => p.severity === 'error') && !helm.inOverrides.some((p) => p.severity === 'error');
  // Capacity and disk sizing only make sense for a design that is otherwise valid.
  const assessment = sound ? assessDesign(design) : undefined;
  if (assessment) pathProblems.push(...assessmentProblems(design, assessment));
  const problems = sortProblems([...locateIn(pathProblems), ...overrides.problems, ...helm.inOverrides]);
  if (!problems.some((p) => p.severity === 'error')) return { design, assessment, problems };
  return assessment ? { unfitDesign: design, assessment, problems } : { problems };
}

/** Checks a design file; never throws for problems in the file. */
export function checkDesignFile(file: string): DesignCheck {
  const source: DesignSource = { file, baseDir: path.dirname(path.resolve(file)) };
  const read = readDesignFile(file);
  if ('problem' in read) return { problems: [{ severity: 'error', file, field: '', message: `file ${read.problem.message}`, ...(read.problem.message !== 'not found' && { allowed: read.problem.allowed }) }] };
  const parsed = parseYaml(read.text, file);
  if (!parsed.doc) return { problems: sortProblems(parsed.problems) };
  const result = checkParsed(parsed.doc.toJS({ maxAliasCount: 1000 }), source, (ps) => locate(ps, file, parsed.doc, parsed.lines));
  return { ...result, problems: sortProblems([...parsed.problems, ...result.problems]) };
}

/** Loads a design file; throws `DesignValidationError` listing every error when it is invalid. */
export function loadDesign(file: string): Design {
  const result = checkDesignFile(file);
  if (!result.design) throw new DesignValidationError(result.problems);
  return result.design;
}

export interface DesignFromObjectOptions {
  /** A label for messages. @default '<design>' */
  readonly file?: string;
  /** Directory override file paths are resolved against. @default process.cwd() */
  readonly baseDir?: string;
}

/** Checks a design given as a plain object (same schema as the YAML file). */
export function checkDesignObject(input: unknown, options: DesignFromObjectOptions = {}): DesignCheck {
  const source: DesignSource = { file: options.file ?? '<design>', baseDir: options.baseDir ?? process.cwd() };
  return checkParsed(input, source, (ps) => locate(ps, source.file, undefined, new LineCounter()));
}

/**
 * Builds a `Design` from a plain object, for cdktf apps that define designs
 * in code. Throws `DesignValidationError` listing every error.
 */
export function designFromObject(input: unknown, options: DesignFromObjectOptions = {}): Design {
  const result = checkDesignObject(input, options);
  if (!result.design) throw new DesignValidationError(result.problems);
  return result.design;
}
