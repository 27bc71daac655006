/**
 * The external services of a GKE replica (design `externalServices`), in
 * the same two halves as the AWS version (`stacks/aws-external-services.ts`):
 *
 * - {@link GcpExternalServices} goes in `GcpInfraStack`, after the cluster:
 *   Cloud SQL for PostgreSQL behind a Private Service Connect endpoint, two
 *   Memorystore for Redis instances (cache and store), the GCS bucket and
 *   its Workload Identity service account.
 * - {@link GcpExternalServiceWiring} goes in `SourcegraphStack`, after the
 *   namespace: reads the database password from Secret Manager and the Redis
 *   AUTH strings from Memorystore, creates the Kubernetes Secrets the chart
 *   reads, and produces the Helm values layer.
 *
 * {@link GcpExternalServices.connections} is what crosses the stack boundary
 * (cdktf turns its tokens into outputs and remote-state reads). No secret
 * among them. See docs/EXTERNAL-SERVICES.md, "GCP".
 */
import { ITerraformDependable, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { GcpDesign, Design, isGcpDesign } from '../lib/design/model';
import { CloudSqlPostgres } from '../lib/gcp/cloud-sql-postgres';
import { GcsBlobStorage } from '../lib/gcp/gcs-blob-storage';
import { MemorystoreRedis } from '../lib/gcp/memorystore-redis';
import { WorkloadIdentityServiceAccount } from '../lib/gcp/workload-identity-service-account';
import { PostgresConnectionSecret, sourcegraphDatabaseSecrets, RedisEndpointSecret } from '../lib/kubernetes/external-service-secrets';
import { DataGoogleRedisInstance, DataGoogleSecretManagerSecretVersion } from '../lib/providers/google';
import {
  BLOB_STORAGE_SERVICE_ACCOUNTS,
  EXTERNAL_DATABASE_NAMES,
  EXTERNAL_REDIS_SECRET_NAMES,
  ExternalServiceEndpoints,
  SOURCEGRAPH_DATABASE_KEYS,
  SourcegraphRedisKey,
  externalServicesValues,
} from '../lib/sourcegraph/external-services-values';
import { HelmValues } from '../lib/helm/merge-values';

/** One Memorystore instance, as the Sourcegraph stack finds it. */
export interface GcpRedisConnection {
  /** Instance id. */
  readonly name: string;
  readonly region: string;
  /** Whether the AUTH string must be read and sent. */
  readonly authEnabled: boolean;
}

/**
 * What the Sourcegraph stack needs from the infra stack's external services
 * on GCP. Tokens of the infra stack; no secret among them (the password and
 * AUTH strings are read by the Sourcegraph stack itself).
 */
export interface GcpExternalServiceConnections {
  /** The project every service is in. */
  readonly project: string;
  readonly postgres?: {
    /** The Private Service Connect endpoint's address. */
    readonly host: string;
    /** 5432. */
    readonly port: number;
    /** The user Sourcegraph connects as. */
    readonly user: string;
    /** Secret Manager secret holding the user's password. */
    readonly passwordSecretId: string;
    /** Version of that secret holding the password. */
    readonly passwordSecretVersion: string;
  };
  readonly redis?: Readonly<Record<SourcegraphRedisKey, GcpRedisConnection>>;
  readonly objectStorage?: {
    readonly bucket: string;
    /** The Google service account every bucket-using Kubernetes service account is annotated with. */
    readonly serviceAccountEmail: string;
  };
}

/** Properties of {@link GcpExternalServices}. */
export interface GcpExternalServicesProps {
  readonly design: GcpDesign;
  /** The VPC (`GkeNetwork.networkSelfLink`). */
  readonly networkSelfLink: string;
  /** The node subnet (`GkeNetwork.subnetworkSelfLink`): the database endpoint's address is taken from it. */
  readonly subnetworkSelfLink: string;
  /** The cluster's Workload Identity pool (`GkeCluster.workloadPool`). */
  readonly workloadPool: string;
  /** The cluster (`GkeCluster.resource`): creating it creates the Workload Identity pool the bindings name. */
  readonly cluster: ITerraformDependable;
  /** The replica's labels (`gcpLabels`), for the resources provider default labels do not reach (Cloud SQL). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Appended to the Cloud SQL instance name (`<name>-sourcegraph-<suffix>`).
   * Cloud SQL keeps a deleted instance's name reserved for up to a week, so
   * a replica recreated sooner under the same name needs a new suffix.
   * @default none
   */
  readonly postgresInstanceSuffix?: string;
}

/**
 * The GCP side of a design's external services; creates only what
 * `design.externalServices` lists.
 *
 * - postgres: ONE Cloud SQL instance with the three databases and the
 *   `sourcegraph` user, reachable through a PSC endpoint in the node subnet;
 * - redis: TWO Memorystore instances, `redis-cache` (evicts any key:
 *   allkeys-lru) and `redis-store` (Memorystore's default volatile-lru),
 *   like the chart's two Redis deployments; AUTH on, Basic tier;
 * - objectStorage: the bucket and one Google service account with
 *   `roles/storage.objectAdmin` on that bucket only, which exactly the
 *   Kubernetes service accounts in `BLOB_STORAGE_SERVICE_ACCOUNTS` may act as.
 */
export class GcpExternalServices extends Construct {
  public readonly postgres?: CloudSqlPostgres;
  public readonly redisCache?: MemorystoreRedis;
  public readonly redisStore?: MemorystoreRedis;
  public readonly blobStorage?: GcsBlobStorage;
  public readonly blobStorageAccount?: WorkloadIdentityServiceAccount;
  /** What to pass to the Sourcegraph stack's {@link GcpExternalServiceWiring}. */
  public readonly connections: GcpExternalServiceConnections;

  constructor(scope: Construct, id: string, props: GcpExternalServicesProps) {
    super(scope, id);
    const { design } = props;
    const { project, region } = design.cloud;
    const ext = design.externalServices;
    const connections: { -readonly [K in keyof GcpExternalServiceConnections]: GcpExternalServiceConnections[K] } = { project };

    if (ext.postgres) {
      const suffix = props.postgresInstanceSuffix;
      if (suffix !== undefined && !/^[a-z0-9]{1,8}$/.test(suffix)) {
        throw new Error(`GcpExternalServices: postgresInstanceSuffix "${suffix}" must be 1-8 lowercase letters and digits`);
      }
      this.postgres = new CloudSqlPostgres(this, 'postgres', {
        instanceName: `${design.name}-sourcegraph${suffix ? `-${suffix}` : ''}`,
        project,
        region,
        tier: ext.postgres.instanceClass,
        storageGb: ext.postgres.storageGb,
        highAvailability: ext.postgres.highAvailability,
        networkSelfLink: props.networkSelfLink,
        subnetworkSelfLink: props.subnetworkSelfLink,
        databases: SOURCEGRAPH_DATABASE_KEYS.map((key) => EXTERNAL_DATABASE_NAMES[key]),
        labels: props.labels,
      });
      connections.postgres = {
        host: this.postgres.host,
        port: this.postgres.port,
        user: this.postgres.username,
        passwordSecretId: this.postgres.password.secretId,
        passwordSecretVersion: this.postgres.password.version,
      };
    }

    if (ext.redis) {
      const common = { region, networkSelfLink: props.networkSelfLink, memoryGb: ext.redis.memoryGb };
      this.redisCache = new MemorystoreRedis(this, 'redis-cache', {
        ...common,
        instanceName: `${design.name}-redis-cache`,
        maxmemoryPolicy: 'allkeys-lru',
      });
      this.redisStore = new MemorystoreRedis(this, 'redis-store', { ...common, instanceName: `${design.name}-redis-store` });
      const redis = (r: MemorystoreRedis): GcpRedisConnection => ({ name: r.name, region: r.region, authEnabled: r.authEnabled });
      connections.redis = { redisCache: redis(this.redisCache), redisStore: redis(this.redisStore) };
    }

    if (ext.objectStorage) {
      this.blobStorage = new GcsBlobStorage(this, 'blob-storage', {
        bucketName: `${design.name}-uploads-${project}`,
        location: region,
      });
      this.blobStorageAccount = new WorkloadIdentityServiceAccount(this, 'blob-storage-account', {
        project,
        accountId: `${design.name}-blob`,
        workloadPool: props.workloadPool,
        namespace: design.sourcegraph.namespace,
        serviceAccounts: Object.values(BLOB_STORAGE_SERVICE_ACCOUNTS),
        description: `Sourcegraph services of ${design.name} that use bucket uploads, managed by sg-replica`,
        dependsOn: [props.cluster],
      });
      this.blobStorage.grantObjectAccess('object-access', this.blobStorageAccount.member);
      connections.objectStorage = { bucket: this.blobStorage.bucketName, serviceAccountEmail: this.blobStorageAccount.email };
    }
    this.connections = connections;
  }
}

/** Properties of {@link GcpExternalServiceWiring}. */
export interface GcpExternalServiceWiringProps {
  readonly design: Design;
  /** The Sourcegraph namespace (must exist: pass its resource in `dependsOn`). */
  readonly namespace: string;
  /** From the infra stack: `GcpExternalServices.connections`. */
  readonly connections: GcpExternalServiceConnections;
  /** The Kubernetes provider. @default the stack's default */
  readonly kubernetesProvider?: TerraformProvider;
  /** The Google provider that reads the password and AUTH strings (`GkeCredentials.provider`). @default the stack's default */
  readonly googleProvider?: TerraformProvider;
  /** What the Secrets wait for: the namespace. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The in-cluster half of the external services on GCP: the Kubernetes
 * Secrets the chart reads (`existingSecret`) and the Helm values layer.
 * No database job: Cloud SQL creates the databases. The Sourcegraph release
 * must depend on {@link releaseDependencies}.
 */
export class GcpExternalServiceWiring extends Construct {
  /** The values layer: merge after the replica values, before the override files. */
  public readonly values: HelmValues;
  /** What the release waits for: the Secrets. */
  public readonly releaseDependencies: ITerraformDependable[];
  public readonly databaseSecrets: readonly PostgresConnectionSecret[];
  public readonly redisSecrets: readonly RedisEndpointSecret[];

  constructor(scope: Construct, id: string, props: GcpExternalServiceWiringProps) {
    super(scope, id);
    const { connections, namespace, design } = props;
    if (!isGcpDesign(design)) {
      throw new Error(`GcpExternalServiceWiring: design '${design.name}' is on ${design.cloud.provider}; use ExternalServiceWiring`);
    }
    const k8s = { namespace, provider: props.kubernetesProvider, dependsOn: props.dependsOn };
    const endpoints: { -readonly [K in keyof ExternalServiceEndpoints]: ExternalServiceEndpoints[K] } = {};

    const databaseSecrets: PostgresConnectionSecret[] = [];
    if (connections.postgres) {
      const pg = connections.postgres;
      const password = new DataGoogleSecretManagerSecretVersion(this, 'postgres-password', {
        project: connections.project,
        secret: pg.passwordSecretId,
        version: pg.passwordSecretVersion,
        provider: props.googleProvider,
      });
      databaseSecrets.push(
        // Sensitive in the provider's schema: the password stays out of the JSON and out of plan output.
        ...sourcegraphDatabaseSecrets(this, { ...k8s, host: pg.host, port: pg.port, user: pg.user, password: password.secretData }),
      );
      endpoints.postgres = {};
    }

    const redisSecrets: RedisEndpointSecret[] = [];
    if (connections.redis) {
      for (const key of ['redisCache', 'redisStore'] as const) {
        const r = connections.redis[key];
        const instance = new DataGoogleRedisInstance(this, `${key}-instance`, {
          project: connections.project,
          name: r.name,
          region: r.region,
          provider: props.googleProvider,
        });
        const auth = r.authEnabled ? `:${instance.authString}@` : '';
        redisSecrets.push(
          new RedisEndpointSecret(this, `${key}-secret`, {
            ...k8s,
            name: EXTERNAL_REDIS_SECRET_NAMES[key],
            endpoint: `redis://${auth}${instance.host}:${Token.asString(instance.port)}`,
          }),
        );
      }
      endpoints.redis = {};
    }

    if (connections.objectStorage) {
      endpoints.objectStorage = {
        backend: 'GCS',
        bucket: connections.objectStorage.bucket,
        project: connections.project,
        serviceAccountEmail: connections.objectStorage.serviceAccountEmail,
      };
    }

    this.databaseSecrets = databaseSecrets;
    this.redisSecrets = redisSecrets;
    this.releaseDependencies = [...databaseSecrets, ...redisSecrets].map((s) => s.resource);
    this.values = externalServicesValues(design, endpoints);
  }
}
