import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ElastiCacheRedis, type ElastiCacheRedisProps } from '../../lib/aws/elasticache-redis';
import {
  ElasticacheParameterGroup,
  ElasticacheReplicationGroup,
  ElasticacheSubnetGroup,
  SecurityGroup,
  VpcSecurityGroupIngressRule,
} from '../../lib/providers/aws';

/** The Terraform expressions the given values synthesize to (through outputs). */
function synthesized(build: (scope: Construct) => Record<string, string>): Record<string, string> {
  const out = JSON.parse(
    Testing.synthScope((scope) => {
      for (const [key, value] of Object.entries(build(scope))) new TerraformOutput(scope, `out-${key}`, { value });
    }),
  );
  return Object.fromEntries(Object.entries(out.output as Record<string, { value: string }>).map(([k, v]) => [k.replace(/^out-/, ''), v.value]));
}

const base: ElastiCacheRedisProps = {
  replicationGroupId: 'acme-redis-cache',
  description: 'Sourcegraph redis-cache of acme',
  vpcId: 'vpc-123',
  subnetIds: ['subnet-a', 'subnet-b'],
  clientSecurityGroupIds: ['sg-0c1a5e7'],
};

function synth(props: Partial<ElastiCacheRedisProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ElastiCacheRedis(scope, 'redis', { ...base, ...props });
  });
}

describe('ElastiCacheRedis', () => {
  it('is one non-cluster-mode Redis 7.1 node, encrypted at rest and in transit, without snapshots', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      replication_group_id: 'acme-redis-cache',
      engine: 'redis',
      engine_version: '7.1',
      node_type: 'cache.t4g.medium',
      cluster_mode: 'disabled',
      num_cache_clusters: 1,
      automatic_failover_enabled: false,
      multi_az_enabled: false,
      at_rest_encryption_enabled: 'true',
      transit_encryption_enabled: true,
      snapshot_retention_limit: 0,
      port: 6379,
    });
    const group = Object.values(JSON.parse(out).resource.aws_elasticache_replication_group)[0] as Record<string, unknown>;
    expect(group.auth_token).toBeUndefined();
    expect(group.final_snapshot_identifier).toBeUndefined();
    expect(group.parameter_group_name).toBeUndefined();
    expect(group.num_node_groups).toBeUndefined();
  });

  it('has a failover replica in another zone with high availability', () => {
    expect(synth({ highAvailability: true, nodeType: 'cache.m7g.large' })).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      num_cache_clusters: 2,
      automatic_failover_enabled: true,
      multi_az_enabled: true,
      node_type: 'cache.m7g.large',
    });
  });

  it('sets the eviction policy through a parameter group of the version family', () => {
    const out = synth({ maxmemoryPolicy: 'allkeys-lru' });
    expect(out).toHaveResourceWithProperties(ElasticacheParameterGroup, {
      family: 'redis7',
      name: 'acme-redis-cache-redis7',
      parameter: [{ name: 'maxmemory-policy', value: 'allkeys-lru' }],
    });
    expect(synth({ maxmemoryPolicy: 'noeviction', engineVersion: '6.2' })).toHaveResourceWithProperties(ElasticacheParameterGroup, {
      family: 'redis6.x',
    });
    expect(synth()).not.toHaveResource(ElasticacheParameterGroup);
  });

  it('is reachable only from the client security groups on 6379, in the given subnets', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(ElasticacheSubnetGroup, { name: 'acme-redis-cache', subnet_ids: ['subnet-a', 'subnet-b'] });
    expect(out).toHaveResourceWithProperties(SecurityGroup, { name: 'acme-redis-cache-redis', egress: [] });
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      referenced_security_group_id: 'sg-0c1a5e7',
      from_port: 6379,
      to_port: 6379,
    });
  });

  it('gives a rediss:// URL with TLS and a redis:// URL without', () => {
    const out = synthesized((scope) => ({
      tls: new ElastiCacheRedis(scope, 'tls', base).url,
      plain: new ElastiCacheRedis(scope, 'plain', { ...base, replicationGroupId: 'acme-plain', transitEncryption: false }).url,
    }));
    expect(out.tls).toMatch(/^rediss:\/\/\$\{aws_elasticache_replication_group\..*\.primary_endpoint_address\}:6379$/);
    expect(out.plain).toMatch(/^redis:\/\/\$\{aws_elasticache_replication_group\..*\.primary_endpoint_address\}:6379$/);
  });

  describe('validation', () => {
    it.each([
      [{ replicationGroupId: 'x'.repeat(41) }, /replicationGroupId must be/],
      [{ replicationGroupId: 'Acme' }, /replicationGroupId must be/],
      [{ replicationGroupId: '1acme' }, /replicationGroupId must be/],
      [{ nodeType: 'm7g.large' }, /"m7g.large" is not an ElastiCache node type/],
      [{ engineVersion: '6.0' }, /needs Redis 6.2 or later/],
      [{ engineVersion: '5.0' }, /needs Redis 6.2 or later/],
      [{ engineVersion: '7' }, /must be major.minor/],
      [{ maxmemoryPolicy: 'lru' }, /maxmemoryPolicy "lru"/],
      [{ highAvailability: true, subnetIds: ['subnet-a'] }, /at least two zones/],
    ])('refuses %j', (props, message) => {
      expect(() => synth(props as Partial<ElastiCacheRedisProps>)).toThrow(message);
    });
  });
});
