/**
 * Sourcegraph's upload store (object storage for precise code intelligence
 * uploads and search job results) per chart version: the environment
 * variables the version reads, and the services that read them. Pure data.
 *
 * Sources:
 * - env names: chart v7.6.0 `examples/external-object-storage/*` use
 *   `SOURCEGRAPH_UPLOAD_*` (its first release to); v6.12.5040's
 *   `examples/external-object-storage/override.yaml` uses
 *   `PRECISE_CODE_INTEL_UPLOAD_*`, and 6.x reads search job results from
 *   `SEARCH_JOBS_UPLOAD_*` (same suffixes);
 * - consumers: the chart's templates wire the in-cluster blobstore into
 *   frontend, worker (`_worker.tpl`), precise-code-intel-worker and
 *   syntactic-code-intel-worker (both versions); Sourcegraph's deployment
 *   repositories (deploy-sourcegraph-helm PR #943, deploy-sourcegraph-k8s PR
 *   #482) add gitserver and searcher. All six exist in both chart versions;
 *   syntactic-code-intel is off by default (its values do nothing then).
 */

/** One service that reads the upload store: its values key and the ServiceAccount name sg-replica gives it. */
export interface UploadStoreConsumer {
  /** Values key, e.g. `preciseCodeIntel`. */
  readonly key: string;
  /** The chart's default `<key>.name`, used as the ServiceAccount name (what the cloud identity trusts). */
  readonly serviceAccount: string;
}

/** What a chart version reads. */
export interface UploadStoreWiring {
  /** Env name prefixes; each gets the same suffixes (`BACKEND`, `BUCKET`, ...). */
  readonly envPrefixes: readonly string[];
  readonly consumers: readonly UploadStoreConsumer[];
}

const CONSUMERS: readonly UploadStoreConsumer[] = [
  { key: 'frontend', serviceAccount: 'sourcegraph-frontend' },
  { key: 'worker', serviceAccount: 'worker' },
  { key: 'preciseCodeIntel', serviceAccount: 'precise-code-intel-worker' },
  { key: 'syntacticCodeIntel', serviceAccount: 'syntactic-code-intel-worker' },
  { key: 'gitserver', serviceAccount: 'gitserver' },
  { key: 'searcher', serviceAccount: 'searcher' },
];

/** The upload store wiring per chart version (every version in SOURCEGRAPH_CHART_VERSIONS). */
export const UPLOAD_STORE_BY_CHART_VERSION: Readonly<Record<string, UploadStoreWiring>> = {
  '7.6.0': { envPrefixes: ['SOURCEGRAPH_UPLOAD_'], consumers: CONSUMERS },
  '6.12.5040': { envPrefixes: ['PRECISE_CODE_INTEL_UPLOAD_', 'SEARCH_JOBS_UPLOAD_'], consumers: CONSUMERS },
};

/**
 * The upload store wiring of chart `chartVersion`.
 *
 * @throws Error naming the known versions for a version without data.
 */
export function uploadStoreWiring(chartVersion: string): UploadStoreWiring {
  const wiring = Object.prototype.hasOwnProperty.call(UPLOAD_STORE_BY_CHART_VERSION, chartVersion) ? UPLOAD_STORE_BY_CHART_VERSION[chartVersion] : undefined;
  if (!wiring) {
    throw new Error(`No upload store wiring for sourcegraph chart ${chartVersion} (known: ${Object.keys(UPLOAD_STORE_BY_CHART_VERSION).join(', ')})`);
  }
  return wiring;
}

/** The ServiceAccount names of the upload store's consumers: what the bucket's cloud identity must trust. */
export function uploadStoreServiceAccounts(chartVersion: string): string[] {
  return uploadStoreWiring(chartVersion).consumers.map((c) => c.serviceAccount);
}

/** Each env prefix of the version with each `suffix -> value`, e.g. `SOURCEGRAPH_UPLOAD_BUCKET`. */
export function uploadStoreEnv(chartVersion: string, bySuffix: Readonly<Record<string, string>>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const prefix of uploadStoreWiring(chartVersion).envPrefixes) {
    for (const [suffix, value] of Object.entries(bySuffix)) out[`${prefix}${suffix}`] = { value };
  }
  return out;
}
