import { enableApisCommand, GCP_REPLICA_APIS, requiredGcpApis } from '../../lib/gcp/required-apis';

const names = (apis: { service: string }[]) => apis.map((a) => a.service);

describe('requiredGcpApis', () => {
  it('always includes what GKE, project IAM grants and Workload Identity need, bootstrap APIs first', () => {
    const apis = requiredGcpApis();
    expect(names(apis)).toEqual([
      'serviceusage.googleapis.com',
      'cloudresourcemanager.googleapis.com',
      'compute.googleapis.com',
      'container.googleapis.com',
      'iam.googleapis.com',
      'iamcredentials.googleapis.com',
      'sts.googleapis.com',
      'logging.googleapis.com',
      'monitoring.googleapis.com',
    ]);
    expect(apis.filter((a) => a.bootstrap).map((a) => a.service)).toEqual(['serviceusage.googleapis.com', 'cloudresourcemanager.googleapis.com']);
  });

  it('adds each external service\'s APIs only when the design has it', () => {
    expect(names(requiredGcpApis({ postgres: true }))).toEqual(expect.arrayContaining(['sqladmin.googleapis.com', 'secretmanager.googleapis.com']));
    expect(names(requiredGcpApis({ postgres: true }))).not.toContain('redis.googleapis.com');
    expect(names(requiredGcpApis({ redis: true }))).toContain('redis.googleapis.com');
    expect(names(requiredGcpApis({ objectStorage: true }))).toContain('storage.googleapis.com');
    expect(requiredGcpApis({ postgres: true, redis: true, objectStorage: true })).toEqual(GCP_REPLICA_APIS);
  });

  it('says why each API is needed', () => {
    for (const api of GCP_REPLICA_APIS) expect(api.why.length).toBeGreaterThan(10);
  });
});

describe('enableApisCommand', () => {
  it('is one idempotent gcloud command for the project', () => {
    expect(enableApisCommand('acme-sandbox', requiredGcpApis().filter((a) => a.bootstrap))).toBe(
      'gcloud services enable serviceusage.googleapis.com cloudresourcemanager.googleapis.com --project acme-sandbox',
    );
  });

  it('refuses a project that is not a project id (the text goes into a shell)', () => {
    expect(() => enableApisCommand('acme; rm -rf /', [])).toThrow('"acme; rm -rf /" is not a GCP project id');
  });
});
