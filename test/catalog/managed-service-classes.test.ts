import { cloudSqlTierVerdict, elastiCacheNodeTypeVerdict, rdsPostgresClassVerdict } from '../../lib/catalog/managed-service-classes';

describe('managed database and cache classes (issue 17: classes in no catalog failed the deploy)', () => {
  it.each(['db.m7g.large', 'db.r6g.xlarge', 'db.t4g.micro', 'db.m6i.2xlarge', 'db.r8g.4xlarge'])('RDS for PostgreSQL offers %s', (name) => {
    expect(rdsPostgresClassVerdict(name)).toBeUndefined();
  });

  it.each([
    ['db.zz9.huge', /RDS for PostgreSQL has no class of that name/],
    ['db.c6i.large', /does not offer the c6i family/],
    ['db.m7g.mega', /RDS for PostgreSQL has no class of that name/],
    ['m7g.large', /class names start with "db\."/],
  ])('RDS for PostgreSQL refuses %s', (name, message) => {
    expect(rdsPostgresClassVerdict(name)).toMatch(message);
  });

  it('ElastiCache offers cache.r7g.large and cache.t4g.micro, not cache.zz9.huge or cache.c6i.large', () => {
    expect(elastiCacheNodeTypeVerdict('cache.r7g.large')).toBeUndefined();
    expect(elastiCacheNodeTypeVerdict('cache.t4g.micro')).toBeUndefined();
    expect(elastiCacheNodeTypeVerdict('cache.zz9.huge')).toMatch(/has no class of that name/);
    expect(elastiCacheNodeTypeVerdict('cache.c6i.large')).toMatch(/does not offer the c6i family/);
  });

  it.each(['db-custom-1-3840', 'db-custom-4-16384', 'db-custom-96-638976', 'db-perf-optimized-N-8', 'db-f1-micro', 'db-g1-small'])('Cloud SQL offers %s', (tier) => {
    expect(cloudSqlTierVerdict(tier)).toBeUndefined();
  });

  it.each([
    ['db-custom-0-0', /1 or an even number of vCPUs/],
    ['db-custom-3-12288', /1 or an even number of vCPUs up to 96, not 3/],
    ['db-custom-128-524288', /not 128/],
    ['db-custom-2-7000', /multiple of 256 MiB/],
    ['db-custom-1-1024', /at least 3840 MiB/],
    ['db-custom-2-16384', /0\.9 to 6\.5 GiB of memory per vCPU, not 8/],
    ['db-custom-16-10240', /at least|per vCPU/],
    ['db-perf-optimized-N-6', /takes 2, 4, 8/],
    ['db-n1-standard-2', /not a Cloud SQL for PostgreSQL tier/],
  ])('Cloud SQL refuses %s', (tier, message) => {
    expect(cloudSqlTierVerdict(tier)).toMatch(message);
  });
});
