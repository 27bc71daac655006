/**
 * Checks a parsed design document against the schema: types, enums,
 * patterns, ranges, required and unknown fields. Reports every problem, and
 * the paths it found invalid so that cross-field rules can skip them.
 */
import { closestMatches } from '../catalog/suggest';
import { FieldPath, formatValue, Severity } from './problems';
import { SchemaNode } from './schema-dsl';
import { isValuesMap as isMap } from '../helm/merge-values';

/** A problem located by its path in the document; the loader turns paths into file positions. */
export interface PathProblem {
  readonly severity: Severity;
  readonly path: FieldPath;
  readonly message: string;
  readonly got?: string;
  readonly allowed?: string;
  /** Point at the key rather than the value (unknown keys). */
  readonly atKey?: boolean;
  /** The file, when it is not the design file (override files). */
  readonly file?: string;
}

export interface ShapeResult {
  readonly problems: PathProblem[];
  /** Dotted paths whose values are unusable; rules skip checks that read them. */
  readonly invalid: Set<string>;
}

export function pathKey(path: FieldPath): string {
  return path.map(String).join('\u0000');
}

/** What was given, for "expected ..." messages: `a number 5`, `a string "x"`, `a map`, `a list of 3`, `true`, `nothing`. */
function given(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'string') return `${typeName(value)} ${formatValue(value)}`;
  return formatValue(value);
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a number' : 'a decimal number';
  if (typeof value === 'boolean') return 'true/false';
  return 'a string';
}


/** Longest string a design field takes when its schema names no maximum. */
export const DEFAULT_MAX_STRING_LENGTH = 1024;

export function validateShape(value: unknown, schema: SchemaNode): ShapeResult {
  const problems: PathProblem[] = [];
  const invalid = new Set<string>();
  const fail = (path: FieldPath, p: Omit<PathProblem, 'severity' | 'path'>) => {
    problems.push({ severity: 'error', path, ...p });
    invalid.add(pathKey(path));
  };

  const visit = (v: unknown, node: SchemaNode, path: FieldPath): void => {
    switch (node.kind) {
      case 'string': {
        if (typeof v !== 'string') {
          const hint =
            typeof v === 'number' && node.pattern?.source.includes('\\.')
              ? `; quote it, YAML reads an unquoted ${v} as a number`
              : typeof v === 'number'
                ? '; quote it'
                : '';
          fail(path, { message: `expected a string${hint}`, got: given(v) });
          return;
        }
        // Length first: patterns and suggestions never see a string longer than any field holds.
        const maxLength = node.maxLength ?? DEFAULT_MAX_STRING_LENGTH;
        if (v.length > maxLength) {
          fail(path, { message: `must be at most ${maxLength} characters`, got: `${v.length} characters` });
          return;
        }
        if (node.enum && !node.enum.includes(v)) {
          const near = closestMatches(v, node.enum, 1);
          fail(path, {
            message: near.length ? `unknown value, did you mean "${near[0]}"?` : 'unknown value',
            got: formatValue(v),
            allowed: node.enum.join(' | '),
          });
          return;
        }
        if (node.minLength !== undefined && v.length < node.minLength) {
          fail(path, { message: v.length === 0 ? 'must not be empty' : `must be at least ${node.minLength} characters`, got: formatValue(v) });
          return;
        }
        if (node.pattern && !node.pattern.test(v)) {
          fail(path, { message: 'invalid format', got: formatValue(v), allowed: node.patternHint ?? node.pattern.source });
        }
        return;
      }
      case 'integer': {
        if (typeof v !== 'number' || !Number.isInteger(v)) {
          fail(path, { message: 'expected a whole number', got: given(v) });
          return;
        }
        const lo = node.minimum ?? -Infinity;
        const hi = node.maximum ?? Infinity;
        if (v < lo || v > hi) {
          fail(path, { message: 'out of range', got: String(v), allowed: `${node.minimum ?? '...'} to ${node.maximum ?? '...'}` });
        }
        return;
      }
      case 'boolean':
        if (typeof v !== 'boolean') fail(path, { message: 'expected true or false', got: given(v) });
        return;
      case 'array': {
        if (!Array.isArray(v)) {
          fail(path, { message: 'expected a list', got: given(v) });
          return;
        }
        if (node.minItems !== undefined && v.length < node.minItems) {
          fail(path, { message: `needs at least ${node.minItems} item${node.minItems === 1 ? '' : 's'}`, got: `${v.length}` });
        }
        if (node.maxItems !== undefined && v.length > node.maxItems) {
          fail(path, { message: `allows at most ${node.maxItems} items`, got: `${v.length}` });
        }
        v.forEach((item, i) => visit(item, node.items, [...path, i]));
        return;
      }
      case 'map': {
        if (!isMap(v)) {
          fail(path, { message: 'expected a map', got: given(v) });
          return;
        }
        for (const [k, item] of Object.entries(v)) visit(item, node.values, [...path, k]);
        return;
      }
      case 'freeform':
        if (!isMap(v)) fail(path, { message: 'expected a map', got: given(v) });
        return;
      case 'object': {
        if (!isMap(v)) {
          fail(path, { message: 'expected a map', got: given(v) });
          return;
        }
        const known = Object.keys(node.properties);
        for (const [k, item] of Object.entries(v)) {
          // Own fields only: `constructor`, `toString` or `__proto__` are unknown keys, not Object.prototype's.
          const child = Object.prototype.hasOwnProperty.call(node.properties, k) ? node.properties[k] : undefined;
          if (child) {
            visit(item, child, [...path, k]);
            continue;
          }
          const near = closestMatches(k, known, 1);
          problems.push({
            severity: 'error',
            path: [...path, k],
            atKey: true,
            message: near.length ? `unknown field, did you mean "${near[0]}"?` : 'unknown field',
            allowed: known.length ? known.join(', ') : 'no fields',
          });
        }
        for (const req of node.required ?? []) {
          if (!Object.prototype.hasOwnProperty.call(v, req) || v[req] === undefined || v[req] === null) {
            fail([...path, req], { message: 'required field is missing' });
          }
        }
        return;
      }
    }
  };

  visit(value, schema, []);
  return { problems, invalid };
}
