/**
 * A design or Helm values document as plain data: maps, lists, strings,
 * finite numbers, booleans and null, copied once, within the input limits.
 *
 * Everything after this step reads the copy, so it never meets what a YAML
 * file or a library caller can hand over besides plain data: a cycle (a YAML
 * alias inside its own anchor, an object that contains itself), a getter that
 * throws or answers differently each time, a Proxy, a Date, Map, Set or
 * Buffer (YAML `!!timestamp`, `!!omap`, `!!set`, `!!binary`), a function, a
 * symbol, a BigInt, `__proto__` as a key, a document too large or too deep.
 * Each is a problem at its path; nothing here throws. Iterative: no input
 * depth can overflow the stack. Pure.
 */
import { INPUT_LIMITS, InputLimits, MAX_LIMIT_PROBLEMS } from './input-limits';
import type { FieldPath } from './problems';
import type { PathProblem } from './validate-shape';

/** The copy and the problems found making it. */
export interface PlainData {
  readonly value: unknown;
  readonly problems: readonly PathProblem[];
  /**
   * True when `value` must not be used: a limit, something that is not data.
   * Only `__proto__` keys (dropped from the copy) leave it usable, so the
   * other checks still run.
   */
  readonly fatal: boolean;
}

type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** The text of whatever was thrown, without trusting it. */
export function thrownText(e: unknown): string {
  try {
    if (e instanceof Error && typeof e.message === 'string') return e.message.split('\n')[0].slice(0, 200);
    if (typeof e === 'string') return e.slice(0, 200);
  } catch {
    // fall through
  }
  return 'an unknown error';
}

function attempt<T>(read: () => T): Attempt<T> {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    return { ok: false, error: thrownText(e) };
  }
}

/** What a value that is not plain data is, for messages. */
function kindOf(value: object): string {
  const proto = attempt(() => Object.getPrototypeOf(value) as object | null);
  if (!proto.ok) return 'an object that cannot be inspected';
  if (value instanceof Date) return 'a date or time (a YAML !!timestamp?); write it as a quoted string';
  if (value instanceof Map) return 'a Map (a YAML !!omap or !!pairs?); write a plain map';
  if (value instanceof Set) return 'a Set (a YAML !!set?); write a list';
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return 'binary data (a YAML !!binary?); write a string';
  const name = attempt(() => {
    const ctor = (proto.value as { constructor?: unknown } | null)?.constructor;
    return typeof ctor === 'function' && typeof ctor.name === 'string' ? ctor.name : '';
  });
  return name.ok && name.value ? `an instance of ${name.value.slice(0, 60)}, not plain data` : 'an object that is not plain data';
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

interface Visit {
  readonly value: unknown;
  readonly path: FieldPath;
  readonly depth: number;
  readonly assign: (value: unknown) => void;
  /** The value is an entry of a map: `undefined` there means "not set" (a library caller's `{ field: undefined }`). */
  readonly inMap: boolean;
}
type Step = { readonly visit: Visit } | { readonly leave: object } | { readonly finish: Record<string, unknown> };

/**
 * Copies `input` as plain data within `limits`, reporting every problem (up
 * to {@link MAX_LIMIT_PROBLEMS}) at its path.
 */
export function plainData(input: unknown, limits: InputLimits = INPUT_LIMITS): PlainData {
  const problems: PathProblem[] = [];
  let dropped = 0;
  let fatal = false;
  const report = (path: FieldPath, message: string, extra: Partial<Pick<PathProblem, 'got' | 'allowed' | 'atKey'>> = {}, isFatal = true) => {
    fatal ||= isFatal;
    if (problems.length < MAX_LIMIT_PROBLEMS) problems.push({ severity: 'error', path, message, ...extra });
    else dropped++;
  };
  let root: unknown;
  const stack: Step[] = [{ visit: { value: input, path: [], depth: 0, assign: (v) => (root = v), inMap: false } }];
  const ancestors = new Set<object>();
  let count = 0;

  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('leave' in step) {
      ancestors.delete(step.leave);
      continue;
    }
    if ('finish' in step) {
      // Keys whose value is undefined are "not set" (a library caller's `{ field: undefined }`).
      for (const key of Object.keys(step.finish)) if (step.finish[key] === undefined) delete step.finish[key];
      continue;
    }
    const { value, path, depth, assign, inMap } = step.visit;
    if (++count > limits.values) {
      report([], `holds more than ${limits.values} values (maps, lists and scalars, YAML aliases expanded): too large to be a design or a Helm values file`, { allowed: `at most ${limits.values} values` });
      break;
    }
    switch (typeof value) {
      case 'string':
        if (value.length > limits.stringLength) report(path, `is a string of ${value.length} characters, longer than sg-replica reads`, { allowed: `at most ${limits.stringLength} characters` });
        else assign(value);
        continue;
      case 'number':
        if (!Number.isFinite(value)) report(path, 'is not a finite number', { got: String(value), allowed: 'a number, or a quoted string' });
        else assign(value);
        continue;
      case 'boolean':
        assign(value);
        continue;
      case 'undefined':
        if (!inMap) report(path, path.length === 0 ? 'the document is undefined' : 'is missing: a list item that is a hole or not set', { allowed: 'a value, or null' });
        continue;
      case 'bigint':
        report(path, 'is a BigInt', { allowed: 'a number' });
        continue;
      case 'symbol':
      case 'function':
        report(path, `is a ${typeof value}, not data`);
        continue;
    }
    if (value === null) {
      assign(null);
      continue;
    }
    const object = value as object;
    if (ancestors.has(object)) {
      report(path, 'refers back to a map or list that contains it (a cycle; a YAML alias inside its own anchor?)');
      continue;
    }
    if (depth + 1 > limits.depth) {
      report(path, `is nested deeper than ${limits.depth} levels`, { allowed: `at most ${limits.depth} levels of maps and lists` });
      continue;
    }
    const isList = attempt(() => Array.isArray(object));
    if (!isList.ok) {
      report(path, `cannot be read: ${isList.error}`);
      continue;
    }
    if (isList.value) {
      const length = attempt(() => (object as unknown[]).length);
      if (!length.ok || !Number.isInteger(length.value) || length.value < 0) {
        report(path, `is a list whose length cannot be read${length.ok ? '' : `: ${length.error}`}`);
        continue;
      }
      if (length.value > limits.itemsPerList) {
        report(path, `is a list of ${length.value} items, more than sg-replica reads`, { allowed: `at most ${limits.itemsPerList} items in one list` });
        continue;
      }
      const copy: unknown[] = new Array(length.value);
      assign(copy);
      ancestors.add(object);
      stack.push({ leave: object });
      for (let i = length.value - 1; i >= 0; i--) {
        const item = attempt(() => (object as unknown[])[i]);
        if (!item.ok) {
          report([...path, i], `cannot be read: ${item.error}`);
          continue;
        }
        stack.push({ visit: { value: item.value, path: [...path, i], depth: depth + 1, assign: (v) => (copy[i] = v), inMap: false } });
      }
      continue;
    }
    const proto = attempt(() => Object.getPrototypeOf(object) as unknown);
    if (!proto.ok || (proto.value !== Object.prototype && proto.value !== null)) {
      report(path, `is ${proto.ok ? kindOf(object) : `an object that cannot be read: ${proto.error}`}`);
      continue;
    }
    const ownKeys = attempt(() => Reflect.ownKeys(object));
    if (!ownKeys.ok) {
      report(path, `cannot be read: ${ownKeys.error}`);
      continue;
    }
    const keys = ownKeys.value.filter((k): k is string => typeof k === 'string');
    if (keys.length > limits.keysPerMap) {
      report(path, `is a map of ${keys.length} keys, more than sg-replica reads`, { allowed: `at most ${limits.keysPerMap} keys in one map` });
      continue;
    }
    const copy: Record<string, unknown> = {};
    assign(copy);
    ancestors.add(object);
    stack.push({ leave: object });
    const children: Visit[] = [];
    for (const key of keys) {
      const at = [...path, key];
      if (key.length > limits.stringLength) {
        report(path, `has a key of ${key.length} characters, longer than sg-replica reads`, { allowed: `at most ${limits.stringLength} characters` });
        continue;
      }
      const descriptor = attempt(() => Reflect.getOwnPropertyDescriptor(object, key));
      if (!descriptor.ok) {
        report(at, `cannot be read: ${descriptor.error}`, { atKey: true });
        continue;
      }
      if (!descriptor.value || !descriptor.value.enumerable) continue;
      if (key === '__proto__') {
        report(at, 'unknown key "__proto__": no design field, Helm value or Kubernetes name is called that, and JavaScript reserves it', { atKey: true }, false);
        continue;
      }
      const getter = descriptor.value.get;
      const item = 'value' in descriptor.value ? ({ ok: true, value: descriptor.value.value } as const) : attempt(() => getter?.call(object));
      if (!item.ok) {
        report(at, `cannot be read: ${item.error}`);
        continue;
      }
      define(copy, key, undefined);
      children.push({ value: item.value, path: at, depth: depth + 1, assign: (v) => define(copy, key, v), inMap: true });
    }
    stack.push({ finish: copy });
    for (let i = children.length - 1; i >= 0; i--) stack.push({ visit: children[i] });
  }
  if (dropped > 0) problems.push({ severity: 'error', path: [], message: `and ${dropped} more problems of the kinds above` });
  return { value: root, problems, fatal };
}
