/**
 * Every rendered object is one the design's Kubernetes version accepts: its
 * API version is served by that minor (served-apis.ts), and it validates
 * against the OpenAPI schema of its kind.
 *
 * Schemas: the npm package `kubernetes-models` 4.5.1, whose validators are
 * generated from the Kubernetes OpenAPI specification (fields, types,
 * required fields, enums and formats of the 1.32 API, with the older API
 * versions kept). Chosen over `kubectl`: kubectl validates only against a
 * live API server's schema, which does not exist offline. Limits: unknown
 * fields are not reported (the generated schemas allow additional
 * properties), and fields added after 1.32 are not known; custom resources
 * (the GKE BackendConfig, the load balancer controller's IngressClassParams)
 * have no schema here and are reported as not checked.
 */
import { RenderedObject } from './helm-template';
import { RenderFinding } from './render-finding';
import { unservedReason } from './served-apis';

interface ModelClass {
  new (data: unknown): { validate(): void };
}

const models = new Map<string, ModelClass | undefined>();

/** The kubernetes-models class of `apiVersion` `kind`, or undefined when the package has none. */
function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  const id = `${apiVersion}/${kind}`;
  if (models.has(id)) return models.get(id);
  let model: ModelClass | undefined;
  if (/^[a-z0-9.]*\/?v[0-9a-z]+$/.test(apiVersion) && /^[A-Za-z]+$/.test(kind)) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, unknown>;
      model = mod[kind] as ModelClass | undefined;
    } catch {
      model = undefined;
    }
  }
  models.set(id, model);
  return model;
}

interface AjvError {
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: Record<string, unknown>;
}

function describeErrors(error: unknown): string {
  const errors = (error as { errors?: AjvError[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return (error as Error).message;
  return errors
    .slice(0, 5)
    .map((e) => `${(e.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || '(object)'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : ''}`)
    .join('; ');
}

/**
 * Objects the design's Kubernetes version would refuse: an API version it
 * does not serve, or a schema violation (errors); objects without a schema
 * here (info, listed once per kind).
 */
export function checkSchema(objects: readonly RenderedObject[], kubernetesVersion: string): RenderFinding[] {
  const findings: RenderFinding[] = [];
  const unchecked = new Map<string, string[]>();
  for (const o of objects) {
    const object = `${o.kind}/${o.metadata?.name ?? '?'}`;
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || typeof o.metadata?.name !== 'string') {
      findings.push({ severity: 'error', check: 'schema', object, message: 'not a Kubernetes object: apiVersion, kind and metadata.name are required' });
      continue;
    }
    const unserved = unservedReason(o.apiVersion, o.kind, kubernetesVersion);
    if (unserved) {
      findings.push({ severity: 'error', check: 'schema', object, message: unserved });
      continue;
    }
    const Model = modelFor(o.apiVersion, o.kind);
    if (!Model) {
      const id = `${o.apiVersion} ${o.kind}`;
      unchecked.set(id, [...(unchecked.get(id) ?? []), o.metadata.name]);
      continue;
    }
    try {
      new Model(o).validate();
    } catch (e) {
      findings.push({ severity: 'error', check: 'schema', object, message: `invalid for Kubernetes ${kubernetesVersion}: ${describeErrors(e)}` });
    }
  }
  for (const [id, names] of unchecked) {
    findings.push({ severity: 'info', check: 'schema', object: `${id.split(' ')[1]}/${names.join(',')}`, message: `${id} has no schema in kubernetes-models (a custom resource): not schema-checked` });
  }
  return findings;
}
