import { gzipSync } from 'zlib';
import { decodeReleaseSecret, encodeReleaseData, latestRelease } from '../../lib/verify/helm-release';

const record = (version: number, status: string) => ({
  name: 'sourcegraph',
  namespace: 'sourcegraph',
  version,
  info: { status, description: status === 'failed' ? 'Upgrade "sourcegraph" failed: timed out waiting for the condition' : 'Install complete', last_deployed: '2026-11-27T09:00:00Z' },
  chart: { metadata: { name: 'sourcegraph', version: '7.6.0', appVersion: '7.6.0' } },
  config: { frontend: { replicaCount: 3 } },
});

function secret(version: number, status: string, data = encodeReleaseData(record(version, status))) {
  return { metadata: { name: `sh.helm.release.v1.sourcegraph.v${version}`, labels: { owner: 'helm', name: 'sourcegraph', status, version: String(version) } }, type: 'helm.sh/release.v1', data: { release: data } };
}

describe('Helm release Secrets', () => {
  it('decodes the Secret data: base64 of Helm’s base64 of gzipped JSON', () => {
    // Built here by hand, independently of encodeReleaseData.
    const helm = gzipSync(Buffer.from(JSON.stringify(record(1, 'deployed')))).toString('base64');
    const data = Buffer.from(helm).toString('base64');
    expect(decodeReleaseSecret(secret(1, 'deployed', data))).toEqual({
      name: 'sourcegraph',
      namespace: 'sourcegraph',
      revision: 1,
      status: 'deployed',
      description: 'Install complete',
      chartName: 'sourcegraph',
      chartVersion: '7.6.0',
      appVersion: '7.6.0',
      values: { frontend: { replicaCount: 3 } },
      lastDeployed: '2026-11-27T09:00:00Z',
    });
    expect(data).toBe(encodeReleaseData(record(1, 'deployed')));
  });

  it('accepts a record Helm stored without gzip', () => {
    const plain = Buffer.from(Buffer.from(JSON.stringify(record(2, 'deployed'))).toString('base64')).toString('base64');
    expect(decodeReleaseSecret(secret(2, 'deployed', plain)).revision).toBe(2);
  });

  it('picks the newest revision (by number, not by name order) of the named release', () => {
    const secrets = [secret(9, 'superseded'), secret(10, 'failed'), { ...secret(11, 'deployed'), metadata: { name: 'sh.helm.release.v1.other.v11', labels: {} } }];
    expect(latestRelease(secrets, 'sourcegraph')).toMatchObject({ revision: 10, status: 'failed', description: 'Upgrade "sourcegraph" failed: timed out waiting for the condition' });
    expect(latestRelease([], 'sourcegraph')).toBeUndefined();
  });

  it('names the Secret when its data is not a release', () => {
    expect(() => decodeReleaseSecret(secret(1, 'deployed', Buffer.from('not base64 of gzip').toString('base64')))).toThrow(/^Secret sh\.helm\.release\.v1\.sourcegraph\.v1 does not hold a readable Helm release/);
    expect(() => decodeReleaseSecret({ metadata: { name: 'x' }, data: {} })).toThrow('Secret x has no release data');
  });
});
