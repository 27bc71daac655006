import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { CloudSqlPostgres, cloudSqlEdition, type CloudSqlPostgresProps } from '../../lib/gcp/cloud-sql-postgres';
import { unresolvedReferences } from '../support/terraform-references';

const base: CloudSqlPostgresProps = {
  instanceName: 'acme-sourcegraph',
  project: 'acme-sandbox',
  region: 'us-central1',
  tier: 'db-custom-4-16384',
  networkSelfLink: 'projects/acme-sandbox/global/networks/acme',
  subnetworkSelfLink: 'projects/acme-sandbox/regions/us-central1/subnetworks/acme-nodes',
  databases: ['sg', 'codeintel', 'codeinsights'],
};

function synth(props: Partial<CloudSqlPostgresProps> = {}): { json: any; text: string } {
  const text = Testing.synthScope((scope) => void new CloudSqlPostgres(scope, 'pg', { ...base, ...props }));
  return { json: JSON.parse(text), text };
}

describe('CloudSqlPostgres', () => {
  it('is PostgreSQL 16, private (PSC only, this project), TLS only and destroyable', () => {
    const { json, text } = synth();
    const instance: any = Object.values(json.resource.google_sql_database_instance)[0];
    expect(instance).toEqual(expect.objectContaining({ name: 'acme-sourcegraph', database_version: 'POSTGRES_16', deletion_protection: false }));
    expect(instance.settings).toEqual(
      expect.objectContaining({
        tier: 'db-custom-4-16384',
        edition: 'ENTERPRISE',
        availability_type: 'ZONAL',
        disk_type: 'PD_SSD',
        disk_size: 100,
        deletion_protection_enabled: false,
        retain_backups_on_delete: false,
        backup_configuration: { enabled: false, point_in_time_recovery_enabled: false },
        ip_configuration: {
          ipv4_enabled: false,
          ssl_mode: 'ENCRYPTED_ONLY',
          psc_config: [{ psc_enabled: true, allowed_consumer_projects: ['acme-sandbox'] }],
        },
      }),
    );
    expect(instance.settings.ip_configuration.authorized_networks).toBeUndefined();
    expect(instance.settings.database_flags).toBeUndefined();
    expect(instance.encryption_key_name).toBeUndefined();
    expect(unresolvedReferences(text)).toEqual([]);
  });

  it('puts the endpoint in the subnet, targeting the instance, and exposes its address as the host', () => {
    let host = '';
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        host = new CloudSqlPostgres(scope, 'pg', base).host;
      }),
    );
    const rule: any = Object.values(json.resource.google_compute_forwarding_rule)[0];
    expect(rule.name).toBe('acme-sourcegraph-psc');
    expect(rule.target).toMatch(/^\$\{google_sql_database_instance\.[^.]+\.psc_service_attachment_link\}$/);
    expect(host).toContain('TOKEN');
  });

  it('creates the databases and the user through the API, abandoned on destroy, password write-only', () => {
    const { json, text } = synth();
    const dbs = Object.values(json.resource.google_sql_database) as any[];
    expect(dbs.map((d) => d.name).sort()).toEqual(['codeinsights', 'codeintel', 'sg']);
    for (const db of dbs) expect(db).toEqual(expect.objectContaining({ deletion_policy: 'ABANDON', charset: 'UTF8' }));
    const user: any = Object.values(json.resource.google_sql_user)[0];
    expect(user).toEqual(expect.objectContaining({ name: 'sourcegraph', type: 'BUILT_IN', deletion_policy: 'ABANDON', password_wo_version: 1 }));
    expect(user.password_wo).toMatch(/^\$\{local\./);
    expect(user.password).toBeUndefined();
    expect(text).not.toMatch(/"password"\s*:/);
  });

  it('follows highAvailability, storage and the tier\'s edition', () => {
    const { json } = synth({ highAvailability: true, storageGb: 250, tier: 'db-perf-optimized-N-8' });
    const settings = (Object.values(json.resource.google_sql_database_instance)[0] as any).settings;
    expect(settings).toEqual(expect.objectContaining({ availability_type: 'REGIONAL', disk_size: 250, edition: 'ENTERPRISE_PLUS' }));
    expect(cloudSqlEdition('db-custom-2-7680')).toBe('ENTERPRISE');
  });

  it('refuses what Cloud SQL or Sourcegraph would refuse, naming the value', () => {
    expect(() => synth({ tier: 'db.m7g.large' })).toThrow(/tier "db.m7g.large"/);
    expect(() => synth({ databaseVersion: 'POSTGRES_15' })).toThrow(/POSTGRES_15.*16 or later/);
    expect(() => synth({ storageGb: 5 })).toThrow(/storageGb 5/);
    expect(() => synth({ instanceName: 'Acme' })).toThrow(/instanceName/);
    expect(() => synth({ username: 'postgres' })).toThrow(/username "postgres"/);
    expect(() => synth({ databases: ['sg', 'sg'] })).toThrow(/"sg" is listed twice/);
    expect(() => synth({ databases: [] })).toThrow(/databases is empty/);
  });
});
