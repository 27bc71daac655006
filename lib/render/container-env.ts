/**
 * Reading a rendered container's environment, and the wiring to the
 * external services every consumer must carry (the databases' and Redis'
 * Secrets, the upload store): shared by the Helm render checks
 * (check-external-services.ts) and the Kustomize ones
 * (lib/kustomize/check-kustomize-external-services.ts). Pure.
 */
import { EXTERNAL_DATABASE_SECRET_NAMES, EXTERNAL_REDIS_SECRET_NAMES } from '../sourcegraph/external-services-values';
import type { RenderedContainer } from './pod-templates';

const DATABASE_ENV_SUFFIXES = ['DATABASE', 'HOST', 'PASSWORD', 'PORT', 'USER', 'SSLMODE'];
const DATABASE_ENV_PREFIXES: Readonly<Record<keyof typeof EXTERNAL_DATABASE_SECRET_NAMES, string>> = { pgsql: 'PG', codeIntelDB: 'CODEINTEL_PG', codeInsightsDB: 'CODEINSIGHTS_PG' };
const REDIS_ENV: Readonly<Record<keyof typeof EXTERNAL_REDIS_SECRET_NAMES, string>> = { redisCache: 'REDIS_CACHE_ENDPOINT', redisStore: 'REDIS_STORE_ENDPOINT' };

/** The container's env entry `name`, if any. */
export function envOf(c: RenderedContainer, name: string) {
  return (c.env ?? []).find((e) => e.name === name);
}

/** The Secret reference of the container's env entry `name`, if it is one. */
export function secretRef(c: RenderedContainer, name: string): { name?: unknown; key?: unknown } | undefined {
  return envOf(c, name)?.valueFrom?.secretKeyRef as { name?: unknown; key?: unknown } | undefined;
}

/** What the upload-store env of one consumer must say. */
export interface UploadStoreEnvExpectation {
  /** The env prefixes the release reads (e.g. `SOURCEGRAPH_UPLOAD_`, `PRECISE_CODE_INTEL_UPLOAD_`). */
  readonly prefixes: readonly string[];
  /** `<prefix>BACKEND`: the cloud's object storage backend. */
  readonly backend: string;
  /** Which release reads them, as messages name it (`chart 7.6.0`, `release 7.2.1943`). */
  readonly source: string;
}

/**
 * Problems of a consumer's upload-store env: for every prefix, `BACKEND`
 * the cloud's, `BUCKET` set, `MANAGE_BUCKET` false. A missing container has
 * every variable unset.
 */
export function uploadStoreEnvProblems(main: RenderedContainer | undefined, expected: UploadStoreEnvExpectation): string[] {
  const problems: string[] = [];
  for (const prefix of expected.prefixes) {
    for (const suffix of ['BACKEND', 'BUCKET', 'MANAGE_BUCKET']) {
      const env = main ? envOf(main, `${prefix}${suffix}`) : undefined;
      const value = suffix === 'BACKEND' ? expected.backend : suffix === 'MANAGE_BUCKET' ? 'false' : undefined;
      if (!env || typeof env.value !== 'string' || env.value === '' || (value !== undefined && env.value !== value)) {
        problems.push(`${prefix}${suffix} is ${env ? JSON.stringify(env.value) : 'not set'}${value ? ` (expected ${value})` : ''}: ${expected.source} reads the upload store from ${expected.prefixes.map((p) => `${p}*`).join(' and ')}`);
      }
    }
  }
  return problems;
}

/** Problems of a container that connects to the external databases: every `PG*`, `CODEINTEL_PG*`, `CODEINSIGHTS_PG*` setting from the database's Secret. */
export function externalDatabaseEnvProblems(c: RenderedContainer): string[] {
  const problems: string[] = [];
  for (const [db, prefix] of Object.entries(DATABASE_ENV_PREFIXES) as [keyof typeof EXTERNAL_DATABASE_SECRET_NAMES, string][]) {
    for (const suffix of DATABASE_ENV_SUFFIXES) {
      const ref = secretRef(c, `${prefix}${suffix}`);
      if (ref?.name !== EXTERNAL_DATABASE_SECRET_NAMES[db]) {
        problems.push(`${prefix}${suffix} ${ref ? `reads Secret ${JSON.stringify(ref.name)}` : 'is not set from a Secret'}; the external ${db} database's connection is in Secret "${EXTERNAL_DATABASE_SECRET_NAMES[db]}"`);
      }
    }
  }
  return problems;
}

/** Problems of a container that reads Redis: both endpoints from the external Redis Secrets' `endpoint` key. */
export function externalRedisEnvProblems(c: RenderedContainer): string[] {
  const problems: string[] = [];
  for (const [role, env] of Object.entries(REDIS_ENV) as [keyof typeof EXTERNAL_REDIS_SECRET_NAMES, string][]) {
    const ref = secretRef(c, env);
    if (ref?.name !== EXTERNAL_REDIS_SECRET_NAMES[role] || ref.key !== 'endpoint') {
      problems.push(`${env} ${ref ? `reads ${JSON.stringify(ref.name)}/${JSON.stringify(ref.key)}` : 'is not set from a Secret'}; the external ${role} endpoint is in Secret "${EXTERNAL_REDIS_SECRET_NAMES[role]}" key endpoint`);
    }
  }
  return problems;
}
