/**
 * Checks every key of a Helm values document (a customer's override file,
 * the design's inline `sourcegraph.values`) against the key catalog of the
 * chart version in use: a key the chart does not read is ignored by Helm
 * without a word, so a typo (`frontend.replicas`) silently leaves the
 * chart's default in place. Pure: no cdktf.
 */
import { closestMatches } from '../catalog/suggest';
import { chartKeyCatalog, chartKeyCatalogVersions, ChartKeyCatalog, KeyNode, keyNodeAt, KeyShape, KeyTree } from './key-catalog';
import { shapeProblems } from './value-shapes';
import { valuePathKey } from './yaml-key-origins';
import { isValuesMap as isMap } from '../helm/merge-values';
import { formatValue } from '../design/problems';

/** A problem at a path of a values document. Structurally a `PathProblem` (lib/design/validate-shape.ts). */
export interface KeyProblem {
  readonly severity: 'error' | 'warning';
  /** Path of the key in the values document, e.g. `['frontend', 'replicas']`. */
  readonly path: readonly (string | number)[];
  /** One line, with the reason. */
  readonly message: string;
  /** The dotted path the key was probably meant to be, e.g. `frontend.replicaCount`. */
  readonly suggestion?: string;
  /** The offending value, formatted for display. */
  readonly got?: string;
  /** Point at the key rather than its value. */
  readonly atKey?: boolean;
}

/** What the YAML source tells beyond the parsed values (see `yamlKeyOrigins`). */
export interface CheckValueKeysOptions {
  /**
   * Paths (`valuePathKey`) whose value defines a YAML anchor, with the
   * anchor's name. An unknown key that only holds an anchor, with no close
   * known key, is a warning: it is there to be referenced (`&common`).
   */
  readonly anchors?: ReadonlyMap<string, string>;
  /**
   * Paths (`valuePathKey`) whose key came in through a YAML merge key
   * (`<<: *shared`). Unknown ones are warnings: a shared block is often
   * merged into services that do not read all of it.
   */
  readonly merged?: ReadonlySet<string>;
}

/**
 * Top-level keys of other charts that override files often carry along,
 * which the sourcegraph chart ignores.
 */
const FOREIGN_TOP_LEVEL_KEYS: Readonly<Record<string, string>> = {
  executor: 'it configures the separate Sourcegraph executor chart',
};

/** Keys that moved: the place to use instead, when the catalog has it, and why. */
const MOVED_KEYS: Readonly<Record<string, { readonly to: string; readonly why: string }>> = {
  'indexedSearch.webserver': {
    to: 'indexedSearch',
    why: 'the zoekt-webserver container is configured directly under "indexedSearch"',
  },
  'indexedSearch.indexserver': {
    to: 'indexedSearchIndexer',
    why: 'the zoekt-indexserver container is configured under "indexedSearchIndexer"',
  },
};


function describe(value: unknown): string {
  return formatValue(value);
}

/** Singular and shortened forms tried when the key itself has no close match (`replicas` -> `replica` -> `replicaCount`). */
function stems(key: string): string[] {
  const out: string[] = [];
  if (key.length > 4 && key.endsWith('es')) out.push(key.slice(0, -2));
  if (key.length > 3 && key.endsWith('s')) out.push(key.slice(0, -1));
  return out;
}

/** Known sibling keys `key` was probably meant to be, best first. */
export function suggestKeys(key: string, siblings: readonly string[]): string[] {
  const direct = closestMatches(key, siblings, 3);
  if (direct.length > 0) return direct;
  for (const stem of stems(key)) {
    const matches = closestMatches(stem, siblings, 3);
    if (matches.length > 0) return matches;
  }
  return [];
}

function quoteList(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

class KeyChecker {
  readonly problems: KeyProblem[] = [];

  constructor(
    private readonly catalog: ChartKeyCatalog,
    private readonly options: CheckValueKeysOptions,
  ) {}

  walk(value: unknown, node: KeyNode, path: readonly string[], merged: boolean): void {
    if (value === null || value === undefined) return; // null deletes the chart's default
    if (typeof node !== 'object') {
      // A leaf: its value must have the leaf's shape; keys below it are not checked.
      const severity: KeyProblem['severity'] = merged ? 'warning' : 'error';
      this.problems.push(...shapeProblems(value, node as KeyShape, path, this.catalog.version).map((p) => ({ ...p, severity })));
      return;
    }
    if (!isMap(value)) {
      this.problems.push({
        severity: merged ? 'warning' : 'error',
        path,
        message: `chart ${this.catalog.version} expects a map of keys here (${Object.keys(node).slice(0, 4).join(', ')}...)`,
        got: describe(value),
      });
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === '<<') {
        // A YAML merge key the parser kept as a key: its maps' keys belong here.
        const sources = Array.isArray(child) ? child : [child];
        sources.forEach((source) => this.walk(source, node, path, true));
        continue;
      }
      const childPath = [...path, key];
      const childMerged = merged || (this.options.merged?.has(valuePathKey(childPath)) ?? false);
      if (path.length === 0 && key.startsWith('x-')) continue; // extension field holding YAML anchors
      if (!Object.prototype.hasOwnProperty.call(node, key)) {
        this.unknown(childPath, node, childMerged);
        continue;
      }
      this.walk(child, node[key], childPath, childMerged);
    }
  }

  private unknown(path: readonly string[], parent: KeyTree, merged: boolean): void {
    const version = this.catalog.version;
    const key = path[path.length - 1];
    const dotted = path.join('.');
    if (path.length === 1 && Object.prototype.hasOwnProperty.call(FOREIGN_TOP_LEVEL_KEYS, key)) {
      this.problems.push({
        severity: 'warning',
        path,
        atKey: true,
        message: `not read by chart ${version}: ${FOREIGN_TOP_LEVEL_KEYS[key]}; sg-replica ignores it`,
      });
      return;
    }
    const parentPath = path.slice(0, -1);
    if (path.some((_, i) => this.catalog.unread.has(path.slice(0, i + 1).join('.')))) {
      this.problems.push({
        severity: merged ? 'warning' : 'error',
        path,
        atKey: true,
        message: `chart ${version} lists it in values.yaml, but no template reads it: it does nothing`,
      });
      return;
    }
    const moved = Object.prototype.hasOwnProperty.call(MOVED_KEYS, dotted) ? MOVED_KEYS[dotted] : undefined;
    if (moved && keyNodeAt(this.catalog, moved.to.split('.')) !== undefined) {
      this.problems.push({
        severity: merged ? 'warning' : 'error',
        path,
        atKey: true,
        message: `unknown key for chart ${version}; ${moved.why}`,
        suggestion: moved.to,
      });
      return;
    }
    const matches = suggestKeys(key, Object.keys(parent));
    const elsewhere = chartKeyCatalogVersions().filter((other) => {
      if (other === version) return false;
      const otherCatalog = chartKeyCatalog(other);
      return otherCatalog !== undefined && keyNodeAt(otherCatalog, path) !== undefined;
    });
    const anchor = this.options.anchors?.get(valuePathKey(path));
    let message = `unknown key for chart ${version}`;
    if (elsewhere.length > 0) message += ` (chart ${elsewhere.join(', ')} reads it)`;
    if (matches.length > 0) message += `, did you mean ${quoteList(matches)}?`;
    let severity: KeyProblem['severity'] = 'error';
    if (merged) {
      severity = 'warning';
      message += '; it comes from a YAML merge key (<<) and Helm ignores it here';
    } else if (anchor !== undefined && matches.length === 0) {
      severity = 'warning';
      message += `; it seems to be there only to define the YAML anchor &${anchor}, and Helm ignores it`;
    }
    this.problems.push({
      severity,
      path,
      atKey: true,
      message,
      ...(matches.length > 0 && { suggestion: [...parentPath, matches[0]].join('.') }),
    });
  }
}

/**
 * Every key of `values` that chart `version` does not read, as an error with
 * a did-you-mean (`frontend.replicas` -> `frontend.replicaCount`, `gitServer`
 * -> `gitserver`), and values that should be maps but are not.
 *
 * Values are checked against the shape the chart expects (value-shapes.ts):
 * a map, a list, a scalar, a storage size with a unit, env entries
 * (`{value: "<string>"}` or `{valueFrom: ...}`), resources of quantities.
 * Keys the chart's values.yaml lists but no template reads are errors too.
 *
 * Not checked: keys below free-form maps (labels, annotations, security
 * contexts, affinity, nodeSelector, StorageClass parameters...), below
 * values a template reads as a whole, and inside lists. Top-level `x-*` keys (YAML anchor holders) are skipped. Warnings
 * instead of errors: keys of other charts (`executor`), unknown keys that
 * come from a YAML merge key (`<<`), and unknown keys that only define an
 * anchor (with `options` from `yamlKeyOrigins`).
 *
 * A version without a catalog gives a single warning.
 */
export function checkValueKeys(values: unknown, version: string, options: CheckValueKeysOptions = {}): KeyProblem[] {
  const catalog = chartKeyCatalog(version);
  if (!catalog) {
    return [{ severity: 'warning', path: [], message: `no key catalog for chart ${version}: Helm value keys not checked` }];
  }
  if (values === null || values === undefined) return [];
  if (!isMap(values)) {
    return [{ severity: 'error', path: [], message: 'Helm values must be a map at the top level', got: describe(values) }];
  }
  if (typeof values.apiVersion === 'string' && typeof values.kind === 'string' && !('apiVersion' in catalog.root)) {
    return [
      {
        severity: 'error',
        path: [],
        message: `this is a Kubernetes manifest (kind ${values.kind}), not Helm values: apply it with kubectl, or add it to the values under extraResources`,
      },
    ];
  }
  const checker = new KeyChecker(catalog, options);
  checker.walk(values, catalog.root, [], false);
  return checker.problems;
}
