import { REDIS_EVICTION_POLICIES } from '../../lib/catalog/redis';
import { REDIS_EVICTION_POLICIES as ELASTICACHE } from '../../lib/aws/elasticache-redis';
import { MEMORYSTORE_EVICTION_POLICIES } from '../../lib/gcp/memorystore-redis';

it('lists Redis eviction policies once, for both managed services', () => {
  expect(REDIS_EVICTION_POLICIES).toEqual(expect.arrayContaining(['allkeys-lru', 'volatile-lru', 'noeviction']));
  expect(REDIS_EVICTION_POLICIES).toHaveLength(8);
  expect(ELASTICACHE).toBe(REDIS_EVICTION_POLICIES);
  expect(MEMORYSTORE_EVICTION_POLICIES).toBe(REDIS_EVICTION_POLICIES);
});
