import { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { JobV1, type JobV1SpecTemplateSpecContainerEnv } from '../providers/kubernetes';
import { isDnsLabel, isDnsSubdomain } from '../catalog/kubernetes-names';

/** The image the job runs `psql` from when none is given: the official PostgreSQL 16 client. */
export const DEFAULT_BOOTSTRAP_IMAGE = 'postgres:16-alpine';
/** UID and GID of the `postgres` user in the official Alpine image. */
const POSTGRES_ALPINE_UID = '70';
/** How long Terraform waits for the job, and how long the job may run. */
export const DATABASE_BOOTSTRAP_TIMEOUT_SECONDS = 600;

/** Properties of a {@link DatabaseBootstrapJob}. */
export interface DatabaseBootstrapJobProps {
  /** Job name. @default 'sg-replica-create-databases' */
  readonly name?: string;
  /** Namespace the job runs in (the Sourcegraph namespace, where the Secret is). */
  readonly namespace: string;
  /**
   * A Secret with keys `host`, `port`, `user`, `password` and `sslmode` of a
   * user allowed to create databases (e.g. a `PostgresConnectionSecret` of the master user).
   */
  readonly adminSecretName: string;
  /** Databases to create when missing: lowercase letters, digits and `_`, starting with a letter. */
  readonly databases: readonly string[];
  /** Image with `psql` and `sh`. @default 'postgres:16-alpine' */
  readonly image?: string;
  /** The Kubernetes provider to use. @default the stack's default Kubernetes provider */
  readonly provider?: TerraformProvider;
  /** What the job waits for: the admin Secret, the namespace. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A Kubernetes Job that creates the given databases on a PostgreSQL server
 * that only the cluster can reach (a private RDS instance: Terraform itself
 * cannot connect). Idempotent: a database that exists is left alone.
 * Terraform waits for the job to complete, so the Sourcegraph release can
 * depend on it and find its databases.
 *
 * The pod runs as a non-root user with a read-only root filesystem, no
 * privilege escalation, no capabilities and no service account token.
 */
export class DatabaseBootstrapJob extends Construct {
  /** The `kubernetes_job_v1`. */
  public readonly job: JobV1;
  /** The shell script the job runs (for tests and reports). */
  public readonly script: string;

  constructor(scope: Construct, id: string, props: DatabaseBootstrapJobProps) {
    super(scope, id);
    const name = props.name ?? 'sg-replica-create-databases';
    validate(props, name);
    this.script = bootstrapScript(props.databases);
    const secretEnv = (envName: string, key: string): JobV1SpecTemplateSpecContainerEnv => ({
      name: envName,
      valueFrom: { secretKeyRef: { name: props.adminSecretName, key } },
    });

    this.job = new JobV1(this, 'job', {
      metadata: {
        name,
        namespace: props.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'sg-replica', 'app.kubernetes.io/name': name },
      },
      spec: {
        backoffLimit: 6,
        activeDeadlineSeconds: DATABASE_BOOTSTRAP_TIMEOUT_SECONDS,
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': name } },
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: POSTGRES_ALPINE_UID,
              runAsGroup: POSTGRES_ALPINE_UID,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            container: [
              {
                name: 'create-databases',
                image: props.image ?? DEFAULT_BOOTSTRAP_IMAGE,
                command: ['/bin/sh', '-c', this.script],
                env: [
                  secretEnv('PGHOST', 'host'),
                  secretEnv('PGPORT', 'port'),
                  secretEnv('PGUSER', 'user'),
                  secretEnv('PGPASSWORD', 'password'),
                  secretEnv('PGSSLMODE', 'sslmode'),
                  { name: 'PGDATABASE', value: 'postgres' },
                  { name: 'PGCONNECT_TIMEOUT', value: '10' },
                ],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  privileged: false,
                  capabilities: { drop: ['ALL'] },
                },
                resources: {
                  requests: { cpu: '50m', memory: '64Mi' },
                  limits: { cpu: '500m', memory: '128Mi' },
                },
              },
            ],
          },
        },
      },
      waitForCompletion: true,
      timeouts: { create: `${DATABASE_BOOTSTRAP_TIMEOUT_SECONDS / 60}m`, update: `${DATABASE_BOOTSTRAP_TIMEOUT_SECONDS / 60}m` },
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
  }
}

/** Database names the script may quote safely: lowercase identifiers. */
const DATABASE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * The job's script: waits for the server (up to ~5 minutes), then creates
 * each database that does not exist yet. No `${` anywhere: Terraform would
 * read it as an interpolation.
 */
export function bootstrapScript(databases: readonly string[]): string {
  for (const db of databases) {
    if (!DATABASE_NAME.test(db)) throw new Error(`Database name '${db}' must be lowercase letters, digits and _, starting with a letter`);
  }
  return [
    'set -eu',
    'tries=0',
    'until psql -tAc "SELECT 1" >/dev/null; do',
    '  tries=$((tries + 1))',
    '  if [ "$tries" -ge 30 ]; then echo "PostgreSQL at $PGHOST:$PGPORT is not reachable" >&2; exit 1; fi',
    '  sleep 10',
    'done',
    `for db in ${databases.join(' ')}; do`,
    `  if [ "$(psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" = "1" ]; then`,
    '    echo "database $db exists"',
    '  else',
    `    psql -v ON_ERROR_STOP=1 -c "CREATE DATABASE \\"$db\\""`,
    '    echo "database $db created"',
    '  fi',
    'done',
  ].join('\n');
}

function validate(props: DatabaseBootstrapJobProps, name: string): void {
  const what = `DatabaseBootstrapJob '${name}'`;
  if (!isDnsLabel(name)) throw new Error(`${what}: '${name}' is not a valid Job name (DNS label)`);
  if (!isDnsLabel(props.namespace)) throw new Error(`${what}: '${props.namespace}' is not a valid namespace name`);
  if (!isDnsSubdomain(props.adminSecretName)) throw new Error(`${what}: '${props.adminSecretName}' is not a valid Secret name`);
  if (props.databases.length === 0) throw new Error(`${what}: no databases to create`);
  const duplicates = props.databases.filter((d, i) => props.databases.indexOf(d) !== i);
  if (duplicates.length > 0) throw new Error(`${what}: databases listed twice: ${duplicates.join(', ')}`);
  if (props.image !== undefined && props.image.trim() === '') throw new Error(`${what}: image is empty`);
}
