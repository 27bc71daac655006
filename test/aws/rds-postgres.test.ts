import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { RdsPostgres, SOURCEGRAPH_POSTGRES_EXTENSIONS, type RdsPostgresProps } from '../../lib/aws/rds-postgres';
import { DbInstance, DbParameterGroup, DbSubnetGroup, SecurityGroup, VpcSecurityGroupIngressRule } from '../../lib/providers/aws';

/** The Terraform expressions the given values synthesize to (through outputs). */
function synthesized(build: (scope: Construct) => Record<string, string>): Record<string, string> {
  const out = JSON.parse(
    Testing.synthScope((scope) => {
      for (const [key, value] of Object.entries(build(scope))) new TerraformOutput(scope, `out-${key}`, { value });
    }),
  );
  return Object.fromEntries(Object.entries(out.output as Record<string, { value: string }>).map(([k, v]) => [k.replace(/^out-/, ''), v.value]));
}

const base: RdsPostgresProps = {
  identifier: 'acme-sourcegraph',
  instanceClass: 'db.m7g.large',
  vpcId: 'vpc-123',
  subnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
  clientSecurityGroupIds: ['sg-0c1a5e7'],
};

function synth(props: Partial<RdsPostgresProps> = {}): string {
  return Testing.synthScope((scope) => {
    new RdsPostgres(scope, 'postgres', { ...base, ...props });
  });
}

describe('RdsPostgres', () => {
  it('is PostgreSQL 16, encrypted, private, with a master password Terraform owns, and destroyable', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(DbInstance, {
      identifier: 'acme-sourcegraph',
      engine: 'postgres',
      engine_version: '16',
      instance_class: 'db.m7g.large',
      allocated_storage: 100,
      storage_type: 'gp3',
      storage_encrypted: true,
      publicly_accessible: false,
      username: 'sourcegraph',
      password_wo_version: 1,
      multi_az: false,
      deletion_protection: false,
      skip_final_snapshot: true,
      delete_automated_backups: true,
      backup_retention_period: 0,
      iam_database_authentication_enabled: false,
      port: 5432,
    });
    const instance = Object.values(JSON.parse(out).resource.aws_db_instance)[0] as Record<string, unknown>;
    expect(instance.password).toBeUndefined();
    // RDS's managed password rotates every 7 days under the Kubernetes Secrets that copy it.
    expect(instance.manage_master_user_password).toBeUndefined();
    expect(instance.password_wo).toMatch(/^\$\{local\.postgres_master-password_value_[0-9A-F]+\}$/);
    expect(instance.final_snapshot_identifier).toBeUndefined();
    expect(instance.db_subnet_group_name).toMatch(/aws_db_subnet_group\..*\.name/);
    expect(instance.parameter_group_name).toMatch(/aws_db_parameter_group\..*\.name/);
    expect(instance.vpc_security_group_ids).toEqual([expect.stringMatching(/aws_security_group\..*\.id/)]);
  });

  it('is Multi-AZ with high availability, and takes storage and version from the props', () => {
    expect(synth({ highAvailability: true, storageGb: 250, engineVersion: '16.4' })).toHaveResourceWithProperties(DbInstance, {
      multi_az: true,
      allocated_storage: 250,
      engine_version: '16.4',
    });
  });

  it('forces TLS and allows exactly the extensions Sourcegraph needs', () => {
    const out = synth({ engineVersion: '17' });
    expect(out).toHaveResourceWithProperties(DbParameterGroup, { family: 'postgres17', name: 'acme-sourcegraph-postgres17' });
    const group = Object.values(JSON.parse(out).resource.aws_db_parameter_group)[0] as { parameter: { name: string; value: string }[] };
    expect(group.parameter).toEqual([
      { name: 'rds.force_ssl', value: '1', apply_method: 'pending-reboot' },
      { name: 'rds.allowed_extensions', value: SOURCEGRAPH_POSTGRES_EXTENSIONS.join(','), apply_method: 'pending-reboot' },
    ]);
    expect(SOURCEGRAPH_POSTGRES_EXTENSIONS).toEqual(['citext', 'hstore', 'intarray', 'pg_stat_statements', 'pg_trgm', 'pgcrypto', 'vector']);
  });

  it('lives in the given private subnets, reachable only from the client security groups on 5432', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(DbSubnetGroup, { name: 'acme-sourcegraph', subnet_ids: ['subnet-a', 'subnet-b', 'subnet-c'] });
    expect(out).toHaveResourceWithProperties(SecurityGroup, { name: 'acme-sourcegraph-postgres', vpc_id: 'vpc-123', egress: [] });
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      referenced_security_group_id: 'sg-0c1a5e7',
      from_port: 5432,
      to_port: 5432,
      ip_protocol: 'tcp',
    });
  });

  it('exposes the endpoint and the master secret ARN as references', () => {
    let pg!: RdsPostgres;
    const out = synthesized((scope) => {
      pg = new RdsPostgres(scope, 'postgres', base);
      return { address: pg.address, secret: pg.masterUserSecretArn };
    });
    expect(out.address).toMatch(/^\$\{aws_db_instance\..*\.address\}$/);
    // Through the secret's version, so a reader waits until the password is in it.
    expect(out.secret).toMatch(/^\$\{aws_secretsmanager_secret_version\.postgres_master-password_version_[0-9A-F]+\.secret_id\}$/);
    expect(pg.port).toBe(5432);
    expect(pg.masterUsername).toBe('sourcegraph');
  });

  it('keeps no password in the synthesized configuration, and requires Terraform 1.11 for write-only arguments', () => {
    const out = JSON.parse(synth());
    expect(out.terraform.required_version).toBe('>= 1.11.0');
    const [local] = Object.values(out.locals);
    expect(local).toBe('${uuid()}');
    const [version] = Object.values(out.resource.aws_secretsmanager_secret_version) as any[];
    expect(version).toEqual({
      secret_id: expect.stringMatching(/^\$\{aws_secretsmanager_secret\..*\.arn\}$/),
      secret_string_wo: expect.stringMatching(/^\$\{jsonencode\(\{"username" = "sourcegraph", "password" = local\..*\}\)\}$/),
      secret_string_wo_version: 1,
    });
    expect(version.secret_string).toBeUndefined();
  });

  describe('validation', () => {
    it.each([
      [{ identifier: 'Acme' }, /identifier must be/],
      [{ identifier: 'acme--db' }, /identifier must be/],
      [{ identifier: 'acme-' }, /identifier must be/],
      [{ identifier: `a${'b'.repeat(63)}` }, /identifier must be/],
      [{ instanceClass: 'm7g.large' }, /"m7g.large" is not an RDS instance class/],
      [{ engineVersion: '15' }, /needs PostgreSQL 16 or later/],
      [{ engineVersion: '16.x' }, /not a PostgreSQL version/],
      [{ storageGb: 10 }, /storageGb 10/],
      [{ masterUsername: 'rdsadmin' }, /masterUsername "rdsadmin"/],
      [{ masterUsername: '1user' }, /masterUsername "1user"/],
      [{ backupRetentionDays: 36 }, /backupRetentionDays 36/],
      [{ subnetIds: ['subnet-a'] }, /at least two zones/],
      [{ clientSecurityGroupIds: [] }, /clientSecurityGroupIds is empty/],
    ])('refuses %j', (props, message) => {
      expect(() => synth(props as Partial<RdsPostgresProps>)).toThrow(message);
    });
  });
});
