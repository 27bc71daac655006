import * as fs from 'fs';
import * as path from 'path';
import { defaultGcpToken, gcloudError, GcpAccess, googleApiError, HttpFetch, searchAllResources } from '../../lib/lifecycle/gcp-asset-search';

/**
 * The GCP mocking approach: no SDK, so the `fetch` function and the token
 * provider are injected; these tests answer like Cloud Asset Inventory.
 */
function fakeFetch(pages: unknown[], status = 200): { access: GcpAccess; calls: { url: string; headers: Record<string, string> }[] } {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  let i = 0;
  const fetch: HttpFetch = async (url, init) => {
    calls.push({ url, headers: init.headers });
    const body = pages[i++];
    return { ok: status < 400, status, json: async () => body, text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) };
  };
  return { access: { fetch, token: async () => 'tok-123' }, calls };
}

describe('searchAllResources', () => {
  it('calls the project scope with the query and the bearer token, following nextPageToken', async () => {
    const { access, calls } = fakeFetch([
      {
        results: [
          {
            name: '//compute.googleapis.com/projects/p1/zones/us-central1-a/disks/pvc-1',
            assetType: 'compute.googleapis.com/Disk',
            displayName: 'pvc-1',
            location: 'us-central1-a',
            project: 'projects/42',
            labels: { 'sg-replica-name': 'umbrella-gke' },
            state: 'READY',
          },
        ],
        nextPageToken: 'next-1',
      },
      { results: [{ name: '//compute.googleapis.com/projects/p1/global/firewalls/fw', assetType: 'compute.googleapis.com/Firewall' }] },
    ]);
    const found = await searchAllResources('p1', 'labels.sg-replica-name=umbrella-gke', access);
    expect(calls).toHaveLength(2);
    const first = new URL(calls[0].url);
    expect(`${first.origin}${first.pathname}`).toBe('https://cloudasset.googleapis.com/v1/projects/p1:searchAllResources');
    expect(first.searchParams.get('query')).toBe('labels.sg-replica-name=umbrella-gke');
    expect(first.searchParams.get('pageToken')).toBeNull();
    expect(new URL(calls[1].url).searchParams.get('pageToken')).toBe('next-1');
    expect(calls[0].headers.Authorization).toBe('Bearer tok-123');
    expect(found).toEqual([
      {
        name: '//compute.googleapis.com/projects/p1/zones/us-central1-a/disks/pvc-1',
        assetType: 'compute.googleapis.com/Disk',
        displayName: 'pvc-1',
        location: 'us-central1-a',
        project: 'projects/42',
        labels: { 'sg-replica-name': 'umbrella-gke' },
        state: 'READY',
      },
      {
        name: '//compute.googleapis.com/projects/p1/global/firewalls/fw',
        assetType: 'compute.googleapis.com/Firewall',
        displayName: 'fw',
        location: '',
        project: '',
        labels: {},
      },
    ]);
  });

  it("reports GCP's error message and the status", async () => {
    const { access } = fakeFetch([{ error: { code: 403, message: 'Cloud Asset API has not been used in project p1' } }], 403);
    await expect(searchAllResources('p1', 'q', access)).rejects.toThrow('Cloud Asset search in project p1 failed (HTTP 403): Cloud Asset API has not been used in project p1');
  });

  it('gives an empty list when there are no results', async () => {
    const { access } = fakeFetch([{}]);
    await expect(searchAllResources('p1', 'q', access)).resolves.toEqual([]);
  });
});

describe('defaultGcpToken', () => {
  it('takes GOOGLE_OAUTH_ACCESS_TOKEN when set', async () => {
    await expect(defaultGcpToken({ GOOGLE_OAUTH_ACCESS_TOKEN: ' ya29.x \n' })).resolves.toBe('ya29.x');
  });

  it('explains how to get a token when gcloud is missing', async () => {
    await expect(defaultGcpToken({}, '/nonexistent/gcloud')).rejects.toThrow(
      /set GOOGLE_OAUTH_ACCESS_TOKEN or run 'gcloud auth login' \(gcloud is not installed\)/,
    );
  });

  it('reports gcloud\'s whole error on one line, not its last line ("to obtain new credentials.")', () => {
    const stderr = [
      'WARNING: Could not open the configuration file: [/root/.config/gcloud/configurations/config_default].',
      'ERROR: (gcloud.auth.print-access-token) There was a problem refreshing your current auth tokens: Reauthentication failed. cannot prompt during non-interactive execution.',
      'Please run:',
      '',
      '  $ gcloud auth login',
      '',
      'to obtain new credentials.',
      '',
    ].join('\n');
    expect(gcloudError(stderr)).toBe(
      'There was a problem refreshing your current auth tokens: Reauthentication failed. cannot prompt during non-interactive execution. Please run: $ gcloud auth login to obtain new credentials.',
    );
    expect(gcloudError('something went wrong\n')).toBe('something went wrong');
  });

  it('runs `gcloud auth print-access-token` otherwise, and reports its error', async () => {
    const dir = path.join(__dirname, '..', '..', '.tmp', 'lifecycle-gcloud');
    fs.mkdirSync(dir, { recursive: true });
    const ok = path.join(dir, 'gcloud-ok');
    fs.writeFileSync(ok, '#!/bin/sh\n[ "$1 $2" = "auth print-access-token" ] && echo ya29.from-gcloud\n', { mode: 0o755 });
    const failing = path.join(dir, 'gcloud-fail');
    fs.writeFileSync(failing, '#!/bin/sh\necho "ERROR: (gcloud.auth.print-access-token) You do not currently have an active account selected." >&2\nexit 1\n', { mode: 0o755 });
    await expect(defaultGcpToken({}, ok)).resolves.toBe('ya29.from-gcloud');
    await expect(defaultGcpToken({}, failing)).rejects.toThrow(/You do not currently have an active account selected/);
  });
});

describe('googleApiError', () => {
  it('is the JSON error message, else the start of the body', () => {
    expect(googleApiError('{"error":{"code":403,"message":"Permission denied on resource project acme."}}')).toBe('Permission denied on resource project acme.');
    expect(googleApiError('{"error":{"code":403}}')).toBe('{"error":{"code":403}}');
    expect(googleApiError('null')).toBe('null');
    expect(googleApiError(`<html>${'x'.repeat(400)}`)).toBe(`<html>${'x'.repeat(294)}`);
  });
});
