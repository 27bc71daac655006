import { GcpAccess } from '../../lib/lifecycle/gcp-asset-search';
import { computeGet, computeList, fullResourceName } from '../../lib/lifecycle/gcp-compute';

function access(pages: Record<string, { status: number; body: unknown }>, seen: string[] = []): GcpAccess {
  return {
    token: async () => 'tok',
    fetch: async (url, init) => {
      seen.push(url);
      expect(init.headers.Authorization).toBe('Bearer tok');
      const u = new URL(url);
      const key = `${u.pathname}${u.searchParams.get('pageToken') ? `#${u.searchParams.get('pageToken')}` : ''}`;
      const page = pages[key] ?? { status: 404, body: { error: { message: 'not found' } } };
      return { ok: page.status < 300, status: page.status, json: async () => page.body, text: async () => JSON.stringify(page.body) };
    },
  };
}

describe('computeList', () => {
  it('reads every page of an aggregated list and flattens the scopes, passing the filter', async () => {
    const seen: string[] = [];
    const base = '/compute/v1/projects/p-1/aggregated/networkEndpointGroups';
    const items = await computeList(
      'p-1',
      'aggregated/networkEndpointGroups',
      'network eq ".*/networks/acme"',
      access(
        {
          [base]: { status: 200, body: { items: { 'zones/a': { networkEndpointGroups: [{ name: 'n1' }] }, 'zones/b': { warning: {} } }, nextPageToken: 't2' } },
          [`${base}#t2`]: { status: 200, body: { items: { 'zones/c': { networkEndpointGroups: [{ name: 'n2' }, { name: 'n3' }] } } } },
        },
        seen,
      ),
    );
    expect(items.map((i) => i.name)).toEqual(['n1', 'n2', 'n3']);
    expect(new URL(seen[0]).searchParams.get('filter')).toBe('network eq ".*/networks/acme"');
    expect(seen).toHaveLength(2);
  });

  it('reads a plain list, and an empty answer as nothing', async () => {
    const base = '/compute/v1/projects/p-1/global/firewalls';
    expect(await computeList('p-1', 'global/firewalls', 'x', access({ [base]: { status: 200, body: { items: [{ name: 'f1' }] } } }))).toEqual([{ name: 'f1' }]);
    expect(await computeList('p-1', 'global/firewalls', 'x', access({ [base]: { status: 200, body: {} } }))).toEqual([]);
  });

  it('names the failing call with GCP\'s message', async () => {
    const base = '/compute/v1/projects/p-1/global/firewalls';
    await expect(computeList('p-1', 'global/firewalls', 'x', access({ [base]: { status: 403, body: { error: { message: 'denied' } } } }))).rejects.toThrow(
      'Compute Engine list global/firewalls in project p-1 failed (HTTP 403): denied',
    );
  });
});

describe('computeGet', () => {
  it('returns the resource, or undefined when it does not exist', async () => {
    const a = access({ '/compute/v1/projects/p-1/global/networks/acme': { status: 200, body: { name: 'acme' } } });
    expect(await computeGet('p-1', 'global/networks/acme', a)).toEqual({ name: 'acme' });
    expect(await computeGet('p-1', 'global/networks/gone', a)).toBeUndefined();
  });
});

describe('fullResourceName', () => {
  it('turns a self link into the name Cloud Asset Inventory uses', () => {
    expect(fullResourceName('https://www.googleapis.com/compute/v1/projects/p-1/zones/z/networkEndpointGroups/n')).toBe(
      '//compute.googleapis.com/projects/p-1/zones/z/networkEndpointGroups/n',
    );
    expect(fullResourceName('https://compute.googleapis.com/compute/v1/projects/p-1/global/firewalls/f')).toBe('//compute.googleapis.com/projects/p-1/global/firewalls/f');
  });
});
