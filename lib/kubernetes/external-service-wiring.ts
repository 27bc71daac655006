import { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { DEPLOYMENT_METHODS } from '../design/deployment-methods';
import type { Design } from '../design/model';
import { HelmValues } from '../helm/merge-values';
import {
  EXTERNAL_DATABASE_NAMES,
  EXTERNAL_DATABASE_SECRET_NAMES,
  EXTERNAL_REDIS_SECRET_NAMES,
  ExternalServiceEndpoints,
  externalServicesValues,
  SOURCEGRAPH_DATABASE_KEYS,
  SourcegraphRedisKey,
} from '../sourcegraph/external-services-values';
import { DatabaseBootstrapJob } from './database-bootstrap';
import { PostgresConnectionSecret, RedisEndpointSecret, sourcegraphDatabaseSecrets } from './external-service-secrets';

/** The external PostgreSQL, resolved: where it is and how to log in (values may be tokens). */
export interface PostgresFacts {
  readonly host: string;
  readonly port: number;
  /** The user Sourcegraph connects as. */
  readonly user: string;
  /** Its password: a token of a data source that reads it into state, never a literal in the JSON. */
  readonly password: string;
  /** Create the three databases with an in-cluster job (RDS); false when the cloud creates them (Cloud SQL). */
  readonly createDatabases: boolean;
}

/**
 * A design's external services, resolved for the cluster by the cloud that
 * runs them (`awsExternalServiceFacts`, `gcpExternalServiceFacts`): give an
 * entry for each service the design externalizes, and only for those.
 */
export interface ExternalServiceFacts {
  readonly postgres?: PostgresFacts;
  /** The URL of each Redis role (`redis://` or `rediss://`, AUTH included where needed; may be tokens). */
  readonly redis?: Readonly<Record<SourcegraphRedisKey, string>>;
  /**
   * Construct ids of the Redis Secrets. Construct ids are Terraform state
   * addresses: each cloud keeps the ones its replicas were deployed with.
   * @default redis-cache-secret, redis-store-secret
   */
  readonly redisSecretIds?: Readonly<Record<SourcegraphRedisKey, string>>;
  /** The bucket and the identity its users run as. */
  readonly objectStorage?: ExternalServiceEndpoints['objectStorage'];
}

/** Properties of {@link ExternalServiceWiring}. */
export interface ExternalServiceWiringProps {
  readonly design: Design;
  /** The Sourcegraph namespace (must exist: pass its resource in `dependsOn`). */
  readonly namespace: string;
  /**
   * The external services, resolved in the wiring's scope: the cloud's
   * function creates there the data sources that read passwords and Redis
   * AUTH strings, and returns the facts.
   */
  readonly facts: (scope: Construct) => ExternalServiceFacts;
  /** The Kubernetes provider. @default the stack's default */
  readonly kubernetesProvider?: TerraformProvider;
  /** What the Secrets and the job wait for: the namespace. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

const DEFAULT_REDIS_SECRET_IDS: Readonly<Record<SourcegraphRedisKey, string>> = {
  redisCache: 'redis-cache-secret',
  redisStore: 'redis-store-secret',
};

/**
 * The in-cluster half of a design's external services, whatever the cloud:
 * the Kubernetes Secrets the chart reads (`existingSecret`), the job that
 * creates the three databases where the cloud does not, and the Helm values
 * layer (for a Kustomize design, the replica's layer reads the same Secrets
 * and the bucket's deploy-time values). The Sourcegraph release must depend on {@link releaseDependencies}.
 */
export class ExternalServiceWiring extends Construct {
  /** The values layer (Helm designs): merge after the replica values, before the override files. `{}` for a Kustomize design, whose replica layer wires the same Secrets into the manifests. */
  public readonly values: HelmValues;
  /** The bucket and the cloud identity its users act as, for a Kustomize release's deploy-time values. */
  public readonly bucket?: { readonly name: string; readonly identity: string };
  /** What the release waits for (and outlives on destroy): the Secrets and the database job. */
  public readonly releaseDependencies: ITerraformDependable[];
  public readonly databaseSecrets: readonly PostgresConnectionSecret[];
  public readonly redisSecrets: readonly RedisEndpointSecret[];
  /** The job that creates the databases, when the cloud does not. */
  public readonly databaseBootstrap?: DatabaseBootstrapJob;

  constructor(scope: Construct, id: string, props: ExternalServiceWiringProps) {
    super(scope, id);
    const { namespace } = props;
    const facts = props.facts(this);
    const k8s = { namespace, provider: props.kubernetesProvider, dependsOn: props.dependsOn };
    const dependencies: ITerraformDependable[] = [];
    const endpoints: { -readonly [K in keyof ExternalServiceEndpoints]: ExternalServiceEndpoints[K] } = {};

    const databaseSecrets: PostgresConnectionSecret[] = [];
    if (facts.postgres) {
      const { host, port, user, password, createDatabases } = facts.postgres;
      databaseSecrets.push(...sourcegraphDatabaseSecrets(this, { ...k8s, host, port, user, password }));
      dependencies.push(...databaseSecrets.map((s) => s.resource));
      if (createDatabases) {
        this.databaseBootstrap = new DatabaseBootstrapJob(this, 'create-databases', {
          namespace,
          adminSecretName: EXTERNAL_DATABASE_SECRET_NAMES.pgsql,
          databases: SOURCEGRAPH_DATABASE_KEYS.map((key) => EXTERNAL_DATABASE_NAMES[key]),
          provider: props.kubernetesProvider,
          dependsOn: [databaseSecrets[0].resource],
        });
        dependencies.push(this.databaseBootstrap.job);
      }
      endpoints.postgres = {};
    }

    const redisSecrets: RedisEndpointSecret[] = [];
    if (facts.redis) {
      const ids = facts.redisSecretIds ?? DEFAULT_REDIS_SECRET_IDS;
      for (const key of ['redisCache', 'redisStore'] as const) {
        redisSecrets.push(new RedisEndpointSecret(this, ids[key], { ...k8s, name: EXTERNAL_REDIS_SECRET_NAMES[key], endpoint: facts.redis[key] }));
      }
      dependencies.push(...redisSecrets.map((s) => s.resource));
      endpoints.redis = {};
    }

    if (facts.objectStorage) {
      endpoints.objectStorage = facts.objectStorage;
      const o = facts.objectStorage;
      this.bucket = { name: o.bucket, identity: 'roleArn' in o ? o.roleArn : o.serviceAccountEmail };
    }

    this.databaseSecrets = databaseSecrets;
    this.redisSecrets = redisSecrets;
    this.releaseDependencies = dependencies;
    this.values = DEPLOYMENT_METHODS[props.design.sourcegraph.method].helmValues ? externalServicesValues(props.design, endpoints) : {};
  }
}
