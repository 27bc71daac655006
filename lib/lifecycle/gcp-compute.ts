/**
 * Reading Compute Engine resources with its REST API, through the same
 * injected `fetch` and token as the Cloud Asset search ({@link GcpAccess}):
 * for what carries no label to search by (network endpoint groups,
 * firewall rules, security and SSL policies, peerings) but can be found
 * by the network it is in or by the name sg-replica gave it.
 */
import { GcpAccess, googleApiError } from './gcp-asset-search';

/** Compute Engine's REST endpoint. */
export const COMPUTE_API = 'https://compute.googleapis.com/compute/v1';

async function call(url: string, access: GcpAccess, what: string): Promise<Record<string, unknown> | undefined> {
  const token = await access.token();
  const response = await access.fetch(url, { method: 'GET', headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (response.status === 404) return undefined;
  if (!response.ok) {
    throw new Error(`Compute Engine ${what} failed (HTTP ${response.status}): ${googleApiError(await response.text())}`);
  }
  return (await response.json()) as Record<string, unknown>;
}

/**
 * One resource, by its path under the project (e.g.
 * `global/networks/acme-prod`), or undefined when it does not exist.
 *
 * @throws Error naming the HTTP status and GCP's message for any other failure.
 */
export function computeGet(project: string, resourcePath: string, access: GcpAccess): Promise<Record<string, unknown> | undefined> {
  return call(`${COMPUTE_API}/projects/${encodeURIComponent(project)}/${resourcePath}`, access, `get ${resourcePath} in project ${project}`);
}

/**
 * Every resource of a list (`global/firewalls`) or aggregated list
 * (`aggregated/networkEndpointGroups`) that matches a Compute filter
 * (e.g. `network eq ".*\/networks/acme-prod"`), all pages.
 *
 * @throws Error naming the HTTP status and GCP's message when a call fails.
 */
export async function computeList(project: string, collectionPath: string, filter: string, access: GcpAccess): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let pageToken: string | undefined;
  do {
    const params = new URLSearchParams({ filter, maxResults: '500', ...(pageToken ? { pageToken } : {}) });
    const url = `${COMPUTE_API}/projects/${encodeURIComponent(project)}/${collectionPath}?${params}`;
    const page = (await call(url, access, `list ${collectionPath} in project ${project}`)) ?? {};
    const items = page.items;
    if (Array.isArray(items)) {
      found.push(...(items as Record<string, unknown>[]));
    } else if (items && typeof items === 'object') {
      // Aggregated: { "zones/us-central1-a": { networkEndpointGroups: [...] }, ... }.
      for (const scoped of Object.values(items as Record<string, Record<string, unknown>>)) {
        for (const value of Object.values(scoped)) if (Array.isArray(value)) found.push(...(value as Record<string, unknown>[]));
      }
    }
    pageToken = typeof page.nextPageToken === 'string' && page.nextPageToken ? page.nextPageToken : undefined;
  } while (pageToken);
  return found;
}

/**
 * The full resource name (as Cloud Asset Inventory writes it) of a Compute
 * resource's self link: `https://www.googleapis.com/compute/v1/projects/p/zones/z/networkEndpointGroups/n`
 * becomes `//compute.googleapis.com/projects/p/zones/z/networkEndpointGroups/n`.
 */
export function fullResourceName(selfLink: string): string {
  return selfLink.replace(/^https:\/\/(www|compute)\.googleapis\.com\/compute\/(v1|beta)\//, '//compute.googleapis.com/');
}
