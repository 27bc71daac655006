/** Redis's `maxmemory-policy` values: ElastiCache and Memorystore accept the same ones. */
export const REDIS_EVICTION_POLICIES: readonly string[] = [
  'volatile-lru',
  'allkeys-lru',
  'volatile-lfu',
  'allkeys-lfu',
  'volatile-random',
  'allkeys-random',
  'volatile-ttl',
  'noeviction',
];
