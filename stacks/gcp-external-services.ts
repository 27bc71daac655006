/**
 * The external services of a GKE replica (design `externalServices`), in
 * the same two halves as the AWS version (`stacks/aws-external-services.ts`):
 *
 * - {@link GcpExternalServices} goes in `GcpInfraStack`, after the cluster:
 *   Cloud SQL for PostgreSQL behind a Private Service Connect endpoint, two
 *   Memorystore for Redis instances (cache and store), the GCS bucket and
 *   its Workload Identity service account.
 * - {@link gcpExternalServiceFacts} resolves them in `SourcegraphStack`, for
 *   the in-cluster `ExternalServiceWiring` (lib/kubernetes, the same on every
 *   cloud): reads the database password from Secret Manager and the Redis
 *   AUTH strings from Memorystore; the wiring creates the Kubernetes Secrets
 *   the chart reads and the Helm values layer.
 *
 * {@link GcpExternalServices.connections} is what crosses the stack boundary
 * (cdktf turns its tokens into outputs and remote-state reads). No secret
 * among them. See docs/EXTERNAL-SERVICES.md, "GCP".
 */
import { ITerraformDependable, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { GcpDesign } from '../lib/design/model';
import { CloudSqlPostgres } from '../lib/gcp/cloud-sql-postgres';
import { GcsBlobStorage } from '../lib/gcp/gcs-blob-storage';
import { MemorystorePeeringCleanup } from '../lib/gcp/memorystore-peering-cleanup';
import { MemorystoreRedis } from '../lib/gcp/memorystore-redis';
import { WorkloadIdentityServiceAccount } from '../lib/gcp/workload-identity-service-account';
import type { ExternalServiceFacts } from '../lib/kubernetes/external-service-wiring';
import { DataGoogleRedisInstance, DataGoogleSecretManagerSecretVersion } from '../lib/providers/google';
import { EXTERNAL_DATABASE_NAMES, SOURCEGRAPH_DATABASE_KEYS, SourcegraphRedisKey } from '../lib/sourcegraph/external-services-values';
import { uploadStoreServiceAccountsOf } from '../lib/kustomize/kustomize-design';

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
  /** Name of the VPC (`GkeNetwork.network.name`): Memorystore's peering of it is removed on destroy. */
  readonly networkName: string;
  /** The VPC resource (`GkeNetwork.network`): the peering clean-up is destroyed before it. */
  readonly network: ITerraformDependable;
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
 *   like the chart's two Redis deployments; AUTH on, Basic tier; on
 *   destroy, right after them, Memorystore's `redis-peer-*` peering of the
 *   VPC is deleted (`MemorystorePeeringCleanup`), which Memorystore itself
 *   removes only up to a day later and which blocks deleting the VPC;
 * - objectStorage: the bucket and one Google service account with
 *   `roles/storage.objectAdmin` on that bucket only, which exactly the
 *   Kubernetes service accounts of the upload store's consumers (`uploadStoreServiceAccountsOf`: the chart version's or the Kustomize release's, the same names) may act as.
 */
export class GcpExternalServices extends Construct {
  public readonly postgres?: CloudSqlPostgres;
  public readonly redisCache?: MemorystoreRedis;
  public readonly redisStore?: MemorystoreRedis;
  /** Removes Memorystore's VPC peering on destroy, with redis. */
  public readonly redisPeeringCleanup?: MemorystorePeeringCleanup;
  public readonly blobStorage?: GcsBlobStorage;
  public readonly blobStorageAccount?: WorkloadIdentityServiceAccount;
  /** What the Sourcegraph stack resolves with {@link gcpExternalServiceFacts}. */
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
      // Destroyed after both instances and before the network (instances -> clean-up -> network).
      this.redisPeeringCleanup = new MemorystorePeeringCleanup(this, 'redis-peering-cleanup', { project, networkName: props.networkName, dependsOn: [props.network] });
      const common = { region, networkSelfLink: props.networkSelfLink, memoryGb: ext.redis.memoryGb, dependsOn: [this.redisPeeringCleanup.command.resource] };
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
        serviceAccounts: uploadStoreServiceAccountsOf(design),
        description: `Sourcegraph services of ${design.name} that use bucket uploads, managed by sg-replica`,
        dependsOn: [props.cluster],
      });
      this.blobStorage.grantObjectAccess('object-access', this.blobStorageAccount.member);
      connections.objectStorage = { bucket: this.blobStorage.bucketName, serviceAccountEmail: this.blobStorageAccount.email };
    }
    this.connections = connections;
  }
}

/** Construct ids of the Redis Secrets on GCP (Terraform state addresses of deployed replicas: kept). */
const GCP_REDIS_SECRET_IDS: Readonly<Record<SourcegraphRedisKey, string>> = { redisCache: 'redisCache-secret', redisStore: 'redisStore-secret' };

/**
 * A GKE replica's external services as the in-cluster wiring
 * (`ExternalServiceWiring`) needs them, resolved in its scope: the database
 * password read from Secret Manager, the Redis AUTH strings and endpoints
 * read from Memorystore (into state, never into the JSON; sensitive in the
 * provider's schema), the bucket and its Workload Identity service account.
 * No database job: Cloud SQL creates the databases.
 *
 * @param googleProvider the Google provider that reads them (`GkeCredentials.provider`). @default the stack's default
 */
export function gcpExternalServiceFacts(connections: GcpExternalServiceConnections, googleProvider?: TerraformProvider): (scope: Construct) => ExternalServiceFacts {
  return (scope) => {
    const pg = connections.postgres;
    const password =
      pg &&
      new DataGoogleSecretManagerSecretVersion(scope, 'postgres-password', {
        project: connections.project,
        secret: pg.passwordSecretId,
        version: pg.passwordSecretVersion,
        provider: googleProvider,
      });
    const redisUrl = (key: SourcegraphRedisKey, r: GcpRedisConnection): string => {
      const instance = new DataGoogleRedisInstance(scope, `${key}-instance`, { project: connections.project, name: r.name, region: r.region, provider: googleProvider });
      const auth = r.authEnabled ? `:${instance.authString}@` : '';
      return `redis://${auth}${instance.host}:${Token.asString(instance.port)}`;
    };
    const redis = connections.redis;
    const objectStorage = connections.objectStorage;
    return {
      ...(pg && password && { postgres: { host: pg.host, port: pg.port, user: pg.user, password: password.secretData, createDatabases: false } }),
      ...(redis && { redis: { redisCache: redisUrl('redisCache', redis.redisCache), redisStore: redisUrl('redisStore', redis.redisStore) }, redisSecretIds: GCP_REDIS_SECRET_IDS }),
      ...(objectStorage && {
        objectStorage: { backend: 'GCS' as const, bucket: objectStorage.bucket, project: connections.project, serviceAccountEmail: objectStorage.serviceAccountEmail },
      }),
    };
  };
}
