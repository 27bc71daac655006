/**
 * The policy rules by id, with their one-line reason and fix: plain data,
 * no cdktf, so design validation (`sg-replica validate`) can check waivers
 * against it without loading any construct code. The checks themselves are
 * in lib/policy/rules.ts; docs/POLICY.md describes every rule.
 */

/** A design's waiver of a check, as `policyWaiverProblems` reads it (the design model's `Waiver`). */
interface WaiverLike {
  readonly rule: string;
  readonly reason: string;
}

/** Ids of the policy rules a design may waive, in the order they are reported. */
export const POLICY_RULE_IDS = [
  'imdsv2-required',
  'gke-metadata-server',
  'shielded-nodes',
  'encrypted-disks',
  'encrypted-databases',
  'encrypted-caches',
  'encrypted-buckets',
  'encrypted-secrets',
  'no-public-databases',
  'no-public-caches',
  'bucket-public-access-blocked',
  'kubernetes-api-restricted',
  'no-admin-policies',
  'no-world-open-ingress',
] as const;

/** A waivable policy rule id. */
export type PolicyRuleId = (typeof POLICY_RULE_IDS)[number];

/**
 * Id of the tag/label check (see tag-policy.ts). Not waivable: expiry and
 * clean-up find a replica's resources by these tags.
 */
export const TAG_POLICY_ID = 'required-tags';

/** Every id a policy report can contain. */
export type PolicyCheckId = PolicyRuleId | typeof TAG_POLICY_ID;

/** Clouds a rule has checks for. */
export type PolicyCloud = 'aws' | 'gcp';

/** What a rule is about, for people: shown when it fires and in docs/POLICY.md. */
export interface PolicyRuleInfo {
  readonly id: PolicyCheckId;
  /** A few words. */
  readonly title: string;
  /** One line: why the rule exists. */
  readonly reason: string;
  /** One line: how to comply. */
  readonly fix: string;
  /** The clouds whose resources the rule checks. */
  readonly clouds: readonly PolicyCloud[];
}

/** The catalog: every rule's title, reason and fix, by id. */
export const POLICY_RULE_INFO: Readonly<Record<PolicyCheckId, PolicyRuleInfo>> = {
  'imdsv2-required': {
    id: 'imdsv2-required',
    title: 'IMDSv2 required',
    reason: 'Without session tokens (IMDSv1) any SSRF bug in a pod or process can read the node role\'s credentials.',
    fix: 'Set metadata_options { http_tokens = "required" } on the launch template or instance (ManagedNodeGroup does, with hop limit 1).',
    clouds: ['aws'],
  },
  'gke-metadata-server': {
    id: 'gke-metadata-server',
    title: 'GKE metadata server on nodes',
    reason: 'Without the GKE metadata server, pods read the node service account\'s token from the VM metadata instead of using Workload Identity.',
    fix: 'Set node_config.workload_metadata_config.mode = "GKE_METADATA" on every node pool (GkeNodePool does).',
    clouds: ['gcp'],
  },
  'shielded-nodes': {
    id: 'shielded-nodes',
    title: 'Shielded GKE nodes',
    reason: 'Secure boot and integrity monitoring stop nodes from booting tampered kernels or boot loaders.',
    fix: 'Keep enable_shielded_nodes on the cluster, and set shielded_instance_config { enable_secure_boot = true } on every node pool (GkeNodePool does).',
    clouds: ['gcp'],
  },
  'encrypted-disks': {
    id: 'encrypted-disks',
    title: 'Disks encrypted at rest',
    reason: 'Unencrypted EBS volumes and snapshots expose the customer-shaped data a replica holds to anyone who can copy them.',
    fix: 'Set encrypted = true on EBS volumes and launch template block devices, and parameters.encrypted = "true" on EBS StorageClasses (design storage.encrypted).',
    clouds: ['aws'],
  },
  'encrypted-databases': {
    id: 'encrypted-databases',
    title: 'Databases encrypted at rest',
    reason: 'An unencrypted RDS instance keeps its storage, backups and snapshots in the clear.',
    fix: 'Set storage_encrypted = true on aws_db_instance / aws_rds_cluster (RdsPostgres does); it cannot be changed after creation.',
    clouds: ['aws'],
  },
  'encrypted-caches': {
    id: 'encrypted-caches',
    title: 'Caches encrypted at rest',
    reason: 'Redis holds sessions and cached repository data; unencrypted, its disks and backups are readable by whoever copies them.',
    fix: 'Use an aws_elasticache_replication_group with at_rest_encryption_enabled = true (ElastiCacheRedis does).',
    clouds: ['aws'],
  },
  'encrypted-buckets': {
    id: 'encrypted-buckets',
    title: 'Buckets encrypted at rest',
    reason: 'Default encryption must be part of the reviewed configuration, not left to account defaults.',
    fix: 'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket (S3BlobStorage does).',
    clouds: ['aws'],
  },
  'encrypted-secrets': {
    id: 'encrypted-secrets',
    title: 'Kubernetes secrets envelope-encrypted',
    reason: 'Kubernetes Secrets hold database passwords and tokens; envelope encryption keeps them unreadable in etcd backups.',
    fix: 'Set encryption_config { resources = ["secrets"], provider { key_arn } } on aws_eks_cluster (EksCluster does).',
    clouds: ['aws'],
  },
  'no-public-databases': {
    id: 'no-public-databases',
    title: 'No public databases',
    reason: 'A database with a public address is one leaked password away from the internet.',
    fix: 'Set publicly_accessible = false (RDS) or settings.ip_configuration.ipv4_enabled = false with a private network (Cloud SQL).',
    clouds: ['aws', 'gcp'],
  },
  'no-public-caches': {
    id: 'no-public-caches',
    title: 'No public caches',
    reason: 'Redis has no per-user access control here; only the network keeps strangers out.',
    fix: 'Give ElastiCache its own subnet group and security groups (none world-open); give Memorystore the replica\'s network (authorized_network).',
    clouds: ['aws', 'gcp'],
  },
  'bucket-public-access-blocked': {
    id: 'bucket-public-access-blocked',
    title: 'Bucket public access blocked',
    reason: 'One public ACL or policy statement publishes every upload; blocking public access makes that impossible.',
    fix: 'Add an aws_s3_bucket_public_access_block with all four settings true (S3BlobStorage does); on GCS set public_access_prevention = "enforced" and uniform_bucket_level_access = true.',
    clouds: ['aws', 'gcp'],
  },
  'kubernetes-api-restricted': {
    id: 'kubernetes-api-restricted',
    title: 'Kubernetes API not open to the internet',
    reason: 'A public API server open to 0.0.0.0/0 is exposed to every credential-stuffing and CVE scan on the internet.',
    fix: 'Use network.endpointAccess: private, or list the networks that may reach it in network.allowedCidrs (never 0.0.0.0/0).',
    clouds: ['aws', 'gcp'],
  },
  'no-admin-policies': {
    id: 'no-admin-policies',
    title: 'No administrator policies on roles',
    reason: 'Nodes and workloads run untrusted code paths; an admin policy turns any compromise into an account compromise.',
    fix: 'Attach only the managed policies a role needs (NodeRole: worker, CNI, ECR read-only); never AdministratorAccess, PowerUserAccess, IAMFullAccess, roles/owner or roles/editor.',
    clouds: ['aws', 'gcp'],
  },
  'no-world-open-ingress': {
    id: 'no-world-open-ingress',
    title: 'No world-open ingress',
    reason: 'Anything reachable from 0.0.0.0/0 or ::/0 is scanned within minutes; only the load balancer\'s HTTP(S) ports need to be.',
    fix: 'Allow security group or firewall sources by security group or named CIDRs; only TCP 80 and 443 may be open to the world.',
    clouds: ['aws', 'gcp'],
  },
  'required-tags': {
    id: 'required-tags',
    title: 'Replica tags and labels on every resource',
    reason: 'Expiry, cost reports and clean-up find a replica\'s resources by its name, customer, owner, expires-at and design tags.',
    fix: 'Create resources under the stack\'s replica provider (default_tags / default_labels); tag what providers cannot reach (launch template tag_specifications, node pool resource_labels).',
    clouds: ['aws', 'gcp'],
  },
};

/** Whether `id` is a waivable policy rule id. */
export function isPolicyRuleId(id: string): id is PolicyRuleId {
  return (POLICY_RULE_IDS as readonly string[]).includes(id);
}

/** Shortest waiver reason accepted, in characters (the design schema's `minLength`). */
export const MIN_WAIVER_REASON_LENGTH = 10;

/**
 * Problems of the policy waivers among `waivers`, one sentence each; `[]`
 * when they are fine. Waivers of other checks (`capacity-fit`) are ignored:
 * whether their ids exist is the design validator's business.
 */
export function policyWaiverProblems(waivers: readonly WaiverLike[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const waiver of waivers) {
    if (waiver.rule === TAG_POLICY_ID) {
      problems.push(`waiver of '${TAG_POLICY_ID}': this check cannot be waived (expiry and clean-up depend on the tags)`);
      continue;
    }
    if (!isPolicyRuleId(waiver.rule)) continue;
    if (waiver.reason.trim().length < MIN_WAIVER_REASON_LENGTH) {
      problems.push(`waiver of '${waiver.rule}': the reason must say why, in at least ${MIN_WAIVER_REASON_LENGTH} characters`);
    }
    if (seen.has(waiver.rule)) problems.push(`waiver of '${waiver.rule}' is listed twice`);
    seen.add(waiver.rule);
  }
  return problems;
}
