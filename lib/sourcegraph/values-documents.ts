/**
 * Helm values as Terraform receives them. Pure: no cdktf.
 *
 * A release's values mix two kinds of strings: literals (everything the
 * design, the size preset and the customer's override files say) and
 * references sg-replica generates to other resources (a role ARN, a bucket
 * name, cdktf tokens resolved to Terraform expressions). Both end up in the
 * `values` of a `helm_release`, where cdktf resolves token markers and
 * Terraform evaluates `${…}` and `%{…}`. So the values are split by where they
 * came from, not by what they look like (a customer's value may be spelled
 * like a token):
 *
 * - the literal document: every value except the references, written with
 *   `terraformLiteral`, so it reaches Helm exactly as written;
 * - the references document: only the leaves at the given paths, which
 *   sg-replica generated; Helm merges it over the first.
 *
 * The two documents hold disjoint leaves, so Helm's merge of them is the
 * values the caller computed. A map whose leaves all moved to the references
 * stays in the literal document as `{}`, which keeps keys in their order.
 */
import { parse } from 'yaml';
import { fromTerraformLiteral, terraformLiteral } from '../terraform/terraform-literal';
import { cloneValues, HelmValues, isValuesMap, mergeValues, renderValuesYaml } from '../helm/merge-values';

/** A path of keys into a values map. */
export type ValuesPath = readonly string[];

/** The values of a release split for Terraform. */
export interface ValuesDocuments {
  /** Every value but the references. */
  readonly literal: HelmValues;
  /** Only the leaves at the reference paths (empty when there are none). */
  readonly references: HelmValues;
}

/** The paths of the leaves of `values`: scalars, lists and `null` (lists are leaves, as Helm replaces them whole). */
export function leafPaths(values: Readonly<HelmValues>, prefix: ValuesPath = []): ValuesPath[] {
  return Object.entries(values).flatMap(([key, value]) =>
    isValuesMap(value) && Object.keys(value).length > 0 ? leafPaths(value, [...prefix, key]) : [[...prefix, key]],
  );
}

/** True when merging `layer` over a value at `path` would replace or remove it. */
export function replacesPath(layer: Readonly<HelmValues>, path: ValuesPath): boolean {
  let node: unknown = layer;
  for (const key of path) {
    if (!isValuesMap(node) || !Object.prototype.hasOwnProperty.call(node, key)) return false;
    node = node[key];
    if (node !== undefined && !isValuesMap(node)) return true;
  }
  // A map at the leaf itself replaces the scalar there too.
  return isValuesMap(node);
}

/** The value at `path`, or undefined when there is none. */
export function valueAt(values: Readonly<HelmValues>, path: ValuesPath): unknown {
  return getPath(values, path).value;
}

function getPath(values: Readonly<HelmValues>, path: ValuesPath): { found: boolean; value?: unknown } {
  let node: unknown = values;
  for (const key of path) {
    if (!isValuesMap(node) || !Object.prototype.hasOwnProperty.call(node, key)) return { found: false };
    node = node[key];
  }
  return { found: true, value: node };
}

function setPath(target: HelmValues, path: ValuesPath, value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => {
    if (!isValuesMap(node[key])) Object.defineProperty(node, key, { value: {}, enumerable: true, writable: true, configurable: true });
    node = node[key] as HelmValues;
  });
  Object.defineProperty(node, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

function deletePath(target: HelmValues, path: ValuesPath): void {
  const parent = getPath(target, path.slice(0, -1));
  if (parent.found && isValuesMap(parent.value)) delete parent.value[path[path.length - 1]];
}

/**
 * Splits `values` into the literal document and the references at `paths`
 * (paths with no value in `values` are ignored).
 */
export function splitValues(values: Readonly<HelmValues>, paths: readonly ValuesPath[]): ValuesDocuments {
  const literal = cloneValues(values) as HelmValues;
  const references: HelmValues = {};
  for (const path of paths) {
    const at = getPath(values, path);
    if (!at.found || path.length === 0) continue;
    setPath(references, path, cloneValues(at.value));
    deletePath(literal, path);
  }
  return { literal, references };
}

/**
 * The `values` list of a `helm_release`: the literal document escaped for
 * Terraform, then the references document when there is one.
 */
export function terraformValuesDocuments(documents: ValuesDocuments): string[] {
  const literal = terraformLiteral(renderValuesYaml(documents.literal));
  return Object.keys(documents.references).length ? [literal, renderValuesYaml(documents.references)] : [literal];
}

/**
 * The values a `helm_release` in synthesized JSON gives Helm, as one map:
 * the documents merged in order, the literal one read back from its escaping
 * (references stay Terraform expressions).
 */
export function valuesFromTerraformDocuments(documents: readonly string[]): HelmValues {
  const maps = documents.map((doc, i) => {
    const parsed = parse(i === 0 ? fromTerraformLiteral(doc) : doc) ?? {};
    if (!isValuesMap(parsed)) throw new Error(`helm_release values document ${i + 1} is not a map`);
    return parsed;
  });
  return maps.length ? mergeValues(maps[0], ...maps.slice(1)) : {};
}
