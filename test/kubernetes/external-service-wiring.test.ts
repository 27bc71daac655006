/** The one in-cluster wiring of external services, fed with resolved facts (here plain values, no cloud). */
import { TerraformVariable, Testing } from 'cdktf';
import { ExternalServiceFacts, ExternalServiceWiring } from '../../lib/kubernetes/external-service-wiring';
import type { Design } from '../../lib/design/model';
import { withKustomize } from '../../lib/kustomize/kustomize-design';
import { awsDesign, gcpDesign } from '../support/design-fixture';

const postgres = { instanceClass: 'db.m6g.xlarge', storageGb: 100, highAvailability: false };
const aws = awsDesign({ externalServices: { postgres, redis: { nodeType: 'cache.m6g.large' }, objectStorage: {} } });
const facts: ExternalServiceFacts = {
  postgres: { host: 'db.internal', port: 5432, user: 'sourcegraph', password: '<resolved in scope>', createDatabases: true },
  redis: { redisCache: 'rediss://cache.internal:6379', redisStore: 'rediss://store.internal:6379' },
  objectStorage: { bucket: 'acme-uploads', region: 'us-east-2', roleArn: 'arn:aws:iam::111122223333:role/acme-blob' },
};

function wire(design: Design = aws, given: ExternalServiceFacts = facts) {
  let wiring!: ExternalServiceWiring;
  let scopePassed: unknown;
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      wiring = new ExternalServiceWiring(scope, 'external-services', {
        design,
        namespace: 'sourcegraph',
        facts: (inner) => {
          scopePassed = inner;
          // What a cloud's function does: read the password with something of its own in the wiring's scope.
          const password = new TerraformVariable(inner, 'password', { type: 'string', sensitive: true }).stringValue;
          return given.postgres ? { ...given, postgres: { ...given.postgres, password } } : given;
        },
      });
    }),
  );
  return { json, wiring, scopePassed };
}

describe('ExternalServiceWiring', () => {
  it('resolves the facts in its own scope, so the cloud’s data sources live under it', () => {
    const { wiring, scopePassed } = wire();
    expect(scopePassed).toBe(wiring);
  });

  it('creates the five Secrets, the database job after the admin Secret, and waits for all of them in order', () => {
    const { json, wiring } = wire();
    const secrets = Object.values(json.resource.kubernetes_secret_v1) as any[];
    const byName = Object.fromEntries(secrets.map((s) => [s.metadata.name, s.data]));
    expect(Object.keys(byName).sort()).toEqual([
      'sg-replica-codeinsights-db-auth',
      'sg-replica-codeintel-db-auth',
      'sg-replica-pgsql-auth',
      'sg-replica-redis-cache-endpoint',
      'sg-replica-redis-store-endpoint',
    ]);
    expect(byName['sg-replica-redis-cache-endpoint']).toEqual({ endpoint: 'rediss://cache.internal:6379' });
    expect(byName['sg-replica-pgsql-auth']).toMatchObject({ host: 'db.internal', database: 'sg', password: expect.stringMatching(/^\$\{var\.external-services_password/) });
    const job = Object.values(json.resource.kubernetes_job_v1) as any[];
    expect(job).toHaveLength(1);
    expect(job[0].depends_on).toEqual([expect.stringMatching(/^kubernetes_secret_v1\..*pgsql/)]);
    expect(wiring.releaseDependencies).toEqual([...wiring.databaseSecrets.map((s) => s.resource), wiring.databaseBootstrap!.job, ...wiring.redisSecrets.map((s) => s.resource)]);
    expect(Object.keys(json.resource.kubernetes_secret_v1).filter((id) => id.includes('redis'))).toEqual([
      expect.stringMatching(/^external-services_redis-cache-secret_/),
      expect.stringMatching(/^external-services_redis-store-secret_/),
    ]);
  });

  it('makes no job when the cloud creates the databases, and keeps the Redis Secret ids it is given', () => {
    const gcp = gcpDesign({ externalServices: { postgres: { instanceClass: 'db-custom-4-16384', storageGb: 100, highAvailability: false }, redis: { memoryGb: 5 } } });
    const { json, wiring } = wire(gcp, {
      postgres: { ...facts.postgres!, createDatabases: false },
      redis: facts.redis,
      redisSecretIds: { redisCache: 'redisCache-secret', redisStore: 'redisStore-secret' },
    });
    expect(json.resource.kubernetes_job_v1).toBeUndefined();
    expect(wiring.databaseBootstrap).toBeUndefined();
    expect(wiring.releaseDependencies).toHaveLength(5);
    expect(Object.keys(json.resource.kubernetes_secret_v1).filter((id) => id.includes('redis'))).toEqual([
      expect.stringMatching(/^external-services_redisCache-secret_/),
      expect.stringMatching(/^external-services_redisStore-secret_/),
    ]);
  });

  it('produces the values layer of the design’s services', () => {
    const values = wire().wiring.values as any;
    expect(values.pgsql).toEqual({ enabled: false, auth: { existingSecret: 'sg-replica-pgsql-auth' } });
    expect(values.redisCache).toEqual({ enabled: false, connection: { existingSecret: 'sg-replica-redis-cache-endpoint' } });
    expect(values.worker.serviceAccount.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/acme-blob' });
  });

  it('refuses facts that do not match the design: a service it does not externalize, or one missing', () => {
    expect(() => wire(awsDesign(), facts)).toThrow(/postgres endpoints were given, but design 'acme-prod' has no externalServices\.postgres/);
    expect(() => wire(aws, { postgres: facts.postgres })).toThrow(/has externalServices\.redis, but no redis endpoints were given/);
  });

  it('for a Kustomize design: the same Secrets and job, no Helm values (the release has none for 7.2.1943), the bucket for the deploy-time values', () => {
    const kustomize = withKustomize(aws, { path: 'o', resolvedPath: '/o' }, '7.2.1943');
    const helm = wire();
    const { json, wiring } = wire(kustomize);
    expect(wiring.values).toEqual({});
    expect(wiring.bucket).toEqual({ name: 'acme-uploads', identity: 'arn:aws:iam::111122223333:role/acme-blob' });
    expect(Object.keys(json.resource)).toEqual(Object.keys(helm.json.resource));
    expect(wiring.releaseDependencies).toHaveLength(helm.wiring.releaseDependencies.length);
    const gcs = { backend: 'GCS' as const, bucket: 'b', project: 'acme-sandbox', serviceAccountEmail: 'sa@acme-sandbox.iam.gserviceaccount.com' };
    expect(wire(withKustomize(gcpDesign({ externalServices: { objectStorage: {} } }), { path: 'o', resolvedPath: '/o' }, '7.2.1943'), { objectStorage: gcs }).wiring.bucket).toEqual({ name: 'b', identity: 'sa@acme-sandbox.iam.gserviceaccount.com' });
  });
});
