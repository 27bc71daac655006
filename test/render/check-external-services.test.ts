import { checkExternalServices } from '../../lib/render/check-external-services';
import { RenderedObject } from '../../lib/render/helm-template';
import { EXTERNAL_DATABASE_SECRET_NAMES, EXTERNAL_REDIS_SECRET_NAMES } from '../../lib/sourcegraph/external-services-values';
import { uploadStoreWiring } from '../../lib/sourcegraph/upload-store';
import { awsDesign } from '../support/design-fixture';

const design = awsDesign({
  externalServices: { postgres: { instanceClass: 'db.m6g.large', storageGb: 100, highAvailability: false }, redis: { nodeType: 'cache.m6g.large' }, objectStorage: {} },
});

const fromSecret = (name: string, secret: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
const pgEnv = Object.entries({ PG: 'pgsql', CODEINTEL_PG: 'codeIntelDB', CODEINSIGHTS_PG: 'codeInsightsDB' } as const).flatMap(([prefix, db]) =>
  ['DATABASE', 'HOST', 'PASSWORD', 'PORT', 'USER', 'SSLMODE'].map((s) => fromSecret(`${prefix}${s}`, EXTERNAL_DATABASE_SECRET_NAMES[db], s.toLowerCase())),
);
const redisEnv = [fromSecret('REDIS_CACHE_ENDPOINT', EXTERNAL_REDIS_SECRET_NAMES.redisCache, 'endpoint'), fromSecret('REDIS_STORE_ENDPOINT', EXTERNAL_REDIS_SECRET_NAMES.redisStore, 'endpoint')];
const uploadEnv = ['BACKEND', 'BUCKET', 'MANAGE_BUCKET'].map((s) => ({ name: `SOURCEGRAPH_UPLOAD_${s}`, value: s === 'BACKEND' ? 'S3' : s === 'BUCKET' ? 'b' : 'false' }));

function workload(kind: string, name: string, containerName: string, env: unknown[], serviceAccountName: string, init: unknown[] = []): RenderedObject {
  return { apiVersion: 'apps/v1', kind, metadata: { name }, spec: { template: { spec: { serviceAccountName, initContainers: init, containers: [{ name: containerName, env }] } } } };
}

function release(): RenderedObject[] {
  const objects: RenderedObject[] = [
    workload('Deployment', 'sourcegraph-frontend', 'frontend', [...pgEnv, ...redisEnv, ...uploadEnv], 'sourcegraph-frontend', [{ name: 'migrator', env: pgEnv }]),
    workload('Deployment', 'worker', 'worker', [...redisEnv, ...uploadEnv], 'worker'),
    workload('StatefulSet', 'gitserver', 'gitserver', [...redisEnv, ...uploadEnv], 'gitserver'),
    workload('StatefulSet', 'searcher', 'searcher', [...redisEnv, ...uploadEnv], 'searcher'),
    workload('Deployment', 'precise-code-intel-worker', 'precise-code-intel-worker', uploadEnv, 'precise-code-intel-worker'),
  ];
  for (const { serviceAccount } of uploadStoreWiring('7.6.0').consumers) {
    objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: serviceAccount, annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/x' } } });
  }
  return objects;
}

describe('checkExternalServices', () => {
  test('a release wired to the external services passes', () => {
    expect(checkExternalServices(design, {}, release())).toEqual([]);
  });

  test('an in-cluster database, Redis or blobstore next to the external one is an error', () => {
    const objects = [...release(), workload('StatefulSet', 'pgsql', 'pgsql', [], 'default'), workload('Deployment', 'blobstore', 'blobstore', [], 'default')];
    expect(checkExternalServices(design, {}, objects).map((f) => [f.object, f.message])).toEqual([
      ['StatefulSet/pgsql', 'runs in the cluster although the design has externalServices.postgres'],
      ['Deployment/blobstore', 'runs in the cluster although the design has externalServices.objectStorage'],
    ]);
  });

  test('a consumer without the connection env, or with the chart\'s own Secret, is an error', () => {
    const objects = release();
    (objects[3] as any).spec.template.spec.containers[0].env = uploadEnv; // searcher loses Redis
    (objects[0] as any).spec.template.spec.initContainers[0].env = pgEnv.map((e) => (e.name === 'PGHOST' ? fromSecret('PGHOST', 'pgsql-auth', 'host') : e));
    expect(checkExternalServices(design, {}, objects).map((f) => f.message)).toEqual([
      'PGHOST reads Secret "pgsql-auth"; the external pgsql database\'s connection is in Secret "sg-replica-pgsql-auth"',
      'REDIS_CACHE_ENDPOINT is not set from a Secret; the external redisCache endpoint is in Secret "sg-replica-redis-cache-endpoint" key endpoint',
      'REDIS_STORE_ENDPOINT is not set from a Secret; the external redisStore endpoint is in Secret "sg-replica-redis-store-endpoint" key endpoint',
    ]);
  });

  test('chart 6.12.5040 needs PRECISE_CODE_INTEL_UPLOAD_* and SEARCH_JOBS_UPLOAD_*: SOURCEGRAPH_UPLOAD_* alone is an error', () => {
    const v6 = awsDesign({ sourcegraph: { version: '6.12.5040' }, externalServices: { objectStorage: {} } });
    const found = checkExternalServices(v6, {}, release()).map((f) => f.message);
    expect(found).toContain('PRECISE_CODE_INTEL_UPLOAD_BUCKET is not set: chart 6.12.5040 reads the upload store from PRECISE_CODE_INTEL_UPLOAD_* and SEARCH_JOBS_UPLOAD_*');
    expect(found).toContain('SEARCH_JOBS_UPLOAD_BACKEND is not set (expected S3): chart 6.12.5040 reads the upload store from PRECISE_CODE_INTEL_UPLOAD_* and SEARCH_JOBS_UPLOAD_*');
  });

  test('a consumer running as a service account the bucket identity does not trust, or without the annotation, is an error', () => {
    const objects = release();
    (objects[2] as any).spec.template.spec.serviceAccountName = 'default';
    (objects.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'worker') as any).metadata.annotations = {};
    expect(checkExternalServices(design, {}, objects).map((f) => f.message)).toEqual([
      'has no eks.amazonaws.com/role-arn annotation: Deployment/worker gets no cloud identity for the bucket',
      'runs as ServiceAccount "default", which the bucket\'s IAM role does not trust (it trusts sourcegraph-frontend, worker, precise-code-intel-worker, syntactic-code-intel-worker, gitserver, searcher)',
    ]);
  });
});
