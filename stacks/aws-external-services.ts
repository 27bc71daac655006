/**
 * DRAFT for the lead: the external services of an AWS replica (design
 * `externalServices`), in two halves.
 *
 * - {@link AwsExternalServices} goes in `AwsInfraStack`: RDS PostgreSQL,
 *   two ElastiCache Redis replication groups (cache and store), the S3
 *   bucket and its IRSA role. Everything reachable only from the cluster's
 *   nodes (the EKS cluster security group).
 * - {@link ExternalServiceWiring} goes in `SourcegraphStack`: reads the RDS
 *   master password from Secrets Manager, creates the Kubernetes Secrets
 *   the chart reads, creates the three databases in-cluster, and produces
 *   the Helm values layer.
 *
 * {@link AwsExternalServices.connections} is what crosses the stack boundary
 * (cdktf turns its tokens into outputs and remote-state reads).
 */
import { Fn, ITerraformDependable, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ElastiCacheRedis } from '../lib/aws/elasticache-redis';
import type { ClusterOidcIdentity } from '../lib/aws/irsa-role';
import { POSTGRES_PORT, RdsPostgres } from '../lib/aws/rds-postgres';
import { S3BlobStorage } from '../lib/aws/s3-blob-storage';
import { ServiceAccountsRole } from '../lib/aws/service-accounts-role';
import { AwsDesign, Design } from '../lib/design/model';
import { DatabaseBootstrapJob } from '../lib/kubernetes/database-bootstrap';
import { PostgresConnectionSecret, sourcegraphDatabaseSecrets, RedisEndpointSecret } from '../lib/kubernetes/external-service-secrets';
import { DataAwsSecretsmanagerSecretVersion } from '../lib/providers/aws';
import {
  BLOB_STORAGE_SERVICE_ACCOUNTS,
  EXTERNAL_DATABASE_NAMES,
  EXTERNAL_DATABASE_SECRET_NAMES,
  EXTERNAL_REDIS_SECRET_NAMES,
  ExternalServiceEndpoints,
  SOURCEGRAPH_DATABASE_KEYS,
  externalServicesValues,
} from '../lib/sourcegraph/external-services-values';
import { HelmValues } from '../lib/helm/merge-values';

/**
 * What the Sourcegraph stack needs from the infra stack's external services.
 * Tokens of the infra stack; no secret among them (the password is read
 * from Secrets Manager by the Sourcegraph stack itself).
 */
export interface ExternalServiceConnections {
  readonly postgres?: {
    /** RDS host name. */
    readonly host: string;
    /** 5432. */
    readonly port: number;
    /** The master user Sourcegraph connects as. */
    readonly user: string;
    /** ARN of the RDS-managed Secrets Manager secret with the master credentials. */
    readonly masterUserSecretArn: string;
  };
  readonly redis?: {
    /** `rediss://<primary>:6379` of redis-cache. */
    readonly cacheEndpoint: string;
    /** `rediss://<primary>:6379` of redis-store. */
    readonly storeEndpoint: string;
  };
  readonly objectStorage?: {
    readonly bucket: string;
    readonly region: string;
    /** The IRSA role every bucket-using service account is annotated with. */
    readonly roleArn: string;
  };
}

/** Properties of {@link AwsExternalServices}. */
export interface AwsExternalServicesProps {
  readonly design: AwsDesign;
  /** The VPC (`VpcNetwork.vpcId`). */
  readonly vpcId: string;
  /** The private subnets (`VpcNetwork.privateSubnetIds`). */
  readonly privateSubnetIds: string[];
  /** The EKS cluster security group (`EksCluster.clusterSecurityGroupId`): managed nodes, and so pods, carry it. */
  readonly clusterSecurityGroupId: string;
  /** The cluster's OIDC identity (`EksCluster`), for the bucket's IRSA role. */
  readonly cluster: ClusterOidcIdentity;
}

/**
 * The AWS side of a design's external services; creates only what
 * `design.externalServices` lists.
 *
 * - postgres: ONE RDS instance; the three databases are created in-cluster
 *   by {@link ExternalServiceWiring} (see docs/EXTERNAL-SERVICES.md).
 * - redis: TWO replication groups, `redis-cache` (evicts any key: allkeys-lru)
 *   and `redis-store` (ElastiCache's default volatile-lru: evicts only keys
 *   that expire), like the chart's two Redis deployments; TLS in transit.
 * - objectStorage: the bucket and one IRSA role trusted by exactly the
 *   service accounts in `BLOB_STORAGE_SERVICE_ACCOUNTS`.
 */
export class AwsExternalServices extends Construct {
  public readonly postgres?: RdsPostgres;
  public readonly redisCache?: ElastiCacheRedis;
  public readonly redisStore?: ElastiCacheRedis;
  public readonly blobStorage?: S3BlobStorage;
  public readonly blobStorageRole?: ServiceAccountsRole;
  /** What to pass to the Sourcegraph stack's {@link ExternalServiceWiring}. */
  public readonly connections: ExternalServiceConnections;

  constructor(scope: Construct, id: string, props: AwsExternalServicesProps) {
    super(scope, id);
    const { design } = props;
    const ext = design.externalServices;
    const network = {
      vpcId: props.vpcId,
      subnetIds: props.privateSubnetIds,
      clientSecurityGroupIds: [props.clusterSecurityGroupId],
    };
    const connections: { -readonly [K in keyof ExternalServiceConnections]: ExternalServiceConnections[K] } = {};

    if (ext.postgres) {
      this.postgres = new RdsPostgres(this, 'postgres', {
        ...network,
        identifier: `${design.name}-sourcegraph`,
        instanceClass: ext.postgres.instanceClass,
        storageGb: ext.postgres.storageGb,
        highAvailability: ext.postgres.highAvailability,
      });
      connections.postgres = {
        host: this.postgres.address,
        port: POSTGRES_PORT,
        user: this.postgres.masterUsername,
        masterUserSecretArn: this.postgres.masterUserSecretArn,
      };
    }

    if (ext.redis) {
      this.redisCache = new ElastiCacheRedis(this, 'redis-cache', {
        ...network,
        replicationGroupId: `${design.name}-redis-cache`,
        description: `Sourcegraph redis-cache of ${design.name}`,
        nodeType: ext.redis.nodeType,
        maxmemoryPolicy: 'allkeys-lru',
      });
      this.redisStore = new ElastiCacheRedis(this, 'redis-store', {
        ...network,
        replicationGroupId: `${design.name}-redis-store`,
        description: `Sourcegraph redis-store of ${design.name}`,
        nodeType: ext.redis.nodeType,
      });
      connections.redis = { cacheEndpoint: this.redisCache.url, storeEndpoint: this.redisStore.url };
    }

    if (ext.objectStorage) {
      const { region, accountId } = design.cloud;
      this.blobStorage = new S3BlobStorage(this, 'blob-storage', {
        bucketName: `${design.name}-uploads-${accountId}-${region}`,
      });
      this.blobStorageRole = new ServiceAccountsRole(this, 'blob-storage-role', {
        cluster: props.cluster,
        roleName: `${design.name}-blob-storage`,
        namespace: design.sourcegraph.namespace,
        serviceAccounts: Object.values(BLOB_STORAGE_SERVICE_ACCOUNTS),
        inlinePolicyJson: this.blobStorage.accessPolicyJson,
        description: `Sourcegraph services of ${design.name} that use bucket uploads`,
      });
      connections.objectStorage = { bucket: this.blobStorage.bucketName, region, roleArn: this.blobStorageRole.roleArn };
    }
    this.connections = connections;
  }
}

/** Properties of {@link ExternalServiceWiring}. */
export interface ExternalServiceWiringProps {
  readonly design: Design;
  /** The Sourcegraph namespace (must exist: pass its resource in `dependsOn`). */
  readonly namespace: string;
  /** From the infra stack: `AwsExternalServices.connections`. */
  readonly connections: ExternalServiceConnections;
  /** The Kubernetes provider. @default the stack's default */
  readonly kubernetesProvider?: TerraformProvider;
  /** The AWS provider that reads the password (pinned to the replica's account). @default the stack's default */
  readonly awsProvider?: TerraformProvider;
  /** What the Secrets and the job wait for: the namespace. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The in-cluster half of the external services: the Kubernetes Secrets the
 * chart reads (`existingSecret`), the job that creates the three databases,
 * and the Helm values layer. The Sourcegraph release must depend on
 * {@link releaseDependencies}.
 */
export class ExternalServiceWiring extends Construct {
  /** The values layer: merge after the replica values, before the override files. */
  public readonly values: HelmValues;
  /** What the release waits for: the Secrets and the database job. */
  public readonly releaseDependencies: ITerraformDependable[];
  public readonly databaseSecrets: readonly PostgresConnectionSecret[];
  public readonly redisSecrets: readonly RedisEndpointSecret[];
  public readonly databaseBootstrap?: DatabaseBootstrapJob;

  constructor(scope: Construct, id: string, props: ExternalServiceWiringProps) {
    super(scope, id);
    const { connections, namespace } = props;
    const k8s = { namespace, provider: props.kubernetesProvider, dependsOn: props.dependsOn };
    const dependencies: ITerraformDependable[] = [];
    const endpoints: { -readonly [K in keyof ExternalServiceEndpoints]: ExternalServiceEndpoints[K] } = {};

    const databaseSecrets: PostgresConnectionSecret[] = [];
    if (connections.postgres) {
      const pg = connections.postgres;
      const master = new DataAwsSecretsmanagerSecretVersion(this, 'postgres-master-secret', {
        secretId: pg.masterUserSecretArn,
        provider: props.awsProvider,
      });
      // Sensitive in the provider's schema: the value stays out of the JSON and out of plan output.
      const password = Token.asString(Fn.lookup(Fn.jsondecode(master.secretString), 'password'));
      databaseSecrets.push(...sourcegraphDatabaseSecrets(this, { ...k8s, host: pg.host, port: pg.port, user: pg.user, password }));
      this.databaseBootstrap = new DatabaseBootstrapJob(this, 'create-databases', {
        namespace,
        adminSecretName: EXTERNAL_DATABASE_SECRET_NAMES.pgsql,
        databases: SOURCEGRAPH_DATABASE_KEYS.map((key) => EXTERNAL_DATABASE_NAMES[key]),
        provider: props.kubernetesProvider,
        dependsOn: [databaseSecrets[0].resource],
      });
      dependencies.push(...databaseSecrets.map((s) => s.resource), this.databaseBootstrap.job);
      endpoints.postgres = {};
    }

    const redisSecrets: RedisEndpointSecret[] = [];
    if (connections.redis) {
      redisSecrets.push(
        new RedisEndpointSecret(this, 'redis-cache-secret', {
          ...k8s,
          name: EXTERNAL_REDIS_SECRET_NAMES.redisCache,
          endpoint: connections.redis.cacheEndpoint,
        }),
        new RedisEndpointSecret(this, 'redis-store-secret', {
          ...k8s,
          name: EXTERNAL_REDIS_SECRET_NAMES.redisStore,
          endpoint: connections.redis.storeEndpoint,
        }),
      );
      dependencies.push(...redisSecrets.map((s) => s.resource));
      endpoints.redis = {};
    }

    if (connections.objectStorage) endpoints.objectStorage = connections.objectStorage;

    this.databaseSecrets = databaseSecrets;
    this.redisSecrets = redisSecrets;
    this.releaseDependencies = dependencies;
    this.values = externalServicesValues(props.design, endpoints);
  }
}
