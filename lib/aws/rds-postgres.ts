import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { DbInstance, DbParameterGroup, DbSubnetGroup } from '../providers/aws';
import { MasterPasswordSecret } from './master-password-secret';
import { ServiceSecurityGroup } from './service-security-group';

/** Port PostgreSQL listens on. */
export const POSTGRES_PORT = 5432;
/** The oldest PostgreSQL major version Sourcegraph 6+ supports. */
export const MIN_POSTGRES_MAJOR_VERSION = 16;
/** The engine version when none is given: the newest 16.x RDS offers (minor upgrades are automatic). */
export const DEFAULT_POSTGRES_ENGINE_VERSION = '16';
/** Master user when none is given. Sourcegraph connects as this user (it has `rds_superuser`, which migrations need). */
export const DEFAULT_POSTGRES_MASTER_USERNAME = 'sourcegraph';

/**
 * The extensions Sourcegraph's migrations create, and nothing else: the
 * instance's `rds.allowed_extensions`.
 */
export const SOURCEGRAPH_POSTGRES_EXTENSIONS: readonly string[] = [
  'citext',
  'hstore',
  'intarray',
  'pg_stat_statements',
  'pg_trgm',
  'pgcrypto',
  'vector',
];

/** Properties of an {@link RdsPostgres}. */
export interface RdsPostgresProps {
  /** DB instance identifier, e.g. `acme-sourcegraph`: 1-63 lowercase letters, digits and `-`, starting with a letter. Also names the subnet, parameter and security groups. */
  readonly identifier: string;
  /** RDS instance class, e.g. `db.m7g.large`. */
  readonly instanceClass: string;
  /** The VPC of the cluster. */
  readonly vpcId: string;
  /** Private subnets the instance may live in (at least two zones, as RDS requires). */
  readonly subnetIds: string[];
  /** Security groups whose members may connect (the EKS cluster security group); nothing else can. */
  readonly clientSecurityGroupIds: readonly string[];
  /** Allocated storage, GiB (gp3, 20-65536). @default 100 */
  readonly storageGb?: number;
  /** A standby in another zone (Multi-AZ). @default false */
  readonly highAvailability?: boolean;
  /** PostgreSQL version: a major (`16`, RDS picks the newest minor) or `16.x`; at least 16. @default '16' */
  readonly engineVersion?: string;
  /** Master user name. @default 'sourcegraph' */
  readonly masterUsername?: string;
  /** Days of automated backups; 0 turns them off (a replica is disposable, and creation is faster). @default 0 */
  readonly backupRetentionDays?: number;
}

/**
 * A PostgreSQL instance on RDS for Sourcegraph's databases: encrypted at
 * rest, TLS required (`rds.force_ssl`), not publicly accessible, in the
 * private subnets, reachable only from the client security groups, only
 * Sourcegraph's extensions allowed, and a master password that Terraform
 * generates once and owns (`MasterPasswordSecret`: kept in Secrets Manager,
 * written through write-only arguments, so it is neither in the synthesized
 * configuration nor in this stack's state, and it never rotates under the
 * Kubernetes Secrets that copy it). Destroyable: no deletion protection, no
 * final snapshot, automated backups deleted with it.
 *
 * Sourcegraph's three databases are created inside the cluster (see
 * `DatabaseBootstrapJob`): the instance only has `postgres`.
 */
export class RdsPostgres extends Construct {
  /** The `aws_db_instance`. */
  public readonly instance: DbInstance;
  /** The parameter group. */
  public readonly parameterGroup: DbParameterGroup;
  /** The subnet group. */
  public readonly subnetGroup: DbSubnetGroup;
  /** The instance's security group. */
  public readonly securityGroup: ServiceSecurityGroup;
  /** Host name of the instance. */
  public readonly address: string;
  /** Port of the instance (5432). */
  public readonly port: number;
  /** Master user name. */
  public readonly masterUsername: string;
  /**
   * ARN of the Secrets Manager secret with the master credentials
   * (JSON `{"username": ..., "password": ...}`).
   */
  public readonly masterUserSecretArn: string;
  /** The generated master password's secret. */
  public readonly masterPassword: MasterPasswordSecret;

  constructor(scope: Construct, id: string, props: RdsPostgresProps) {
    super(scope, id);
    const engineVersion = props.engineVersion ?? DEFAULT_POSTGRES_ENGINE_VERSION;
    const storageGb = props.storageGb ?? 100;
    const masterUsername = props.masterUsername ?? DEFAULT_POSTGRES_MASTER_USERNAME;
    const backupRetentionDays = props.backupRetentionDays ?? 0;
    const major = validate(props, engineVersion, storageGb, masterUsername, backupRetentionDays);
    const name = props.identifier;

    this.subnetGroup = new DbSubnetGroup(this, 'subnet-group', {
      name,
      description: `Private subnets of RDS instance ${name}`,
      subnetIds: props.subnetIds,
    });
    this.securityGroup = new ServiceSecurityGroup(this, 'security-group', {
      name: `${name}-postgres`,
      description: `PostgreSQL of ${name} (RDS): clients only`,
      vpcId: props.vpcId,
      port: POSTGRES_PORT,
      clientSecurityGroupIds: props.clientSecurityGroupIds,
    });
    this.parameterGroup = new DbParameterGroup(this, 'parameters', {
      name: `${name}-postgres${major}`,
      family: `postgres${major}`,
      description: `Sourcegraph settings of ${name}`,
      // pending-reboot is accepted for static and dynamic parameters alike; a new
      // instance boots with the group, so every value holds from the start.
      parameter: [
        { name: 'rds.force_ssl', value: '1', applyMethod: 'pending-reboot' },
        { name: 'rds.allowed_extensions', value: SOURCEGRAPH_POSTGRES_EXTENSIONS.join(','), applyMethod: 'pending-reboot' },
      ],
    });

    this.masterPassword = new MasterPasswordSecret(this, 'master-password', {
      secretName: `${name}-postgres-master`,
      username: masterUsername,
      description: `Master password of RDS instance ${name} (user ${masterUsername}), generated by Terraform`,
    });

    this.instance = new DbInstance(this, 'instance', {
      identifier: name,
      engine: 'postgres',
      engineVersion,
      engineLifecycleSupport: 'open-source-rds-extended-support-disabled',
      instanceClass: props.instanceClass,
      allocatedStorage: storageGb,
      storageType: 'gp3',
      storageEncrypted: true,
      username: masterUsername,
      passwordWo: this.masterPassword.value,
      passwordWoVersion: this.masterPassword.writeOnlyVersion,
      port: POSTGRES_PORT,
      dbSubnetGroupName: this.subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
      parameterGroupName: this.parameterGroup.name,
      publiclyAccessible: false,
      multiAz: props.highAvailability ?? false,
      networkType: 'IPV4',
      iamDatabaseAuthenticationEnabled: false,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      applyImmediately: true,
      backupRetentionPeriod: backupRetentionDays,
      deleteAutomatedBackups: true,
      copyTagsToSnapshot: true,
      deletionProtection: false,
      skipFinalSnapshot: true,
      performanceInsightsEnabled: false,
      dependsOn: this.securityGroup.ingressRules,
    });

    this.address = this.instance.address;
    this.port = POSTGRES_PORT;
    this.masterUsername = masterUsername;
    this.masterUserSecretArn = this.masterPassword.secretArn;
  }
}

/** RDS instance identifiers: a letter, then letters, digits and single hyphens; no trailing hyphen. */
const IDENTIFIER = /^[a-z](?!.*--)[a-z0-9-]{0,62}(?<!-)$/;
const INSTANCE_CLASS = /^db\.[a-z0-9]+\.[a-z0-9]+$/;
const ENGINE_VERSION = /^(\d+)(\.\d+)?$/;
/** PostgreSQL user names RDS accepts: a letter, then letters, digits and `_`, at most 63; not reserved. */
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
const RESERVED_USERNAMES = new Set(['rdsadmin', 'rdsrepladmin', 'rds_superuser']);

/** Validates the props and returns the major version. */
function validate(
  props: RdsPostgresProps,
  engineVersion: string,
  storageGb: number,
  masterUsername: string,
  backupRetentionDays: number,
): number {
  const what = `RdsPostgres "${props.identifier}"`;
  if (!IDENTIFIER.test(props.identifier)) {
    throw new Error(`${what}: identifier must be 1-63 lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen`);
  }
  if (!INSTANCE_CLASS.test(props.instanceClass)) {
    throw new Error(`${what}: instanceClass "${props.instanceClass}" is not an RDS instance class such as db.m7g.large`);
  }
  const version = ENGINE_VERSION.exec(engineVersion);
  if (!version) throw new Error(`${what}: engineVersion "${engineVersion}" is not a PostgreSQL version such as 16 or 16.4`);
  const major = Number(version[1]);
  if (major < MIN_POSTGRES_MAJOR_VERSION) {
    throw new Error(`${what}: engineVersion "${engineVersion}": Sourcegraph 6+ needs PostgreSQL ${MIN_POSTGRES_MAJOR_VERSION} or later`);
  }
  if (!Number.isInteger(storageGb) || storageGb < 20 || storageGb > 65536) {
    throw new Error(`${what}: storageGb ${storageGb} must be a whole number from 20 to 65536 (gp3)`);
  }
  if (!USERNAME.test(masterUsername) || RESERVED_USERNAMES.has(masterUsername.toLowerCase())) {
    throw new Error(`${what}: masterUsername "${masterUsername}" must be 1-63 letters, digits and _, start with a letter, and not be reserved (${[...RESERVED_USERNAMES].join(', ')})`);
  }
  if (!Number.isInteger(backupRetentionDays) || backupRetentionDays < 0 || backupRetentionDays > 35) {
    throw new Error(`${what}: backupRetentionDays ${backupRetentionDays} must be a whole number from 0 to 35`);
  }
  if (props.subnetIds.length < 2 && !Token.isUnresolved(props.subnetIds)) {
    throw new Error(`${what}: subnetIds has ${props.subnetIds.length} subnet(s); RDS needs subnets in at least two zones`);
  }
  return major;
}
