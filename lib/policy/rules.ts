/**
 * The policy rules: what each checks on which Terraform resource types.
 * Every check reads the configuration as it will be synthesized (see
 * policy-resource.ts) and returns one sentence per violation; a value only
 * known at apply time is never a violation. Provider-agnostic: rules match
 * resource type names, so no provider binding is loaded here.
 */
import { parseCidr } from '../network/subnet-plan';
import {
  block,
  blocks,
  boolValue,
  isUnknown,
  numberValue,
  PolicyResource,
  ResourceConfig,
  stringList,
  stringMap,
} from './policy-resource';
import { POLICY_RULE_IDS, POLICY_RULE_INFO, PolicyRuleId, PolicyRuleInfo } from '../catalog/policy-rules';

/** A policy rule: its catalog entry and its check. */
export interface PolicyRule extends PolicyRuleInfo {
  readonly id: PolicyRuleId;
  /** Terraform resource types the rule inspects. */
  readonly resourceTypes: readonly string[];
  /** The violations of one resource (of one of `resourceTypes`), one sentence each; `[]` when it complies. */
  check(resource: PolicyResource): string[];
}

function rule(id: PolicyRuleId, resourceTypes: readonly string[], check: (r: PolicyResource) => string[]): PolicyRule {
  return { ...POLICY_RULE_INFO[id], id, resourceTypes, check };
}

const q = (v: unknown) => JSON.stringify(v);

/** Whether a CIDR is the whole IPv4 or IPv6 internet (any `/0`). */
export function isWorldCidr(cidr: string): boolean {
  if (isUnknown(cidr)) return false;
  const trimmed = cidr.trim();
  if (trimmed.includes(':')) return /\/0$/.test(trimmed);
  return parseCidr(trimmed)?.prefix === 0;
}

/** `check` holds for `value`: `true` or unknown. An unset value counts as its default. */
function isTrueOrUnknown(value: unknown, unsetDefault: boolean): boolean {
  const b = boolValue(value);
  return b === undefined ? unsetDefault : b !== false;
}

/** Whether `other` refers to `target` by a reference to one of its attributes, or names it literally. */
function refersTo(value: unknown, target: PolicyResource, literalName?: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value.startsWith(`\${${target.address}.`)) return true;
  return literalName !== undefined && !isUnknown(literalName) && value === literalName;
}

// ---------------------------------------------------------------- nodes

const imdsv2Required = rule('imdsv2-required', ['aws_launch_template', 'aws_instance'], (r) => {
  const options = block(r.config.metadata_options);
  if (!options) return ['has no metadata_options: instances accept IMDSv1 unless the AMI says otherwise'];
  if (options.http_endpoint === 'disabled') return [];
  const tokens = options.http_tokens;
  if (tokens === undefined) return ['metadata_options.http_tokens is unset (IMDSv1 allowed)'];
  if (isUnknown(tokens) || tokens === 'required') return [];
  return [`metadata_options.http_tokens is ${q(tokens)}, not "required"`];
});

function gkeNodeConfigs(r: PolicyResource): Array<{ where: string; config: ResourceConfig | undefined }> {
  if (r.type === 'google_container_node_pool') return [{ where: 'node_config', config: block(r.config.node_config) }];
  return blocks(r.config.node_pool).map((pool, i) => ({ where: `node_pool[${i}] (${String(pool.name ?? i)}).node_config`, config: block(pool.node_config) }));
}

const gkeMetadataServer = rule('gke-metadata-server', ['google_container_node_pool', 'google_container_cluster'], (r) => {
  const problems: string[] = [];
  for (const { where, config } of gkeNodeConfigs(r)) {
    const mode = block(config?.workload_metadata_config)?.mode;
    if (mode === undefined) problems.push(`${where}.workload_metadata_config.mode is unset (pods see the node's metadata)`);
    else if (!isUnknown(mode) && mode !== 'GKE_METADATA') problems.push(`${where}.workload_metadata_config.mode is ${q(mode)}, not "GKE_METADATA"`);
  }
  return problems;
});

const shieldedNodes = rule('shielded-nodes', ['google_container_cluster', 'google_container_node_pool'], (r) => {
  const problems: string[] = [];
  if (r.type === 'google_container_cluster' && boolValue(r.config.enable_shielded_nodes) === false) {
    problems.push('enable_shielded_nodes is false');
  }
  for (const { where, config } of gkeNodeConfigs(r)) {
    const shielded = block(config?.shielded_instance_config);
    if (!isTrueOrUnknown(shielded?.enable_secure_boot, false)) problems.push(`${where}.shielded_instance_config.enable_secure_boot is not true`);
    if (!isTrueOrUnknown(shielded?.enable_integrity_monitoring, true)) problems.push(`${where}.shielded_instance_config.enable_integrity_monitoring is false`);
  }
  return problems;
});

// ---------------------------------------------------------------- encryption at rest

const EBS_PROVISIONERS = ['ebs.csi.aws.com', 'kubernetes.io/aws-ebs'];

const encryptedDisks = rule(
  'encrypted-disks',
  ['aws_launch_template', 'aws_instance', 'aws_ebs_volume', 'kubernetes_storage_class_v1', 'kubernetes_storage_class'],
  (r) => {
    switch (r.type) {
      case 'aws_ebs_volume':
        return isTrueOrUnknown(r.config.encrypted, false) ? [] : ['encrypted is not true'];
      case 'aws_launch_template': {
        const mappings = blocks(r.config.block_device_mappings);
        const ebs = mappings.map((m, i) => ({ i, ebs: block(m.ebs) })).filter((m) => m.ebs);
        if (ebs.length === 0) return ['has no EBS block device mapping: the root volume\'s encryption is left to the AMI and account defaults'];
        return ebs.filter((m) => !isTrueOrUnknown(m.ebs!.encrypted, false)).map((m) => `block_device_mappings[${m.i}].ebs.encrypted is not true`);
      }
      case 'aws_instance': {
        const problems: string[] = [];
        if (!isTrueOrUnknown(block(r.config.root_block_device)?.encrypted, false)) problems.push('root_block_device.encrypted is not true');
        blocks(r.config.ebs_block_device).forEach((d, i) => {
          if (!isTrueOrUnknown(d.encrypted, false)) problems.push(`ebs_block_device[${i}].encrypted is not true`);
        });
        return problems;
      }
      default: {
        // A Kubernetes StorageClass: only EBS provisioners are checked (GCE persistent disks are always encrypted).
        const provisioner = r.config.storage_provisioner;
        if (typeof provisioner !== 'string' || !EBS_PROVISIONERS.includes(provisioner)) return [];
        const parameters = stringMap(r.config.parameters);
        if (parameters === 'unknown') return [];
        const encrypted = parameters?.encrypted;
        return encrypted === undefined || (!isUnknown(encrypted) && encrypted !== 'true')
          ? [`StorageClass for ${provisioner} has parameters.encrypted ${encrypted === undefined ? 'unset' : q(encrypted)}, not "true"`]
          : [];
      }
    }
  },
);

const encryptedDatabases = rule('encrypted-databases', ['aws_db_instance', 'aws_rds_cluster'], (r) => {
  // Aurora instances inherit the cluster's setting; a replica of an encrypted source is encrypted.
  if (r.type === 'aws_db_instance' && (r.config.replicate_source_db !== undefined || r.config.cluster_identifier !== undefined)) return [];
  return isTrueOrUnknown(r.config.storage_encrypted, false) ? [] : ['storage_encrypted is not true'];
});

const encryptedCaches = rule('encrypted-caches', ['aws_elasticache_replication_group', 'aws_elasticache_cluster'], (r) => {
  if (r.type === 'aws_elasticache_cluster') {
    // Members of a replication group are covered by the group.
    if (r.config.replication_group_id !== undefined) return [];
    return ['is a standalone cache cluster, which cannot be encrypted at rest: use a replication group'];
  }
  return isTrueOrUnknown(r.config.at_rest_encryption_enabled, false) ? [] : ['at_rest_encryption_enabled is not true'];
});

const encryptedBuckets = rule('encrypted-buckets', ['aws_s3_bucket'], (r) => {
  if (blocks(r.config.server_side_encryption_configuration).length > 0) return [];
  const configs = r.stack
    .resources('aws_s3_bucket_server_side_encryption_configuration')
    .filter((c) => refersTo(c.config.bucket, r, r.config.bucket));
  if (configs.length === 0) return ['has no aws_s3_bucket_server_side_encryption_configuration in its stack'];
  const problems: string[] = [];
  for (const c of configs) {
    for (const ruleBlock of blocks(c.config.rule)) {
      const algorithm = block(ruleBlock.apply_server_side_encryption_by_default)?.sse_algorithm;
      if (algorithm === undefined) problems.push(`${c.path} sets no default sse_algorithm`);
    }
  }
  return problems;
});

const encryptedSecrets = rule('encrypted-secrets', ['aws_eks_cluster'], (r) => {
  const configs = blocks(r.config.encryption_config);
  const covered = configs.some((c) => {
    const resources = stringList(c.resources);
    return (resources === 'unknown' || resources?.includes('secrets')) && block(c.provider)?.key_arn !== undefined;
  });
  return covered ? [] : ['has no encryption_config with resources ["secrets"] and a KMS key'];
});

// ---------------------------------------------------------------- public exposure

const noPublicDatabases = rule('no-public-databases', ['aws_db_instance', 'aws_rds_cluster_instance', 'google_sql_database_instance'], (r) => {
  if (r.type !== 'google_sql_database_instance') {
    return boolValue(r.config.publicly_accessible) === true ? ['publicly_accessible is true'] : [];
  }
  const ip = block(block(r.config.settings)?.ip_configuration);
  const problems: string[] = [];
  if (isTrueOrUnknown(ip?.ipv4_enabled, true) && boolValue(ip?.ipv4_enabled) !== 'unknown') {
    problems.push('settings.ip_configuration.ipv4_enabled is not false (the instance gets a public IP)');
  }
  for (const network of blocks(ip?.authorized_networks)) {
    if (typeof network.value === 'string' && isWorldCidr(network.value)) problems.push(`authorized_networks includes ${network.value}`);
  }
  return problems;
});

/** Security groups of the stack that are open to the world (any port). */
function worldOpenGroupIds(r: PolicyResource): Map<string, string> {
  const open = new Map<string, string>();
  for (const sg of r.stack.resources('aws_security_group')) {
    if (ingressViolations(sg, false).length > 0) open.set(sg.address, sg.path);
  }
  for (const type of ['aws_vpc_security_group_ingress_rule', 'aws_security_group_rule']) {
    for (const rule of r.stack.resources(type)) {
      if (ingressViolations(rule, false).length === 0) continue;
      const group = String(rule.config.security_group_id ?? '');
      const match = /^\$\{(aws_security_group\.[^.]+)\./.exec(group);
      if (match) open.set(match[1], rule.path);
    }
  }
  return open;
}

const noPublicCaches = rule('no-public-caches', ['aws_elasticache_replication_group', 'aws_elasticache_cluster', 'google_redis_instance'], (r) => {
  if (r.type === 'google_redis_instance') {
    return r.config.authorized_network === undefined ? ['has no authorized_network: it joins the project\'s "default" network'] : [];
  }
  if (r.type === 'aws_elasticache_cluster' && r.config.replication_group_id !== undefined) return [];
  const problems: string[] = [];
  if (r.config.subnet_group_name === undefined) problems.push('has no subnet_group_name: it lands in the default VPC');
  const groups = stringList(r.config.security_group_ids);
  if (groups === undefined || (Array.isArray(groups) && groups.length === 0)) {
    problems.push('has no security_group_ids: it gets the VPC\'s default security group');
  } else if (Array.isArray(groups)) {
    const open = worldOpenGroupIds(r);
    for (const id of groups) {
      const address = /^\$\{(aws_security_group\.[^.]+)\./.exec(id)?.[1];
      if (address && open.has(address)) problems.push(`security group ${open.get(address)} allows ingress from the whole internet`);
    }
  }
  return problems;
});

const PUBLIC_ACCESS_BLOCK_SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
const PUBLIC_ACLS = ['public-read', 'public-read-write', 'authenticated-read'];

const bucketPublicAccessBlocked = rule(
  'bucket-public-access-blocked',
  ['aws_s3_bucket', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_acl', 'google_storage_bucket'],
  (r) => {
    switch (r.type) {
      case 'aws_s3_bucket': {
        const problems = PUBLIC_ACLS.includes(String(r.config.acl)) ? [`acl is ${q(r.config.acl)}`] : [];
        const blocked = r.stack.resources('aws_s3_bucket_public_access_block').some((b) => refersTo(b.config.bucket, r, r.config.bucket));
        if (!blocked) problems.push('has no aws_s3_bucket_public_access_block in its stack');
        return problems;
      }
      case 'aws_s3_bucket_public_access_block':
        return PUBLIC_ACCESS_BLOCK_SETTINGS.filter((s) => !isTrueOrUnknown(r.config[s], false)).map((s) => `${s} is not true`);
      case 'aws_s3_bucket_acl':
        return PUBLIC_ACLS.includes(String(r.config.acl)) ? [`acl is ${q(r.config.acl)}`] : [];
      default: {
        const problems: string[] = [];
        const prevention = r.config.public_access_prevention;
        if (!isUnknown(prevention) && prevention !== 'enforced') problems.push(`public_access_prevention is ${prevention === undefined ? 'unset' : q(prevention)}, not "enforced"`);
        if (!isTrueOrUnknown(r.config.uniform_bucket_level_access, false)) problems.push('uniform_bucket_level_access is not true');
        return problems;
      }
    }
  },
);

const kubernetesApiRestricted = rule('kubernetes-api-restricted', ['aws_eks_cluster', 'google_container_cluster'], (r) => {
  if (r.type === 'aws_eks_cluster') {
    const vpc = block(r.config.vpc_config);
    if (!isTrueOrUnknown(vpc?.endpoint_public_access, true) || boolValue(vpc?.endpoint_public_access) === 'unknown') return [];
    const cidrs = stringList(vpc?.public_access_cidrs);
    if (cidrs === 'unknown') return [];
    if (cidrs === undefined || cidrs.length === 0) return ['has a public endpoint with no public_access_cidrs (EKS then allows 0.0.0.0/0)'];
    return cidrs.filter(isWorldCidr).map((c) => `vpc_config.public_access_cidrs includes ${c}`);
  }
  const privateConfig = block(r.config.private_cluster_config);
  const privateEndpoint = boolValue(privateConfig?.enable_private_endpoint);
  if (privateEndpoint === true || privateEndpoint === 'unknown') return [];
  const authorized = block(r.config.master_authorized_networks_config);
  if (!authorized) return ['has a public endpoint and no master_authorized_networks_config (anyone may connect)'];
  const problems: string[] = [];
  if (boolValue(authorized.gcp_public_cidrs_access_enabled) === true) problems.push('master_authorized_networks_config.gcp_public_cidrs_access_enabled is true (every Google Cloud IP may connect)');
  const cidrs = blocks(authorized.cidr_blocks).map((b) => b.cidr_block);
  if (!isUnknown(authorized.cidr_blocks) && cidrs.length === 0) problems.push('has a public endpoint and no master authorized cidr_blocks');
  for (const cidr of cidrs) if (typeof cidr === 'string' && isWorldCidr(cidr)) problems.push(`master_authorized_networks_config allows ${cidr}`);
  return problems;
});

// ---------------------------------------------------------------- identity

/** AWS managed policies that amount to administrator access. */
export const ADMIN_POLICY_NAMES: readonly string[] = ['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess'];
/** GCP roles that amount to administrator access on a project. */
export const ADMIN_GCP_ROLES: readonly string[] = ['roles/owner', 'roles/editor', 'roles/iam.securityAdmin', 'roles/resourcemanager.projectIamAdmin'];

function adminPolicyArn(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const name = /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
  return name && ADMIN_POLICY_NAMES.includes(name) ? name : undefined;
}

/** Statements of a policy document (JSON text) that allow every action, or every IAM action, on every resource. */
function adminStatements(policy: unknown): string[] {
  if (typeof policy !== 'string') return [];
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(policy);
  } catch {
    return [];
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
  const list = (v: unknown) => (Array.isArray(v) ? v : [v]).map(String);
  return statements
    .filter((s: Record<string, unknown>) => s && s.Effect === 'Allow' && s.Action !== undefined)
    .filter((s: Record<string, unknown>) => list(s.Action).some((a) => a === '*' || a === 'iam:*') && list(s.Resource ?? '*').includes('*'))
    .map((s: Record<string, unknown>) => `allows ${list(s.Action).filter((a) => a === '*' || a === 'iam:*').join(', ')} on every resource${s.Sid ? ` (statement ${q(s.Sid)})` : ''}`);
}

const noAdminPolicies = rule(
  'no-admin-policies',
  [
    'aws_iam_role_policy_attachment',
    'aws_iam_policy_attachment',
    'aws_iam_role_policy_attachments_exclusive',
    'aws_iam_role',
    'aws_iam_role_policy',
    'aws_iam_policy',
    'google_project_iam_member',
    'google_project_iam_binding',
  ],
  (r) => {
    const attached = (arns: unknown) =>
      (Array.isArray(arns) ? arns : [arns]).map(adminPolicyArn).filter((n): n is string => n !== undefined).map((n) => `attaches ${n}`);
    switch (r.type) {
      case 'aws_iam_role_policy_attachment':
      case 'aws_iam_policy_attachment':
        return attached(r.config.policy_arn);
      case 'aws_iam_role_policy_attachments_exclusive':
        return attached(r.config.policy_arns);
      case 'aws_iam_role':
        return [...attached(r.config.managed_policy_arns), ...blocks(r.config.inline_policy).flatMap((p) => adminStatements(p.policy))];
      case 'aws_iam_role_policy':
      case 'aws_iam_policy':
        return adminStatements(r.config.policy);
      default:
        return ADMIN_GCP_ROLES.includes(String(r.config.role)) ? [`grants ${r.config.role}`] : [];
    }
  },
);

// ---------------------------------------------------------------- network

/** Ports that may be open to the world: the load balancer's HTTP and HTTPS. */
export const WORLD_OPEN_PORTS: readonly number[] = [80, 443];

function isWebOnly(protocol: unknown, fromPort: unknown, toPort: unknown): boolean {
  if (protocol !== 'tcp' && protocol !== '6' && protocol !== 6) return false;
  const from = numberValue(fromPort);
  return from !== undefined && from === numberValue(toPort) && WORLD_OPEN_PORTS.includes(from);
}

/** World-open ingress of an AWS security group or rule, or of a GCP firewall. `exemptWeb`: TCP 80/443 are allowed. */
function ingressViolations(r: PolicyResource, exemptWeb = true): string[] {
  const c = r.config;
  const problems: string[] = [];
  const entry = (what: string, world: string[], protocol: unknown, from: unknown, to: unknown) => {
    if (world.length === 0 || (exemptWeb && isWebOnly(protocol, from, to))) return;
    const ports = protocol === '-1' || protocol === 'all' ? 'all traffic' : `${protocol} ${from === to ? from : `${from}-${to}`}`;
    problems.push(`${what} allows ${ports} from ${world.join(', ')}`);
  };
  const worldOf = (...lists: unknown[]) => lists.flatMap((l) => {
    const list = stringList(l);
    return Array.isArray(list) ? list.filter(isWorldCidr) : [];
  });
  switch (r.type) {
    case 'aws_security_group':
    case 'aws_default_security_group':
      blocks(c.ingress).forEach((rule, i) =>
        entry(`ingress[${i}]`, worldOf(rule.cidr_blocks, rule.ipv6_cidr_blocks), rule.protocol, rule.from_port, rule.to_port),
      );
      break;
    case 'aws_vpc_security_group_ingress_rule':
      entry('the rule', worldOf(c.cidr_ipv4, c.cidr_ipv6), c.ip_protocol, c.from_port, c.to_port);
      break;
    case 'aws_security_group_rule':
      if (c.type === 'ingress') entry('the rule', worldOf(c.cidr_blocks, c.ipv6_cidr_blocks), c.protocol, c.from_port, c.to_port);
      break;
    case 'google_compute_firewall': {
      if (boolValue(c.disabled) === true || (c.direction !== undefined && c.direction !== 'INGRESS')) break;
      const world = worldOf(c.source_ranges);
      if (world.length === 0) break;
      for (const allow of blocks(c.allow)) {
        const ports = stringList(allow.ports);
        const webOnly = allow.protocol === 'tcp' && Array.isArray(ports) && ports.length > 0 && ports.every((p) => ['80', '443'].includes(p));
        if (!(exemptWeb && webOnly)) problems.push(`allows ${allow.protocol}${Array.isArray(ports) && ports.length ? ` ${ports.join(',')}` : ' (all ports)'} from ${world.join(', ')}`);
      }
      break;
    }
  }
  return problems;
}

const noWorldOpenIngress = rule(
  'no-world-open-ingress',
  ['aws_security_group', 'aws_default_security_group', 'aws_vpc_security_group_ingress_rule', 'aws_security_group_rule', 'google_compute_firewall'],
  (r) => ingressViolations(r),
);

/** Every policy rule, in `POLICY_RULE_IDS` order. */
export const POLICY_RULES: readonly PolicyRule[] = [
  imdsv2Required,
  gkeMetadataServer,
  shieldedNodes,
  encryptedDisks,
  encryptedDatabases,
  encryptedCaches,
  encryptedBuckets,
  encryptedSecrets,
  noPublicDatabases,
  noPublicCaches,
  bucketPublicAccessBlocked,
  kubernetesApiRestricted,
  noAdminPolicies,
  noWorldOpenIngress,
];

if (POLICY_RULES.map((r) => r.id).join() !== POLICY_RULE_IDS.join()) {
  throw new Error('policy rules and POLICY_RULE_IDS are out of step');
}

/** The rule with this id. */
export function policyRule(id: PolicyRuleId): PolicyRule {
  return POLICY_RULES.find((r) => r.id === id)!;
}
