import { ITerraformDependable, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { SecretV1 } from '../providers/kubernetes';
import { EXTERNAL_DATABASE_NAMES, EXTERNAL_DATABASE_SECRET_NAMES, SOURCEGRAPH_DATABASE_KEYS } from '../sourcegraph/external-services-values';
import { isDnsLabel, isDnsSubdomain, validateLabels } from '../catalog/kubernetes-names';

/** `sslmode` values libpq knows. */
export const POSTGRES_SSL_MODES: readonly string[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** Labels on every connection Secret sg-replica creates. */
const SECRET_LABELS = { 'app.kubernetes.io/managed-by': 'sg-replica', 'app.kubernetes.io/part-of': 'sourcegraph' };

/** What every connection Secret has in common. */
interface ConnectionSecretBaseProps {
  /** Secret name (DNS subdomain). */
  readonly name: string;
  /** Namespace of the Secret: the Sourcegraph release's. */
  readonly namespace: string;
  /** Extra labels. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** The Kubernetes provider to use. @default the stack's default Kubernetes provider */
  readonly provider?: TerraformProvider;
  /** What the Secret waits for, e.g. the namespace. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** Properties of a {@link PostgresConnectionSecret}. */
export interface PostgresConnectionSecretProps extends ConnectionSecretBaseProps {
  /** Database server host name (may be a token). */
  readonly host: string;
  /** Server port. @default 5432 */
  readonly port?: number;
  /** Database name. */
  readonly database: string;
  /** User name. */
  readonly user: string;
  /**
   * The password: a token (e.g. read from Secrets Manager by a data source),
   * never a literal, so it stays out of the synthesized configuration.
   */
  readonly password: string;
  /** libpq `sslmode`. @default 'require' */
  readonly sslmode?: string;
}

/**
 * A Secret with the connection of one Sourcegraph database, in the shape
 * the chart's `<db>.auth.existingSecret` expects: keys `database`, `host`,
 * `password`, `port`, `user` and `sslmode` (all six; a missing key keeps
 * the pods from starting).
 *
 * The password must be a Terraform reference: a literal password is
 * refused, because it would be written into the synthesized JSON. The value
 * still lands in Terraform state (the provider marks `data` sensitive).
 */
export class PostgresConnectionSecret extends Construct {
  /** Name of the Secret, for `auth.existingSecret`. */
  public readonly name: string;
  /** The `kubernetes_secret_v1`. */
  public readonly resource: SecretV1;

  constructor(scope: Construct, id: string, props: PostgresConnectionSecretProps) {
    super(scope, id);
    const what = `PostgresConnectionSecret '${props.name}'`;
    validateBase(props, what);
    const port = props.port ?? 5432;
    const sslmode = props.sslmode ?? 'require';
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${what}: port ${port} is not a TCP port`);
    if (!POSTGRES_SSL_MODES.includes(sslmode)) {
      throw new Error(`${what}: sslmode '${sslmode}' is not one of ${POSTGRES_SSL_MODES.join(', ')}`);
    }
    if (!Token.isUnresolved(props.password)) {
      throw new Error(`${what}: password must be a Terraform reference (e.g. from Secrets Manager), not a literal that would be written into the synthesized configuration`);
    }
    for (const [key, value] of [['host', props.host], ['database', props.database], ['user', props.user]] as const) {
      if (value === '') throw new Error(`${what}: ${key} is empty`);
    }
    this.name = props.name;
    this.resource = new SecretV1(this, 'resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...SECRET_LABELS, ...(props.labels ?? {}) } },
      type: 'Opaque',
      data: {
        database: props.database,
        host: props.host,
        password: props.password,
        port: String(port),
        sslmode,
        user: props.user,
      },
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
  }
}

/** Properties of a {@link RedisEndpointSecret}. */
export interface RedisEndpointSecretProps extends ConnectionSecretBaseProps {
  /** The endpoint: `redis://host:port[/db]`, `rediss://host:port[/db]` (TLS) or `host:port` (may contain tokens). */
  readonly endpoint: string;
}

/**
 * A Secret with one Redis endpoint, in the shape the chart's
 * `redisCache/redisStore.connection.existingSecret` expects: key `endpoint`.
 */
export class RedisEndpointSecret extends Construct {
  /** Name of the Secret, for `connection.existingSecret`. */
  public readonly name: string;
  /** The `kubernetes_secret_v1`. */
  public readonly resource: SecretV1;

  constructor(scope: Construct, id: string, props: RedisEndpointSecretProps) {
    super(scope, id);
    const what = `RedisEndpointSecret '${props.name}'`;
    validateBase(props, what);
    const ep = props.endpoint;
    if (ep === '' || (!/^rediss?:\/\//.test(ep) && (ep.includes('/') || !ep.includes(':')))) {
      throw new Error(`${what}: endpoint '${ep}' must be redis://host:port, rediss://host:port (TLS) or host:port`);
    }
    this.name = props.name;
    this.resource = new SecretV1(this, 'resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...SECRET_LABELS, ...(props.labels ?? {}) } },
      type: 'Opaque',
      data: { endpoint: ep },
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
  }
}

function validateBase(props: ConnectionSecretBaseProps, what: string): void {
  if (!isDnsSubdomain(props.name)) throw new Error(`${what}: '${props.name}' is not a valid Secret name`);
  if (!isDnsLabel(props.namespace)) throw new Error(`${what}: '${props.namespace}' is not a valid namespace name`);
  validateLabels(props.labels ?? {}, `${what} labels`);
}

/** What the three Sourcegraph database Secrets share: one server, one user. */
export interface SourcegraphDatabaseSecretsProps extends Omit<ConnectionSecretBaseProps, 'name'> {
  readonly host: string;
  /** @default 5432 */
  readonly port?: number;
  readonly user: string;
  /** A reference to the password (never a literal: the Secret construct refuses one). */
  readonly password: string;
}

/**
 * The Secrets of pgsql, codeintel-db and codeinsights-db (`existingSecret`
 * of each), one database each on the same server, TLS required.
 */
export function sourcegraphDatabaseSecrets(scope: Construct, props: SourcegraphDatabaseSecretsProps): PostgresConnectionSecret[] {
  return SOURCEGRAPH_DATABASE_KEYS.map(
    (key) =>
      new PostgresConnectionSecret(scope, `${key}-secret`, {
        ...props,
        name: EXTERNAL_DATABASE_SECRET_NAMES[key],
        database: EXTERNAL_DATABASE_NAMES[key],
        sslmode: 'require',
      }),
  );
}
