import { checkKustomizeExternalServices } from '../../lib/kustomize/check-kustomize-external-services';
import { kustomizeRelease } from '../../lib/kustomize/releases';
import { RenderedObject } from '../../lib/render/helm-template';
import { awsDesign } from '../support/design-fixture';

const release = kustomizeRelease('7.2.1943');
const external = { postgres: { instanceClass: 'db.m6g.xlarge', storageGb: 100, highAvailability: false }, redis: { nodeType: 'cache.m6g.large' }, objectStorage: {} };
const design = awsDesign({ externalServices: external });
const deployment = (name: string, spec: Record<string, unknown>, kind = 'Deployment'): RenderedObject => ({ apiVersion: 'apps/v1', kind, metadata: { name }, spec: { template: { spec } } });
const secretEnv = (name: string, secret: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
const dbEnv = ['PG', 'CODEINTEL_PG', 'CODEINSIGHTS_PG'].flatMap((p, i) =>
  ['DATABASE', 'HOST', 'PASSWORD', 'PORT', 'USER', 'SSLMODE'].map((s) => secretEnv(`${p}${s}`, ['sg-replica-pgsql-auth', 'sg-replica-codeintel-db-auth', 'sg-replica-codeinsights-db-auth'][i], s.toLowerCase())),
);
const redisEnv = [secretEnv('REDIS_CACHE_ENDPOINT', 'sg-replica-redis-cache-endpoint', 'endpoint'), secretEnv('REDIS_STORE_ENDPOINT', 'sg-replica-redis-store-endpoint', 'endpoint')];
const upload = ['PRECISE_CODE_INTEL_UPLOAD_', 'SEARCH_JOBS_UPLOAD_'].flatMap((p) => [
  { name: `${p}BACKEND`, value: 'S3' },
  { name: `${p}BUCKET`, value: 'b' },
  { name: `${p}MANAGE_BUCKET`, value: 'false' },
]);
const sa = (name: string): RenderedObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, annotations: { 'eks.amazonaws.com/role-arn': 'arn' } } });

function wired(): RenderedObject[] {
  return [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sourcegraph-frontend-env' }, data: { PGHOST: 'pgsql' } },
    deployment('sourcegraph-frontend', {
      serviceAccountName: 'sourcegraph-frontend',
      initContainers: [{ name: 'migrator', env: dbEnv, envFrom: [{ configMapRef: { name: 'sourcegraph-frontend-env' } }] }],
      containers: [{ name: 'frontend', env: [...dbEnv, ...redisEnv, ...upload], envFrom: [{ configMapRef: { name: 'sourcegraph-frontend-env' } }] }],
    }),
    deployment('worker', { serviceAccountName: 'worker', containers: [{ name: 'worker', env: [...redisEnv, ...upload] }] }),
    sa('sourcegraph-frontend'),
    sa('worker'),
  ];
}

describe('checkKustomizeExternalServices', () => {
  it('accepts a replica wired to the external services', () => {
    expect(checkKustomizeExternalServices(design, release, wired())).toEqual([]);
  });

  it('finds in-cluster stores left running, connection strings that would win, and consumers not wired', () => {
    const objects = wired();
    objects.push(deployment('pgsql', { containers: [{ name: 'pgsql' }] }, 'StatefulSet'), deployment('redis-store', { containers: [{ name: 'r' }] }));
    (objects[0] as unknown as { data: Record<string, string> }).data.CODEINSIGHTS_PGDATASOURCE = 'postgres://prod';
    objects.push(deployment('gitserver', { containers: [{ name: 'gitserver', env: [{ name: 'REDIS_CACHE_ENDPOINT', value: 'redis://prod:6379' }] }] }, 'StatefulSet'));
    const messages = checkKustomizeExternalServices(design, release, objects).map((f) => `${f.object}: ${f.message}`);
    expect(messages).toEqual([
      'StatefulSet/pgsql: runs in the cluster although the design has externalServices.postgres',
      'Deployment/redis-store: runs in the cluster although the design has externalServices.redis',
      'Deployment/sourcegraph-frontend container migrator: CODEINSIGHTS_PGDATASOURCE is set (from ConfigMap sourcegraph-frontend-env): Sourcegraph prefers it over the CODEINSIGHTS_PG* settings, so it would not use the external database',
      'Deployment/sourcegraph-frontend container frontend: CODEINSIGHTS_PGDATASOURCE is set (from ConfigMap sourcegraph-frontend-env): Sourcegraph prefers it over the CODEINSIGHTS_PG* settings, so it would not use the external database',
      'StatefulSet/gitserver container gitserver: REDIS_CACHE_ENDPOINT is not set from a Secret; the external redisCache endpoint is in Secret "sg-replica-redis-cache-endpoint" key endpoint',
      'StatefulSet/gitserver container gitserver: REDIS_STORE_ENDPOINT is not set from a Secret; the external redisStore endpoint is in Secret "sg-replica-redis-store-endpoint" key endpoint',
      ...['PRECISE_CODE_INTEL_UPLOAD_', 'SEARCH_JOBS_UPLOAD_'].flatMap((p) => [
        `StatefulSet/gitserver container gitserver: ${p}BACKEND is not set (expected S3): release 7.2.1943 reads the upload store from PRECISE_CODE_INTEL_UPLOAD_* and SEARCH_JOBS_UPLOAD_*`,
        `StatefulSet/gitserver container gitserver: ${p}BUCKET is not set: release 7.2.1943 reads the upload store from PRECISE_CODE_INTEL_UPLOAD_* and SEARCH_JOBS_UPLOAD_*`,
        `StatefulSet/gitserver container gitserver: ${p}MANAGE_BUCKET is not set (expected false): release 7.2.1943 reads the upload store from PRECISE_CODE_INTEL_UPLOAD_* and SEARCH_JOBS_UPLOAD_*`,
      ]),
      'StatefulSet/gitserver: runs as ServiceAccount "default", which the bucket\'s IAM role (IRSA) does not trust (it trusts gitserver for this service)',
    ]);
  });
});
