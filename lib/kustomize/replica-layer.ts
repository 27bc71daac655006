/**
 * The replica's own adjustments to a customer's Kustomize deployment, as a
 * kustomization applied after the customer's overlay: the Kustomize
 * counterpart of the values sg-replica layers around a Helm customer's
 * override files (lib/sourcegraph/helm-values.ts). Pure.
 *
 * It is computed from the customer's rendered overlay (so every patch names
 * an object that exists, in the shape it has) and builds on that render as a
 * file:
 *
 *   replica/kustomization.yaml   namespace + patches (each with its reason as a comment)
 *   replica/customer.yaml        the customer's overlay, built
 *   replica/replica-resources.yaml  objects the replica adds (ServiceAccounts, BackendConfig)
 *
 * so `kubectl kustomize replica/` reproduces the replica's manifests offline
 * and an engineer can read exactly what the replica changed. The
 * adjustments, all the replica's and all winning over the overlay:
 *
 * - the namespace of the design (`sourcegraph.namespace`), and no Namespace
 *   object (the stack creates and deletes it, last);
 * - every volume on the replica's StorageClass, none created by the overlay
 *   (the stack's class is encrypted, of the design's disk type, reclaim
 *   policy Delete, tagged), and volumes below the disk type's minimum raised
 *   to it (a smaller claim never provisions);
 * - the frontend Ingress for the design's ingress kind (class, annotations,
 *   allowed clients, the replica's tags on the ALB, the host; no production
 *   TLS Secrets), deleted for `ingress: none`; LoadBalancer Services limited
 *   to the allowed clients and tagged;
 * - external services: the in-cluster pgsql/codeintel-db/codeinsights-db,
 *   redis-cache/redis-store and blobstore deleted; frontend and its migrator
 *   read the databases, the Redis consumers read Redis, and the upload store
 *   consumers use the bucket through their own ServiceAccount with the cloud
 *   identity, from the Secrets and placeholders of the stack;
 * - every DaemonSet tolerates every taint of the design.
 *
 * The values that exist only after deploy (bucket name, the bucket's cloud
 * identity) are placeholders ({@link DEPLOY_TIME_PLACEHOLDERS}); the
 * generated chart replaces them at install (generated-chart.ts).
 */
import { Document, Scalar, visit } from 'yaml';
import { MIN_VOLUME_BYTES } from '../sizing/disk-limits';
import { tolerates } from '../capacity/placement-rules';
import { Design, IngressKind } from '../design/model';
import { RenderedObject } from '../render/helm-template';
import { podTemplates, RenderedContainer } from '../render/pod-templates';
import { formatStorage, GIB, parseBytes } from '../sizing/quantity';
import { designTaints, tolerationFor } from '../sourcegraph/daemonset-tolerations';
import { EXTERNAL_DATABASE_SECRET_NAMES, EXTERNAL_REDIS_SECRET_NAMES } from '../sourcegraph/external-services-values';
import { isValuesMap } from '../helm/merge-values';
import { ingressValues } from '../sourcegraph/replica-values';
import { CLOUDS } from '../cloud/clouds';
import { INGRESS_KINDS } from '../cloud/ingress-kinds';
import { KUSTOMIZE_CLOUD_WIRING } from './cloud-wiring';
import { ExternalServiceKind, IN_CLUSTER_STORES, KustomizeRelease } from './releases';

/**
 * Stand-ins for what exists only once the infra stack is deployed. The
 * generated chart swaps them for the real values at install (Helm values
 * from Terraform references), and refuses to install while one is left.
 */
export const DEPLOY_TIME_PLACEHOLDERS = {
  /** Name of the S3 / GCS bucket. */
  bucket: 'sg-replica-deploy-time-bucket-name',
  /** IAM role ARN (IRSA) or Google service account email (Workload Identity) the bucket's users act as. */
  bucketIdentity: 'sg-replica-deploy-time-bucket-identity',
} as const;

/** What the layer needs besides the design and the customer's objects. */
export interface ReplicaLayerContext {
  readonly release: KustomizeRelease;
  /** The StorageClass the stack creates. */
  readonly storageClassName: string;
  /** The replica's tags, for the load balancers Kubernetes creates (AWS). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** One change the layer makes, for the report and the findings. */
export interface ReplicaAdjustment {
  /** `Kind/name` of the object changed (or added, or deleted). */
  readonly object: string;
  readonly change: 'delete' | 'patch' | 'add';
  /** One sentence: what and why. */
  readonly reason: string;
  /** True when the change overrides something the customer's overlay set deliberately (a warning). */
  readonly overridesCustomer?: boolean;
}

/** The replica's kustomization and its files. */
export interface ReplicaLayer {
  /** `kustomization.yaml` text, with the reason of each patch as a comment. */
  readonly kustomization: string;
  /** Other files of the layer by name (`replica-resources.yaml`), besides `customer.yaml`. */
  readonly files: Readonly<Record<string, string>>;
  readonly adjustments: readonly ReplicaAdjustment[];
}

/** What the layer does to the overlay's Ingress, per ingress kind. */
export interface KustomizeIngress {
  /**
   * Annotation prefixes (or names) the replica owns: those it does not set
   * itself are removed from the overlay's Ingress (production's
   * certificate, WAF, load balancer group, static IP, managed certificate).
   */
  readonly ownedAnnotations: readonly string[];
  /** What the replica's settings add, after "served by the replica's controller" in the layer's comments. */
  readonly served: string;
}

/** The Ingress settings the replica owns, per ingress kind (`none`: the Ingress is deleted). */
export const KUSTOMIZE_INGRESS: Readonly<Record<IngressKind, KustomizeIngress>> = {
  alb: { ownedAnnotations: ['alb.ingress.kubernetes.io/'], served: ', open to sourcegraph.allowedClientCidrs, tagged' },
  nginx: { ownedAnnotations: [], served: '' },
  gce: { ownedAnnotations: ['networking.gke.io/', 'kubernetes.io/ingress.global-static-ip-name', 'ingress.gcp.kubernetes.io/', 'ingress.kubernetes.io/'], served: '' },
  none: { ownedAnnotations: [], served: '' },
};

/** Name of the built customer overlay inside the layer. */
export const CUSTOMER_MANIFESTS = 'customer.yaml';
/** Name of the objects the layer adds. */
export const REPLICA_RESOURCES = 'replica-resources.yaml';

interface Patch {
  readonly target: { readonly group?: string; readonly version?: string; readonly kind: string; readonly name: string };
  readonly patch: string;
  readonly why: string;
}

type Obj = RenderedObject;

function record(v: unknown): Record<string, unknown> | undefined {
  return isValuesMap(v) ? v : undefined;
}

/** A regex that matches exactly `name` (kustomize anchors target names). */
function exactly(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function groupVersion(apiVersion: string): { group?: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

function targetOf(o: Obj): Patch['target'] {
  const gv = groupVersion(o.apiVersion);
  return { ...(gv.group ? { group: gv.group } : {}), version: gv.version, kind: o.kind, name: exactly(o.metadata.name) };
}

function yamlText(value: unknown): string {
  return new Document(value).toString({ lineWidth: 0 }).trimEnd();
}

function deletePatch(o: Obj, why: string): Patch {
  return { target: targetOf(o), why, patch: yamlText({ $patch: 'delete', apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name } }) };
}

function jsonPatch(o: Obj, ops: readonly Record<string, unknown>[], why: string): Patch {
  return { target: targetOf(o), why, patch: yamlText(ops) };
}

function strategicPatch(o: Obj, body: Record<string, unknown>, why: string): Patch {
  return { target: targetOf(o), why, patch: yamlText({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, ...(record(body.metadata) ?? {}) }, ...Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'metadata')) }) };
}

/** JSON pointer escaping (RFC 6901). */
function pointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

const owner = (o: Obj) => `${o.kind}/${o.metadata.name}`;

/** The workload of a release service in the customer's objects (any workload kind). */
function workloadOf(objects: readonly Obj[], release: KustomizeRelease, key: string): Obj | undefined {
  const name = release.services[key]?.workload;
  return name ? objects.find((o) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind) && o.metadata.name === name) : undefined;
}

function podSpecOf(o: Obj): { containers?: RenderedContainer[]; initContainers?: RenderedContainer[]; tolerations?: unknown[]; serviceAccountName?: string } {
  return (record(record(record(o.spec)?.template)?.spec) ?? {}) as ReturnType<typeof podSpecOf>;
}

function envSecret(name: string, secret: string, key: string): Record<string, unknown> {
  return { name, value: null, valueFrom: { secretKeyRef: { name: secret, key } } };
}

function envValue(name: string, value: string): Record<string, unknown> {
  return { name, value, valueFrom: null };
}

/** The env entries that point frontend and its migrator at the external databases (the Helm path's `auth.existingSecret`). */
function databaseEnv(): Record<string, unknown>[] {
  const prefixes: Record<keyof typeof EXTERNAL_DATABASE_SECRET_NAMES, string> = { pgsql: 'PG', codeIntelDB: 'CODEINTEL_PG', codeInsightsDB: 'CODEINSIGHTS_PG' };
  const keys: Record<string, string> = { DATABASE: 'database', HOST: 'host', PASSWORD: 'password', PORT: 'port', USER: 'user', SSLMODE: 'sslmode' };
  return (Object.keys(prefixes) as (keyof typeof prefixes)[]).flatMap((db) => Object.entries(keys).map(([suffix, key]) => envSecret(`${prefixes[db]}${suffix}`, EXTERNAL_DATABASE_SECRET_NAMES[db], key)));
}

/** Env names that carry a whole connection string and win over the `PG*` parts in Sourcegraph. */
const DATASOURCE_ENV = ['PGDATASOURCE', 'CODEINTEL_PGDATASOURCE', 'CODEINSIGHTS_PGDATASOURCE'];

function uploadEnv(design: Design, release: KustomizeRelease): Record<string, unknown>[] {
  const values = KUSTOMIZE_CLOUD_WIRING[design.cloud.provider].uploadEnv(design, DEPLOY_TIME_PLACEHOLDERS.bucket);
  return release.uploadStoreEnvPrefixes.flatMap((prefix) => Object.entries(values).map(([suffix, value]) => envValue(`${prefix}${suffix}`, value)));
}

class LayerBuilder {
  readonly patches: Patch[] = [];
  readonly resources: Record<string, unknown>[] = [];
  readonly adjustments: ReplicaAdjustment[] = [];
  /** `Kind/name` of the objects the layer deletes: nothing else is patched on them. */
  private readonly deleted = new Set<string>();

  constructor(
    private readonly design: Design,
    private readonly objects: readonly Obj[],
    private readonly context: ReplicaLayerContext,
  ) {}

  private note(o: Obj | string, change: ReplicaAdjustment['change'], reason: string, overridesCustomer = false): void {
    this.adjustments.push({ object: typeof o === 'string' ? o : owner(o), change, reason, ...(overridesCustomer && { overridesCustomer }) });
  }

  private ofKind(kind: string): Obj[] {
    return this.objects.filter((o) => o.kind === kind && !this.deleted.has(owner(o)));
  }

  private delete(o: Obj, why: string, overridesCustomer = false): void {
    this.patches.push(deletePatch(o, why));
    this.deleted.add(owner(o));
    this.note(o, 'delete', why, overridesCustomer);
  }

  run(): void {
    this.namespaceObjects();
    this.externalServiceStores();
    this.storage();
    this.externalServiceWiring();
    this.ingress();
    this.loadBalancers();
    this.daemonSetTolerations();
  }

  private namespaceObjects(): void {
    for (const ns of this.ofKind('Namespace')) {
      this.delete(ns, `the replica's stack creates namespace ${this.design.sourcegraph.namespace} and deletes it last, after the release`);
    }
  }

  private storage(): void {
    const sc = this.context.storageClassName;
    const { diskType, encrypted } = this.design.storage;
    for (const cls of this.ofKind('StorageClass')) {
      this.delete(cls, `the replica uses its own StorageClass "${sc}" (${encrypted ? 'encrypted ' : ''}${diskType}, reclaim policy Delete, tagged), created by its stack`, true);
    }
    const min = MIN_VOLUME_BYTES[diskType];
    const raise = (o: Obj, path: string, size: unknown, what: string): Record<string, unknown>[] => {
      let bytes: number;
      try {
        bytes = parseBytes(size, what);
      } catch {
        return [];
      }
      if (bytes >= min) return [];
      const raised = `${Math.ceil(min / GIB)}Gi`;
      this.note(o, 'patch', `${what} raised from ${JSON.stringify(size)} to ${raised}: a ${diskType} volume is at least ${formatStorage(min)}, a smaller claim never provisions`, true);
      return [{ op: 'replace', path, value: raised }];
    };
    for (const pvc of this.ofKind('PersistentVolumeClaim')) {
      const spec = record(pvc.spec) ?? {};
      const ops: Record<string, unknown>[] = [{ op: 'add', path: '/spec/storageClassName', value: sc }];
      if (spec.storageClassName !== sc) this.note(pvc, 'patch', `storageClassName ${spec.storageClassName === undefined ? '(the cluster default)' : JSON.stringify(spec.storageClassName)} -> "${sc}"`, spec.storageClassName !== undefined);
      ops.push(...raise(pvc, '/spec/resources/requests/storage', record(record(spec.resources)?.requests)?.storage, 'storage request'));
      this.patches.push(jsonPatch(pvc, ops, `volumes on the replica's StorageClass "${sc}"`));
    }
    for (const sts of this.ofKind('StatefulSet')) {
      const templates = record(sts.spec)?.volumeClaimTemplates;
      if (!Array.isArray(templates) || templates.length === 0) continue;
      const ops = templates.flatMap((t, i) => {
        const spec = record(record(t)?.spec) ?? {};
        const name = String(record(record(t)?.metadata)?.name ?? i);
        if (spec.storageClassName !== sc) this.note(sts, 'patch', `volumeClaimTemplate ${name}: storageClassName ${spec.storageClassName === undefined ? '(the cluster default)' : JSON.stringify(spec.storageClassName)} -> "${sc}"`, spec.storageClassName !== undefined);
        return [
          { op: 'add', path: `/spec/volumeClaimTemplates/${i}/spec/storageClassName`, value: sc },
          ...raise(sts, `/spec/volumeClaimTemplates/${i}/spec/resources/requests/storage`, record(record(spec.resources)?.requests)?.storage, `volumeClaimTemplate ${name} storage request`),
        ];
      });
      this.patches.push(jsonPatch(sts, ops, `volume claim templates on the replica's StorageClass "${sc}"`));
    }
  }

  private externalServiceStores(): void {
    const ext = this.design.externalServices;
    const release = this.context.release;
    for (const kind of Object.keys(IN_CLUSTER_STORES) as ExternalServiceKind[]) {
      if (ext[kind] === undefined) continue;
      const names = new Set(IN_CLUSTER_STORES[kind].flatMap((key) => [release.services[key].workload, ...(release.services[key].objects ?? [])]));
      for (const o of this.objects) {
        if (!names.has(o.metadata.name) || !['Deployment', 'StatefulSet', 'Service', 'PersistentVolumeClaim', 'ConfigMap'].includes(o.kind)) continue;
        this.delete(o, `externalServices.${kind}: the replica uses the managed service its stack creates, not the in-cluster one`);
      }
    }
  }

  private externalServiceWiring(): void {
    const ext = this.design.externalServices;
    if (ext.postgres) this.postgres();
    if (ext.redis) this.redis();
    if (ext.objectStorage) this.objectStorage();
  }

  private postgres(): void {
    const release = this.context.release;
    const frontend = workloadOf(this.objects, release, 'frontend');
    if (!frontend) return;
    const spec = podSpecOf(frontend);
    const env = databaseEnv();
    const containers = (spec.containers ?? []).filter((c) => c.name === 'frontend').map((c) => ({ name: c.name, env }));
    const inits = (spec.initContainers ?? []).filter((c) => c.name === 'migrator').map((c) => ({ name: c.name, env }));
    if (containers.length === 0 && inits.length === 0) return;
    this.patches.push(
      strategicPatch(frontend, { spec: { template: { spec: { ...(containers.length && { containers }), ...(inits.length && { initContainers: inits }) } } } }, 'externalServices.postgres: frontend and its migrator read the three databases from the Secrets the stack creates'),
    );
    this.note(frontend, 'patch', `PG*, CODEINTEL_PG* and CODEINSIGHTS_PG* from the Secrets ${Object.values(EXTERNAL_DATABASE_SECRET_NAMES).join(', ')}`);
    // A connection string in the settings ConfigMap wins over the PG* parts: drop it.
    const configMaps = new Set([...(spec.containers ?? []), ...(spec.initContainers ?? [])].flatMap((c) => (c.envFrom ?? []).map((e) => String(record(e.configMapRef)?.name ?? '')).filter(Boolean)));
    for (const cm of this.ofKind('ConfigMap').filter((o) => configMaps.has(o.metadata.name))) {
      const data = record(cm.data) ?? {};
      const drop = DATASOURCE_ENV.filter((k) => k in data);
      if (drop.length === 0) continue;
      this.patches.push(jsonPatch(cm, drop.map((k) => ({ op: 'remove', path: `/data/${pointer(k)}` })), `externalServices.postgres: ${drop.join(', ')} would win over the external database's PG* settings`));
      this.note(cm, 'patch', `removed ${drop.join(', ')} (a connection string to the in-cluster or production database)`, true);
    }
  }

  private redis(): void {
    const release = this.context.release;
    for (const key of release.redisConsumers) {
      const w = workloadOf(this.objects, release, key);
      if (!w) continue;
      const main = (podSpecOf(w).containers ?? [])[0];
      if (!main) continue;
      const env = [envSecret('REDIS_CACHE_ENDPOINT', EXTERNAL_REDIS_SECRET_NAMES.redisCache, 'endpoint'), envSecret('REDIS_STORE_ENDPOINT', EXTERNAL_REDIS_SECRET_NAMES.redisStore, 'endpoint')];
      this.patches.push(strategicPatch(w, { spec: { template: { spec: { containers: [{ name: main.name, env }] } } } }, 'externalServices.redis: the Redis endpoints from the Secrets the stack creates'));
      this.note(w, 'patch', `REDIS_CACHE_ENDPOINT and REDIS_STORE_ENDPOINT from the Secrets ${EXTERNAL_REDIS_SECRET_NAMES.redisCache}, ${EXTERNAL_REDIS_SECRET_NAMES.redisStore}`);
    }
  }

  private objectStorage(): void {
    const release = this.context.release;
    const wiring = KUSTOMIZE_CLOUD_WIRING[this.design.cloud.provider];
    const annotation = wiring.identityAnnotation;
    const store = CLOUDS[this.design.cloud.provider].objectStorage;
    const env = uploadEnv(this.design, release);
    for (const { key, serviceAccount } of release.uploadStoreConsumers) {
      const w = workloadOf(this.objects, release, key);
      if (!w) continue;
      const main = (podSpecOf(w).containers ?? [])[0];
      if (!main) continue;
      this.patches.push(
        strategicPatch(w, { spec: { template: { spec: { serviceAccountName: serviceAccount, containers: [{ name: main.name, env }] } } } }, `externalServices.objectStorage: the bucket (${store}), reached as ServiceAccount ${serviceAccount}`),
      );
      this.note(w, 'patch', `upload store env (${release.uploadStoreEnvPrefixes.map((p) => `${p}*`).join(', ')}) for the ${store} bucket; runs as ServiceAccount ${serviceAccount}`);
      const existing = this.objects.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === serviceAccount);
      if (existing) {
        this.patches.push(strategicPatch(existing, { metadata: { annotations: { [annotation]: DEPLOY_TIME_PLACEHOLDERS.bucketIdentity } } }, `externalServices.objectStorage: the ${wiring.identityName} of the bucket`));
        this.note(existing, 'patch', `${annotation}: the bucket's cloud identity`);
      } else if (!this.resources.some((r) => record(r.metadata)?.name === serviceAccount)) {
        this.resources.push({
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name: serviceAccount, labels: { deploy: 'sourcegraph', 'app.kubernetes.io/managed-by': 'sg-replica' }, annotations: { [annotation]: DEPLOY_TIME_PLACEHOLDERS.bucketIdentity } },
        });
        this.note(`ServiceAccount/${serviceAccount}`, 'add', `runs ${release.services[key].workload} with the bucket's cloud identity (${annotation})`);
      }
    }
  }

  private ingress(): void {
    const design = this.design;
    const sg = design.sourcegraph;
    const ingresses = this.ofKind('Ingress');
    if (!INGRESS_KINDS[sg.ingress].loadBalancer) {
      for (const ing of ingresses) this.delete(ing, "the design's ingress is 'none': Sourcegraph is reached through a port-forward", true);
      return;
    }
    const values = ingressValues(design, { storageClassName: this.context.storageClassName, tags: this.context.tags ?? {} });
    const frontendValues = record(values.frontend) ?? {};
    const ingressSettings = record(frontendValues.ingress) ?? {};
    const replicaAnnotations = record(ingressSettings.annotations) ?? {};
    const owned = KUSTOMIZE_INGRESS[sg.ingress].ownedAnnotations;
    const className = typeof ingressSettings.ingressClassName === 'string' ? ingressSettings.ingressClassName : undefined;
    const frontendService = this.context.release.services.frontend.workload;
    for (const ing of ingresses) {
      const spec = record(ing.spec) ?? {};
      const had = record(record(ing.metadata)?.annotations) ?? {};
      // The replica owns its load balancer's settings: production's (certificate, WAF, static IP, group) go, and
      // the ones the replica's values remove (null). Removed with JSON patch ops: kustomize turns a null annotation
      // in a strategic merge patch into the string "null".
      const set = Object.fromEntries(Object.entries(replicaAnnotations).filter(([, v]) => v !== null));
      const removed = Object.keys(had).filter((k) => replicaAnnotations[k] === null || (!(k in replicaAnnotations) && owned.some((prefix) => k.startsWith(prefix))));
      const overridden = [...Object.keys(set).filter((k) => k in had && had[k] !== set[k]), ...removed];
      this.patches.push(
        strategicPatch(ing, { metadata: { annotations: set }, ...(className ? { spec: { ingressClassName: className } } : {}) }, `ingress '${sg.ingress}': served by the replica's controller${KUSTOMIZE_INGRESS[sg.ingress].served}`),
      );
      this.note(ing, 'patch', `ingress '${sg.ingress}': ${className ? `class ${className}` : 'the gce class annotation'}${overridden.length ? `; replaces the overlay's ${overridden.join(', ')}` : ''}`, overridden.length > 0 || (typeof spec.ingressClassName === 'string' && spec.ingressClassName !== className));
      const ops: Record<string, unknown>[] = removed.map((k) => ({ op: 'remove', path: `/metadata/annotations/${pointer(k)}` }));
      if (!className && spec.ingressClassName !== undefined) ops.push({ op: 'remove', path: '/spec/ingressClassName' });
      const rules = Array.isArray(spec.rules) ? spec.rules : [];
      const toFrontend = rules.some((r) => JSON.stringify(r).includes(`"name":"${frontendService}"`));
      if (toFrontend) {
        const hosts = rules.flatMap((r, i) => (record(r)?.host !== sg.hostname ? [{ op: 'add', path: `/spec/rules/${i}/host`, value: sg.hostname }] : []));
        if (hosts.length) this.note(ing, 'patch', `host ${sg.hostname} (sourcegraph.hostname)`, rules.some((r) => typeof record(r)?.host === 'string'));
        ops.push(...hosts);
      }
      if (Array.isArray(spec.tls) && spec.tls.length > 0) {
        ops.push({ op: 'remove', path: '/spec/tls' });
        this.note(ing, 'patch', `removed spec.tls: it names production's TLS Secrets, which the replica does not have${sg.tls.certificate !== 'none' ? ` (HTTPS comes from the replica's own certificate: ${sg.tls.certificate})` : ''}`, true);
      }
      if (ops.length) this.patches.push(jsonPatch(ing, ops, `the replica's host ${sg.hostname}; none of production's load balancer settings or TLS Secrets`));
    }
    const serviceAnnotations = record(frontendValues.serviceAnnotations);
    const service = this.objects.find((o) => o.kind === 'Service' && o.metadata.name === frontendService);
    if (serviceAnnotations && service) {
      this.patches.push(strategicPatch(service, { metadata: { annotations: serviceAnnotations } }, "ingress 'gce': container-native load balancing (NEG) and the BackendConfig's health check"));
      this.note(service, 'patch', 'NEG and BackendConfig annotations for the GCE ingress');
    }
    for (const extra of Array.isArray(values.extraResources) ? values.extraResources.filter(isValuesMap) : []) {
      const name = String(record(extra.metadata)?.name);
      const existing = this.objects.find((o) => o.kind === extra.kind && o.metadata.name === name);
      if (existing) {
        this.patches.push(strategicPatch(existing, { spec: extra.spec }, `ingress '${sg.ingress}': the replica's ${String(extra.kind)} settings`));
        this.note(existing, 'patch', `the replica's ${String(extra.kind)} settings (health check /ready:6060, backend timeout)`, true);
      } else {
        this.resources.push(extra);
        this.note(`${String(extra.kind)}/${name}`, 'add', `ingress '${sg.ingress}': health check /ready:6060 and a 10-minute backend timeout`);
      }
    }
  }

  private loadBalancers(): void {
    const design = this.design;
    const cidrs = design.sourcegraph.allowedClientCidrs;
    const tagAnnotations = KUSTOMIZE_CLOUD_WIRING[design.cloud.provider].loadBalancerTagAnnotations(this.context.tags ?? {});
    const tagged = Object.keys(tagAnnotations).length > 0;
    for (const svc of this.ofKind('Service').filter((o) => record(o.spec)?.type === 'LoadBalancer')) {
      const body: Record<string, unknown> = {};
      if (cidrs.length > 0) body.spec = { loadBalancerSourceRanges: [...cidrs] };
      if (tagged) body.metadata = { annotations: { ...tagAnnotations } };
      if (Object.keys(body).length === 0) continue;
      this.patches.push(strategicPatch(svc, body, 'a cloud load balancer of its own: open only to sourcegraph.allowedClientCidrs, with the replica\'s tags'));
      this.note(svc, 'patch', `type LoadBalancer: loadBalancerSourceRanges ${cidrs.join(', ') || '(any)'}${tagged ? ', tagged' : ''}`);
    }
  }

  private daemonSetTolerations(): void {
    const taints = designTaints(this.design).filter((t) => t.effect !== 'PreferNoSchedule');
    if (taints.length === 0) return;
    for (const pod of podTemplates(this.objects).filter((p) => p.kind === 'DaemonSet')) {
      const o = this.objects.find((x) => x.kind === 'DaemonSet' && x.metadata.name === pod.name)!;
      const list = Array.isArray(pod.spec.tolerations) ? pod.spec.tolerations : undefined;
      const current = (list ?? []) as unknown as readonly Parameters<typeof tolerates>[0][];
      const missing = taints.filter((t) => !current.some((c) => tolerates(c, t)));
      if (missing.length === 0) continue;
      const ops =
        list === undefined
          ? [{ op: 'add', path: '/spec/template/spec/tolerations', value: missing.map(tolerationFor) }]
          : missing.map((t) => ({ op: 'add', path: '/spec/template/spec/tolerations/-', value: tolerationFor(t) }));
      this.patches.push(jsonPatch(o, ops, "node-level agent: runs on every node of the design's pools, tainted ones included"));
      this.note(o, 'patch', `tolerates ${missing.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(', ')}`);
    }
  }
}

/** The YAML text of the layer's kustomization, each patch preceded by its reason. */
function kustomizationText(namespace: string, patches: readonly Patch[], hasResources: boolean): string {
  const doc = new Document({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace,
    resources: [CUSTOMER_MANIFESTS, ...(hasResources ? [REPLICA_RESOURCES] : [])],
    ...(patches.length > 0 && { patches: patches.map((p) => ({ target: p.target, patch: p.patch })) }),
  });
  doc.commentBefore = [
    ' The replica\'s adjustments, applied after the customer\'s overlay (built into customer.yaml).',
    ' Generated by sg-replica (lib/kustomize/replica-layer.ts); `kubectl kustomize .` here renders the replica.',
  ].join('\n');
  visit(doc, {
    Scalar(_, node: Scalar) {
      if (typeof node.value === 'string' && node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
    },
  });
  const seq = doc.get('patches', true);
  if (seq && typeof seq === 'object' && 'items' in seq) {
    (seq as { items: { commentBefore?: string }[] }).items.forEach((item, i) => {
      item.commentBefore = ` ${patches[i].why}`;
    });
  }
  return doc.toString({ lineWidth: 0 });
}

/**
 * The replica's kustomization over `customer` (the customer's overlay, as
 * rendered), for `design`.
 *
 * @throws Error when the design's ingress kind does not fit its cloud (the
 *   design's rules refuse such a design first).
 */
export function replicaLayer(design: Design, customer: readonly RenderedObject[], context: ReplicaLayerContext): ReplicaLayer {
  const builder = new LayerBuilder(design, customer, context);
  builder.run();
  const files: Record<string, string> = {};
  if (builder.resources.length > 0) {
    files[REPLICA_RESOURCES] = builder.resources.map((r) => new Document(r).toString({ lineWidth: 0 })).join('---\n');
  }
  return { kustomization: kustomizationText(design.sourcegraph.namespace, builder.patches, builder.resources.length > 0), files, adjustments: builder.adjustments };
}

/** True when `value` is a string still holding a deploy-time placeholder. */
export function holdsPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && Object.values(DEPLOY_TIME_PLACEHOLDERS).some((p) => value.includes(p));
}

