import 'cdktf/lib/testing/adapters/jest';
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { evaluatePolicies } from '../../lib/policy/policy-pack';
import { POLICY_RULE_IDS, PolicyRuleId } from '../../lib/catalog/policy-rules';
import { isWorldCidr, POLICY_RULES, policyRule } from '../../lib/policy/rules';
import { ContainerCluster, ContainerNodePool } from '../../lib/providers/google';
import {
  DbInstance,
  EksCluster,
  IamRolePolicyAttachment,
  LaunchTemplate,
  S3Bucket,
  S3BucketPublicAccessBlock,
  S3BucketServerSideEncryptionConfigurationA,
  SecurityGroup,
  VpcSecurityGroupIngressRule,
} from '../../lib/providers/aws';
import { StorageClassV1 } from '../../lib/providers/kubernetes';

/** A resource of any type with exactly `config` (snake_case, as synthesized): no binding needed. */
function fake(stack: TerraformStack, id: string, type: string, config: Record<string, unknown>, providerName = type.split('_')[0]): TerraformResource {
  const r = new TerraformResource(stack, id, { terraformResourceType: type, terraformGeneratorMetadata: { providerName } });
  for (const [key, value] of Object.entries(config)) r.addOverride(key, value);
  return r;
}

type Build = (stack: TerraformStack) => void;

/** The findings of one rule over what `build` creates. */
function findings(rule: PolicyRuleId, build: Build) {
  const stack = new TerraformStack(Testing.app(), 'stack');
  build(stack);
  const report = evaluatePolicies(stack, { rules: [rule], tags: false });
  return report.rules.find((r) => r.id === rule)!.findings;
}

const SG = '${aws_security_group.x.id}';
const goodLaunchTemplate = {
  metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 },
  block_device_mappings: [{ device_name: '/dev/xvda', ebs: { encrypted: 'true', volume_size: 100 } }],
};
const gkePool = (nodeConfig: Record<string, unknown>) => ({ cluster: 'c', node_config: nodeConfig });
const goodNodeConfig = {
  workload_metadata_config: { mode: 'GKE_METADATA' },
  shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
};

/** For every rule: resources that make it fire, and resources that keep it quiet. */
const CASES: Record<PolicyRuleId, { fire: Array<[string, Build]>; quiet: Array<[string, Build]> }> = {
  'imdsv2-required': {
    fire: [
      ['launch template with optional tokens', (s) => fake(s, 'lt', 'aws_launch_template', { metadata_options: { http_tokens: 'optional' } })],
      ['launch template without metadata_options', (s) => fake(s, 'lt', 'aws_launch_template', {})],
      ['instance with tokens unset', (s) => fake(s, 'i', 'aws_instance', { metadata_options: { http_endpoint: 'enabled' } })],
    ],
    quiet: [
      ['binding with tokens required', (s) => new LaunchTemplate(s, 'lt', { metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled' } })],
      ['complete launch template', (s) => fake(s, 'lt', 'aws_launch_template', goodLaunchTemplate)],
      ['metadata endpoint disabled', (s) => fake(s, 'i', 'aws_instance', { metadata_options: { http_endpoint: 'disabled' } })],
    ],
  },
  'gke-metadata-server': {
    fire: [
      ['node pool exposing node metadata', (s) => fake(s, 'p', 'google_container_node_pool', gkePool({ workload_metadata_config: { mode: 'GCE_METADATA' } }))],
      ['node pool with mode unset', (s) => fake(s, 'p', 'google_container_node_pool', gkePool({}))],
    ],
    quiet: [
      ['node pool with the hardened node config', (s) => fake(s, 'p', 'google_container_node_pool', gkePool(goodNodeConfig))],
      ['binding with GKE_METADATA', (s) => new ContainerNodePool(s, 'p', { cluster: 'c', nodeConfig: { workloadMetadataConfig: { mode: 'GKE_METADATA' } } })],
    ],
  },
  'shielded-nodes': {
    fire: [
      ['node pool without secure boot', (s) => fake(s, 'p', 'google_container_node_pool', gkePool({ shielded_instance_config: { enable_integrity_monitoring: true } }))],
      ['cluster with shielded nodes off', (s) => fake(s, 'c', 'google_container_cluster', { enable_shielded_nodes: false })],
    ],
    quiet: [
      ['node pool with the hardened node config', (s) => fake(s, 'p', 'google_container_node_pool', gkePool(goodNodeConfig))],
      ['binding with secure boot', (s) => new ContainerNodePool(s, 'p', { cluster: 'c', nodeConfig: { shieldedInstanceConfig: { enableSecureBoot: true } } })],
      ['cluster with defaults', (s) => new ContainerCluster(s, 'c', { name: 'c', location: 'us-central1' })],
    ],
  },
  'encrypted-disks': {
    fire: [
      ['unencrypted launch template volume', (s) => fake(s, 'lt', 'aws_launch_template', { block_device_mappings: [{ ebs: { encrypted: 'false' } }] })],
      ['launch template with no block devices', (s) => fake(s, 'lt', 'aws_launch_template', {})],
      ['EBS volume', (s) => fake(s, 'v', 'aws_ebs_volume', { size: 10 })],
      ['instance root volume', (s) => fake(s, 'i', 'aws_instance', { root_block_device: { volume_size: 10 } })],
      ['EBS StorageClass', (s) => new StorageClassV1(s, 'sc', { metadata: { name: 'sc' }, storageProvisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3', encrypted: 'false' } })],
    ],
    quiet: [
      ['complete launch template', (s) => fake(s, 'lt', 'aws_launch_template', goodLaunchTemplate)],
      ['encrypted launch template (binding)', (s) => new LaunchTemplate(s, 'lt', { blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: 'true' } }] })],
      ['encrypted EBS StorageClass', (s) => new StorageClassV1(s, 'sc', { metadata: { name: 'sc' }, storageProvisioner: 'ebs.csi.aws.com', parameters: { encrypted: 'true' } })],
      ['GCE PD StorageClass (always encrypted)', (s) => new StorageClassV1(s, 'sc', { metadata: { name: 'sc' }, storageProvisioner: 'pd.csi.storage.gke.io' })],
      ['encryption from an expression', (s) => fake(s, 'v', 'aws_ebs_volume', { encrypted: '${var.encrypted}' })],
    ],
  },
  'encrypted-databases': {
    fire: [['RDS instance', (s) => new DbInstance(s, 'db', { instanceClass: 'db.t4g.micro', engine: 'postgres' })], ['Aurora cluster', (s) => fake(s, 'c', 'aws_rds_cluster', {})]],
    quiet: [['encrypted RDS instance', (s) => new DbInstance(s, 'db', { instanceClass: 'db.t4g.micro', storageEncrypted: true })]],
  },
  'encrypted-caches': {
    fire: [
      ['replication group without at-rest encryption', (s) => fake(s, 'r', 'aws_elasticache_replication_group', { at_rest_encryption_enabled: 'false' })],
      ['standalone cache cluster', (s) => fake(s, 'c', 'aws_elasticache_cluster', { engine: 'redis' })],
    ],
    quiet: [
      ['encrypted replication group', (s) => fake(s, 'r', 'aws_elasticache_replication_group', { at_rest_encryption_enabled: 'true' })],
      ['member of a replication group', (s) => fake(s, 'c', 'aws_elasticache_cluster', { replication_group_id: 'g' })],
    ],
  },
  'encrypted-buckets': {
    fire: [['bucket without encryption configuration', (s) => new S3Bucket(s, 'b', { bucket: 'b' })]],
    quiet: [
      [
        'bucket with its encryption configuration',
        (s) => {
          const b = new S3Bucket(s, 'b', { bucket: 'b' });
          new S3BucketServerSideEncryptionConfigurationA(s, 'sse', { bucket: b.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] });
        },
      ],
    ],
  },
  'encrypted-secrets': {
    fire: [['EKS cluster without envelope encryption', (s) => new EksCluster(s, 'c', { name: 'c', roleArn: 'r', vpcConfig: { subnetIds: ['a'] } })]],
    quiet: [
      [
        'EKS cluster with a secrets key',
        (s) => new EksCluster(s, 'c', { name: 'c', roleArn: 'r', vpcConfig: { subnetIds: ['a'] }, encryptionConfig: { resources: ['secrets'], provider: { keyArn: 'arn:k' } } }),
      ],
    ],
  },
  'no-public-databases': {
    fire: [
      ['publicly accessible RDS', (s) => new DbInstance(s, 'db', { instanceClass: 'db.t4g.micro', publiclyAccessible: true })],
      ['Cloud SQL with default public IP', (s) => fake(s, 'sql', 'google_sql_database_instance', { settings: { tier: 'db-f1-micro' } })],
      ['Cloud SQL open to the world', (s) => fake(s, 'sql', 'google_sql_database_instance', { settings: { ip_configuration: { ipv4_enabled: false, authorized_networks: [{ value: '0.0.0.0/0' }] } } })],
    ],
    quiet: [
      ['private RDS', (s) => new DbInstance(s, 'db', { instanceClass: 'db.t4g.micro', publiclyAccessible: false })],
      ['Cloud SQL without public IP', (s) => fake(s, 'sql', 'google_sql_database_instance', { settings: { ip_configuration: { ipv4_enabled: false, private_network: 'n' } } })],
    ],
  },
  'no-public-caches': {
    fire: [
      ['ElastiCache in the default VPC', (s) => fake(s, 'r', 'aws_elasticache_replication_group', {})],
      [
        'ElastiCache behind a world-open security group',
        (s) => {
          fake(s, 'x', 'aws_security_group', { ingress: [{ protocol: 'tcp', from_port: 6379, to_port: 6379, cidr_blocks: ['0.0.0.0/0'] }] });
          fake(s, 'r', 'aws_elasticache_replication_group', { subnet_group_name: 'g', security_group_ids: [SG] });
        },
      ],
      ['Memorystore on the default network', (s) => fake(s, 'm', 'google_redis_instance', { memory_size_gb: 1 })],
    ],
    quiet: [
      [
        'ElastiCache in its subnet group behind a client-only group',
        (s) => {
          fake(s, 'x', 'aws_security_group', { ingress: [] });
          fake(s, 'r', 'aws_elasticache_replication_group', { subnet_group_name: 'g', security_group_ids: [SG] });
        },
      ],
      ['Memorystore on the replica network', (s) => fake(s, 'm', 'google_redis_instance', { authorized_network: 'projects/p/global/networks/n', connect_mode: 'PRIVATE_SERVICE_ACCESS' })],
    ],
  },
  'bucket-public-access-blocked': {
    fire: [
      ['bucket without a public access block', (s) => new S3Bucket(s, 'b', { bucket: 'b' })],
      ['public access block with a gap', (s) => new S3BucketPublicAccessBlock(s, 'pab', { bucket: 'b', blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true })],
      ['public-read ACL', (s) => fake(s, 'acl', 'aws_s3_bucket_acl', { bucket: 'b', acl: 'public-read' })],
      ['GCS bucket without prevention', (s) => fake(s, 'g', 'google_storage_bucket', { name: 'g', location: 'US' })],
    ],
    quiet: [
      [
        'bucket with a full public access block (by reference)',
        (s) => {
          const b = new S3Bucket(s, 'b', { bucket: 'b' });
          new S3BucketPublicAccessBlock(s, 'pab', { bucket: b.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
        },
      ],
      ['GCS bucket enforced and uniform', (s) => fake(s, 'g', 'google_storage_bucket', { public_access_prevention: 'enforced', uniform_bucket_level_access: true })],
    ],
  },
  'kubernetes-api-restricted': {
    fire: [
      ['EKS public endpoint with default CIDRs', (s) => new EksCluster(s, 'c', { name: 'c', roleArn: 'r', vpcConfig: { subnetIds: ['a'] } })],
      ['EKS open to 0.0.0.0/0', (s) => new EksCluster(s, 'c', { name: 'c', roleArn: 'r', vpcConfig: { subnetIds: ['a'], endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] } })],
      ['GKE public without authorized networks', (s) => new ContainerCluster(s, 'c', { name: 'c', location: 'l' })],
      [
        'GKE authorized network 0.0.0.0/0',
        (s) => new ContainerCluster(s, 'c', { name: 'c', location: 'l', masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '0.0.0.0/0' }] } }),
      ],
    ],
    quiet: [
      ['EKS private endpoint', (s) => new EksCluster(s, 'c', { name: 'c', roleArn: 'r', vpcConfig: { subnetIds: ['a'], endpointPublicAccess: false } })],
      ['EKS allow-listed', (s) => new EksCluster(s, 'c', { name: 'c', roleArn: 'r', vpcConfig: { subnetIds: ['a'], publicAccessCidrs: ['203.0.113.0/24'] } })],
      ['GKE private endpoint', (s) => new ContainerCluster(s, 'c', { name: 'c', location: 'l', privateClusterConfig: { enablePrivateEndpoint: true } })],
      [
        'GKE allow-listed',
        (s) => new ContainerCluster(s, 'c', { name: 'c', location: 'l', masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '203.0.113.0/24' }] } }),
      ],
    ],
  },
  'no-admin-policies': {
    fire: [
      ['AdministratorAccess attached', (s) => new IamRolePolicyAttachment(s, 'a', { role: 'node', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })],
      ['PowerUserAccess in managed_policy_arns', (s) => fake(s, 'r', 'aws_iam_role', { managed_policy_arns: ['arn:aws:iam::aws:policy/PowerUserAccess'] })],
      ['inline Allow * on *', (s) => fake(s, 'p', 'aws_iam_role_policy', { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) })],
      ['GCP roles/editor', (s) => fake(s, 'm', 'google_project_iam_member', { role: 'roles/editor', member: 'serviceAccount:x' })],
    ],
    quiet: [
      ['worker node policy', (s) => new IamRolePolicyAttachment(s, 'a', { role: 'node', policyArn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy' })],
      ['scoped inline policy', (s) => fake(s, 'p', 'aws_iam_role_policy', { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) })],
      ['GCP log writer', (s) => fake(s, 'm', 'google_project_iam_member', { role: 'roles/logging.logWriter', member: 'serviceAccount:x' })],
    ],
  },
  'no-world-open-ingress': {
    fire: [
      ['SSH open to the world', (s) => new SecurityGroup(s, 'sg', { ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrBlocks: ['0.0.0.0/0'] }] })],
      ['all traffic from ::/0 (rule)', (s) => new VpcSecurityGroupIngressRule(s, 'r', { securityGroupId: 'sg-1', ipProtocol: '-1', cidrIpv6: '::/0' })],
      ['legacy rule on 8080', (s) => fake(s, 'r', 'aws_security_group_rule', { type: 'ingress', protocol: 'tcp', from_port: 8080, to_port: 8080, cidr_blocks: ['0.0.0.0/0'] })],
      ['GCP firewall, all TCP', (s) => fake(s, 'f', 'google_compute_firewall', { network: 'n', source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp' }] })],
    ],
    quiet: [
      ['HTTPS open to the world', (s) => new SecurityGroup(s, 'sg', { ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['0.0.0.0/0'] }] })],
      ['HTTP rule', (s) => new VpcSecurityGroupIngressRule(s, 'r', { securityGroupId: 'sg-1', ipProtocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0' })],
      ['from a security group', (s) => new VpcSecurityGroupIngressRule(s, 'r', { securityGroupId: 'sg-1', ipProtocol: '-1', referencedSecurityGroupId: 'sg-2' })],
      ['egress rule', (s) => fake(s, 'r', 'aws_security_group_rule', { type: 'egress', protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] })],
      ['GCP firewall for the load balancer', (s) => fake(s, 'f', 'google_compute_firewall', { source_ranges: ['0.0.0.0/0'], allow: [{ protocol: 'tcp', ports: ['80', '443'] }] })],
      ['GCP firewall from a private range', (s) => fake(s, 'f', 'google_compute_firewall', { source_ranges: ['10.0.0.0/8'], allow: [{ protocol: 'all' }] })],
    ],
  },
};

describe('policy rules', () => {
  it('has a fire case and a quiet case for every rule', () => {
    for (const id of POLICY_RULE_IDS) {
      expect(CASES[id].fire.length).toBeGreaterThan(0);
      expect(CASES[id].quiet.length).toBeGreaterThan(0);
    }
  });

  for (const id of POLICY_RULE_IDS) {
    describe(id, () => {
      for (const [name, build] of CASES[id].fire) {
        it(`fires: ${name}`, () => {
          const found = findings(id, build);
          expect(found.length).toBeGreaterThan(0);
          for (const f of found) {
            expect(f.rule).toBe(id);
            expect(f.path).toMatch(/^stack\//);
            expect(f.message.length).toBeGreaterThan(5);
          }
        });
      }
      for (const [name, build] of CASES[id].quiet) {
        it(`stays quiet: ${name}`, () => {
          expect(findings(id, build)).toEqual([]);
        });
      }
    });
  }

  it('names the offending setting', () => {
    const [f] = findings('imdsv2-required', (s) => fake(s, 'lt', 'aws_launch_template', { metadata_options: { http_tokens: 'optional' } }));
    expect(f).toMatchObject({ path: 'stack/lt', resourceType: 'aws_launch_template', message: 'metadata_options.http_tokens is "optional", not "required"' });
    const [open] = findings('no-world-open-ingress', (s) => new SecurityGroup(s, 'sg', { ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrBlocks: ['0.0.0.0/0'] }] }));
    expect(open.message).toBe('ingress[0] allows tcp 22 from 0.0.0.0/0');
  });

  it('treats values only known at apply time as unknown, not as violations', () => {
    expect(
      findings('kubernetes-api-restricted', (s) => {
        const other = new S3Bucket(s, 'b', { bucket: 'b' });
        new EksCluster(s, 'c', { name: 'c', roleArn: 'r', vpcConfig: { subnetIds: ['a'], publicAccessCidrs: [other.bucket] } });
      }),
    ).toEqual([]);
  });

  it('matches a bucket\'s public access block by reference only, not any block in the stack', () => {
    const found = findings('bucket-public-access-blocked', (s) => {
      new S3Bucket(s, 'b1', { bucket: 'one' });
      const b2 = new S3Bucket(s, 'b2', { bucket: 'two' });
      new S3BucketPublicAccessBlock(s, 'pab', { bucket: b2.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    });
    expect(found.map((f) => f.path)).toEqual(['stack/b1']);
  });

  it('isWorldCidr: any /0, v4 or v6', () => {
    expect(['0.0.0.0/0', '::/0', ' 0.0.0.0/0 '].every(isWorldCidr)).toBe(true);
    expect(['10.0.0.0/8', '2001:db8::/32', '${var.cidr}'].some(isWorldCidr)).toBe(false);
  });

  it('every rule inspects at least one resource type and carries its catalog text', () => {
    for (const r of POLICY_RULES) {
      expect(r.resourceTypes.length).toBeGreaterThan(0);
      expect(policyRule(r.id)).toBe(r);
      expect(r.reason).toMatch(/\S/);
      expect(r.fix).toMatch(/\S/);
    }
  });
});
