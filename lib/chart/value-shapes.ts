/**
 * The shape a Helm value must have where the chart's key catalog says so
 * (`KeyShape`): a value of the wrong shape validates as a known key but
 * breaks `helm template` (an env entry that is a bare string renders invalid
 * YAML) or renders garbage (`storageSize: 500` is 500 bytes; `annotations`
 * given as a list). Pure.
 */
import type { KeyProblem } from './check-value-keys';
import type { KeyShape } from './key-catalog';
import { SIMULATION_LIMITS } from '../design/input-limits';
import { scalarText } from '../helm/merge-values';

type Path = readonly (string | number)[];

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (isMap(value)) return 'a map';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

const BYTE_UNITS = /^[+]?(\d+(\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)$/;
const CPU = /^[+]?(\d+(\.\d+)?|\.\d+)(m)?$/;
const QUANTITY = /^[+]?(\d+(\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

function problem(path: Path, message: string, value: unknown): Omit<KeyProblem, 'severity'> & { severity: 'error' } {
  return { severity: 'error', path: path.map(String), message, got: describe(value) };
}

/** A size in bytes (storage, memory): a quantity with a unit; a bare number means bytes and is almost surely a mistake. */
function byteSize(value: unknown, path: Path, what: string): KeyProblem[] {
  if (typeof value === 'string' && BYTE_UNITS.test(value.trim())) return [];
  if (typeof value === 'number' || (typeof value === 'string' && value.length <= 20 && /^\d+(\.\d+)?$/.test(value.trim()))) {
    return [problem(path, `${what} needs a unit: ${value} means ${value} bytes (allowed: e.g. ${value}Gi, ${value}Mi)`, value)];
  }
  return [problem(path, `${what} is not a Kubernetes quantity with a unit (allowed: e.g. 500Gi, 512Mi, 8G)`, value)];
}

function envEntry(name: string, entry: unknown, path: Path): KeyProblem[] {
  const where = [...path, name];
  if (entry === null || entry === undefined) return [];
  if (!isMap(entry)) {
    const text = scalarText(entry);
    return [problem(where, `an env entry must be a map, {value: "<string>"} or {valueFrom: {...}}: a bare value renders invalid YAML (allowed: {value: ${text === undefined ? '"..."' : JSON.stringify(text)}})`, entry)];
  }
  const out: KeyProblem[] = [];
  const keys = Object.keys(entry);
  const extra = keys.filter((k) => k !== 'value' && k !== 'valueFrom');
  if (extra.length > 0) {
    out.push(problem(where, `an env entry has only value or valueFrom, not ${extra.join(', ')}${extra.some((k) => /KeyRef$|^fieldRef$|^resourceFieldRef$/.test(k)) ? ' (put it under valueFrom)' : ''}`, entry));
  }
  if ('value' in entry && 'valueFrom' in entry) out.push(problem(where, 'an env entry has either value or valueFrom, not both', entry));
  else if (!('value' in entry) && !('valueFrom' in entry) && extra.length === 0) out.push(problem(where, 'an env entry needs value or valueFrom', entry));
  if ('value' in entry && entry.value !== null && typeof entry.value !== 'string') {
    const text = scalarText(entry.value);
    out.push(problem([...where, 'value'], text === undefined ? `env values are strings, not ${Array.isArray(entry.value) ? 'a list' : 'a map'}` : `env values are strings: quote it (allowed: ${JSON.stringify(text)})`, entry.value));
  }
  if ('valueFrom' in entry && !isMap(entry.valueFrom)) out.push(problem([...where, 'valueFrom'], 'valueFrom is a map (secretKeyRef, configMapKeyRef, fieldRef or resourceFieldRef)', entry.valueFrom));
  return out;
}

function resources(value: Record<string, unknown>, path: Path): KeyProblem[] {
  const out: KeyProblem[] = [];
  for (const [section, amounts] of Object.entries(value)) {
    if (section === 'claims') continue;
    if (section !== 'limits' && section !== 'requests') {
      out.push(problem([...path, section], `resources has limits and requests (and claims), not ${section}`, amounts));
      continue;
    }
    if (amounts === null || amounts === undefined) continue;
    if (!isMap(amounts)) {
      out.push(problem([...path, section], `resources.${section} is a map of quantities (cpu, memory, ephemeral-storage)`, amounts));
      continue;
    }
    for (const [resource, amount] of Object.entries(amounts)) {
      if (amount === null || amount === undefined) continue;
      const where = [...path, section, resource];
      if (resource === 'memory' || resource === 'ephemeral-storage') out.push(...byteSize(amount, where, resource));
      else if (resource === 'cpu') {
        if (!(typeof amount === 'number' && amount > 0) && !(typeof amount === 'string' && CPU.test(amount.trim()))) out.push(problem(where, 'cpu is a number of cores or millicores (allowed: e.g. 2, 0.5, 500m)', amount));
      } else if (!(typeof amount === 'number') && !(typeof amount === 'string' && QUANTITY.test(amount.trim()))) {
        out.push(problem(where, `${resource} is not a Kubernetes quantity`, amount));
      }
    }
  }
  return out;
}

/** Maps Kubernetes reads as map[string]string: a value that is not a string fails the install. */
const STRING_MAPS: ReadonlySet<string> = new Set(['nodeSelector', 'labels', 'annotations', 'podLabels', 'podAnnotations']);

function stringMapProblems(value: Record<string, unknown>, path: Path): KeyProblem[] {
  const name = String(path[path.length - 1]);
  return Object.entries(withMerges(value)).flatMap(([key, item]): KeyProblem[] => {
    if (item === null || item === undefined || typeof item === 'string') return [];
    if (typeof item === 'number' || typeof item === 'boolean') {
      return [problem([...path, key], `${name} values are strings in Kubernetes: quote it (allowed: ${JSON.stringify(String(item))})`, item)];
    }
    return [problem([...path, key], `${name} values are strings in Kubernetes, not ${Array.isArray(item) ? 'a list' : 'a map'}`, item)];
  });
}

/** A replica count: a whole number the capacity simulation takes (SIMULATION_LIMITS). */
function replicaCountProblems(value: unknown, path: Path): KeyProblem[] {
  const max = SIMULATION_LIMITS.replicasPerWorkload;
  const n = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return [problem(path, 'a replica count is a whole number, 0 or more', value)];
  if (n > max) return [problem(path, `more replicas than sg-replica simulates (at most ${max} per workload)`, value)];
  return [];
}

/** A map with YAML merge keys (`<<`, kept as keys by a parser without merge) applied: merged maps first, own keys winning. */
function withMerges(value: Record<string, unknown>): Record<string, unknown> {
  if (!('<<' in value)) return value;
  const out: Record<string, unknown> = {};
  const sources = Array.isArray(value['<<']) ? (value['<<'] as unknown[]) : [value['<<']];
  for (const source of sources) if (isMap(source)) Object.assign(out, withMerges(source));
  for (const [key, item] of Object.entries(value)) if (key !== '<<') out[key] = item;
  return out;
}

/**
 * Problems of `value` (not null: null removes the chart's default) against
 * `shape`, at `path` and below; errors (the caller may soften them).
 */
export function shapeProblems(value: unknown, shape: KeyShape, path: Path, version: string): KeyProblem[] {
  if (value === null || value === undefined || shape === 0) return [];
  if (path[path.length - 1] === 'replicaCount' && shape === 's' && !isMap(value) && !Array.isArray(value)) return replicaCountProblems(value, path);
  switch (shape) {
    case 1:
      if (!isMap(value)) return [problem(path, `chart ${version} expects a map here (key: value pairs)`, value)];
      return STRING_MAPS.has(String(path[path.length - 1])) ? stringMapProblems(value, path) : [];
    case 's':
      return isMap(value) || Array.isArray(value) ? [problem(path, `chart ${version} expects a single value here (a string, number or boolean)`, value)] : [];
    case 'l':
      return Array.isArray(value) ? [] : [problem(path, `chart ${version} expects a list here (- item)`, value)];
    case 'q':
      return byteSize(value, path, 'a storage size');
    case 'e':
      if (!isMap(value)) return [problem(path, `chart ${version} expects env as a map of NAME: {value: "..."} (not a list of {name, value})`, value)];
      return Object.entries(withMerges(value)).flatMap(([name, entry]) => envEntry(name, entry, path));
    case 'r':
      return isMap(value) ? resources(withMerges(value), path) : [problem(path, 'resources is a map with limits and requests', value)];
    default:
      return [];
  }
}
