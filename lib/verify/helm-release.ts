/**
 * Helm 3 release records, read from the Secrets Helm's default storage
 * driver keeps them in: one Secret per revision, named
 * `sh.helm.release.v1.<release>.v<revision>`, type `helm.sh/release.v1`,
 * labelled `owner=helm`, `name=<release>`, `status`, `version`, with the
 * release under the data key `release`: JSON, gzipped, base64-encoded (and
 * base64-encoded once more by the Secret's `data`). Pure.
 *
 * Source: helm/helm pkg/storage/driver/secrets.go and util.go
 * (encodeRelease: json.Marshal, gzip, base64.StdEncoding; decodeRelease
 * accepts an un-gzipped record too).
 */
import { gunzipSync, gzipSync } from 'zlib';

/** Prefix of a release Secret's name. */
export const HELM_RELEASE_SECRET_PREFIX = 'sh.helm.release.v1.';
/** Secret type Helm gives release records. */
export const HELM_RELEASE_SECRET_TYPE = 'helm.sh/release.v1';

/** The part of a Helm release record verify uses. */
export interface HelmRelease {
  readonly name: string;
  readonly namespace: string;
  /** Revision, 1 for the first install. */
  readonly revision: number;
  /** `deployed`, `failed`, `pending-install`, `pending-upgrade`, `superseded`, ... */
  readonly status: string;
  /** Helm's description of the last operation, e.g. `Install complete` or the failure. */
  readonly description: string;
  readonly chartName: string;
  readonly chartVersion: string;
  readonly appVersion?: string;
  /** The values the release was installed with (user-supplied, without the chart's defaults). */
  readonly values: Readonly<Record<string, unknown>>;
  /** When the last operation finished (ISO), when recorded. */
  readonly lastDeployed?: string;
}

/** The subset of a Secret this module reads. */
export interface ReleaseSecret {
  readonly metadata?: { readonly name?: string; readonly labels?: Record<string, string> };
  readonly type?: string;
  readonly data?: Record<string, string>;
}

interface RawRelease {
  name?: string;
  namespace?: string;
  version?: number;
  info?: { status?: string; description?: string; last_deployed?: string };
  chart?: { metadata?: { name?: string; version?: string; appVersion?: string } };
  config?: Record<string, unknown>;
}

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/**
 * Decodes the `release` data of a release Secret (as the API returns it:
 * base64 of Helm's base64 of gzipped JSON).
 *
 * @throws Error naming the Secret when the data is not a Helm release record.
 */
export function decodeReleaseSecret(secret: ReleaseSecret): HelmRelease {
  const name = secret.metadata?.name ?? '(unnamed Secret)';
  const data = secret.data?.release;
  if (typeof data !== 'string' || data === '') throw new Error(`Secret ${name} has no release data`);
  let raw: RawRelease;
  try {
    const helmEncoded = Buffer.from(data, 'base64').toString('latin1');
    const bytes = Buffer.from(helmEncoded, 'base64');
    const json = GZIP_MAGIC.every((b, i) => bytes[i] === b) ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
    raw = JSON.parse(json) as RawRelease;
  } catch (e) {
    throw new Error(`Secret ${name} does not hold a readable Helm release (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null) throw new Error(`Secret ${name} does not hold a Helm release`);
  return {
    name: raw.name ?? secret.metadata?.labels?.name ?? '',
    namespace: raw.namespace ?? '',
    revision: raw.version ?? Number(secret.metadata?.labels?.version ?? 0),
    status: raw.info?.status ?? secret.metadata?.labels?.status ?? 'unknown',
    description: raw.info?.description ?? '',
    chartName: raw.chart?.metadata?.name ?? '',
    chartVersion: raw.chart?.metadata?.version ?? '',
    ...(raw.chart?.metadata?.appVersion !== undefined && { appVersion: raw.chart.metadata.appVersion }),
    values: raw.config ?? {},
    ...(raw.info?.last_deployed !== undefined && { lastDeployed: raw.info.last_deployed }),
  };
}

/** Encodes a release record the way Helm stores it in a Secret's `data.release` (for tests and fixtures). */
export function encodeReleaseData(record: unknown): string {
  const helmEncoded = gzipSync(Buffer.from(JSON.stringify(record), 'utf8')).toString('base64');
  return Buffer.from(helmEncoded, 'latin1').toString('base64');
}

/** The revision number in a release Secret's name (`...v12` -> 12), or 0. */
function revisionOf(secret: ReleaseSecret): number {
  const fromLabel = Number(secret.metadata?.labels?.version);
  if (Number.isInteger(fromLabel) && fromLabel > 0) return fromLabel;
  const m = /\.v(\d+)$/.exec(secret.metadata?.name ?? '');
  return m ? Number(m[1]) : 0;
}

/**
 * The newest revision of `release` among `secrets` (the Secrets of its
 * namespace, or those labelled `owner=helm,name=<release>`), decoded; undefined
 * when there is none.
 */
export function latestRelease(secrets: readonly ReleaseSecret[], release: string): HelmRelease | undefined {
  const prefix = `${HELM_RELEASE_SECRET_PREFIX}${release}.v`;
  const mine = secrets.filter((s) => (s.metadata?.name ?? '').startsWith(prefix) && (s.type === undefined || s.type === HELM_RELEASE_SECRET_TYPE));
  if (mine.length === 0) return undefined;
  const newest = mine.reduce((a, b) => (revisionOf(b) > revisionOf(a) ? b : a));
  return decodeReleaseSecret(newest);
}
