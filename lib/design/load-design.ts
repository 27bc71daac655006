/**
 * Loading a design: reads the YAML with line positions and the customer's
 * override files, and locates problems found at a field path by
 * file:line:col. It turns a file into a document and nothing more: what a
 * design must satisfy (schema, cross-field rules, Helm override keys,
 * capacity) is checked above this module by the check pipeline,
 * `lib/checks/check-design.ts` (`checkDesignFile`, `loadDesign`).
 *
 * Nothing here loads cdktf or provider code: `sg-replica validate` stays fast.
 */
import * as path from 'path';
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { readDesignFile, readOverrideFile } from './input-file';
import { DesignSource, OverrideFile } from './model';
import { DesignProblem, FieldPath, formatFieldPath, sortProblems } from './problems';
import { PathProblem } from './validate-shape';

/** Turns problems at field paths into problems at positions of one file. */
export type Locate = (problems: readonly PathProblem[]) => DesignProblem[];

/** A design document, read. */
export interface DesignDocument {
  readonly source: DesignSource;
  /** The document as plain data, when the file could be read and parsed (it may still be anything: a list, a number). */
  readonly content?: { readonly value: unknown };
  /** Problems reading or parsing the file: YAML errors and warnings, a missing file. */
  readonly problems: readonly DesignProblem[];
  /** Locates problems at field paths of this document. */
  readonly locate: Locate;
}

/** One of the design's Helm override files, read and parsed. */
export interface OverrideDocument {
  readonly file: OverrideFile;
  /** The file as shown in messages. */
  readonly display: string;
  /** The parsed YAML, for what the values no longer show (anchors, merge keys). */
  readonly doc: Document.Parsed;
  /** Locates problems at paths of this file's values. */
  readonly locate: Locate;
}

/** The override files a design names, read. */
export interface OverrideDocuments {
  readonly files: readonly OverrideDocument[];
  /** Problems inside override files (YAML, not a map). */
  readonly problems: readonly DesignProblem[];
  /** Problems in the design file itself: an override file that cannot be read. */
  readonly pathProblems: readonly PathProblem[];
}

interface ParsedYaml {
  readonly doc?: Document.Parsed;
  readonly lines: LineCounter;
  readonly problems: DesignProblem[];
}

/**
 * The repeated key at `offset` of a document parsed with `uniqueKeys`: its
 * name, the path of the map holding it and where the key first appears.
 * The yaml library only says "Map keys must be unique".
 */
export function duplicateKeyAt(doc: Document.Parsed, lines: LineCounter, offset: number): { key: string; path: FieldPath; firstLine: number } | undefined {
  const search = (node: unknown, path: FieldPath): ReturnType<typeof duplicateKeyAt> => {
    if (isMap(node)) {
      const pairs = node.items.filter((it) => isPair(it) && isScalar(it.key));
      const again = pairs.find((it) => (it.key as Node).range?.[0] === offset);
      if (again) {
        const key = String((again.key as { value: unknown }).value);
        const first = pairs.find((it) => String((it.key as { value: unknown }).value) === key)!;
        return { key, path, firstLine: lines.linePos((first.key as Node).range![0]).line };
      }
      for (const it of pairs) {
        const found = search(it.value, [...path, String((it.key as { value: unknown }).value)]);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const found = search(node.items[i], [...path, i]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(doc.contents, []);
}

function parseYaml(text: string, file: string, merge = false): ParsedYaml {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true, merge });
  const problems: DesignProblem[] = [...doc.errors, ...doc.warnings].map((e) => {
    const duplicate = e.code === 'DUPLICATE_KEY' ? duplicateKeyAt(doc, lines, e.pos[0]) : undefined;
    return {
      severity: doc.errors.includes(e as never) ? ('error' as const) : ('warning' as const),
      file,
      line: e.linePos?.[0].line,
      col: e.linePos?.[0].col,
      field: duplicate ? formatFieldPath([...duplicate.path, duplicate.key]) : '',
      message: duplicate
        ? `YAML: duplicate key "${duplicate.key}" (first at line ${duplicate.firstLine}): a key may appear once in a map; keep one`
        : `YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
    };
  });
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

/** Locates path problems in `file`; without a parsed document (designs built in code), by field only. */
function locator(file: string, doc: Document.Parsed | undefined, lines: LineCounter): Locate {
  return (problems) =>
    problems.map((p) => ({
      severity: p.severity,
      file,
      ...positionOf(doc, lines, p.path, p.atKey),
      field: formatFieldPath(p.path),
      message: p.message,
      ...(p.got !== undefined && { got: p.got }),
      ...(p.allowed !== undefined && { allowed: p.allowed }),
    }));
}

/** Reads and parses a design file; never throws for problems in the file. */
export function parseDesignFile(file: string): DesignDocument {
  const source: DesignSource = { file, baseDir: path.dirname(path.resolve(file)) };
  const none = locator(file, undefined, new LineCounter());
  const read = readDesignFile(file);
  if ('problem' in read) {
    const problem: DesignProblem = { severity: 'error', file, field: '', message: `file ${read.problem.message}`, ...(read.problem.message !== 'not found' && { allowed: read.problem.allowed }) };
    return { source, problems: [problem], locate: none };
  }
  const parsed = parseYaml(read.text, file);
  if (!parsed.doc) return { source, problems: sortProblems(parsed.problems), locate: none };
  return { source, content: { value: parsed.doc.toJS({ maxAliasCount: 1000 }) }, problems: parsed.problems, locate: locator(file, parsed.doc, parsed.lines) };
}

export interface DesignFromObjectOptions {
  /** A label for messages. @default '<design>' */
  readonly file?: string;
  /** Directory override file paths are resolved against. @default process.cwd() */
  readonly baseDir?: string;
}

/** A design given as a plain object (same schema as the YAML file), as a document located by field only. */
export function designObjectDocument(input: unknown, options: DesignFromObjectOptions = {}): DesignDocument {
  const source: DesignSource = { file: options.file ?? '<design>', baseDir: options.baseDir ?? process.cwd() };
  return { source, content: { value: input }, problems: [], locate: locator(source.file, undefined, new LineCounter()) };
}

/**
 * Reads the override files `sourcegraph.overrides` of a design document
 * names, relative to `baseDir`, in order (see input-file.ts for what may be
 * read). Entries that are not strings are skipped (the schema reports them).
 */
export function readOverrideFiles(raw: Readonly<Record<string, unknown>>, baseDir: string): OverrideDocuments {
  const files: OverrideDocument[] = [];
  const problems: DesignProblem[] = [];
  const pathProblems: PathProblem[] = [];
  const sg = raw.sourcegraph as Record<string, unknown> | undefined;
  if (!sg || !Array.isArray(sg.overrides)) return { files, problems, pathProblems };
  sg.overrides.forEach((rel, i) => {
    if (typeof rel !== 'string') return;
    const read = readOverrideFile(rel, baseDir);
    if ('problem' in read) {
      pathProblems.push({
        severity: 'error',
        path: ['sourcegraph', 'overrides', i],
        message: `override file ${read.problem.message}`,
        got: JSON.stringify(rel),
        allowed: read.problem.allowed,
      });
      return;
    }
    const resolvedPath = path.resolve(baseDir, rel);
    const display = path.relative(process.cwd(), resolvedPath) || resolvedPath;
    // Helm resolves YAML merge keys (<<) in values files; so do we.
    const parsed = parseYaml(read.text, display, true);
    problems.push(...parsed.problems);
    if (!parsed.doc) return;
    const values = parsed.doc.toJS({ maxAliasCount: 1000 }) ?? {};
    if (typeof values !== 'object' || Array.isArray(values)) {
      problems.push({ severity: 'error', file: display, line: 1, col: 1, field: '', message: 'a Helm override file must be a YAML map' });
      return;
    }
    files.push({ file: { path: rel, resolvedPath, values }, display, doc: parsed.doc, locate: locator(display, parsed.doc, parsed.lines) });
  });
  return { files, problems, pathProblems };
}
