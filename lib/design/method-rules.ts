/**
 * The rules of `sourcegraph.method`: the version must be one the method has
 * data for, and each method's own fields are required or refused with the
 * other (a Kustomize design names an overlay and no Helm override files or
 * values; a Helm design names no overlay). Facts from the method table,
 * deployment-methods.ts.
 */
import { DEPLOYMENT_METHOD_NAMES, DEPLOYMENT_METHODS, MethodField } from './deployment-methods';
import type { DeploymentMethod, Design } from './model';
import { FieldPath, formatValue } from './problems';
import { PathProblem } from './validate-shape';

/** Given, and not an empty list or map (`overrides: []` and `values: {}` say nothing, and are accepted with either method). */
function givesSomething(v: unknown): boolean {
  if (v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object' && v !== null) return Object.keys(v).length > 0;
  return true;
}

const isMethod = (v: unknown): v is DeploymentMethod => typeof v === 'string' && (DEPLOYMENT_METHOD_NAMES as readonly string[]).includes(v);

/**
 * The method's fields, on the raw document (a field given with the wrong
 * method is an error, never silently dropped; an empty list or map of Helm
 * values says nothing and is accepted). Skipped when `method` is
 * not a method name (the schema reports it).
 */
export function checkMethodFields(raw: Readonly<Record<string, unknown>>): PathProblem[] {
  const sg = raw.sourcegraph;
  if (typeof sg !== 'object' || sg === null || Array.isArray(sg)) return [];
  const given = sg as Record<string, unknown>;
  const method = given.method ?? 'helm';
  if (!isMethod(method)) return [];
  const facts = DEPLOYMENT_METHODS[method];
  const problems: PathProblem[] = [];
  for (const field of facts.requires) {
    if (given[field] === undefined) {
      problems.push({ severity: 'error', path: ['sourcegraph', field], message: `required with method: ${method}`, ...(field === 'overlay' && { allowed: "the customer's overlay directory (with their kustomization.yaml), relative to the design file" }) });
    }
  }
  for (const [field, why] of Object.entries(facts.refuses) as [MethodField, string][]) {
    if (givesSomething(given[field])) problems.push({ severity: 'error', path: ['sourcegraph', field], atKey: true, message: `not used with method: ${method}: ${why}` });
  }
  return problems;
}

/**
 * `sourcegraph.version` against the versions the design's method has data
 * for; a version of another method says so.
 */
export function checkMethodVersion(design: Design, ok: (...paths: FieldPath[]) => boolean): PathProblem[] {
  const { method, version } = design.sourcegraph;
  if (!ok(['sourcegraph', 'version'], ['sourcegraph', 'method']) || !version) return [];
  const facts = DEPLOYMENT_METHODS[method];
  if (facts.versions.includes(version)) return [];
  const other = DEPLOYMENT_METHOD_NAMES.find((m) => m !== method && DEPLOYMENT_METHODS[m].versions.includes(version));
  const hint = other ? `; ${version} is a ${DEPLOYMENT_METHODS[other].versionMeans}: method: ${other}?` : '';
  return [{ severity: 'error', path: ['sourcegraph', 'version'], message: `${facts.unknownVersion}${hint}`, got: formatValue(version), allowed: facts.versions.join(', ') }];
}
