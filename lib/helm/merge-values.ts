/**
 * Helm values merging and rendering. Pure: no cdktf.
 *
 * The merge follows what Helm does with several `--values` files:
 * - maps merge deeply, key by key;
 * - lists replace (Helm never merges lists);
 * - scalars replace;
 * - `null` replaces whatever was there, and stays `null` in the result. Helm
 *   then deletes that key from the chart's defaults too, which is how a values
 *   file removes a default such as
 *   `frontend.ingress.annotations."kubernetes.io/ingress.class"`.
 */
import { stringify } from 'yaml';

/** A Helm values document: a map, as a values file parses to. */
export type HelmValues = Record<string, unknown>;

/** True for a values map (a plain object), false for lists, `null` and scalars. */
export function isValuesMap(value: unknown): value is HelmValues {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A scalar value as Helm renders it into a string field (`true`, `5`,
 * `text`); undefined for maps, lists and null, which never become text
 * (`String()` of a map is `[object Object]`, and throws for a map with a
 * `toString` key).
 */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Sets an own property, also for keys such as `__proto__` that plain assignment would misread. */
function setOwn(target: HelmValues, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of maps and lists; scalars (and any non-plain object) are shared. */
export function cloneValues<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneValues(item)) as T;
  if (isValuesMap(value)) {
    const out: HelmValues = {};
    for (const [key, item] of Object.entries(value)) setOwn(out, key, cloneValues(item));
    return out as T;
  }
  return value;
}

function mergeInto(target: HelmValues, layer: Readonly<HelmValues>): void {
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue; // not a YAML value: "not set"
    const current = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
    if (isValuesMap(value) && isValuesMap(current)) {
      mergeInto(current, value);
    } else {
      setOwn(target, key, cloneValues(value));
    }
  }
}

/**
 * Merges Helm values layers over `base`, later layers winning, with Helm's
 * rules (see the module comment). Keys keep their first-seen order. Never
 * mutates its inputs, and the result shares no map or list with them.
 *
 * @throws TypeError when `base` or a layer is not a map.
 */
export function mergeValues(base: Readonly<HelmValues>, ...layers: readonly Readonly<HelmValues>[]): HelmValues {
  [base, ...layers].forEach((layer, index) => {
    if (!isValuesMap(layer)) {
      const what = index === 0 ? 'base' : `layer ${index}`;
      const got = layer === null ? 'null' : Array.isArray(layer) ? 'a list' : typeof layer;
      throw new TypeError(`mergeValues: the ${what} must be a map of Helm values, got ${got}`);
    }
  });
  const out = cloneValues(base) as HelmValues;
  for (const layer of layers) mergeInto(out, layer);
  return out;
}

/**
 * Renders Helm values as YAML, deterministically: keys in insertion order,
 * no anchors or aliases (a shared object is written out each time), no line
 * folding (long strings such as JSON annotations stay on one line), `null`
 * written as `null` so Helm sees it.
 */
export function renderValuesYaml(values: Readonly<HelmValues>): string {
  return stringify(values, {
    aliasDuplicateObjects: false,
    lineWidth: 0,
    indent: 2,
    nullStr: 'null',
  });
}
