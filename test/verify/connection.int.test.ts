import * as fs from 'fs';
import * as net from 'net';
import { checkReachable, classifyFailure, ClusterAccessError, connect, serviceProxyGet } from '../../lib/verify/connection';
import { healthyReplica } from './support/replica-objects';
import { example, startTestCluster, TestCluster } from './support/test-cluster';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function failure(p: Promise<unknown>): Promise<ClusterAccessError> {
  try {
    await p;
  } catch (e) {
    return e as ClusterAccessError;
  }
  throw new Error('expected a failure');
}

// Loading the Kubernetes client (and running plugin processes) takes seconds on a busy 2-core machine.
jest.setTimeout(30_000);
describe('connection to the cluster through a kubeconfig', () => {
  const acme = example('acme-prod');
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster(acme.design, healthyReplica(acme.design, acme.assessment));
  });
  afterAll(() => cluster.close());

  it('reaches the fake API server over TLS with the kubeconfig’s CA and the exec plugin’s token, running the plugin once', async () => {
    const conn = connect({ file: cluster.kubeconfig, env: {} });
    expect(conn.kubeconfig).toMatchObject({ contextName: 'arn:aws:eks:us-east-2:111122223333:cluster/acme-prod', server: cluster.server.url });
    const version = await checkReachable(conn, 'sourcegraph');
    expect(version.gitVersion).toBe('v1.35.5-eks-3025e55');
    await Promise.all([conn.core.listNode(), conn.core.listNamespacedPod({ namespace: 'sourcegraph' })]);
    const runs = cluster.pluginRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', spec: { interactive: false, cluster: { server: cluster.server.url } } });
    expect(cluster.server.requests.every((r) => r.method === 'GET' && r.authorization === 'Bearer fake-token-for-verify-tests')).toBe(true);
  });

  it('the service proxy: 200 from a ready frontend, the API server’s 503 without endpoints', async () => {
    const conn = connect({ file: cluster.kubeconfig, env: {} });
    const get = serviceProxyGet(conn);
    expect(await get({ namespace: 'sourcegraph', service: 'sourcegraph-frontend', port: 'http-debug', path: 'ready' })).toMatchObject({ status: 200 });
    expect(cluster.server.requests.some((r) => r.path === '/api/v1/namespaces/sourcegraph/services/sourcegraph-frontend%3Ahttp-debug/proxy/ready')).toBe(true);
    const down = healthyReplica(acme.design, acme.assessment);
    down.objects = down.objects.filter((o) => !(o.kind === 'Pod' && o.metadata.labels?.app === 'sourcegraph-frontend'));
    cluster.server.serve(down);
    try {
      expect(await get({ namespace: 'sourcegraph', service: 'sourcegraph-frontend', port: 'http-debug', path: 'ready' })).toMatchObject({ status: 503, error: 'no endpoints available for service "sourcegraph-frontend"' });
    } finally {
      cluster.server.serve(healthyReplica(acme.design, acme.assessment));
    }
  });

  it('credentials the server rejects: unauthorized', async () => {
    const bad = await startTestCluster(acme.design, healthyReplica(acme.design, acme.assessment), { pluginToken: 'expired' });
    try {
      const e = await failure(checkReachable(connect({ file: bad.kubeconfig, env: {} }), 'sourcegraph'));
      expect(e).toMatchObject({ kind: 'unauthorized', message: `${bad.server.url} rejected the credentials (401 Unauthorized): Unauthorized` });
    } finally {
      await bad.close();
    }
  });

  it('nothing listening: unreachable; a server that never answers: timeout; an untrusted certificate: tls', async () => {
    const port = await freePort();
    const text = fs.readFileSync(cluster.kubeconfig, 'utf8');
    const closed = `${cluster.kubeconfig}.closed`;
    fs.writeFileSync(closed, text.replace(cluster.server.url, `https://127.0.0.1:${port}`));
    expect(await failure(checkReachable(connect({ file: closed, env: {} }), 'sourcegraph'))).toMatchObject({ kind: 'unreachable', message: expect.stringMatching(new RegExp(`^cannot reach https://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED`)) });

    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const hung = `${cluster.kubeconfig}.hung`;
    fs.writeFileSync(hung, text.replace(cluster.server.url, `https://127.0.0.1:${(silent.address() as net.AddressInfo).port}`));
    try {
      expect(await failure(checkReachable(connect({ file: hung, env: {}, timeoutMs: 300 }), 'sourcegraph'))).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/did not answer within 0\.3 s$/) });
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((r) => silent.close(() => r()));
    }

    const untrusted = `${cluster.kubeconfig}.untrusted`;
    fs.writeFileSync(untrusted, text.replace(/ {4}certificate-authority-data: .*\n/, ''));
    expect(await failure(checkReachable(connect({ file: untrusted, env: {} }), 'sourcegraph'))).toMatchObject({ kind: 'tls' });
  }, 20_000);

  it('a kubeconfig that cannot be used: kind kubeconfig, before any request', () => {
    expect(() => connect({ file: `${cluster.kubeconfig}.missing`, env: {} })).toThrow(ClusterAccessError);
    expect(classifyFailure({ code: 403, body: '{"message":"pods is forbidden"}' }, 'https://s', 1000)).toMatchObject({ kind: 'forbidden', message: 'https://s refused the request (403 Forbidden): pods is forbidden' });
  });
});
