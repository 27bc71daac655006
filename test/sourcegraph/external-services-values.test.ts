import { parse } from 'yaml';
import { awsDesign, gcpDesign } from '../support/design-fixture';
import {
  BLOB_STORAGE_SERVICE_ACCOUNTS,
  EXTERNAL_DATABASE_NAMES,
  EXTERNAL_DATABASE_SECRET_NAMES,
  EXTERNAL_REDIS_SECRET_NAMES,
  externalServicesValues,
  s3UploadEnv,
} from '../../lib/sourcegraph/external-services-values';
import { mergeValues, renderValuesYaml } from '../../lib/helm/merge-values';
import { uploadStoreServiceAccounts, uploadStoreWiring } from '../../lib/sourcegraph/upload-store';

const ROLE = 'arn:aws:iam::111122223333:role/acme-prod-blob-storage';
const all = awsDesign({
  externalServices: { postgres: { instanceClass: 'db.m7g.large', storageGb: 100, highAvailability: false }, redis: {}, objectStorage: {} },
});
const endpoints = {
  postgres: {},
  redis: {},
  objectStorage: { bucket: 'acme-prod-uploads', region: 'us-east-2', roleArn: ROLE },
};

describe('externalServicesValues', () => {
  it('is empty when nothing is external', () => {
    expect(externalServicesValues(awsDesign(), {})).toEqual({});
  });

  it('disables the three databases and points each at its own Secret', () => {
    const v = externalServicesValues(all, endpoints) as any;
    expect(v.pgsql).toEqual({ enabled: false, auth: { existingSecret: 'sg-replica-pgsql-auth' } });
    expect(v.codeIntelDB).toEqual({ enabled: false, auth: { existingSecret: 'sg-replica-codeintel-db-auth' } });
    expect(v.codeInsightsDB).toEqual({ enabled: false, auth: { existingSecret: 'sg-replica-codeinsights-db-auth' } });
    expect(new Set(Object.values(EXTERNAL_DATABASE_SECRET_NAMES)).size).toBe(3);
    // pgsql and codeintel-db must never share a database
    expect(new Set(Object.values(EXTERNAL_DATABASE_NAMES)).size).toBe(3);
  });

  it('disables redis-cache and redis-store and points each at its endpoint Secret', () => {
    const v = externalServicesValues(all, endpoints) as any;
    expect(v.redisCache).toEqual({ enabled: false, connection: { existingSecret: EXTERNAL_REDIS_SECRET_NAMES.redisCache } });
    expect(v.redisStore).toEqual({ enabled: false, connection: { existingSecret: EXTERNAL_REDIS_SECRET_NAMES.redisStore } });
  });

  it('disables blobstore and gives every upload store consumer of chart 7.6.0 the SOURCEGRAPH_UPLOAD_* S3 environment and an IRSA service account', () => {
    const v = externalServicesValues(all, endpoints) as any;
    expect(v.blobstore).toEqual({ enabled: false });
    const consumers = uploadStoreWiring('7.6.0').consumers;
    expect(consumers.map((c) => c.key)).toEqual(['frontend', 'worker', 'preciseCodeIntel', 'syntacticCodeIntel', 'gitserver', 'searcher']);
    for (const { key, serviceAccount } of consumers) {
      expect(v[key].env).toEqual({
        SOURCEGRAPH_UPLOAD_BACKEND: { value: 'S3' },
        SOURCEGRAPH_UPLOAD_BUCKET: { value: 'acme-prod-uploads' },
        SOURCEGRAPH_UPLOAD_MANAGE_BUCKET: { value: 'false' },
        SOURCEGRAPH_UPLOAD_AWS_REGION: { value: 'us-east-2' },
        SOURCEGRAPH_UPLOAD_AWS_ENDPOINT: { value: 'https://s3.us-east-2.amazonaws.com' },
        SOURCEGRAPH_UPLOAD_AWS_USE_EC2_ROLE_CREDENTIALS: { value: 'true' },
      });
      expect(v[key].serviceAccount).toEqual({ create: true, name: serviceAccount, annotations: { 'eks.amazonaws.com/role-arn': ROLE } });
    }
    // no access keys anywhere
    expect(JSON.stringify(v)).not.toMatch(/ACCESS_KEY|SECRET_ACCESS/);
  });

  it('chart 6.12.5040 reads PRECISE_CODE_INTEL_UPLOAD_* and SEARCH_JOBS_UPLOAD_*, not SOURCEGRAPH_UPLOAD_* (first read by 7.6.0)', () => {
    const v6 = awsDesign({ sourcegraph: { version: '6.12.5040' }, externalServices: { objectStorage: {} } });
    const v = externalServicesValues(v6, { objectStorage: endpoints.objectStorage }) as any;
    for (const key of ['frontend', 'worker', 'preciseCodeIntel', 'gitserver', 'searcher']) {
      expect(Object.keys(v[key].env).sort()).toEqual(
        ['BACKEND', 'BUCKET', 'MANAGE_BUCKET', 'AWS_REGION', 'AWS_ENDPOINT', 'AWS_USE_EC2_ROLE_CREDENTIALS']
          .flatMap((suffix) => [`PRECISE_CODE_INTEL_UPLOAD_${suffix}`, `SEARCH_JOBS_UPLOAD_${suffix}`])
          .sort(),
      );
      expect(v[key].env.PRECISE_CODE_INTEL_UPLOAD_BUCKET).toEqual({ value: 'acme-prod-uploads' });
    }
    expect(JSON.stringify(v)).not.toContain('SOURCEGRAPH_UPLOAD_');
  });

  it('names the service accounts as the chart does by default (`<svc>.name`)', () => {
    expect(BLOB_STORAGE_SERVICE_ACCOUNTS).toEqual({
      frontend: 'sourcegraph-frontend',
      worker: 'worker',
      preciseCodeIntel: 'precise-code-intel-worker',
      syntacticCodeIntel: 'syntactic-code-intel-worker',
      gitserver: 'gitserver',
      searcher: 'searcher',
    });
    expect(uploadStoreServiceAccounts('6.12.5040')).toEqual(Object.values(BLOB_STORAGE_SERVICE_ACCOUNTS));
  });

  it('only touches what the design externalizes', () => {
    const onlyRedis = awsDesign({ externalServices: { redis: { nodeType: 'cache.m7g.large' } } });
    expect(Object.keys(externalServicesValues(onlyRedis, { redis: {} })).sort()).toEqual(['redisCache', 'redisStore']);
  });

  it('keeps the frontend ingress and env of earlier layers when merged (maps merge)', () => {
    const earlier = { frontend: { ingress: { enabled: true }, env: { FOO: { value: 'bar' } } } };
    const merged = mergeValues(earlier, externalServicesValues(all, endpoints)) as any;
    expect(merged.frontend.ingress).toEqual({ enabled: true });
    expect(merged.frontend.env.FOO).toEqual({ value: 'bar' });
    expect(merged.frontend.env.SOURCEGRAPH_UPLOAD_BACKEND).toEqual({ value: 'S3' });
    expect(parse(renderValuesYaml(merged)).frontend.env.SOURCEGRAPH_UPLOAD_MANAGE_BUCKET.value).toBe('false');
  });

  it('uses custom Secret names when given', () => {
    const design = awsDesign({ externalServices: { postgres: { instanceClass: 'db.t4g.large', storageGb: 20, highAvailability: false } } });
    const v = externalServicesValues(design, {
      postgres: { secretNames: { pgsql: 'a', codeIntelDB: 'b', codeInsightsDB: 'c' } },
    }) as any;
    expect([v.pgsql.auth.existingSecret, v.codeIntelDB.auth.existingSecret, v.codeInsightsDB.auth.existingSecret]).toEqual(['a', 'b', 'c']);
  });

  describe('refuses', () => {
    it('a missing endpoint for an external service', () => {
      expect(() => externalServicesValues(all, { postgres: {}, redis: {} })).toThrow(/externalServices.objectStorage, but no objectStorage endpoints/);
    });
    it('an endpoint for a service that is not external', () => {
      expect(() => externalServicesValues(awsDesign(), { redis: {} })).toThrow(/redis endpoints were given, but design 'acme-prod' has no externalServices.redis/);
    });
    it('object storage on GCP (not built yet)', () => {
      const gcp = gcpDesign({ externalServices: { objectStorage: {} } });
      expect(() => externalServicesValues(gcp, { objectStorage: endpoints.objectStorage })).toThrow(/only built for AWS/);
    });
    it('bad names and regions', () => {
      const design = awsDesign({ externalServices: { redis: {} } });
      expect(() => externalServicesValues(design, { redis: { secretNames: { redisCache: 'Bad_Name', redisStore: 'ok' } } })).toThrow(
        /Secret name 'Bad_Name' for redisCache/,
      );
      expect(() => s3UploadEnv('bucket', 'useast2')).toThrow(/'useast2' is not an AWS region/);
      expect(() => s3UploadEnv('', 'us-east-2')).toThrow(/bucket name is empty/);
    });
  });
});

describe('externalServicesValues: GCS (GCP)', () => {
  const gcs = {
    backend: 'GCS' as const,
    bucket: 'acme-prod-uploads-acme-sandbox',
    project: 'acme-sandbox',
    serviceAccountEmail: 'acme-prod-blob@acme-sandbox.iam.gserviceaccount.com',
  };

  it('puts the GCS environment and the Workload Identity service account on every upload store consumer', () => {
    const values: any = externalServicesValues(gcpDesign({ externalServices: { objectStorage: {} } }), { objectStorage: gcs });
    expect(values.blobstore).toEqual({ enabled: false });
    expect(Object.keys(values).sort()).toEqual(['blobstore', 'frontend', 'gitserver', 'preciseCodeIntel', 'searcher', 'syntacticCodeIntel', 'worker']);
    expect(values.worker).toEqual({
      env: {
        SOURCEGRAPH_UPLOAD_BACKEND: { value: 'GCS' },
        SOURCEGRAPH_UPLOAD_BUCKET: { value: gcs.bucket },
        SOURCEGRAPH_UPLOAD_MANAGE_BUCKET: { value: 'false' },
        SOURCEGRAPH_UPLOAD_GCP_PROJECT_ID: { value: 'acme-sandbox' },
      },
      serviceAccount: { create: true, name: 'worker', annotations: { 'iam.gke.io/gcp-service-account': gcs.serviceAccountEmail } },
    });
    // Workload Identity: no credentials file.
    expect(JSON.stringify(values)).not.toContain('CREDENTIALS');
  });

  it('on chart 6.12.5040 uses the PRECISE_CODE_INTEL_UPLOAD_* and SEARCH_JOBS_UPLOAD_* names', () => {
    const values: any = externalServicesValues(gcpDesign({ sourcegraph: { version: '6.12.5040' }, externalServices: { objectStorage: {} } }), { objectStorage: gcs });
    expect(values.searcher.env).toEqual({
      PRECISE_CODE_INTEL_UPLOAD_BACKEND: { value: 'GCS' },
      SEARCH_JOBS_UPLOAD_BACKEND: { value: 'GCS' },
      PRECISE_CODE_INTEL_UPLOAD_BUCKET: { value: gcs.bucket },
      SEARCH_JOBS_UPLOAD_BUCKET: { value: gcs.bucket },
      PRECISE_CODE_INTEL_UPLOAD_MANAGE_BUCKET: { value: 'false' },
      SEARCH_JOBS_UPLOAD_MANAGE_BUCKET: { value: 'false' },
      PRECISE_CODE_INTEL_UPLOAD_GCP_PROJECT_ID: { value: 'acme-sandbox' },
      SEARCH_JOBS_UPLOAD_GCP_PROJECT_ID: { value: 'acme-sandbox' },
    });
  });

  it('refuses GCS endpoints for an AWS design', () => {
    expect(() => externalServicesValues(awsDesign({ externalServices: { objectStorage: {} } }), { objectStorage: gcs })).toThrow(
      /is on aws: GCS object storage endpoints are only built for GCP/,
    );
  });
});
