import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, Testing } from 'cdktf';
import { GoogleProvider, ServiceAccount } from '../../lib/providers/google';
import { KubernetesProvider } from '../../lib/providers/kubernetes';
import { ExternalServiceWiring } from '../../lib/kubernetes/external-service-wiring';
import { gcpExternalServiceFacts, GcpExternalServices, type GcpExternalServiceConnections } from '../../stacks/gcp-external-services';
import { awsDesign, gcpDesign } from '../support/design-fixture';
import { unresolvedReferences } from '../support/terraform-references';

const network = {
  networkSelfLink: 'projects/acme-sandbox/global/networks/acme-prod',
  subnetworkSelfLink: 'projects/acme-sandbox/regions/us-central1/subnetworks/acme-prod-nodes',
  workloadPool: 'acme-sandbox.svc.id.goog',
};
const everything = gcpDesign({
  externalServices: {
    postgres: { instanceClass: 'db-custom-4-16384', storageGb: 100, highAvailability: true },
    redis: { memoryGb: 5 },
    objectStorage: {},
  },
});

/** An infra stack with the external services (the cluster stood in for by a resource it can depend on). */
function infra(design = everything, extra: object = {}): { text: string; json: any; connections: GcpExternalServiceConnections } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'infra');
  new GoogleProvider(stack, 'google', { project: 'acme-sandbox', region: 'us-central1' });
  const cluster = new ServiceAccount(stack, 'cluster', { accountId: 'cluster-stand-in' }); // stands in for the GKE cluster
  const vpc = new ServiceAccount(stack, 'vpc', { accountId: 'vpc-stand-in' }); // stands in for the VPC
  const ext = new GcpExternalServices(stack, 'ext', { design, cluster, networkName: 'acme-prod', network: vpc, ...network, ...extra });
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text), connections: ext.connections };
}

function values(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

describe('GcpExternalServices', () => {
  it('creates nothing for a design without external services', () => {
    const { json, connections } = infra(gcpDesign());
    expect(Object.keys(json.resource)).toEqual(['google_service_account']); // the stand-ins only
    expect(connections).toEqual({ project: 'acme-sandbox' });
  });

  it('creates Cloud SQL, two Memorystore instances, the bucket and its service account, with the names the docs give', () => {
    const { json, text } = infra();
    expect(values(json, 'google_sql_database_instance').map((i) => i.name)).toEqual(['acme-prod-sourcegraph']);
    expect(values(json, 'google_sql_database').map((d) => d.name).sort()).toEqual(['codeinsights', 'codeintel', 'sg']);
    expect(values(json, 'google_redis_instance').map((r) => r.name).sort()).toEqual(['acme-prod-redis-cache', 'acme-prod-redis-store']);
    expect(values(json, 'google_storage_bucket').map((b) => b.name)).toEqual(['acme-prod-uploads-acme-sandbox']);
    expect(values(json, 'google_service_account').map((a) => a.account_id).sort()).toEqual(['acme-prod-blob', 'cluster-stand-in', 'vpc-stand-in']);
    expect(values(json, 'google_secret_manager_secret').map((s) => s.secret_id)).toEqual(['acme-prod-sourcegraph-sourcegraph-password']);
    expect(unresolvedReferences(text)).toEqual([]);
  });

  it('deletes Memorystore\'s VPC peering on destroy, after both instances and before the network', () => {
    const { json } = infra();
    const [[cleanupId, cleanup]] = Object.entries<any>(json.resource.terraform_data);
    expect(cleanup.input.SG_NETWORK).toBe('acme-prod');
    expect(cleanup.provisioner[0]['local-exec'].when).toBe('destroy');
    expect(cleanup.depends_on).toEqual([expect.stringMatching(/^google_service_account\.vpc/)]);
    for (const r of values(json, 'google_redis_instance')) expect(r.depends_on).toContain(`terraform_data.${cleanupId}`);
    expect(Object.keys(infra(gcpDesign({ externalServices: { postgres: { instanceClass: 'db-custom-4-16384', storageGb: 100, highAvailability: false } } })).json.resource)).not.toContain('terraform_data');
  });

  it('follows the design: regional database, Redis capacity, cache evicts any key, store keeps the default', () => {
    const { json } = infra();
    const sql = values(json, 'google_sql_database_instance')[0];
    expect(sql.settings.availability_type).toBe('REGIONAL');
    expect(sql.settings.tier).toBe('db-custom-4-16384');
    const redis = Object.fromEntries(values(json, 'google_redis_instance').map((r) => [r.name, r]));
    expect(redis['acme-prod-redis-cache'].redis_configs).toEqual({ 'maxmemory-policy': 'allkeys-lru' });
    expect(redis['acme-prod-redis-store'].redis_configs).toBeUndefined();
    for (const r of Object.values(redis) as any[]) {
      expect(r).toEqual(expect.objectContaining({ memory_size_gb: 5, tier: 'BASIC', auth_enabled: true, authorized_network: network.networkSelfLink }));
    }
  });

  it('gives the bucket to exactly the upload store consumers of the chart version, through one account with object access on that bucket only', () => {
    const { json } = infra();
    const bindings = values(json, 'google_service_account_iam_member');
    expect(bindings.map((b) => b.member).sort()).toEqual(
      ['gitserver', 'precise-code-intel-worker', 'searcher', 'sourcegraph-frontend', 'syntactic-code-intel-worker', 'worker'].map(
        (sa) => `serviceAccount:acme-sandbox.svc.id.goog[sourcegraph/${sa}]`,
      ),
    );
    // The cluster creates the Workload Identity pool the members name.
    for (const b of bindings) expect(b.depends_on).toEqual(['google_service_account.cluster']);
    const grants = values(json, 'google_storage_bucket_iam_member');
    expect(grants).toHaveLength(1);
    expect(grants[0].role).toBe('roles/storage.objectAdmin');
    expect(grants[0].member).toMatch(/^\$\{google_service_account\.[^.]+\.member\}$/);
    expect(json.resource.google_project_iam_member).toBeUndefined();
  });

  it('never writes a password, and nothing it creates is public or protected from destroy', () => {
    const { json, text } = infra();
    expect(text).not.toMatch(/"(password|secret_data|auth_string)"\s*:/);
    const sql = values(json, 'google_sql_database_instance')[0];
    expect(sql.deletion_protection).toBe(false);
    expect(sql.settings.deletion_protection_enabled).toBe(false);
    expect(sql.settings.ip_configuration.ipv4_enabled).toBe(false);
    expect(values(json, 'google_storage_bucket')[0].public_access_prevention).toBe('enforced');
    expect(values(json, 'google_secret_manager_secret')[0].deletion_protection).toBe(false);
    expect(json.resource.google_service_networking_connection).toBeUndefined();
  });

  it('appends the instance suffix, and refuses a bad one', () => {
    expect(values(infra(everything, { postgresInstanceSuffix: 'b2' }).json, 'google_sql_database_instance')[0].name).toBe('acme-prod-sourcegraph-b2');
    expect(() => infra(everything, { postgresInstanceSuffix: 'B-2' })).toThrow(/postgresInstanceSuffix "B-2"/);
  });
});

describe('gcpExternalServiceFacts, wired by ExternalServiceWiring', () => {
  const connections: GcpExternalServiceConnections = {
    project: 'acme-sandbox',
    postgres: { host: '10.0.128.9', port: 5432, user: 'sourcegraph', passwordSecretId: 'acme-prod-sourcegraph-sourcegraph-password', passwordSecretVersion: '1' },
    redis: {
      redisCache: { name: 'acme-prod-redis-cache', region: 'us-central1', authEnabled: true },
      redisStore: { name: 'acme-prod-redis-store', region: 'us-central1', authEnabled: true },
    },
    objectStorage: { bucket: 'acme-prod-uploads-acme-sandbox', serviceAccountEmail: 'acme-prod-blob@acme-sandbox.iam.gserviceaccount.com' },
  };

  function wire(design = everything, conns = connections): { text: string; json: any; wiring: ExternalServiceWiring } {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'sourcegraph');
    new GoogleProvider(stack, 'google', { project: 'acme-sandbox', region: 'us-central1' });
    new KubernetesProvider(stack, 'kubernetes', {});
    const wiring = new ExternalServiceWiring(stack, 'wiring', { design, namespace: 'sourcegraph', facts: gcpExternalServiceFacts(conns) });
    const text = Testing.synth(stack);
    return { text, json: JSON.parse(text), wiring };
  }

  it('creates the five Secrets from Secret Manager and Memorystore, with no job and no secret in the JSON', () => {
    const { json, text, wiring } = wire();
    const secrets = Object.fromEntries(values(json, 'kubernetes_secret_v1').map((s) => [s.metadata.name, s.data]));
    expect(Object.keys(secrets).sort()).toEqual([
      'sg-replica-codeinsights-db-auth',
      'sg-replica-codeintel-db-auth',
      'sg-replica-pgsql-auth',
      'sg-replica-redis-cache-endpoint',
      'sg-replica-redis-store-endpoint',
    ]);
    expect(secrets['sg-replica-pgsql-auth']).toEqual({
      database: 'sg',
      host: '10.0.128.9',
      password: expect.stringMatching(/^\$\{data\.google_secret_manager_secret_version\.[^.]+\.secret_data\}$/),
      port: '5432',
      sslmode: 'require',
      user: 'sourcegraph',
    });
    expect(secrets['sg-replica-codeintel-db-auth'].database).toBe('codeintel');
    expect(secrets['sg-replica-redis-cache-endpoint'].endpoint).toMatch(
      /^redis:\/\/:\$\{data\.google_redis_instance\.[^.]+\.auth_string\}@\$\{data\.google_redis_instance\.[^.]+\.host\}:\$\{data\.google_redis_instance\.[^.]+\.port\}$/,
    );
    const pw = Object.values(json.data.google_secret_manager_secret_version)[0] as any;
    expect(pw).toEqual(expect.objectContaining({ secret: connections.postgres!.passwordSecretId, version: '1', project: 'acme-sandbox' }));
    expect(json.resource.kubernetes_job_v1).toBeUndefined();
    expect(wiring.releaseDependencies).toHaveLength(5);
    expect(unresolvedReferences(text)).toEqual([]);
  });

  it('leaves the AUTH string out when Memorystore does not require it', () => {
    const conns = {
      ...connections,
      redis: {
        redisCache: { ...connections.redis!.redisCache, authEnabled: false },
        redisStore: { ...connections.redis!.redisStore, authEnabled: false },
      },
    };
    const secrets = values(wire(everything, conns).json, 'kubernetes_secret_v1').filter((s) => s.metadata.name.includes('redis'));
    for (const s of secrets) expect(s.data.endpoint).toMatch(/^redis:\/\/\$\{data\.google_redis_instance\.[^.]+\.host\}:/);
  });

  it('produces the values layer: bundled services off, GCS through Workload Identity on every upload store consumer', () => {
    const { wiring } = wire();
    const v: any = wiring.values;
    expect(v.pgsql).toEqual({ enabled: false, auth: { existingSecret: 'sg-replica-pgsql-auth' } });
    expect(v.redisStore).toEqual({ enabled: false, connection: { existingSecret: 'sg-replica-redis-store-endpoint' } });
    expect(v.blobstore).toEqual({ enabled: false });
    for (const [svc, sa] of [
      ['frontend', 'sourcegraph-frontend'],
      ['preciseCodeIntel', 'precise-code-intel-worker'],
      ['syntacticCodeIntel', 'syntactic-code-intel-worker'],
      ['worker', 'worker'],
      ['gitserver', 'gitserver'],
      ['searcher', 'searcher'],
    ]) {
      expect(v[svc].env.SOURCEGRAPH_UPLOAD_BACKEND).toEqual({ value: 'GCS' });
      expect(v[svc].env.SOURCEGRAPH_UPLOAD_BUCKET).toEqual({ value: 'acme-prod-uploads-acme-sandbox' });
      expect(v[svc].env.SOURCEGRAPH_UPLOAD_MANAGE_BUCKET).toEqual({ value: 'false' });
      expect(v[svc].serviceAccount).toEqual({
        create: true,
        name: sa,
        annotations: { 'iam.gke.io/gcp-service-account': 'acme-prod-blob@acme-sandbox.iam.gserviceaccount.com' },
      });
    }
  });

  it('only wires what it is given, and refuses GCS for an AWS design', () => {
    const pgOnly = gcpDesign({ externalServices: { postgres: { instanceClass: 'db-custom-2-7680', storageGb: 100, highAvailability: false } } });
    const { json, wiring } = wire(pgOnly, { project: 'acme-sandbox', postgres: connections.postgres });
    expect(json.data.google_redis_instance).toBeUndefined();
    expect(Object.keys(wiring.values).sort()).toEqual(['codeInsightsDB', 'codeIntelDB', 'pgsql']);
    const awsWithBucket = awsDesign({ externalServices: { objectStorage: {} } });
    expect(() => wire(awsWithBucket as any, { project: 'acme-sandbox', objectStorage: connections.objectStorage })).toThrow(
      /is on aws: GCS object storage endpoints are only built for GCP; give S3 endpoints/,
    );
  });
});
