/**
 * Helm values that fight the replica: settings from production that, applied
 * to the replica, break the install, point it at production's data, or make
 * it stop testing what it is there to test. Pure: no cdktf.
 */
import { CLOUD_PROVIDERS, CLOUDS } from '../cloud/clouds';
import { INGRESS_KINDS } from '../cloud/ingress-kinds';
import type { Design } from '../design/model';
import type { KeyProblem } from './check-value-keys';
import { isValuesMap as isMap, scalarText } from '../helm/merge-values';
import { productionHostProblems } from './production-hosts';

/** What the check needs besides the design. */
export interface ReplicaConflictContext {
  /** Name of the StorageClass sg-replica creates (the one every volume must use). */
  readonly storageClassName: string;
  /**
   * Which values these are. `override`: one of the customer's override
   * files, applied before sg-replica re-asserts its StorageClass (so
   * storageClass settings there are ignored: warnings). `inline`: the
   * design's `sourcegraph.values`, applied last (so they win: errors).
   */
  readonly layer: 'override' | 'inline';
}

type Values = Record<string, unknown>;
type Path = readonly string[];

/** The chart's default image registry (`sourcegraph.image.repository`). */
export const DEFAULT_IMAGE_REPOSITORY = 'index.docker.io/sourcegraph';

/** Keys of `storageClass` that only shape a StorageClass the chart creates itself. */
const STORAGE_CLASS_SHAPE_KEYS = [
  'provisioner',
  'type',
  'parameters',
  'reclaimPolicy',
  'volumeBindingMode',
  'allowedTopologies',
  'allowVolumeExpansion',
  'annotations',
];

interface InClusterStore {
  readonly key: string;
  /** Name of the in-cluster service. */
  readonly label: string;
  /** The design's external service that replaces it. */
  readonly external: 'postgres' | 'redis' | 'objectStorage';
  /** Connection settings block, and the host key in it with its chart default. */
  readonly connection?: { readonly block: string; readonly hostKey: string; readonly defaultHost: string };
}

const STORES: readonly InClusterStore[] = [
  { key: 'pgsql', label: 'pgsql', external: 'postgres', connection: { block: 'auth', hostKey: 'host', defaultHost: 'pgsql' } },
  {
    key: 'codeIntelDB',
    label: 'codeintel-db',
    external: 'postgres',
    connection: { block: 'auth', hostKey: 'host', defaultHost: 'codeintel-db' },
  },
  {
    key: 'codeInsightsDB',
    label: 'codeinsights-db',
    external: 'postgres',
    connection: { block: 'auth', hostKey: 'host', defaultHost: 'codeinsights-db' },
  },
  {
    key: 'redisCache',
    label: 'redis-cache',
    external: 'redis',
    connection: { block: 'connection', hostKey: 'endpoint', defaultHost: 'redis-cache:6379' },
  },
  {
    key: 'redisStore',
    label: 'redis-store',
    external: 'redis',
    connection: { block: 'connection', hostKey: 'endpoint', defaultHost: 'redis-store:6379' },
  },
  { key: 'blobstore', label: 'blobstore', external: 'objectStorage' },
];

/** Keys naming a Secret or ConfigMap the chart expects to exist. */
const OBJECT_REFERENCE_KEYS: Readonly<Record<string, string>> = {
  existingSecret: 'Secret',
  sshSecret: 'Secret',
  tlsSecret: 'Secret',
  exportersTlsSecretName: 'Secret',
  existingConfig: 'ConfigMap',
  existingConfigMap: 'ConfigMap',
};

/** Node labels every node has (or that name things the checks below look at separately). */
const WELL_KNOWN_NODE_LABELS = new Set([
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'kubernetes.io/hostname',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/region',
]);
const ZONE_LABELS = new Set(['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone', 'topology.gke.io/zone']);
const INSTANCE_TYPE_LABELS = new Set(['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type']);

/** Service account annotations that bind pods to a cloud identity. */
const IDENTITY_ANNOTATIONS: Readonly<Record<string, string>> = {
  'eks.amazonaws.com/role-arn': 'IAM role',
  'iam.gke.io/gcp-service-account': 'Google service account',
};


function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (isMap(value)) return 'a map';
  return String(value);
}

/**
 * A copy with YAML merge keys (`<<`) a parser kept as keys applied, as Helm
 * applies them: merged maps first, the map's own keys winning.
 */
function applyMergeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(applyMergeKeys);
  if (!isMap(value)) return value;
  const out: Values = {};
  if ('<<' in value) {
    const sources = Array.isArray(value['<<']) ? (value['<<'] as unknown[]) : [value['<<']];
    for (const source of sources) {
      const resolved = applyMergeKeys(source);
      if (isMap(resolved)) Object.assign(out, resolved);
    }
  }
  for (const [key, item] of Object.entries(value)) if (key !== '<<') out[key] = applyMergeKeys(item);
  return out;
}

function get(values: Values, path: Path): unknown {
  let node: unknown = values;
  for (const key of path) {
    if (!isMap(node) || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

const nonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Calls `visit` for every key of every map in `value`, lists included. */
function everyKey(value: unknown, path: Path, visit: (path: Path, key: string, value: unknown) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item) => everyKey(item, path, visit));
    return;
  }
  if (!isMap(value)) return;
  for (const [key, item] of Object.entries(value)) {
    visit([...path, key], key, item);
    everyKey(item, [...path, key], visit);
  }
}

function kubernetesMinor(version: string): number {
  const match = /^1\.(\d+)/.exec(version);
  return match ? Number(match[1]) : Number.NaN;
}

class ConflictFinder {
  readonly problems: KeyProblem[] = [];

  constructor(
    private readonly values: Values,
    private readonly design: Design,
    private readonly context: ReplicaConflictContext,
  ) {}

  private add(severity: KeyProblem['severity'], path: Path, message: string, value?: unknown): void {
    this.problems.push({ severity, path, message, ...(value !== undefined && { got: show(value) }) });
  }

  run(): KeyProblem[] {
    this.storageClass();
    this.localDevMode();
    this.stores();
    this.uploadBuckets();
    this.serviceAccounts();
    this.ingress();
    this.perKey();
    this.images();
    this.nodeSelectors();
    this.problems.push(...productionHostProblems(this.values, this.design.sourcegraph.namespace));
    return this.problems;
  }

  private storageClass(): void {
    const sc = this.values.storageClass;
    if (!isMap(sc)) return;
    const ours = this.context.storageClassName;
    const { diskType, encrypted } = this.design.storage;
    const replicaClass = `the replica's own StorageClass "${ours}" (${encrypted ? 'encrypted ' : ''}${diskType}, reclaim policy Delete)`;
    const creates = sc.create === true;
    const otherName = nonEmptyString(sc.name) && sc.name !== ours;
    const shaping = STORAGE_CLASS_SHAPE_KEYS.filter((key) => key in sc);
    if (this.context.layer === 'override') {
      const ignored = [...(creates ? ['create'] : []), ...(otherName ? ['name'] : []), ...shaping];
      if (ignored.length > 0) {
        this.add(
          'warning',
          ['storageClass'],
          `storageClass.${ignored.join(', ')} ignored: sg-replica sets storageClass.create=false and name="${ours}" after the override files, so every volume uses ${replicaClass}`,
        );
      }
      return;
    }
    if (creates) {
      this.add(
        'error',
        ['storageClass', 'create'],
        `the replica creates ${replicaClass} itself; a chart-created class ${otherName ? `"${String(sc.name)}" bypasses it` : `of the same name fails the install`}`,
        sc.create,
      );
    } else if (otherName) {
      this.add(
        'error',
        ['storageClass', 'name'],
        `the replica has no StorageClass "${String(sc.name)}" (sg-replica creates "${ours}"): every volume claim would stay Pending`,
        sc.name,
      );
    }
    if (shaping.length > 0 && !creates) {
      this.add(
        'warning',
        ['storageClass'],
        `storageClass.${shaping.join(', ')} ignored: they only shape a StorageClass the chart creates, and the replica uses ${replicaClass}`,
      );
    }
  }

  private localDevMode(): void {
    const value = get(this.values, ['sourcegraph', 'localDevMode']);
    if (value === true) {
      this.add(
        'error',
        ['sourcegraph', 'localDevMode'],
        'localDevMode removes every resource request and limit, so the replica would no longer test the production sizing',
        value,
      );
    }
  }

  private stores(): void {
    const external = this.design.externalServices;
    for (const store of STORES) {
      const designed = external[store.external] !== undefined;
      const where = `externalServices.${store.external}`;
      const enabled = get(this.values, [store.key, 'enabled']);
      const conn = store.connection;
      const host = conn ? get(this.values, [store.key, conn.block, conn.hostKey]) : undefined;
      const secret = conn ? get(this.values, [store.key, conn.block, 'existingSecret']) : undefined;
      if (enabled === true && designed) {
        this.add(
          'error',
          [store.key, 'enabled'],
          `re-enables the in-cluster ${store.label} while the design moves it out of the cluster (${where}): the replica would not test the external service`,
          enabled,
        );
      } else if (enabled === false && !designed) {
        const target = !conn
          ? "store uploads wherever its upload store env (SOURCEGRAPH_UPLOAD_* on 7.x, PRECISE_CODE_INTEL_UPLOAD_* on 6.x) points (production's bucket?) or nowhere"
          : nonEmptyString(host)
            ? `connect to "${host}" (production's?)`
            : nonEmptyString(secret)
              ? `connect to what the Secret "${secret}" names`
              : 'connect to a service that does not exist';
        this.add(
          'error',
          [store.key, 'enabled'],
          `switches the in-cluster ${store.label} off, but the design has no ${where}: the replica would ${target}; add ${where} to the design or drop this key`,
          enabled,
        );
        continue;
      }
      if (!conn) continue;
      const block = get(this.values, [store.key, conn.block]);
      if (!isMap(block)) continue;
      if (designed) {
        const keys = Object.keys(block);
        if (keys.length > 0) {
          this.add(
            'warning',
            [store.key, conn.block],
            `${store.key}.${conn.block}.${keys.join(', ')}: production's connection settings fight the ${store.label} sg-replica creates for ${where}; drop them so the replica connects to its own`,
          );
        }
      } else if (enabled !== false) {
        if (nonEmptyString(host) && host !== conn.defaultHost) {
          this.add(
            'error',
            [store.key, conn.block, conn.hostKey],
            `points Sourcegraph at ${JSON.stringify(host)} while the design runs ${store.label} in the cluster: the replica would use that (production's?) ${store.external === 'redis' ? 'Redis' : 'database'}`,
            host,
          );
        }
        if (nonEmptyString(secret)) {
          this.add(
            'error',
            [store.key, conn.block, 'existingSecret'],
            `takes the ${store.label} connection from the Secret "${secret}" while the design runs ${store.label} in the cluster: sg-replica does not create that Secret, and it would point at production's`,
            secret,
          );
        }
      }
    }
  }

  /**
   * `SOURCEGRAPH_UPLOAD_BUCKET` and friends in any service's env:
   * production's bucket. One problem per bucket, at its first mention.
   */
  private uploadBuckets(): void {
    const designed = this.design.externalServices.objectStorage !== undefined;
    const byBucket = new Map<string, { path: Path; value: unknown; services: string[] }>();
    for (const [service, config] of Object.entries(this.values)) {
      const env = isMap(config) ? config.env : undefined;
      if (!isMap(env)) continue;
      for (const [name, entry] of Object.entries(env)) {
        if (!/_UPLOAD_BUCKET$/.test(name)) continue;
        const value = isMap(entry) ? entry.value : undefined;
        const seen = byBucket.get(show(value));
        if (seen) seen.services.push(service);
        else byBucket.set(show(value), { path: [service, 'env', name], value, services: [] });
      }
    }
    for (const [bucket, { path, value, services }] of byBucket) {
      const also = services.length > 0 ? ` (also in ${services.join(', ')})` : '';
      this.add(
        designed ? 'warning' : 'error',
        path,
        designed
          ? `names production's bucket ${bucket}${also}: with externalServices.objectStorage the replica must use the bucket sg-replica creates`
          : `sends uploads to bucket ${bucket}${also} while the design keeps object storage in the cluster (blobstore): the replica would read and write that (production's?) bucket`,
        value,
      );
    }
  }

  /** `serviceAccount: {create: false, name: x}`: an existing ServiceAccount. One problem per name, at its first use. */
  private serviceAccounts(): void {
    const byName = new Map<string, { path: Path; services: string[] }>();
    for (const [service, config] of Object.entries(this.values)) {
      const account = isMap(config) ? config.serviceAccount : undefined;
      if (!isMap(account) || account.create !== false || !nonEmptyString(account.name)) continue;
      const seen = byName.get(account.name);
      if (seen) seen.services.push(service);
      else byName.set(account.name, { path: [service, 'serviceAccount', 'name'], services: [] });
    }
    for (const [name, { path, services }] of byName) {
      const also = services.length > 0 ? ` (also for ${services.join(', ')})` : '';
      this.add(
        'warning',
        path,
        `uses the existing ServiceAccount ${JSON.stringify(name)}${also}, which sg-replica does not create: create it in namespace ${this.design.sourcegraph.namespace} or the pods will not start`,
        name,
      );
    }
  }

  private ingress(): void {
    const sg = this.design.sourcegraph;
    const kind = sg.ingress;
    // The class the replica's controller serves; none when the design exposes no ingress.
    // An ingress kind the schema refused has no facts: its own error is enough.
    if (!Object.prototype.hasOwnProperty.call(INGRESS_KINDS, kind)) return;
    const served = INGRESS_KINDS[kind].ingressClass;
    const ingress = get(this.values, ['frontend', 'ingress']);
    if (!isMap(ingress)) return;
    const base = ['frontend', 'ingress'];
    if (ingress.enabled === false && served) {
      this.add('warning', [...base, 'enabled'], `switches the frontend ingress off, but the design exposes Sourcegraph through '${kind}': the replica would not be reachable at ${sg.hostname}`, false);
    } else if (ingress.enabled === true && !served) {
      this.add('warning', [...base, 'enabled'], `creates a frontend ingress, but the design's ingress is '${kind}': no controller in the replica serves it`, true);
    }
    if (!served) return;
    const expected = served.name;
    const className = ingress.ingressClassName;
    // A controller that reads only the annotation serves no ingressClassName at all.
    if (nonEmptyString(className) && (served.by === 'annotation' || className !== expected)) {
      this.add(
        'warning',
        [...base, 'ingressClassName'],
        `no ingress controller in the replica serves class ${JSON.stringify(className)} (the design's ingress is '${kind}'): the frontend would not be reachable`,
        className,
      );
    }
    const annotations = ingress.annotations;
    const annotated = isMap(annotations) ? annotations['kubernetes.io/ingress.class'] : undefined;
    if (nonEmptyString(annotated) && annotated !== expected) {
      this.add(
        'warning',
        [...base, 'annotations', 'kubernetes.io/ingress.class'],
        `asks for ingress class ${JSON.stringify(annotated)}, which no controller in the replica serves (the design's ingress is '${kind}')`,
        annotated,
      );
    }
    if (nonEmptyString(ingress.host) && ingress.host !== sg.hostname) {
      this.add(
        'warning',
        [...base, 'host'],
        `the replica serves Sourcegraph on ${sg.hostname} (sourcegraph.hostname); this host would replace it in the ingress rule`,
        ingress.host,
      );
    }
    if (Array.isArray(ingress.hosts) && ingress.hosts.length > 0) {
      this.add('warning', [...base, 'hosts'], `supersedes the replica's host ${sg.hostname} (sourcegraph.hostname) in the ingress rules`, ingress.hosts);
    }
    if (Array.isArray(ingress.tls) && ingress.tls.length > 0) {
      this.add('warning', [...base, 'tls'], `refers to production's TLS Secrets, which sg-replica does not create (namespace ${sg.namespace})`, ingress.tls);
    }
  }

  /** Rules on keys wherever they appear: PodSecurityPolicy, object references, load balancers, identities, zero replicas. */
  private perKey(): void {
    const design = this.design;
    const minor = kubernetesMinor(design.kubernetes.version);
    const storeBlocks = new Set(STORES.flatMap((s) => (s.connection ? [`${s.key}.${s.connection.block}`] : [])));
    everyKey(this.values, [], (path, key, value) => {
      const parent = path.slice(0, -1).join('.');
      if (key === 'enabled' && value === true && path[path.length - 2] === 'podSecurityPolicy') {
        const removed = !(minor < 25);
        this.add(
          removed ? 'error' : 'warning',
          path,
          `PodSecurityPolicy was removed in Kubernetes 1.25 and the replica runs ${design.kubernetes.version}: ${removed ? 'the install would fail (no policy/v1beta1 API)' : 'it is deprecated'}`,
          value,
        );
      }
      const kindOfObject = Object.prototype.hasOwnProperty.call(OBJECT_REFERENCE_KEYS, key) ? OBJECT_REFERENCE_KEYS[key] : undefined;
      if (kindOfObject && nonEmptyString(value) && !storeBlocks.has(parent)) {
        this.add(
          'warning',
          path,
          `refers to the ${kindOfObject} ${JSON.stringify(value)}, which sg-replica does not create: create it in namespace ${design.sourcegraph.namespace} before installing, or the pods will not start`,
          value,
        );
      }
      if (key === 'serviceType' && value === 'LoadBalancer') {
        this.add(
          'warning',
          path,
          `exposes ${parent} on its own cloud load balancer, outside the design's ingress and sourcegraph.allowedClientCidrs`,
          value,
        );
      }
      if (key === 'replicaCount' && value === 0) {
        this.add('warning', path, `scales ${parent} to zero: the replica would not run it`, value);
      }
      if (path.length >= 3 && path[path.length - 2] === 'annotations' && path[path.length - 3] === 'serviceAccount') {
        const identity = Object.prototype.hasOwnProperty.call(IDENTITY_ANNOTATIONS, key) ? IDENTITY_ANNOTATIONS[key] : undefined;
        if (identity && nonEmptyString(value)) {
          this.add(
            'warning',
            path,
            `binds the service account to production's ${identity} ${JSON.stringify(value)}, which trusts production's cluster, not the replica's: the pods would get no cloud credentials`,
            value,
          );
        }
      }
    });
  }

  private images(): void {
    const namespace = this.design.sourcegraph.namespace;
    for (const [service, config] of Object.entries(this.values)) {
      const repository = isMap(config) && isMap(config.image) ? config.image.repository : undefined;
      if (!nonEmptyString(repository) || repository === DEFAULT_IMAGE_REPOSITORY) continue;
      this.add(
        'warning',
        [service, 'image', 'repository'],
        `pulls ${service === 'sourcegraph' ? 'every image' : `the ${service} image`} from ${JSON.stringify(repository)}: the replica's nodes must be able to reach and authenticate to that registry, which sg-replica does not set up`,
        repository,
      );
    }
    const pullSecrets = get(this.values, ['sourcegraph', 'imagePullSecrets']);
    if (Array.isArray(pullSecrets) && pullSecrets.length > 0) {
      const names = pullSecrets.map((s) => (isMap(s) && typeof s.name === 'string' ? s.name : '?'));
      this.add(
        'warning',
        ['sourcegraph', 'imagePullSecrets'],
        `the Secret(s) ${names.join(', ')} must exist in namespace ${namespace}: sg-replica does not create them`,
        pullSecrets,
      );
    }
  }

  /** nodeSelector labels that no node of the replica has: the pods would stay Pending. */
  private nodeSelectors(): void {
    const design = this.design;
    const pools = design.kubernetes.nodePools;
    const own = CLOUDS[design.cloud.provider];
    const others = CLOUD_PROVIDERS.filter((provider) => provider !== own.provider).map((provider) => CLOUDS[provider]);
    for (const [service, config] of Object.entries(this.values)) {
      const selector = isMap(config) ? config.nodeSelector : undefined;
      if (!isMap(selector)) continue;
      for (const [label, raw] of Object.entries(selector)) {
        // Values that are not text are reported by the key checks (value-shapes.ts).
        const value = scalarText(raw);
        if (value === undefined) continue;
        const path = [service, 'nodeSelector', label];
        if (WELL_KNOWN_NODE_LABELS.has(label)) continue;
        if (ZONE_LABELS.has(label)) {
          if (!design.network.availabilityZones.includes(value)) {
            this.add('warning', path, `the replica has no nodes in zone ${value} (zones: ${design.network.availabilityZones.join(', ')}): the pods would stay Pending`, raw);
          }
          continue;
        }
        if (INSTANCE_TYPE_LABELS.has(label)) {
          if (!pools.some((pool) => pool.machineType === value)) {
            this.add('warning', path, `no node pool of the design has machine type ${value}: the pods would stay Pending`, raw);
          }
          continue;
        }
        const foreign = others.find((other) => label.startsWith(other.nodeLabelPrefix));
        if (foreign) {
          this.add('warning', path, `a ${foreign.kubernetesService} node label, which the replica's ${own.kubernetesService} nodes never have: the pods would stay Pending`, raw);
          continue;
        }
        if (label.startsWith(own.nodeLabelPrefix)) continue;
        if (!pools.some((pool) => pool.labels[label] === value)) {
          this.add('warning', path, `no node pool of the design has the label ${label}=${value}: the pods would stay Pending (add it to a pool's labels)`, raw);
        }
      }
    }
  }
}

/**
 * Helm values that fight the replica, each with a one-line reason:
 *
 * - errors: a StorageClass other than the replica's (inline values;
 *   in override files sg-replica overrides it, so a warning says it is
 *   ignored), `sourcegraph.localDevMode: true`, an in-cluster database,
 *   Redis or blobstore re-enabled while the design externalizes it (or
 *   switched off while it does not), connection settings or upload buckets
 *   that point an in-cluster design at other (production's) services,
 *   `podSecurityPolicy.enabled: true` on Kubernetes 1.25+;
 * - warnings: production connection settings next to a designed external
 *   service, the frontend ingress switched off / on against the design, an
 *   ingress class, host, hosts or TLS that does not match the replica,
 *   Secrets and ConfigMaps sg-replica does not create, a private image
 *   registry and pull secrets, existing ServiceAccounts, `serviceType: LoadBalancer`, cloud identity
 *   annotations (IRSA, Workload Identity), `replicaCount: 0`, nodeSelector
 *   labels no node pool has.
 *
 * Check each values layer separately (each override file, then the inline
 * values) so the paths point into that layer. YAML merge keys kept as `<<`
 * keys are applied first; top-level `x-*` keys (anchor holders) are skipped.
 */
export function replicaConflicts(values: unknown, design: Design, context: ReplicaConflictContext): KeyProblem[] {
  const resolved = applyMergeKeys(values);
  if (!isMap(resolved)) return [];
  // Top-level `x-*` keys only hold YAML anchors; Helm ignores them.
  const read = Object.fromEntries(Object.entries(resolved).filter(([key]) => !key.startsWith('x-')));
  return new ConflictFinder(read, design, context).run();
}
