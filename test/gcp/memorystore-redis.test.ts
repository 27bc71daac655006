import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { MemorystoreRedis, type MemorystoreRedisProps } from '../../lib/gcp/memorystore-redis';

const base: MemorystoreRedisProps = {
  instanceName: 'acme-redis-cache',
  region: 'us-central1',
  networkSelfLink: 'projects/acme-sandbox/global/networks/acme',
};

function instance(props: Partial<MemorystoreRedisProps> = {}): any {
  const json = JSON.parse(Testing.synthScope((scope) => void new MemorystoreRedis(scope, 'r', { ...base, ...props })));
  return Object.values(json.resource.google_redis_instance)[0];
}

describe('MemorystoreRedis', () => {
  it('is Redis 7.2, Basic, private to the VPC, AUTH on, no persistence', () => {
    expect(instance()).toEqual(
      expect.objectContaining({
        name: 'acme-redis-cache',
        tier: 'BASIC',
        memory_size_gb: 3,
        redis_version: 'REDIS_7_2',
        connect_mode: 'DIRECT_PEERING',
        authorized_network: base.networkSelfLink,
        auth_enabled: true,
        transit_encryption_mode: 'DISABLED',
        persistence_config: { persistence_mode: 'DISABLED' },
      }),
    );
    expect(instance().redis_configs).toBeUndefined();
  });

  it('sets the eviction policy, capacity and Standard tier when asked', () => {
    expect(instance({ maxmemoryPolicy: 'allkeys-lru', memoryGb: 5, highAvailability: true })).toEqual(
      expect.objectContaining({
        redis_configs: { 'maxmemory-policy': 'allkeys-lru' },
        memory_size_gb: 5,
        tier: 'STANDARD_HA',
        replica_count: 1,
      }),
    );
  });

  it('refuses what Memorystore or Sourcegraph would refuse', () => {
    expect(() => instance({ redisVersion: 'REDIS_5_0' })).toThrow(/REDIS_5_0.*6.2/);
    expect(() => instance({ memoryGb: 0 })).toThrow(/memoryGb 0/);
    expect(() => instance({ maxmemoryPolicy: 'lru' })).toThrow(/maxmemoryPolicy "lru"/);
    expect(() => instance({ instanceName: 'x'.repeat(41) })).toThrow(/instanceName/);
    expect(() => instance({ reservedIpRange: '8.8.8.0/29' })).toThrow(/reservedIpRange/);
    expect(instance({ reservedIpRange: '10.0.192.0/29' }).reserved_ip_range).toBe('10.0.192.0/29');
    expect(instance({ redisVersion: 'REDIS_6_X' }).redis_version).toBe('REDIS_6_X');
  });
});
