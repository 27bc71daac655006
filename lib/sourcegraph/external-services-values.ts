/**
 * Helm values that point Sourcegraph at external PostgreSQL, Redis and
 * object storage instead of its bundled pgsql/codeintel-db/codeinsights-db,
 * redis-cache/redis-store and blobstore. Pure: no cdktf (values may carry
 * string tokens such as a bucket name or role ARN from another stack).
 *
 * Merge order (see `sourcegraphHelmValues`): after the generated replica
 * values and before the customer's override files.
 */
import { CLOUD_PROVIDERS, CLOUDS } from '../cloud/clouds';
import type { Design } from '../design/model';
import { HelmValues } from '../helm/merge-values';
import { uploadStoreEnv, uploadStoreWiring } from './upload-store';

/** One of Sourcegraph's three PostgreSQL databases, by Helm values key. */
export type SourcegraphDatabaseKey = 'pgsql' | 'codeIntelDB' | 'codeInsightsDB';

/** The Helm values keys of the three databases, in the chart's order. */
export const SOURCEGRAPH_DATABASE_KEYS: readonly SourcegraphDatabaseKey[] = ['pgsql', 'codeIntelDB', 'codeInsightsDB'];

/**
 * Database names on the external server, one per Sourcegraph database:
 * pgsql and codeintel-db must not share a database (Sourcegraph refuses to start).
 */
export const EXTERNAL_DATABASE_NAMES: Readonly<Record<SourcegraphDatabaseKey, string>> = {
  pgsql: 'sg',
  codeIntelDB: 'codeintel',
  codeInsightsDB: 'codeinsights',
};

/** Names of the Kubernetes Secrets sg-replica creates for the databases (keys database, host, password, port, user, sslmode). */
export const EXTERNAL_DATABASE_SECRET_NAMES: Readonly<Record<SourcegraphDatabaseKey, string>> = {
  pgsql: 'sg-replica-pgsql-auth',
  codeIntelDB: 'sg-replica-codeintel-db-auth',
  codeInsightsDB: 'sg-replica-codeinsights-db-auth',
};

/** The two Redis roles, by Helm values key. */
export type SourcegraphRedisKey = 'redisCache' | 'redisStore';

/** Names of the Kubernetes Secrets sg-replica creates for Redis (key `endpoint`). */
export const EXTERNAL_REDIS_SECRET_NAMES: Readonly<Record<SourcegraphRedisKey, string>> = {
  redisCache: 'sg-replica-redis-cache-endpoint',
  redisStore: 'sg-replica-redis-store-endpoint',
};

/**
 * The services that use the bucket on the newest chart version, by Helm
 * values key, with the service account each runs as. Which services and env
 * names a chart version uses: `uploadStoreWiring` (upload-store.ts).
 * @deprecated use `uploadStoreWiring(chartVersion).consumers`
 */
export const BLOB_STORAGE_SERVICE_ACCOUNTS: Readonly<Record<string, string>> = Object.fromEntries(
  uploadStoreWiring('7.6.0').consumers.map((c) => [c.key, c.serviceAccount]),
);

/** The annotation that binds a service account to an IAM role (IRSA). */
export const IRSA_ROLE_ANNOTATION = CLOUDS.aws.workloadIdentity.annotation;

/** The annotation that binds a Kubernetes service account to a Google service account (GKE Workload Identity). */
export const GKE_WORKLOAD_IDENTITY_ANNOTATION = CLOUDS.gcp.workloadIdentity.annotation;

/** The external PostgreSQL databases: the Secret each database's credentials are in. */
export interface ExternalPostgresEndpoints {
  /** Secret names per database. @default EXTERNAL_DATABASE_SECRET_NAMES */
  readonly secretNames?: Readonly<Record<SourcegraphDatabaseKey, string>>;
}

/** The external Redis: the Secret each role's endpoint is in. */
export interface ExternalRedisEndpoints {
  /** Secret names per Redis role. @default EXTERNAL_REDIS_SECRET_NAMES */
  readonly secretNames?: Readonly<Record<SourcegraphRedisKey, string>>;
}

/** The external bucket (S3). */
export interface ExternalObjectStorageEndpoints {
  /** Which object storage: S3. @default 'S3' */
  readonly backend?: 'S3';
  /** Bucket name (may be a token). */
  readonly bucket: string;
  /** AWS region of the bucket. */
  readonly region: string;
  /** ARN of the IAM role the bucket's users assume (IRSA); may be a token. */
  readonly roleArn: string;
}

/** The external bucket (GCS), reached through GKE Workload Identity. */
export interface GcsObjectStorageEndpoints {
  /** Which object storage: GCS. */
  readonly backend: 'GCS';
  /** Bucket name (may be a token). */
  readonly bucket: string;
  /** Project of the bucket. */
  readonly project: string;
  /** Email of the Google service account the bucket's users act as (may be a token). */
  readonly serviceAccountEmail: string;
}

/**
 * What the external services' values need besides the design. Give an entry
 * for each service the design externalizes, and only for those.
 */
export interface ExternalServiceEndpoints {
  readonly postgres?: ExternalPostgresEndpoints;
  readonly redis?: ExternalRedisEndpoints;
  readonly objectStorage?: ExternalObjectStorageEndpoints | GcsObjectStorageEndpoints;
}

/**
 * The values layer for the design's external services: `{}` when it has
 * none. For each one the design lists:
 *
 * - `postgres`: `pgsql`, `codeIntelDB` and `codeInsightsDB` disabled, each
 *   with `auth.existingSecret` naming its Secret;
 * - `redis`: `redisCache` and `redisStore` disabled, each with
 *   `connection.existingSecret` naming its Secret (key `endpoint`);
 * - `objectStorage`: `blobstore` disabled, the upload store environment
 *   the chart version reads on every service that reads it
 *   (`uploadStoreWiring`), and each of those running under its own service
 *   account: on AWS S3 (the bucket,
 *   unmanaged, the region's endpoint, role credentials) with the IRSA role
 *   annotation; on GCP GCS (the bucket, unmanaged, the project) with the
 *   Workload Identity annotation.
 *
 * @throws Error when an endpoint is missing for a service the design
 *   externalizes, given for one it does not, or when the object storage
 *   endpoints do not match the design's cloud (S3 on AWS, GCS on GCP).
 */
export function externalServicesValues(design: Design, endpoints: ExternalServiceEndpoints): HelmValues {
  const ext = design.externalServices;
  for (const service of ['postgres', 'redis', 'objectStorage'] as const) {
    if (ext[service] !== undefined && endpoints[service] === undefined) {
      throw new Error(`Design '${design.name}' has externalServices.${service}, but no ${service} endpoints were given`);
    }
    if (ext[service] === undefined && endpoints[service] !== undefined) {
      throw new Error(`${service} endpoints were given, but design '${design.name}' has no externalServices.${service}`);
    }
  }
  const values: HelmValues = {};
  if (endpoints.postgres) Object.assign(values, postgresValues(endpoints.postgres));
  if (endpoints.redis) Object.assign(values, redisValues(endpoints.redis));
  const objectStorage = endpoints.objectStorage;
  if (objectStorage) {
    const backend = objectStorage.backend ?? 'S3';
    const expected = CLOUDS[design.cloud.provider].objectStorage;
    if (backend !== expected) {
      const builtFor = CLOUD_PROVIDERS.filter((provider) => CLOUDS[provider].objectStorage === backend).map((provider) => CLOUDS[provider].label);
      throw new Error(
        `Design '${design.name}' is on ${design.cloud.provider}: ${backend} object storage endpoints are only built for ${builtFor.join(' or ')}; give ${expected} endpoints (backend: '${expected}')`,
      );
    }
    Object.assign(values, objectStorage.backend === 'GCS' ? gcsObjectStorageValues(objectStorage, design.sourcegraph.version) : s3ObjectStorageValues(objectStorage, design.sourcegraph.version));
  }
  return values;
}

/** The three databases disabled in the chart, each reading its connection from a Secret. */
export function postgresValues(endpoints: ExternalPostgresEndpoints = {}): HelmValues {
  const names = endpoints.secretNames ?? EXTERNAL_DATABASE_SECRET_NAMES;
  return Object.fromEntries(
    SOURCEGRAPH_DATABASE_KEYS.map((key) => [key, { enabled: false, auth: { existingSecret: checkSecretName(names[key], key) } }]),
  );
}

/** redis-cache and redis-store disabled in the chart, each reading its endpoint from a Secret. */
export function redisValues(endpoints: ExternalRedisEndpoints = {}): HelmValues {
  const names = endpoints.secretNames ?? EXTERNAL_REDIS_SECRET_NAMES;
  return {
    redisCache: { enabled: false, connection: { existingSecret: checkSecretName(names.redisCache, 'redisCache') } },
    redisStore: { enabled: false, connection: { existingSecret: checkSecretName(names.redisStore, 'redisStore') } },
  };
}

/**
 * The upload store environment for an S3 bucket reached with role
 * credentials (IRSA), under the names chart `chartVersion` reads
 * (`SOURCEGRAPH_UPLOAD_*` on 7.6.0; `PRECISE_CODE_INTEL_UPLOAD_*` and
 * `SEARCH_JOBS_UPLOAD_*` on 6.x).
 */
export function s3UploadEnv(bucket: string, region: string, chartVersion = '7.6.0'): HelmValues {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new Error(`'${region}' is not an AWS region such as us-east-2`);
  if (bucket === '') throw new Error('The bucket name is empty');
  return uploadStoreEnv(chartVersion, {
    BACKEND: 'S3',
    BUCKET: bucket,
    MANAGE_BUCKET: 'false',
    AWS_REGION: region,
    AWS_ENDPOINT: `https://s3.${region}.amazonaws.com`,
    AWS_USE_EC2_ROLE_CREDENTIALS: 'true',
  });
}

/**
 * blobstore disabled; the bucket's environment and the IRSA service account
 * on every service of chart `chartVersion` that uses the upload store.
 */
export function s3ObjectStorageValues(endpoints: ExternalObjectStorageEndpoints, chartVersion = '7.6.0'): HelmValues {
  if (endpoints.roleArn === '') throw new Error('The IRSA role ARN of the bucket is empty');
  const values: HelmValues = { blobstore: { enabled: false } };
  for (const { key, serviceAccount } of uploadStoreWiring(chartVersion).consumers) {
    values[key] = {
      env: s3UploadEnv(endpoints.bucket, endpoints.region, chartVersion),
      serviceAccount: { create: true, name: serviceAccount, annotations: { [IRSA_ROLE_ANNOTATION]: endpoints.roleArn } },
    };
  }
  return values;
}

/**
 * The upload store environment for a GCS bucket reached through Workload
 * Identity, under the names chart `chartVersion` reads: no credentials
 * file, the client finds the pod's identity through the GKE metadata server
 * (as the chart's `examples/external-object-storage/gcp-gcs-workload-identity.yaml`).
 * The project is only used when Sourcegraph manages the bucket; it is set so
 * the environment says where the bucket is.
 */
export function gcsUploadEnv(bucket: string, project: string, chartVersion = '7.6.0'): HelmValues {
  if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project)) throw new Error(`'${project}' is not a GCP project id`);
  if (bucket === '') throw new Error('The bucket name is empty');
  return uploadStoreEnv(chartVersion, { BACKEND: 'GCS', BUCKET: bucket, MANAGE_BUCKET: 'false', GCP_PROJECT_ID: project });
}

/**
 * blobstore disabled; the bucket's environment and the Workload Identity
 * service account on every service of chart `chartVersion` that uses the
 * upload store.
 */
export function gcsObjectStorageValues(endpoints: GcsObjectStorageEndpoints, chartVersion = '7.6.0'): HelmValues {
  if (endpoints.serviceAccountEmail === '') throw new Error('The Google service account of the bucket is empty');
  const values: HelmValues = { blobstore: { enabled: false } };
  for (const { key, serviceAccount } of uploadStoreWiring(chartVersion).consumers) {
    values[key] = {
      env: gcsUploadEnv(endpoints.bucket, endpoints.project, chartVersion),
      serviceAccount: {
        create: true,
        name: serviceAccount,
        annotations: { [GKE_WORKLOAD_IDENTITY_ANNOTATION]: endpoints.serviceAccountEmail },
      },
    };
  }
  return values;
}

function checkSecretName(name: string, key: string): string {
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) || name.length > 253) {
    throw new Error(`Secret name '${name}' for ${key} is not a valid Kubernetes object name`);
  }
  return name;
}
