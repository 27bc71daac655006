/**
 * Structural check of a synthesized stack: every Terraform reference in it
 * points at something the same stack declares. A stand-in for
 * `terraform validate` where no provider binary is available offline (GKE),
 * and a cheap extra check everywhere else.
 *
 *   expect(unresolvedReferences(Testing.synth(stack))).toEqual([]);
 *
 * Every string of the stack JSON is scanned for `${...}` interpolations and
 * `%{...}` directives; inside them, every reference (a traversal such as
 * `google_container_cluster.x.endpoint`, `data.google_client_config.x.access_token`,
 * `var.x`, `local.x`, `module.x`, `each.value`, `count.index`, `self.x`) is
 * checked, including references in function arguments, nested templates,
 * index expressions and conditionals. `depends_on` and `replace_triggered_by`
 * entries are checked as references too.
 *
 * Resolution rules: resources against `resource`, data sources against
 * `data`, `var.` against `variable`, `local.` against `locals`, `module.`
 * against `module`; `each.` only inside a block with `for_each`, `count.` only
 * inside one with `count`, `self.` only inside `provisioner`/`connection`, a
 * dynamic block's iterator only inside its `content`; `path.` and
 * `terraform.` always; variables of `for` expressions inside that expression.
 * Function names (`base64decode(...)`, `provider::x::f(...)`) are not references.
 */

interface Declared {
  readonly resources: ReadonlyMap<string, ReadonlySet<string>>;
  readonly data: ReadonlyMap<string, ReadonlySet<string>>;
  readonly variables: ReadonlySet<string>;
  readonly locals: ReadonlySet<string>;
  readonly modules: ReadonlySet<string>;
}

interface Scope {
  readonly each: boolean;
  readonly count: boolean;
  readonly self: boolean;
  /** Iterator names of enclosing dynamic blocks and variables of enclosing `for` expressions. */
  readonly names: ReadonlySet<string>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ROOT_SCOPE: Scope = { each: false, count: false, self: false, names: new Set() };
const KEYWORDS = new Set(['true', 'false', 'null', 'for', 'in', 'if']);

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function namesOf(section: unknown): Set<string> {
  return new Set(isObject(section) ? Object.keys(section) : []);
}

function typedNames(section: unknown): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (!isObject(section)) return out;
  for (const [type, blocks] of Object.entries(section)) out.set(type, namesOf(blocks));
  return out;
}

/**
 * The references of a synthesized stack (JSON text or parsed) that point at
 * nothing the stack declares, as written (e.g. `google_container_cluster.gone.endpoint`),
 * without duplicates, sorted. `[]` when every reference resolves.
 */
export function unresolvedReferences(stackJson: string | object): string[] {
  const stack = (typeof stackJson === 'string' ? JSON.parse(stackJson) : stackJson) as Record<string, Json>;
  const declared: Declared = {
    resources: typedNames(stack.resource),
    data: typedNames(stack.data),
    variables: namesOf(stack.variable),
    locals: namesOf(stack.locals),
    modules: namesOf(stack.module),
  };
  const found = new Set<string>();
  const report = (ref: string) => found.add(ref);

  for (const [section, body] of Object.entries(stack)) {
    if ((section === 'resource' || section === 'data') && isObject(body)) {
      for (const blocks of Object.values(body)) {
        if (!isObject(blocks)) continue;
        for (const block of Object.values(blocks)) walkBlock(block, declared, report);
      }
    } else if (section === 'module' && isObject(body)) {
      for (const block of Object.values(body)) walkBlock(block, declared, report);
    } else if (section === 'import' && Array.isArray(body)) {
      // Import blocks: `to` is a resource address; `id` may use `each.` when the block has `for_each` (Terraform 1.7+).
      for (const block of body) {
        if (!isObject(block)) continue;
        const { to, ...rest } = block;
        if (typeof to === 'string') scanExpression(to, ROOT_SCOPE, declared, report);
        walkBlock(rest, declared, report);
      }
    } else {
      walk(body, ROOT_SCOPE, declared, report);
    }
  }
  return [...found].sort();
}

/** A resource, data or module block: its meta-arguments decide whether `each.` and `count.` exist. */
function walkBlock(block: Json, declared: Declared, report: (ref: string) => void): void {
  const blocks = Array.isArray(block) ? block : [block];
  for (const b of blocks) {
    if (!isObject(b)) continue;
    const scope: Scope = { ...ROOT_SCOPE, each: 'for_each' in b, count: 'count' in b };
    walk(b, scope, declared, report);
  }
}

function walk(value: Json, scope: Scope, declared: Declared, report: (ref: string) => void): void {
  if (typeof value === 'string') {
    scanTemplate(value, scope, declared, report);
  } else if (Array.isArray(value)) {
    for (const v of value) walk(v, scope, declared, report);
  } else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'depends_on' || key === 'replace_triggered_by') {
        for (const entry of Array.isArray(v) ? v : [v]) {
          if (typeof entry !== 'string') continue;
          if (entry.includes('${')) scanTemplate(entry, scope, declared, report);
          else scanExpression(entry, scope, declared, report);
        }
      } else if (key === 'lifecycle' && isObject(v)) {
        // ignore_changes lists attribute paths, not references.
        const { ignore_changes: _ignored, ...rest } = v;
        walk(rest, scope, declared, report);
      } else if (key === 'dynamic' && isObject(v)) {
        for (const [blockName, spec] of Object.entries(v)) {
          if (!isObject(spec)) continue;
          const iterator = typeof spec.iterator === 'string' ? spec.iterator : blockName;
          const { content, iterator: _iterator, ...rest } = spec;
          walk(rest, scope, declared, report);
          walk(content ?? null, { ...scope, names: new Set([...scope.names, iterator]) }, declared, report);
        }
      } else if (key === 'provisioner' || key === 'connection') {
        walk(v, { ...scope, self: true }, declared, report);
      } else {
        walk(v, scope, declared, report);
      }
    }
  }
}

/** Index just past the `}` closing the `{` at `open`, skipping quoted strings (and templates in them). */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = closingQuote(text, i) - 1;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error(`unbalanced braces in Terraform expression: ${text}`);
}

/** Index just past the `"` closing the string literal that opens at `open`. */
function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if ((c === '$' || c === '%') && text[i + 1] === '{' && text[i - 1] !== c) i = closingBrace(text, i + 1) - 1;
    else if (c === '"') return i + 1;
  }
  throw new Error(`unterminated string in Terraform expression: ${text}`);
}

/** A template (a JSON string value or a quoted string inside an expression): scans each `${...}` and `%{...}`. */
function scanTemplate(text: string, scope: Scope, declared: Declared, report: (ref: string) => void): void {
  const names = new Set(scope.names);
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    if ((c === '$' || c === '%') && text[i + 1] === '{') {
      if (i > 0 && text[i - 1] === c) continue; // `$${` and `%%{` are escapes
      const end = closingBrace(text, i + 1);
      // Without the strip markers of `${~ x ~}`.
      let inner = text.slice(i + 2, end - 1).replace(/^~/, '').replace(/~$/, '');
      if (c === '%') {
        // Directives: `for a, b in coll` (a and b are names from here on), `if cond`, `else`, `endif`, `endfor`.
        const forHeader = /^\s*for\s+([A-Za-z_][A-Za-z0-9_-]*)(?:\s*,\s*([A-Za-z_][A-Za-z0-9_-]*))?\s+in\b/.exec(inner);
        if (forHeader) {
          names.add(forHeader[1]);
          if (forHeader[2]) names.add(forHeader[2]);
          inner = inner.slice(forHeader[0].length);
        } else if (/^\s*if\b/.test(inner)) {
          inner = inner.replace(/^\s*if\b/, '');
        } else if (/^\s*(else|endif|endfor)\s*$/.test(inner)) {
          inner = '';
        }
      }
      scanExpression(inner, { ...scope, names }, declared, report);
      i = end - 1;
    }
  }
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_-]/;

/** One expression: finds every traversal that is a reference and checks it. */
function scanExpression(expr: string, scope: Scope, declared: Declared, report: (ref: string) => void): void {
  const names = new Set(scope.names);
  let i = 0;
  let previous = ''; // last significant character before the current token
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      const end = closingQuote(expr, i);
      scanTemplate(expr.slice(i + 1, end - 1), { ...scope, names }, declared, report);
      i = end;
      previous = '"';
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < expr.length && /[0-9.eE]/.test(expr[i])) i++;
      previous = '0';
      continue;
    }
    if (IDENT_START.test(c) && previous === '.') {
      // An attribute of something that is not a traversal root, e.g. `jsondecode(x).password`.
      while (i < expr.length && IDENT_CHAR.test(expr[i])) i++;
      previous = 'i';
      continue;
    }
    if (IDENT_START.test(c)) {
      // A traversal: root, then `.name`, `.0`, `[index]`, `.*`, `[*]`.
      const start = i;
      while (i < expr.length && IDENT_CHAR.test(expr[i])) i++;
      const root = expr.slice(start, i);
      if (expr.startsWith('::', i)) {
        // Provider-defined function `provider::name::fn(`: not a reference.
        while (i < expr.length && (IDENT_CHAR.test(expr[i]) || expr[i] === ':')) i++;
        previous = 'f';
        continue;
      }
      let j = i;
      while (j < expr.length && /\s/.test(expr[j])) j++;
      if (expr[j] === '(') {
        previous = 'f'; // function call: the arguments are scanned as they come
        continue;
      }
      if (root === 'for' && (previous === '[' || previous === '{')) {
        // `[for a, b in coll : ...]`: a and b are names inside this expression.
        const header = /^\s*([A-Za-z_][A-Za-z0-9_-]*)(?:\s*,\s*([A-Za-z_][A-Za-z0-9_-]*))?\s+in\b/.exec(expr.slice(i));
        if (header) {
          names.add(header[1]);
          if (header[2]) names.add(header[2]);
          i += header[0].length;
          previous = 'i';
          continue;
        }
      }
      const parts = [root];
      let text = root;
      for (;;) {
        if (expr[i] === '.' && expr[i + 1] === '*') {
          text += '.*';
          i += 2;
        } else if (expr[i] === '.' && /[A-Za-z0-9_]/.test(expr[i + 1] ?? '')) {
          const s = i + 1;
          i = s;
          while (i < expr.length && IDENT_CHAR.test(expr[i])) i++;
          parts.push(expr.slice(s, i));
          text += `.${expr.slice(s, i)}`;
        } else if (expr[i] === '[') {
          const end = closingBracket(expr, i);
          const index = expr.slice(i + 1, end - 1);
          if (index.trim() !== '*') scanExpression(index, { ...scope, names }, declared, report);
          text += `[${index}]`;
          i = end;
        } else {
          break;
        }
      }
      let k = i;
      while (k < expr.length && /\s/.test(expr[k])) k++;
      // `{ key = value }` (a lone `=` appears nowhere else) or `{ key: value }` (not the `:` of `a ? b : c`).
      const isObjectKey =
        parts.length === 1 &&
        ((expr[k] === '=' && expr[k + 1] !== '=' && expr[k + 1] !== '>') ||
          (expr[k] === ':' && (previous === '{' || previous === ',')));
      if (!isObjectKey && !KEYWORDS.has(root) && !resolves(parts, { ...scope, names }, declared)) report(text);
      previous = 'i';
      continue;
    }
    previous = c;
    i++;
  }
}

/** Index just past the `]` closing the `[` at `open`. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = closingQuote(text, i) - 1;
    else if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error(`unbalanced brackets in Terraform expression: ${text}`);
}

function resolves(parts: readonly string[], scope: Scope, declared: Declared): boolean {
  const [root, first, second] = parts;
  if (scope.names.has(root)) return true;
  switch (root) {
    case 'path':
    case 'terraform':
      return true;
    case 'each':
      return scope.each;
    case 'count':
      return scope.count;
    case 'self':
      return scope.self;
    case 'var':
      return first !== undefined && declared.variables.has(first);
    case 'local':
      return first !== undefined && declared.locals.has(first);
    case 'module':
      return first !== undefined && declared.modules.has(first);
    case 'data':
      return second !== undefined && (declared.data.get(first)?.has(second) ?? false);
    default:
      return first !== undefined && (declared.resources.get(root)?.has(first) ?? false);
  }
}
