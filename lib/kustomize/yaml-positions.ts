/**
 * Line and column of a path in a parsed YAML document, and problems placed
 * there: `file:line:col field: message` as the design's problems are shown
 * (lib/design/problems.ts). Pure.
 */
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { DesignProblem, FieldPath, formatFieldPath, Severity } from '../design/problems';

/** A YAML file parsed with positions. */
export interface PositionedYaml {
  /** The file as shown in messages. */
  readonly display: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/** Parses `text`; YAML syntax errors come back as problems with their position. */
export function parsePositioned(text: string, display: string): { yaml?: PositionedYaml; problems: DesignProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const problems: DesignProblem[] = doc.errors.map((e) => ({
    severity: 'error' as const,
    file: display,
    line: e.linePos?.[0].line,
    col: e.linePos?.[0].col,
    field: '',
    message: `YAML: ${e.message.split('\n')[0]}`,
  }));
  if (problems.length > 0) return { problems };
  return { yaml: { display, doc, lines }, problems: [] };
}

/** The node at `path` (a map value or a list item), or the deepest node on the way; `atKey` for the key of the last map step. */
function nodeAt(doc: Document.Parsed, path: FieldPath, atKey: boolean): Node | undefined {
  let node: unknown = doc.contents;
  let best: Node | undefined = (doc.contents as Node | null) ?? undefined;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
      if (!pair) return best;
      if (last && atKey && pair.key && (pair.key as Node).range) return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
    } else {
      return best;
    }
    if (node && (node as Node).range) best = node as Node;
  }
  return best;
}

/** 1-based line and column of `path` in `yaml` (line 1, col 1 when the document is empty). */
export function positionOf(yaml: PositionedYaml, path: FieldPath, atKey = false): { line: number; col: number } {
  const node = nodeAt(yaml.doc, path, atKey);
  if (!node?.range) return { line: 1, col: 1 };
  const pos = yaml.lines.linePos(node.range[0]);
  return { line: pos.line, col: pos.col };
}

/** What a problem says, before it is placed. */
export interface ProblemText {
  readonly severity: Severity;
  readonly message: string;
  readonly got?: string;
  readonly allowed?: string;
}

/** A problem at `path` of `yaml`. */
export function problemAt(yaml: PositionedYaml, path: FieldPath, text: ProblemText, atKey = false): DesignProblem {
  return {
    severity: text.severity,
    file: yaml.display,
    ...positionOf(yaml, path, atKey),
    field: formatFieldPath(path),
    message: text.message,
    ...(text.got !== undefined && { got: text.got }),
    ...(text.allowed !== undefined && { allowed: text.allowed }),
  };
}
