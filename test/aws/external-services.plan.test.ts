import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import { TerraformStack, Testing } from 'cdktf';
import { EksCluster } from '../../lib/aws/eks-cluster';
import { VpcNetwork } from '../../lib/aws/vpc-network';
import { RdsPostgres, SOURCEGRAPH_POSTGRES_EXTENSIONS } from '../../lib/aws/rds-postgres';
import { AwsProvider } from '../../lib/providers/aws';
import { AwsExternalServices } from '../../stacks/aws-external-services';
import { awsDesign } from '../support/design-fixture';
import { offlineProviderBlock, planStack, plannedResources, stackDir, type TerraformPlan, describeWithTerraform } from '../support/terraform';

/**
 * VPC + EKS + the external services (single-AZ PostgreSQL), wired as the infra stack wires them (the stack's offline
 * provider block instead of ReplicaAwsProvider), and beside them a Multi-AZ PostgreSQL (`postgres-ha`) on the same
 * network: one plan covers both (each plan loads the AWS provider's schema again, seconds of CPU).
 */
function externalServicesStack(): TerraformStack {
  const design = awsDesign({
    name: 'acme',
    externalServices: {
      postgres: { instanceClass: 'db.m7g.large', storageGb: 200, highAvailability: false },
      redis: { nodeType: 'cache.m7g.large' },
      objectStorage: {},
    },
  });
  const app = Testing.app();
  const stack = new TerraformStack(app, 'acme-infra');
  new AwsProvider(stack, 'aws', offlineProviderBlock(design.cloud.region));
  const network = new VpcNetwork(stack, 'network', {
    name: design.name,
    cidr: design.network.cidr,
    availabilityZones: design.network.availabilityZones,
    clusterName: design.name,
  });
  const cluster = new EksCluster(stack, 'cluster', {
    name: design.name,
    version: design.kubernetes.version,
    subnetIds: network.privateSubnetIds,
    // A plain offline provider: no plan-time reads (eks-cluster.plan.test.ts covers them against a fake).
    deployer: 'none',
    adoptLeftoverLogGroup: false,
  });
  new AwsExternalServices(stack, 'external-services', {
    design,
    vpcId: network.vpcId,
    privateSubnetIds: network.privateSubnetIds,
    clusterSecurityGroupId: cluster.clusterSecurityGroupId,
    cluster,
  });
  new RdsPostgres(stack, HA, {
    identifier: 'acme-ha',
    instanceClass: 'db.m7g.large',
    storageGb: 200,
    highAvailability: true,
    vpcId: network.vpcId,
    subnetIds: network.privateSubnetIds,
    clientSecurityGroupIds: [cluster.clusterSecurityGroupId],
  });
  return stack;
}

/** Construct id of the Multi-AZ database, which its resources' addresses contain. */
const HA = 'postgres-ha';


describeWithTerraform('external services on AWS: offline terraform plan', () => {
  let plan: TerraformPlan;
  /** The plan without the Multi-AZ database's resources: what the external services construct plans. */
  let single: TerraformPlan;
  let ha: TerraformPlan;
  let singleJson: string;
  let outdir: string;

  beforeAll(() => {
    const stack = externalServicesStack();
    singleJson = Testing.synth(stack);
    outdir = Testing.fullSynth(stack);
    plan = planStack(stackDir(outdir));
    const changes = plan.resource_changes ?? [];
    single = { ...plan, resource_changes: changes.filter((r) => !r.address.includes(HA)) };
    ha = { ...plan, resource_changes: changes.filter((r) => r.address.includes(HA)) };
  }, 900_000);

  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  const one = (p: TerraformPlan, type: string) => {
    const found = plannedResources(p, type);
    expect(found).toHaveLength(1);
    return found[0].change.after!;
  };

  it('plans the Multi-AZ database beside the single-AZ one (addresses tell them apart)', () => {
    expect(plannedResources(plan, 'aws_db_instance').map((r) => r.change.after!.identifier).sort()).toEqual(['acme-ha', 'acme-sourcegraph']);
    expect(one(ha, 'aws_db_instance').identifier).toBe('acme-ha');
  });

  it('only creates', () => {
    const actions = new Set((plan.resource_changes ?? []).filter((r) => r.mode === 'managed').flatMap((r) => r.change.actions));
    expect([...actions]).toEqual(['create']);
  });

  it('plans an encrypted, private, destroyable PostgreSQL 16 with a master password Terraform owns', () => {
    const db = one(single, 'aws_db_instance');
    expect(db).toMatchObject({
      identifier: 'acme-sourcegraph',
      engine: 'postgres',
      instance_class: 'db.m7g.large',
      allocated_storage: 200,
      storage_type: 'gp3',
      storage_encrypted: true,
      publicly_accessible: false,
      password_wo_version: 1,
      multi_az: false,
      deletion_protection: false,
      skip_final_snapshot: true,
      delete_automated_backups: true,
      username: 'sourcegraph',
    });
    expect(db.engine_version).toMatch(/^16(\.\d+)?$/);
    expect(db.password ?? null).toBeNull();
    // Write-only: Terraform never records the value, in the plan or in state.
    expect(db.password_wo ?? null).toBeNull();
    expect(db.manage_master_user_password ?? null).toBeNull();
    expect(one(ha, 'aws_db_instance').multi_az).toBe(true);
  });

  it('keeps the generated password in a secret deleted at once on destroy, written only through a write-only argument', () => {
    expect(one(single, 'aws_secretsmanager_secret')).toMatchObject({ name: 'acme-sourcegraph-postgres-master', recovery_window_in_days: 0 });
    const version = one(single, 'aws_secretsmanager_secret_version');
    expect(version.secret_string_wo_version).toBe(1);
    expect(version.secret_string_wo ?? null).toBeNull();
    expect(version.secret_string ?? null).toBeNull();
  });

  it('plans the parameter group with TLS forced and only Sourcegraph extensions allowed', () => {
    const pg = one(single, 'aws_db_parameter_group');
    expect(pg.family).toBe('postgres16');
    const params = Object.fromEntries((pg.parameter as { name: string; value: string }[]).map((p) => [p.name, p.value]));
    expect(params['rds.force_ssl']).toBe('1');
    expect(params['rds.allowed_extensions'].split(',').sort()).toEqual([...SOURCEGRAPH_POSTGRES_EXTENSIONS].sort());
    expect(one(single, 'aws_db_subnet_group')).toMatchObject({ name: 'acme-sourcegraph' });
  });

  it('plans two non-cluster-mode Redis 7 groups, encrypted at rest and in transit', () => {
    const groups = plannedResources(single, 'aws_elasticache_replication_group').map((r) => r.change.after!);
    expect(groups.map((g) => g.replication_group_id).sort()).toEqual(['acme-redis-cache', 'acme-redis-store']);
    for (const g of groups) {
      expect(g).toMatchObject({
        engine: 'redis',
        engine_version: '7.1',
        node_type: 'cache.m7g.large',
        cluster_mode: 'disabled',
        num_cache_clusters: 1,
        at_rest_encryption_enabled: 'true',
        transit_encryption_enabled: true,
        snapshot_retention_limit: 0,
      });
    }
    const params = one(single, 'aws_elasticache_parameter_group');
    expect(params).toMatchObject({ family: 'redis7', parameter: [{ name: 'maxmemory-policy', value: 'allkeys-lru' }] });
  });

  it('lets only the cluster security group reach the databases, on their port, with no egress', () => {
    const groups = plannedResources(single, 'aws_security_group').map((r) => r.change.after!);
    expect(groups.map((g) => g.name).sort()).toEqual(['acme-redis-cache-redis', 'acme-redis-store-redis', 'acme-sourcegraph-postgres']);
    for (const g of groups) expect(g.egress).toEqual([]);
    const rules = plannedResources(single, 'aws_vpc_security_group_ingress_rule');
    expect(rules).toHaveLength(3);
    for (const rule of rules) {
      expect(rule.change.after).toMatchObject({ ip_protocol: 'tcp' });
      expect(rule.change.after!.cidr_ipv4 ?? null).toBeNull();
      expect(rule.change.after_unknown).toMatchObject({ referenced_security_group_id: true });
    }
    expect(rules.map((r) => r.change.after!.from_port).sort()).toEqual([5432, 6379, 6379]);
  });

  it('plans a private, encrypted, ACL-less, force-destroyed bucket with a TLS-only policy', () => {
    expect(one(single, 'aws_s3_bucket')).toMatchObject({ bucket: 'acme-uploads-111122223333-us-east-2', force_destroy: true });
    expect(one(single, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(one(single, 'aws_s3_bucket_ownership_controls').rule).toEqual([{ object_ownership: 'BucketOwnerEnforced' }]);
    expect(one(single, 'aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default).toEqual([
      expect.objectContaining({ sse_algorithm: 'AES256' }),
    ]);
    expect(plannedResources(single, 'aws_s3_bucket_policy')).toHaveLength(1);
  });

  it('plans the bucket role with its inline policy and no access keys', () => {
    const roles = plannedResources(single, 'aws_iam_role').map((r) => r.change.after!.name);
    expect(roles).toContain('acme-blob-storage');
    expect(plannedResources(single, 'aws_iam_access_key')).toHaveLength(0);
    expect(plannedResources(single, 'aws_iam_role_policy').map((p) => p.change.after!.name)).toContain('acme-blob-storage');
  });

  it('writes no password into the configuration', () => {
    expect(singleJson).not.toMatch(/"password"\s*:/);
    expect(singleJson).not.toMatch(/master_password|auth_token/);
  });

  it('plans exactly these 23 resources for the external services', () => {
    const external = (single.resource_changes ?? []).filter((r) => r.mode === 'managed' && r.address.includes('external-services'));
    const counts: Record<string, number> = {};
    for (const r of external) counts[r.type] = (counts[r.type] ?? 0) + 1;
    expect(counts).toEqual({
      aws_db_instance: 1,
      aws_db_parameter_group: 1,
      aws_db_subnet_group: 1,
      aws_elasticache_parameter_group: 1,
      aws_elasticache_replication_group: 2,
      aws_elasticache_subnet_group: 2,
      aws_iam_role: 1,
      aws_iam_role_policy: 1,
      aws_s3_bucket: 1,
      aws_s3_bucket_ownership_controls: 1,
      aws_s3_bucket_policy: 1,
      aws_s3_bucket_public_access_block: 1,
      aws_s3_bucket_server_side_encryption_configuration: 1,
      aws_secretsmanager_secret: 1,
      aws_secretsmanager_secret_version: 1,
      aws_security_group: 3,
      aws_vpc_security_group_ingress_rule: 3,
    });
  });
});
