/**
 * The external services of an AWS replica (design
 * `externalServices`), in two halves.
 *
 * - {@link AwsExternalServices} goes in `AwsInfraStack`: RDS PostgreSQL,
 *   two ElastiCache Redis replication groups (cache and store), the S3
 *   bucket and its IRSA role. Everything reachable only from the cluster's
 *   nodes (the EKS cluster security group).
 * - {@link awsExternalServiceFacts} resolves them in `SourcegraphStack` for
 *   the in-cluster `ExternalServiceWiring` (lib/kubernetes): reads the RDS
 *   master password from Secrets Manager; the wiring creates the Kubernetes
 *   Secrets the chart reads, the job that creates the three databases, and
 *   the Helm values layer.
 *
 * {@link AwsExternalServices.connections} is what crosses the stack boundary
 * (cdktf turns its tokens into outputs and remote-state reads).
 */
import { Fn, TerraformProvider, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ElastiCacheRedis } from '../lib/aws/elasticache-redis';
import type { ClusterOidcIdentity } from '../lib/aws/irsa-role';
import { POSTGRES_PORT, RdsPostgres } from '../lib/aws/rds-postgres';
import { S3BlobStorage } from '../lib/aws/s3-blob-storage';
import { ServiceAccountsRole } from '../lib/aws/service-accounts-role';
import { AwsDesign } from '../lib/design/model';
import type { ExternalServiceFacts } from '../lib/kubernetes/external-service-wiring';
import { DataAwsSecretsmanagerSecretVersion } from '../lib/providers/aws';
import { uploadStoreServiceAccountsOf } from '../lib/kustomize/kustomize-design';

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
 *   by `ExternalServiceWiring` (see docs/EXTERNAL-SERVICES.md).
 * - redis: TWO replication groups, `redis-cache` (evicts any key: allkeys-lru)
 *   and `redis-store` (ElastiCache's default volatile-lru: evicts only keys
 *   that expire), like the chart's two Redis deployments; TLS in transit.
 * - objectStorage: the bucket and one IRSA role trusted by exactly the
 *   service accounts of the upload store's consumers (`uploadStoreServiceAccountsOf`: the chart version's or the Kustomize release's, the same names).
 */
export class AwsExternalServices extends Construct {
  public readonly postgres?: RdsPostgres;
  public readonly redisCache?: ElastiCacheRedis;
  public readonly redisStore?: ElastiCacheRedis;
  public readonly blobStorage?: S3BlobStorage;
  public readonly blobStorageRole?: ServiceAccountsRole;
  /** What the Sourcegraph stack resolves with {@link awsExternalServiceFacts}. */
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
        serviceAccounts: uploadStoreServiceAccountsOf(design),
        inlinePolicyJson: this.blobStorage.accessPolicyJson,
        description: `Sourcegraph services of ${design.name} that use bucket uploads`,
      });
      connections.objectStorage = { bucket: this.blobStorage.bucketName, region, roleArn: this.blobStorageRole.roleArn };
    }
    this.connections = connections;
  }
}

/**
 * An AWS replica's external services as the in-cluster wiring
 * (`ExternalServiceWiring`) needs them, resolved in its scope: the RDS
 * master password read from Secrets Manager by the Sourcegraph stack (into
 * state, never into the JSON; sensitive in the provider's schema), the three
 * databases created by a job (RDS makes only one), the ElastiCache URLs
 * (TLS), the bucket and its IRSA role.
 *
 * @param awsProvider the AWS provider that reads the password (pinned to the replica's account). @default the stack's default
 */
export function awsExternalServiceFacts(connections: ExternalServiceConnections, awsProvider?: TerraformProvider): (scope: Construct) => ExternalServiceFacts {
  return (scope) => {
    const pg = connections.postgres;
    const master = pg && new DataAwsSecretsmanagerSecretVersion(scope, 'postgres-master-secret', { secretId: pg.masterUserSecretArn, provider: awsProvider });
    return {
      ...(pg &&
        master && {
          postgres: { host: pg.host, port: pg.port, user: pg.user, password: Token.asString(Fn.lookup(Fn.jsondecode(master.secretString), 'password')), createDatabases: true },
        }),
      ...(connections.redis && { redis: { redisCache: connections.redis.cacheEndpoint, redisStore: connections.redis.storeEndpoint } }),
      ...(connections.objectStorage && { objectStorage: connections.objectStorage }),
    };
  };
}
