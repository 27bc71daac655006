import { envOf, externalDatabaseEnvProblems, externalRedisEnvProblems, secretRef, uploadStoreEnvProblems } from '../../lib/render/container-env';
import type { RenderedContainer } from '../../lib/render/pod-templates';

const container = (env: RenderedContainer['env']): RenderedContainer => ({ name: 'frontend', env });

describe('container env', () => {
  it('finds an entry and its Secret reference', () => {
    const c = container([{ name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: 'pgsql-auth', key: 'password' } } }, { name: 'PGHOST', value: 'db' }]);
    expect(envOf(c, 'PGHOST')?.value).toBe('db');
    expect(secretRef(c, 'PGPASSWORD')).toEqual({ name: 'pgsql-auth', key: 'password' });
    expect(secretRef(c, 'PGHOST')).toBeUndefined();
    expect(envOf(container(undefined), 'PGHOST')).toBeUndefined();
  });
});

describe('uploadStoreEnvProblems', () => {
  const expected = { prefixes: ['SOURCEGRAPH_UPLOAD_', 'SEARCH_JOBS_UPLOAD_'], backend: 'S3', source: 'chart 7.6.0' };
  const wired = (prefix: string) => [
    { name: `${prefix}BACKEND`, value: 'S3' },
    { name: `${prefix}BUCKET`, value: 'acme-prod-uploads' },
    { name: `${prefix}MANAGE_BUCKET`, value: 'false' },
  ];

  it('accepts a consumer wired for every prefix', () => {
    expect(uploadStoreEnvProblems(container([...wired('SOURCEGRAPH_UPLOAD_'), ...wired('SEARCH_JOBS_UPLOAD_')]), expected)).toEqual([]);
  });

  it('names each variable that is unset, empty or not what the replica needs, and the prefixes the release reads', () => {
    const env = [...wired('SOURCEGRAPH_UPLOAD_').map((e) => (e.name.endsWith('BACKEND') ? { ...e, value: 'blobstore' } : e)), { name: 'SEARCH_JOBS_UPLOAD_BUCKET', value: '' }];
    expect(uploadStoreEnvProblems(container(env), expected)).toEqual([
      'SOURCEGRAPH_UPLOAD_BACKEND is "blobstore" (expected S3): chart 7.6.0 reads the upload store from SOURCEGRAPH_UPLOAD_* and SEARCH_JOBS_UPLOAD_*',
      'SEARCH_JOBS_UPLOAD_BACKEND is not set (expected S3): chart 7.6.0 reads the upload store from SOURCEGRAPH_UPLOAD_* and SEARCH_JOBS_UPLOAD_*',
      'SEARCH_JOBS_UPLOAD_BUCKET is "": chart 7.6.0 reads the upload store from SOURCEGRAPH_UPLOAD_* and SEARCH_JOBS_UPLOAD_*',
      'SEARCH_JOBS_UPLOAD_MANAGE_BUCKET is not set (expected false): chart 7.6.0 reads the upload store from SOURCEGRAPH_UPLOAD_* and SEARCH_JOBS_UPLOAD_*',
    ]);
  });

  it('a missing container has every variable unset', () => {
    expect(uploadStoreEnvProblems(undefined, { ...expected, prefixes: ['SOURCEGRAPH_UPLOAD_'] })).toHaveLength(3);
  });
});

describe('externalDatabaseEnvProblems and externalRedisEnvProblems', () => {
  const fromSecret = (name: string, secret: string, key = name) => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
  const databases = { PG: 'sg-replica-pgsql-auth', CODEINTEL_PG: 'sg-replica-codeintel-db-auth', CODEINSIGHTS_PG: 'sg-replica-codeinsights-db-auth' };

  it('accept a container wired to every database Secret and both Redis endpoints', () => {
    const env = Object.entries(databases).flatMap(([prefix, secret]) => ['DATABASE', 'HOST', 'PASSWORD', 'PORT', 'USER', 'SSLMODE'].map((s) => fromSecret(`${prefix}${s}`, secret)));
    expect(externalDatabaseEnvProblems(container(env))).toEqual([]);
    expect(externalRedisEnvProblems(container([fromSecret('REDIS_CACHE_ENDPOINT', 'sg-replica-redis-cache-endpoint', 'endpoint'), fromSecret('REDIS_STORE_ENDPOINT', 'sg-replica-redis-store-endpoint', 'endpoint')]))).toEqual([]);
  });

  it('name each setting that is literal or from another Secret', () => {
    expect(externalDatabaseEnvProblems(container([{ name: 'PGHOST', value: 'pgsql' }]))).toHaveLength(18);
    expect(externalDatabaseEnvProblems(container([{ name: 'PGHOST', value: 'pgsql' }]))[1]).toBe('PGHOST is not set from a Secret; the external pgsql database\'s connection is in Secret "sg-replica-pgsql-auth"');
    expect(externalRedisEnvProblems(container([fromSecret('REDIS_CACHE_ENDPOINT', 'other', 'endpoint')]))).toEqual([
      'REDIS_CACHE_ENDPOINT reads "other"/"endpoint"; the external redisCache endpoint is in Secret "sg-replica-redis-cache-endpoint" key endpoint',
      'REDIS_STORE_ENDPOINT is not set from a Secret; the external redisStore endpoint is in Secret "sg-replica-redis-store-endpoint" key endpoint',
    ]);
  });
});
