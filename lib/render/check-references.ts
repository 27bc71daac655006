/**
 * Every object a pod references exists: its ServiceAccount, PriorityClass,
 * the Secrets and ConfigMaps of its volumes, env and envFrom (and the keys
 * it reads from them, where the object's keys are known), its
 * PersistentVolumeClaims and image pull Secrets; and the IngressClass and
 * backend Services of every Ingress. "Exists" means rendered by the charts
 * of the release, or created by the sourcegraph stack or by Kubernetes
 * (stack-objects.ts). A missing one keeps pods from starting.
 */
import { RenderedObject } from './helm-template';
import { allContainers, podTemplates } from './pod-templates';
import { RenderFinding } from './render-finding';
import { ExistingObject } from './stack-objects';

type Kind = 'Secret' | 'ConfigMap' | 'ServiceAccount' | 'PriorityClass' | 'PersistentVolumeClaim' | 'Service' | 'IngressClass';

/** Known objects by `Kind/name`, with their keys where known (`undefined`: any key). */
class Inventory {
  private readonly objects = new Map<string, { keys?: Set<string>; by: string }>();

  add(kind: string, name: string, by: string, keys?: readonly string[]): void {
    this.objects.set(`${kind}/${name}`, { by, ...(keys ? { keys: new Set(keys) } : {}) });
  }

  has(kind: Kind, name: string): boolean {
    return this.objects.has(`${kind}/${name}`);
  }

  /** The keys of a Secret or ConfigMap, when known. */
  keys(kind: Kind, name: string): Set<string> | undefined {
    return this.objects.get(`${kind}/${name}`)?.keys;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function dataKeys(o: RenderedObject): string[] {
  return [...Object.keys(record(o.data) ?? {}), ...Object.keys(record(o.stringData) ?? {}), ...Object.keys(record(o.binaryData) ?? {})];
}

/** What a pod or Ingress refers to, found while walking it. */
interface Reference {
  readonly kind: Kind;
  readonly name: string;
  readonly key?: string;
  readonly optional?: boolean;
  readonly where: string;
}

function podReferences(spec: ReturnType<typeof podTemplates>[number]['spec']): Reference[] {
  const refs: Reference[] = [];
  refs.push({ kind: 'ServiceAccount', name: spec.serviceAccountName ?? 'default', where: 'serviceAccountName' });
  if (spec.priorityClassName) refs.push({ kind: 'PriorityClass', name: spec.priorityClassName, where: 'priorityClassName' });
  for (const s of spec.imagePullSecrets ?? []) if (s.name) refs.push({ kind: 'Secret', name: s.name, where: 'imagePullSecrets' });
  for (const v of spec.volumes ?? []) {
    const name = String(v.name ?? '?');
    const secret = record(v.secret);
    if (secret?.secretName) refs.push({ kind: 'Secret', name: String(secret.secretName), optional: secret.optional === true, where: `volume ${name}` });
    const configMap = record(v.configMap);
    if (configMap?.name) refs.push({ kind: 'ConfigMap', name: String(configMap.name), optional: configMap.optional === true, where: `volume ${name}` });
    const pvc = record(v.persistentVolumeClaim);
    if (pvc?.claimName) refs.push({ kind: 'PersistentVolumeClaim', name: String(pvc.claimName), where: `volume ${name}` });
    const projected = record(v.projected);
    for (const source of Array.isArray(projected?.sources) ? projected.sources : []) {
      const ps = record(record(source)?.secret);
      if (ps?.name) refs.push({ kind: 'Secret', name: String(ps.name), optional: ps.optional === true, where: `volume ${name}` });
      const pc = record(record(source)?.configMap);
      if (pc?.name) refs.push({ kind: 'ConfigMap', name: String(pc.name), optional: pc.optional === true, where: `volume ${name}` });
    }
  }
  for (const c of allContainers(spec)) {
    for (const e of c.env ?? []) {
      const from = record(e.valueFrom);
      const sk = record(from?.secretKeyRef);
      if (sk?.name) refs.push({ kind: 'Secret', name: String(sk.name), key: String(sk.key), optional: sk.optional === true, where: `container ${c.name} env ${e.name}` });
      const ck = record(from?.configMapKeyRef);
      if (ck?.name) refs.push({ kind: 'ConfigMap', name: String(ck.name), key: String(ck.key), optional: ck.optional === true, where: `container ${c.name} env ${e.name}` });
    }
    for (const e of c.envFrom ?? []) {
      const sr = record(e.secretRef);
      if (sr?.name) refs.push({ kind: 'Secret', name: String(sr.name), optional: sr.optional === true, where: `container ${c.name} envFrom` });
      const cr = record(e.configMapRef);
      if (cr?.name) refs.push({ kind: 'ConfigMap', name: String(cr.name), optional: cr.optional === true, where: `container ${c.name} envFrom` });
    }
  }
  return refs;
}

function ingressReferences(o: RenderedObject): Reference[] {
  const spec = record(o.spec) ?? {};
  const refs: Reference[] = [];
  if (typeof spec.ingressClassName === 'string') refs.push({ kind: 'IngressClass', name: spec.ingressClassName, where: 'ingressClassName' });
  const backends: unknown[] = [spec.defaultBackend];
  for (const rule of Array.isArray(spec.rules) ? spec.rules : []) {
    for (const p of Array.isArray(record(record(rule)?.http)?.paths) ? (record(record(rule)?.http)!.paths as unknown[]) : []) backends.push(record(p)?.backend);
  }
  for (const b of backends) {
    const service = record(record(b)?.service);
    if (service?.name) refs.push({ kind: 'Service', name: String(service.name), where: 'backend' });
  }
  return refs;
}

/**
 * Pod and Ingress references in `release` (the Sourcegraph chart's objects)
 * that resolve to nothing in `release`, `others` (the ingress controller's
 * objects: its IngressClass) or `existing`.
 */
export function checkReferences(release: readonly RenderedObject[], others: readonly RenderedObject[], existing: readonly ExistingObject[]): RenderFinding[] {
  const inventory = new Inventory();
  for (const o of [...release, ...others]) inventory.add(o.kind, o.metadata.name, 'rendered', o.kind === 'Secret' || o.kind === 'ConfigMap' ? dataKeys(o) : undefined);
  for (const e of existing) inventory.add(e.kind, e.name, e.by, e.keys);
  const findings: RenderFinding[] = [];
  const resolve = (owner: string, ref: Reference) => {
    if (ref.optional) return;
    if (!inventory.has(ref.kind, ref.name)) {
      findings.push({ severity: 'error', check: 'references', object: owner, message: `${ref.where} refers to ${ref.kind} "${ref.name}", which neither the chart renders nor the replica creates` });
      return;
    }
    const keys = ref.key !== undefined ? inventory.keys(ref.kind, ref.name) : undefined;
    if (keys && !keys.has(ref.key!)) {
      findings.push({ severity: 'error', check: 'references', object: owner, message: `${ref.where} reads key "${ref.key}" of ${ref.kind} "${ref.name}", which has only ${[...keys].sort().join(', ') || 'no keys'}` });
    }
  };
  for (const pod of podTemplates(release)) for (const ref of podReferences(pod.spec)) resolve(pod.owner, ref);
  for (const o of release.filter((x) => x.kind === 'Ingress')) for (const ref of ingressReferences(o)) resolve(`Ingress/${o.metadata.name}`, ref);
  return findings;
}
