/**
 * Reading YAML text safely: a design file or a Helm override file, parsed
 * with positions, never throwing, in time linear in the text.
 *
 * The `yaml` library alone is not enough for hostile text: its composer
 * recurses once per level of nesting (a 1,000-deep file overflows the stack),
 * its CST parser is quadratic in the nesting depth, its unique-key check is
 * quadratic in the keys of a map (40,000 keys: 34 s), `toJS` expands alias
 * bombs and cycles, throws on undefined aliases and bad merge keys, turns
 * `!!set`/`!!omap`/`!!timestamp`/`!!binary` into Sets, Maps, Dates and
 * Buffers, and prints "Keys with collection values will be stringified" on
 * stderr. So, in order:
 *
 * 1. the nesting and the number of tokens are estimated from the text
 *    (indentation, indicators, brackets, commas), and text far deeper or
 *    larger than the limits is refused before parsing;
 * 2. the CST is parsed and its exact depth checked against the limit, before
 *    the recursive composer sees it;
 * 3. the document is composed without the library's unique-key check, and
 *    checked here in one pass: duplicate keys, keys that are maps or lists,
 *    tags other than the plain ones, aliases with no anchor, aliases inside
 *    their own anchor, aliases that expand beyond the value limit, merge keys
 *    (`<<`) whose sources are not maps;
 * 4. only a document without such errors is turned into JavaScript values.
 *
 * Every problem is positioned (line and column in the file).
 */
import { Alias, Composer, CST, Document, isAlias, isMap, isScalar, isSeq, LineCounter, Node, Parser } from 'yaml';
import { INPUT_LIMITS, InputLimits } from './input-limits';
import { DesignProblem, FieldPath, formatFieldPath } from './problems';
import { thrownText } from './plain-data';

/** A YAML document, read. */
export interface YamlDocument {
  /** The parsed document, when it has no errors. */
  readonly doc?: Document.Parsed;
  /** The document as JavaScript values (not yet checked as plain data: see plain-data.ts), when it has no errors. */
  readonly content?: { readonly value: unknown };
  readonly lines: LineCounter;
  /** YAML errors and warnings, positioned. */
  readonly problems: DesignProblem[];
}

export interface ReadYamlOptions {
  /** Resolve YAML merge keys (`<<`), as Helm does in values files. @default false */
  readonly merge?: boolean;
  /** @default INPUT_LIMITS */
  readonly limits?: InputLimits;
}

/** Tags of plain data: explicit `!!str`, `!!int`... are fine; `!!set`, `!!timestamp`, `!custom` are not. */
const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/**
 * How much deeper than the limit text may look before it is refused without
 * parsing: the estimate counts indentation and indicators, an over-estimate
 * of the real depth for ordinary files (indented block scalars).
 */
const ESTIMATE_SLACK = 8;

/** Tokens of the text scan allowed per value of the limit (a key and its value, or an item and its indicator). */
const TOKENS_PER_VALUE = 2;

/** Where a text scan found the text too deep or too large to parse. */
export interface TextScan {
  /** Offset of the first line whose nesting estimate exceeds the bound. */
  readonly tooDeepAt?: number;
  /** Offset of the line where the token estimate exceeds the bound. */
  readonly tooLargeAt?: number;
}

/**
 * A linear scan of YAML text before parsing, so that the parser (whose cost
 * grows with the depth, and is some microseconds per token) never sees text
 * far deeper or larger than the limits:
 *
 * - nesting: per line, its indentation, plus the block indicators (`- `,
 *   `? `, `: `) it starts with, plus one, plus the flow brackets open
 *   (an upper estimate for ordinary YAML; brackets in strings count too);
 * - tokens: one per line with content, one per leading block indicator, one
 *   per `: ` after a key, one per flow bracket and per comma inside flow
 *   brackets (about two per value; brackets, commas and colons in quoted
 *   strings and comments count too).
 */
export function scanText(text: string, depthBound: number, tokenBound: number): TextScan {
  let open = 0;
  let tokens = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end < 0) end = text.length;
    let i = lineStart;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    let lead = 0;
    const first = i < end ? text.charCodeAt(i) : 10;
    if (first !== 35 && first !== 13 && i < end) {
      // - ? : followed by a space, tab or the line end: block indicators (compact nesting: "- - - x")
      for (;;) {
        const c = i < end ? text.charCodeAt(i) : 10;
        const next = i + 1 < end ? text.charCodeAt(i + 1) : 10;
        if (!((c === 45 || c === 63 || c === 58) && (next === 32 || next === 9 || next === 10 || next === 13))) break;
        lead++;
        i++;
        while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
      }
      tokens += 1 + lead;
    }
    let deepest = open;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 91 || c === 123) {
        // [ {
        open++;
        tokens++;
        if (open > deepest) deepest = open;
      } else if ((c === 93 || c === 125) && open > 0) open--; // ] }
      else if (c === 44 && open > 0) tokens++; // , in flow
      else if (c === 58 && (i + 1 === end || text.charCodeAt(i + 1) === 32)) tokens++; // ": " after a key
    }
    if (indent + lead + 1 + deepest > depthBound) return { tooDeepAt: lineStart };
    if (tokens > tokenBound) return { tooLargeAt: lineStart };
    lineStart = end + 1;
  }
  return {};
}

/** The deepest collection in CST tokens, and where it starts; iterative. */
function cstDepth(tokens: readonly CST.Token[], limit: number): { depth: number; offset: number } | undefined {
  const stack: Array<{ token: CST.Token; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const here = depth + 1;
        if (here > limit) return { depth: here, offset: token.offset };
        for (const item of token.items as CST.CollectionItem[]) {
          if (item.key) stack.push({ token: item.key, depth: here });
          if (item.value) stack.push({ token: item.value, depth: here });
        }
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}

/** A merge key `<<` (a symbol once the library resolves it with `merge`). */
function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.value === '<<' || (typeof key.value === 'symbol' && key.source === '<<'));
}

/** The key a YAML map key becomes in a JavaScript object (as the yaml library's toJS makes it). */
function jsKey(key: unknown): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  return '\u0000complex';
}

/** Finds the problems of a composed document in one pass (see the module comment, step 3). */
class StructureCheck {
  readonly problems: DesignProblem[] = [];
  private readonly anchors = new Map<string, Node>();
  private readonly sizes = new Map<Node, number>();
  private biggestAlias: { node: Alias; size: number } | undefined;

  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
    private readonly merge: boolean,
  ) {}

  private at(node: { range?: readonly number[] | null } | null | undefined, message: string, field: FieldPath = []): void {
    const offset = node?.range?.[0] ?? 0;
    const pos = this.lines.linePos(offset);
    this.problems.push({ severity: 'error', file: this.file, line: pos.line, col: pos.col, field: formatFieldPath(field), message: `YAML: ${message}` });
  }

  /** The field path of each map and list met so far (first path wins for an aliased node), to name a duplicate key's map. */
  private readonly paths = new Map<Node, FieldPath>();

  private resolve(node: unknown): unknown {
    return isAlias(node) ? this.anchors.get(node.source) : node;
  }

  private checkMergeSource(pair: { value: unknown }): void {
    const value = this.resolve(pair.value);
    const sources = isSeq(value) ? value.items.map((item) => this.resolve(item)) : [value];
    if (!sources.every((source) => isMap(source))) {
      this.at(pair.value as Node, 'a merge key (<<) takes a map, an alias of a map, or a list of them');
    }
  }

  /** Checks the tree under `root` and returns its size, aliases expanded. */
  run(root: Node | null): number {
    if (!root) return 0;
    type Step = { readonly enter: Node } | { readonly exit: Node; readonly children: readonly Node[] };
    const stack: Step[] = [{ enter: root }];
    const ancestors = new Set<Node>();
    while (stack.length > 0) {
      const step = stack.pop()!;
      if ('exit' in step) {
        ancestors.delete(step.exit);
        let size = 1;
        for (const child of step.children) size += this.sizes.get(child) ?? 1;
        this.sizes.set(step.exit, size);
        continue;
      }
      const node = step.enter;
      if (node.tag !== undefined && !PLAIN_TAGS.has(node.tag)) {
        this.at(node, `the tag ${node.tag.replace('tag:yaml.org,2002:', '!!')} is not supported; sg-replica reads plain YAML: maps, lists, strings, numbers, true/false and null`);
      }
      if (isAlias(node)) {
        const target = this.anchors.get(node.source);
        if (!target) this.at(node, `alias *${node.source} has no anchor &${node.source} before it`);
        else if (ancestors.has(target)) this.at(node, `alias *${node.source} is inside its own anchor &${node.source}: the value would contain itself`);
        else {
          const size = this.sizes.get(target) ?? 1;
          this.sizes.set(node, size);
          if (!this.biggestAlias || size > this.biggestAlias.size) this.biggestAlias = { node, size };
        }
        continue;
      }
      if (typeof node.anchor === 'string') this.anchors.set(node.anchor, node);
      const children: Node[] = [];
      const path = this.paths.get(node) ?? [];
      const childPath = (child: Node, step: string | number) => {
        if ((isMap(child) || isSeq(child)) && !this.paths.has(child)) this.paths.set(child, [...path, step]);
      };
      if (isMap(node)) {
        const seen = new Map<string, Node | null>();
        for (const pair of node.items) {
          const key = pair.key as Node | null;
          if (this.merge && isMergeKey(key)) {
            this.checkMergeSource(pair);
          } else if (key !== null && !isScalar(key)) {
            this.at(key, isAlias(key) ? 'a key must be written out, not an alias' : 'a key must be a plain value (a string), not a map or a list');
          } else {
            const name = jsKey(key);
            if (seen.has(name)) {
              const first = seen.get(name)?.range?.[0];
              const firstAt = first === undefined ? '' : ` (first at line ${this.lines.linePos(first).line})`;
              const shown = JSON.stringify(name.length > 60 ? `${name.slice(0, 57)}...` : name);
              this.at(key ?? (pair.value as Node), `duplicate key ${shown}${firstAt}: a key may appear once in a map; keep one`, [...path, name.length > 60 ? `${name.slice(0, 57)}...` : name]);
            } else {
              seen.set(name, key);
            }
            if (pair.value) childPath(pair.value as Node, name);
          }
          if (key) children.push(key);
          if (pair.value) children.push(pair.value as Node);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          if (!item) return;
          childPath(item as Node, i);
          children.push(item as Node);
        });
      }
      ancestors.add(node);
      stack.push({ exit: node, children });
      for (let i = children.length - 1; i >= 0; i--) stack.push({ enter: children[i] });
    }
    return this.sizes.get(root) ?? 1;
  }

  /** Reports aliases that expand the document beyond `limit` values. */
  checkExpansion(total: number, limit: number): void {
    if (total > limit && this.biggestAlias) {
      this.at(this.biggestAlias.node, `aliases expand the document to more than ${limit} values (alias *${this.biggestAlias.node.source} alone to ${this.biggestAlias.size > 1e9 ? 'billions' : this.biggestAlias.size}): too large to be a design or a Helm values file`);
    }
  }
}

/** Reads YAML `text` (the contents of `file`) as one document; never throws. */
export function readYaml(text: string, file: string, options: ReadYamlOptions = {}): YamlDocument {
  const limits = options.limits ?? INPUT_LIMITS;
  const merge = options.merge ?? false;
  const lines = new LineCounter();
  const failed = (offset: number, message: string): YamlDocument => {
    // Lines are counted while parsing; without a parse, count them up to `offset`.
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { lines, problems: [{ severity: 'error', file, line, col: offset - lineStart + 1, field: '', message: `YAML: ${message}` }] };
  };
  const tooDeep = `nested deeper than ${limits.depth} levels of maps and lists, more than sg-replica reads`;
  const scan = scanText(text, limits.depth * ESTIMATE_SLACK, limits.values * TOKENS_PER_VALUE);
  if (scan.tooDeepAt !== undefined) return failed(scan.tooDeepAt, tooDeep);
  if (scan.tooLargeAt !== undefined) return failed(scan.tooLargeAt, `holds more than ${limits.values} values (maps, lists and scalars): too large to be a design or a Helm values file`);

  let doc: Document.Parsed | undefined;
  const problems: DesignProblem[] = [];
  try {
    const tokens = [...new Parser(lines.addNewLine).parse(text)];
    const deep = cstDepth(tokens, limits.depth);
    if (deep) return failed(deep.offset, tooDeep);
    const composer = new Composer({ merge, uniqueKeys: false, logLevel: 'error' });
    for (const next of composer.compose(tokens, true, text.length)) {
      if (!doc) doc = next;
      else {
        const pos = lines.linePos(next.range[0]);
        problems.push({ severity: 'error', file, line: pos.line, col: pos.col, field: '', message: 'YAML: the file holds more than one document (---); a design or values file is one document' });
        break;
      }
    }
  } catch (e) {
    return failed(0, `cannot be parsed: ${thrownText(e)}`);
  }
  if (!doc) return { lines, problems: [], content: { value: null } };
  for (const e of [...doc.errors, ...doc.warnings]) {
    if (e.code === 'TAG_RESOLVE_FAILED') continue; // reported below as an unsupported tag
    const pos = lines.linePos(e.pos[0]);
    problems.push({ severity: doc.errors.includes(e as never) ? 'error' : 'warning', file, line: pos.line, col: pos.col, field: '', message: `YAML: ${e.message.split('\n')[0]}` });
  }
  if (problems.some((p) => p.severity === 'error')) return { lines, problems };
  const structure = new StructureCheck(file, lines, merge);
  const size = structure.run(doc.contents as Node | null);
  structure.checkExpansion(size, limits.values);
  problems.push(...structure.problems);
  if (problems.some((p) => p.severity === 'error')) return { lines, problems };
  try {
    return { doc, lines, problems, content: { value: doc.toJS({ maxAliasCount: -1 }) } };
  } catch (e) {
    return { lines, problems: [...problems, { severity: 'error', file, line: 1, col: 1, field: '', message: `YAML: cannot be read: ${thrownText(e)}` }] };
  }
}
