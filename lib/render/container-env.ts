/**
 * Reading a rendered container's environment, and the upload-store wiring
 * every consumer of the bucket must carry: shared by the Helm render checks
 * (check-external-services.ts) and the Kustomize ones
 * (lib/kustomize/check-kustomize-external-services.ts). Pure.
 */
import type { RenderedContainer } from './pod-templates';

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
