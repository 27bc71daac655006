/**
 * Rules that keep "valid" honest: what the clouds' APIs, Kubernetes and the
 * Terraform backends refuse, which the schema alone does not say, so that a
 * design `validate` accepts also synthesizes and deploys. Each was found by a
 * design that validated and then failed later (issue 17, test/fuzz); each
 * names its source. `checkRules` (rules.ts) calls `checkDeployRules` once.
 */
import { CLOUDS, CloudTable } from '../cloud/clouds';
import { cloudSqlTierVerdict, ClassVerdict, elastiCacheNodeTypeVerdict, rdsPostgresClassVerdict } from '../catalog/managed-service-classes';
import { isLabelKey } from '../catalog/kubernetes-names';
import type { RuleContext } from './cloud-rules';
import type { FieldPath } from './problems';

/** What one cloud's APIs accept, where the design's fields reach them. */
export interface CloudDeployLimits {
  /**
   * Most CIDRs the managed Kubernetes API's allow-list holds. EKS: 40 public
   * access CIDR blocks per cluster (EKS service quotas, not adjustable). GKE:
   * 50 authorized networks for a cluster with a public endpoint (GKE docs,
   * "Add authorized networks for control plane access"; `GkeCluster` refuses more).
   */
  readonly maxApiAllowedCidrs: number;
  /**
   * Whether `storage.encrypted: false` can be honoured: AWS only with a
   * waiver of the policy rule `encrypted-disks` (the policy pack refuses an
   * unencrypted EBS StorageClass at synth); GCP never (every persistent disk
   * is encrypted at rest; the StorageClass construct refuses it).
   */
  readonly unencryptedVolumes: { readonly waivableBy: string } | { readonly impossible: string };
  /** Why a managed PostgreSQL class is not one the service offers. */
  postgresClass(name: string): ClassVerdict;
  /** Why a managed Redis node type is not one the service offers (clouds that size Redis by node type). */
  redisNodeType?(name: string): ClassVerdict;
  /** Problems of the object storage bucket sg-replica names `<name>-uploads-<sandbox>` (gcp: no "google"). */
  uploadBucket?(rules: RuleContext): void;
}

/** GCS refuses bucket names that start with "goog" or contain "google" or close misspellings (GCS docs, "Bucket naming"). */
const GOOGLE_LIKE = /g[o0][o0]gle|^goog/;

export const CLOUD_DEPLOY_LIMITS: CloudTable<CloudDeployLimits> = {
  aws: {
    maxApiAllowedCidrs: 40,
    unencryptedVolumes: { waivableBy: 'encrypted-disks' },
    postgresClass: rdsPostgresClassVerdict,
    redisNodeType: elastiCacheNodeTypeVerdict,
  },
  gcp: {
    maxApiAllowedCidrs: 50,
    unencryptedVolumes: { impossible: 'GCE encrypts every persistent disk at rest' },
    postgresClass: cloudSqlTierVerdict,
    uploadBucket({ design, ok, error }) {
      // The bucket is `<name>-uploads-<project>` (stacks/gcp-external-services.ts).
      const project = (design.cloud as { readonly project?: string }).project ?? '';
      if (ok(['name']) && GOOGLE_LIKE.test(design.name)) {
        error(['name'], 'names the replica\'s GCS bucket (externalServices.objectStorage), and GCS refuses bucket names that start with "goog" or contain "google"', design.name, 'a name without "google"');
      }
      if (ok(['cloud', 'project']) && /g[o0][o0]gle/.test(project)) {
        error(['cloud', 'project'], 'is part of the replica\'s GCS bucket name (externalServices.objectStorage), and GCS refuses bucket names that contain "google"', project, 'a sandbox project without "google" in its id, or no externalServices.objectStorage');
      }
    },
  },
};

/**
 * Namespaces the release may not use: Kubernetes' own (`default`, `kube-*`),
 * GKE's (`gke-*`, `gmp-*`), and the ones sg-replica's other releases install
 * into (the ingress-nginx controller's; test/design/deploy-rules.test.ts keeps
 * this list in step with lib/sourcegraph). sg-replica creates the release
 * namespace and deletes it on destroy: it must be its own.
 */
export const RESERVED_NAMESPACES: readonly string[] = ['default', 'ingress-nginx'];
const RESERVED_NAMESPACE_PREFIXES: readonly string[] = ['kube-', 'gke-', 'gmp-'];

/**
 * Node label keys in the `kubernetes.io` and `k8s.io` namespaces are
 * reserved for Kubernetes: the kubelet refuses to set them (NodeRestriction,
 * kubernetes.io/docs/reference/labels-annotations-taints) and the EKS and
 * GKE node pool APIs refuse them.
 */
function reservedLabelPrefix(key: string): string | undefined {
  const slash = key.indexOf('/');
  if (slash < 0) return undefined;
  const prefix = key.slice(0, slash);
  return ['kubernetes.io', 'k8s.io'].find((domain) => prefix === domain || prefix.endsWith(`.${domain}`));
}

/** An IPv4 address, or a name whose last label is all digits: neither is a host name an Ingress accepts. */
function numericHostname(hostname: string): boolean {
  const labels = hostname.split('.');
  return /^\d+$/.test(labels[labels.length - 1]);
}

/**
 * S3 bucket naming rules beyond the schema's pattern (S3 User Guide, "General
 * purpose bucket naming rules"): no two adjacent periods, no period next to a
 * hyphen, not formatted as an IP address, no reserved prefix or suffix.
 */
function s3BucketVerdict(name: string): string | undefined {
  if (name.includes('..')) return 'two adjacent periods';
  if (name.includes('.-') || name.includes('-.')) return 'a period next to a hyphen';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'the form of an IP address';
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => name.startsWith(p));
  if (prefix) return `the reserved prefix "${prefix}"`;
  const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((s) => name.endsWith(s));
  if (suffix) return `the reserved suffix "${suffix}"`;
  return undefined;
}

/** GCS bucket naming rules beyond the schema's pattern (GCS docs, "Bucket naming"). */
function gcsBucketVerdict(name: string): string | undefined {
  if (GOOGLE_LIKE.test(name)) return '"goog" at the start or "google" in it';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'the form of an IP address';
  if (name.includes('..')) return 'two adjacent periods';
  return undefined;
}

/**
 * The key prefix of the state objects: Terraform 1.11's S3 backend refuses a
 * key that starts or ends with "/" or contains "//" (checked with the real
 * `terraform init`), and its GCS backend a prefix that starts with "/". The
 * key is `<prefix>/<name>/<stack>.tfstate`, trailing slashes of the prefix
 * dropped (lib/replica/state-backend.ts).
 */
function statePrefixVerdict(prefix: string): string | undefined {
  if (prefix.startsWith('/')) return 'starts with "/"';
  if (prefix.includes('//')) return 'contains "//"';
  if (/^\.+$/.test(prefix.replace(/\/+$/, '')) || prefix.split('/').some((part) => part === '.' || part === '..')) return 'has a "." or ".." path segment';
  return undefined;
}

/** The rules above on a built design. */
export function checkDeployRules(context: RuleContext): void {
  const { design, ok, error } = context;
  const limits = CLOUD_DEPLOY_LIMITS[design.cloud.provider];
  const { network, kubernetes, storage, sourcegraph, externalServices, state } = design;

  if (ok(['network', 'allowedCidrs'], ['network', 'endpointAccess']) && network.endpointAccess === 'public' && network.allowedCidrs.length > limits.maxApiAllowedCidrs) {
    error(['network', 'allowedCidrs'], `${network.allowedCidrs.length} ranges; the Kubernetes API's allow-list holds at most ${limits.maxApiAllowedCidrs} on ${design.cloud.provider}`, undefined, `at most ${limits.maxApiAllowedCidrs} CIDRs (merge neighbouring ranges)`);
  }

  kubernetes.nodePools.forEach((pool, i) => {
    for (const key of Object.keys(pool.labels)) {
      const path: FieldPath = ['kubernetes', 'nodePools', i, 'labels', key];
      if (!ok(path) || !isLabelKey(key)) continue; // invalid keys are reported by rules.ts
      const reserved = reservedLabelPrefix(key);
      if (reserved) error(path, `the ${reserved} label namespace is reserved for Kubernetes: node pools cannot set it`, key, 'your own prefix, e.g. example.com/role, or no prefix');
    }
  });

  if (ok(['storage', 'encrypted']) && !storage.encrypted) {
    const how = limits.unencryptedVolumes;
    if ('impossible' in how) error(['storage', 'encrypted'], `cannot be false on ${design.cloud.provider}: ${how.impossible}`, false, 'true (the default)');
    else if (!design.waivers.some((w) => w.rule === how.waivableBy)) {
      error(['storage', 'encrypted'], `unencrypted volumes break the policy rule ${how.waivableBy}: synth refuses them unless the design waives it`, false, `true (the default), or a "${how.waivableBy}" waiver with a reason`);
    }
  }

  if (ok(['sourcegraph', 'namespace'])) {
    const ns = sourcegraph.namespace;
    if (RESERVED_NAMESPACES.includes(ns) || RESERVED_NAMESPACE_PREFIXES.some((p) => ns.startsWith(p))) {
      error(['sourcegraph', 'namespace'], 'belongs to Kubernetes, the cloud or sg-replica\'s own releases; sg-replica creates the release namespace and deletes it on destroy', ns, `a namespace of its own, e.g. sourcegraph (not ${RESERVED_NAMESPACES.join(', ')} or ${RESERVED_NAMESPACE_PREFIXES.map((p) => `${p}*`).join(', ')})`);
    }
  }
  if (ok(['sourcegraph', 'hostname']) && sourcegraph.hostname && numericHostname(sourcegraph.hostname)) {
    error(['sourcegraph', 'hostname'], 'an IP address or a name with an all-digit top-level label is not a host name an Ingress serves', sourcegraph.hostname, 'a DNS name like sourcegraph.example.com');
  }
  const codebase = sourcegraph.codebase;
  if (codebase && ok(['sourcegraph', 'codebase']) && codebase.largestRepoGb > codebase.totalSizeGb) {
    error(['sourcegraph', 'codebase', 'largestRepoGb'], `the largest repository (${codebase.largestRepoGb} GB) cannot be larger than all of them together (totalSizeGb: ${codebase.totalSizeGb})`, codebase.largestRepoGb, `at most ${codebase.totalSizeGb}`);
  }

  const pg = externalServices.postgres;
  const pgPath: FieldPath = ['externalServices', 'postgres', 'instanceClass'];
  // (a class of the wrong form is reported by rules.ts)
  if (pg && pg.instanceClass && ok(pgPath, ['cloud', 'provider']) && CLOUDS[design.cloud.provider].postgres.classPattern.test(pg.instanceClass)) {
    const verdict = limits.postgresClass(pg.instanceClass);
    if (verdict) error(pgPath, verdict, pg.instanceClass);
  }
  const redis = externalServices.redis;
  const redisPath: FieldPath = ['externalServices', 'redis', 'nodeType'];
  if (redis?.nodeType && limits.redisNodeType && ok(redisPath, ['cloud', 'provider']) && /^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(redis.nodeType)) {
    const verdict = limits.redisNodeType(redis.nodeType);
    if (verdict) error(redisPath, verdict, redis.nodeType);
  }
  if (externalServices.objectStorage && ok(['cloud', 'provider'])) limits.uploadBucket?.(context);

  if (ok(['state']) && state.backend !== 'local') {
    if (state.bucket && ok(['state', 'bucket'])) {
      const verdict = state.backend === 's3' ? s3BucketVerdict(state.bucket) : gcsBucketVerdict(state.bucket);
      if (verdict) error(['state', 'bucket'], `${state.backend === 's3' ? 'S3' : 'GCS'} refuses bucket names with ${verdict}`, state.bucket);
    }
    if (state.prefix !== undefined && ok(['state', 'prefix'])) {
      const verdict = statePrefixVerdict(state.prefix);
      if (verdict) error(['state', 'prefix'], `${verdict}: the ${state.backend} backend refuses such a state key`, state.prefix, 'path segments of letters, digits, ".", "_", "-", separated by single "/", e.g. sg-replica/team-a');
    }
  }
}
