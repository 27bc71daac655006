/**
 * The destroy-time volume wait program, run as Terraform runs it
 * (`node -e <program>`), against a fake Kubernetes API with TLS on 127.0.0.1.
 */
import { spawnSync } from 'child_process';
import { WAIT_FOR_VOLUMES_SCRIPT } from '../../lib/kubernetes/wait-for-volumes-script';
import { fakeExecCredential, startFakeKubernetesApi, type FakeKubernetesApi } from '../support/fake-kubernetes-api';

let api: FakeKubernetesApi;
beforeAll(async () => {
  api = await startFakeKubernetesApi();
}, 60_000);
afterAll(async () => api?.stop());

function run(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['-e', WAIT_FOR_VOLUMES_SCRIPT, 'sg-replica-wait-for-volumes'], {
    env: {
      PATH: process.env.PATH ?? '',
      SG_K8S_HOST: api.host,
      SG_K8S_CA_B64: api.caBase64,
      SG_K8S_TLS_SERVER_NAME: api.serverName,
      SG_K8S_EXEC: JSON.stringify(fakeExecCredential()),
      FAKE_EXEC_TOKEN: api.token,
      SG_STORAGE_CLASS: 'sourcegraph',
      // Fractions of a second (the program takes any positive number): the tests wait for real, and a waiting test
      // holds one of the machine's two jest workers.
      SG_TIMEOUT_SECONDS: '0.6',
      SG_POLL_SECONDS: '0.2',
      ...env,
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

const volumes = [
  { name: 'pvc-1', storageClassName: 'sourcegraph', volumeHandle: 'vol-0aaa', claim: 'sourcegraph/data-gitserver-0' },
  { name: 'pvc-2', storageClassName: 'sourcegraph', volumeHandle: 'vol-0bbb', phase: 'Failed', claim: 'sourcegraph/data-indexed-search-0' },
  { name: 'pvc-other', storageClassName: 'gp2', volumeHandle: 'vol-0ccc' },
];

describe('wait-for-volumes program', () => {
  it('waits until no volume of the StorageClass is left, ignoring other classes', () => {
    api.setVolumes(volumes, 2);
    const r = run({ SG_TIMEOUT_SECONDS: '30' }); // returns as soon as the volumes are gone (two polls)
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toContain('sg-replica: waiting for the CSI driver to delete 2 PersistentVolume(s) of StorageClass sourcegraph: pvc-1 (vol-0aaa, sourcegraph/data-gitserver-0, Released); pvc-2 (vol-0bbb, sourcegraph/data-indexed-search-0, Failed)');
    expect(r.out).toMatch(/sg-replica: no PersistentVolume of StorageClass sourcegraph is left\n$/);
    // Authenticated with the plugin's token, TLS verified against the certificate's name, not 127.0.0.1.
    const asked = api.requests();
    expect(asked.length).toBeGreaterThanOrEqual(3);
    for (const q of asked) expect(q).toEqual({ path: '/api/v1/persistentvolumes', authorization: `Bearer ${api.token}`, servername: api.serverName });
  });

  it('fails after the timeout, naming every volume left and the way out', () => {
    api.setVolumes(volumes, -1);
    const r = run({});
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/^sg-replica: 2 PersistentVolume\(s\) of StorageClass sourcegraph still exist after \d+ s: pvc-1 \(vol-0aaa, .*\); pvc-2 \(vol-0bbb, .*Failed\)\. /);
    expect(r.err).toContain('SG_REPLICA_SKIP_VOLUME_WAIT=1');
    expect(r.err).toContain('sg-replica leftovers <design> --delete');
  });

  it('does not wait when the user says so', () => {
    api.setVolumes(volumes, -1);
    const before = api.requests().length;
    const r = run({ SG_REPLICA_SKIP_VOLUME_WAIT: '1' });
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/SG_REPLICA_SKIP_VOLUME_WAIT=1: not waiting/);
    expect(api.requests().length).toBe(before);
  });

  it('refuses a certificate that does not match, and says the API could not be reached', () => {
    api.setVolumes([], -1);
    const r = run({ SG_K8S_TLS_SERVER_NAME: 'another.name.test' });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/could not list the PersistentVolumes of StorageClass sourcegraph at https:\/\/127\.0\.0\.1:\d+ for \d+ s \(.*(altname|certificate|match).*\)\. Is the API reachable \(for a private endpoint: is the tunnel open\)\?/i);
  });

  it('reports a refused token as an error from the API', () => {
    api.setVolumes([], -1);
    const r = run({ FAKE_EXEC_TOKEN: 'wrong' });
    expect(r.status).toBe(1);
    expect(r.err).toMatch(/HTTP 401/);
  });

  it('contains no Terraform template syntax (it travels inside the configuration)', () => {
    expect(WAIT_FOR_VOLUMES_SCRIPT).not.toMatch(/\$\{|%\{/);
  });
});
