/**
 * Finding labelled GCP resources with Cloud Asset Inventory's
 * `searchAllResources` REST method, through `fetch`.
 *
 * There is no GCP SDK in sg-replica: the HTTP function and the access token
 * are injected ({@link GcpAccess}), and tests replace both (that is the
 * mocking approach for GCP). The real token comes from
 * `GOOGLE_OAUTH_ACCESS_TOKEN` or `gcloud auth print-access-token`.
 */
import { execFile } from 'child_process';

/** The slice of the `fetch` response the search reads. */
export interface HttpResponse {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/** A `fetch`-compatible function (global `fetch` fits). */
export type HttpFetch = (url: string, init: { method: string; headers: Record<string, string> }) => Promise<HttpResponse>;

/** How sg-replica reaches GCP APIs: an HTTP function and an OAuth access token provider. */
export interface GcpAccess {
  /** @default global `fetch` */
  readonly fetch: HttpFetch;
  /** @default `GOOGLE_OAUTH_ACCESS_TOKEN`, else `gcloud auth print-access-token` */
  readonly token: () => Promise<string>;
}

/** One resource as `searchAllResources` describes it (the fields sg-replica reads). */
export interface GcpAsset {
  /** Full resource name, e.g. `//compute.googleapis.com/projects/p/zones/us-central1-a/disks/pvc-1`. */
  readonly name: string;
  /** e.g. `compute.googleapis.com/Disk`. */
  readonly assetType: string;
  /** Short name. */
  readonly displayName: string;
  /** Zone, region or `global`. */
  readonly location: string;
  /** e.g. `projects/123456`. */
  readonly project: string;
  /** The resource's labels. */
  readonly labels: Readonly<Record<string, string>>;
  /** e.g. `READY`, `RUNNING` (not every type has one). */
  readonly state?: string;
}

/**
 * gcloud's error, whole and on one line: its `ERROR: (gcloud.<command>) ...`
 * message runs over several lines ("... Please run:\n\n  $ gcloud auth
 * login\n\nto obtain new credentials."), and any one line of it is a
 * fragment. Lines before the error (WARNING:, progress) are left out.
 */
export function gcloudError(stderr: string): string {
  const lines = stderr.split('\n');
  const start = lines.findIndex((line) => /^ERROR:/.test(line));
  const text = (start >= 0 ? lines.slice(start) : lines.filter((line) => !/^WARNING:/.test(line)))
    .join(' ')
    .replace(/^ERROR:\s*(\(gcloud[^)]*\)\s*)?/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/**
 * The access token: `GOOGLE_OAUTH_ACCESS_TOKEN`, else the output of
 * `<gcloud> auth print-access-token`.
 *
 * @param gcloud the gcloud program to run (tests point it at a stand-in). @default 'gcloud'
 */
export function defaultGcpToken(env: NodeJS.ProcessEnv = process.env, gcloud = 'gcloud'): Promise<string> {
  const fromEnv = env.GOOGLE_OAUTH_ACCESS_TOKEN?.trim();
  if (fromEnv) return Promise.resolve(fromEnv);
  return new Promise((resolve, reject) => {
    execFile(gcloud, ['auth', 'print-access-token'], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gcloud is not installed' : gcloudError(String(stderr)) || error.message;
        reject(new Error(`no GCP access token: set GOOGLE_OAUTH_ACCESS_TOKEN or run 'gcloud auth login' (${why})`));
        return;
      }
      const token = String(stdout).trim();
      if (token) resolve(token);
      else reject(new Error(`no GCP access token: ${gcloud} auth print-access-token printed nothing`));
    });
  });
}

/** Global `fetch` and {@link defaultGcpToken}. */
export function defaultGcpAccess(): GcpAccess {
  return { fetch: (url, init) => fetch(url, init), token: () => defaultGcpToken() };
}

/** Cloud Asset Inventory's REST endpoint. */
export const CLOUD_ASSET_API = 'https://cloudasset.googleapis.com/v1';

/** What a failed Google API call says: the JSON error's `message`, or the body's first 300 characters when it is not JSON. */
export function googleApiError(body: string): string {
  try {
    const message = (JSON.parse(body) as { error?: { message?: string } } | null)?.error?.message;
    if (message !== undefined) return message;
  } catch {
    // not JSON: keep the text
  }
  return body.slice(0, 300);
}

/**
 * Every resource in a project that matches an asset search query (all
 * pages), e.g. `labels.sg-replica-name=acme-prod`.
 *
 * @throws Error naming the HTTP status and GCP's message when a call fails.
 */
export async function searchAllResources(project: string, query: string, access: GcpAccess): Promise<GcpAsset[]> {
  const token = await access.token();
  const found: GcpAsset[] = [];
  let pageToken: string | undefined;
  do {
    const params = new URLSearchParams({ query, pageSize: '500', ...(pageToken ? { pageToken } : {}) });
    const url = `${CLOUD_ASSET_API}/projects/${encodeURIComponent(project)}:searchAllResources?${params}`;
    const response = await access.fetch(url, { method: 'GET', headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(`Cloud Asset search in project ${project} failed (HTTP ${response.status}): ${googleApiError(await response.text())}`);
    }
    const page = (await response.json()) as { results?: Record<string, unknown>[]; nextPageToken?: string };
    for (const r of page.results ?? []) {
      found.push({
        name: String(r.name ?? ''),
        assetType: String(r.assetType ?? ''),
        displayName: String(r.displayName ?? String(r.name ?? '').split('/').pop()),
        location: String(r.location ?? ''),
        project: String(r.project ?? ''),
        labels: (r.labels as Record<string, string> | undefined) ?? {},
        ...(typeof r.state === 'string' && { state: r.state }),
      });
    }
    pageToken = page.nextPageToken || undefined;
  } while (pageToken);
  return found;
}
