import { collectState } from '../../lib/verify/collect-state';
import { connect } from '../../lib/verify/connection';
import { HttpGet } from '../../lib/verify/frontend-health';
import { findAll, healthyReplica } from './support/replica-objects';
import { example, startTestCluster, TestCluster } from './support/test-cluster';

// Loading the Kubernetes client (and running plugin processes) takes seconds on a busy 2-core machine.
jest.setTimeout(30_000);
describe('collectState', () => {
  const acme = example('acme-prod');
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster(acme.design, healthyReplica(acme.design, acme.assessment));
  });
  afterAll(() => cluster.close());

  it('reads every source, read-only, decodes the Helm release, keeps only the names of sg-replica’s Secrets', async () => {
    const seen: Parameters<HttpGet>[0][] = [];
    const httpGet: HttpGet = async (request) => {
      seen.push(request);
      return { status: 200, ms: 7 };
    };
    const before = cluster.server.requests.length;
    const state = await collectState(connect({ file: cluster.kubeconfig, env: {} }), acme.design, { httpGet });
    expect(state.readErrors).toEqual({});
    expect(state.version?.gitVersion).toBe('v1.35.5-eks-3025e55');
    const served = healthyReplica(acme.design, acme.assessment);
    const count = (kind: string) => findAll(served, kind).filter((o) => o.kind === 'Node' || o.metadata.namespace === 'sourcegraph').length;
    expect([state.nodes.length, state.pods.length, state.deployments.length, state.statefulSets.length, state.persistentVolumeClaims.length, state.ingresses.length]).toEqual(
      ['Node', 'Pod', 'Deployment', 'StatefulSet', 'PersistentVolumeClaim', 'Ingress'].map(count),
    );
    expect(state.pods.map((p) => p.metadata?.name)).toContain('gitserver-0');
    expect(state.allPods.length).toBeGreaterThan(state.pods.length);
    expect(state.namespace?.metadata?.labels?.['sg-replica/name']).toBe('acme-prod');
    expect(state.helmRelease).toMatchObject({ name: 'sourcegraph', revision: 1, status: 'deployed', chartVersion: '7.6.0' });
    expect(state.helmRelease?.values).toMatchObject({ pgsql: { enabled: false } });
    expect([...state.secretNames].sort()).toEqual(['sg-replica-codeinsights-db-auth', 'sg-replica-codeintel-db-auth', 'sg-replica-pgsql-auth', 'sg-replica-redis-cache-endpoint', 'sg-replica-redis-store-endpoint']);
    // The health probe went to the Ingress's address with the design's host name, over HTTPS (TLS is designed).
    expect(seen).toEqual([{ url: 'https://127.0.0.1/healthz', host: 'sourcegraph.acme.example.com', timeoutMs: 5000 }]);
    expect(state.health).toMatchObject({ ok: true, via: 'load-balancer' });
    const mine = cluster.server.requests.slice(before);
    expect(mine.every((r) => r.method === 'GET')).toBe(true);
    expect(mine.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/api/v1/namespaces/sourcegraph/secrets?labelSelector=owner%3Dhelm%2Cname%3Dsourcegraph',
        '/api/v1/pods?fieldSelector=status.phase%21%3DSucceeded%2Cstatus.phase%21%3DFailed',
      ]),
    );
    // Cloud-specific sources are only read for designs that use them.
    expect(mine.some((r) => r.path.includes('backendconfigs') || r.path.includes('/namespaces/ingress-nginx/'))).toBe(false);
  });

  it('falls back to the API server’s service proxy when the load balancer does not answer from here', async () => {
    const state = await collectState(connect({ file: cluster.kubeconfig, env: {} }), acme.design, { httpGet: async () => ({ error: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:443', ms: 1 }) });
    expect(state.health).toMatchObject({ ok: true, via: 'api-server', answer: { status: 200 }, loadBalancer: { answer: { error: expect.stringMatching(/^ECONNREFUSED/) } } });
  });

  it('records what it may not read and reads the rest; --wait polls without the probe', async () => {
    const limited = await startTestCluster(acme.design, healthyReplica(acme.design, acme.assessment), { forbidden: ['events', 'secrets'] });
    try {
      const state = await collectState(connect({ file: limited.kubeconfig, env: {} }), acme.design, { health: false });
      expect(state.readErrors).toEqual({
        events: expect.stringMatching(/refused the request \(403 Forbidden\): events is forbidden: User "verify-test" cannot list resource "events"/),
        secrets: expect.stringMatching(/403 Forbidden/),
        helmRelease: expect.stringMatching(/403 Forbidden/),
      });
      expect(state.pods.length).toBe(22);
      expect(state.health).toBeUndefined();
    } finally {
      await limited.close();
    }
  });

  it('reads the GKE BackendConfigs for a gce ingress and the ingress-nginx controller Service for nginx', async () => {
    for (const name of ['umbrella-gke', 'globex-search']) {
      const ex = example(name);
      const c = await startTestCluster(ex.design, healthyReplica(ex.design, ex.assessment));
      try {
        const state = await collectState(connect({ file: c.kubeconfig, env: {} }), ex.design, { health: 'api-server' });
        if (name === 'umbrella-gke') expect(state.backendConfigs.map((b) => b.metadata?.name)).toEqual(['sourcegraph-frontend']);
        else expect(state.ingressController?.spec?.loadBalancerSourceRanges).toEqual(['192.0.2.0/24']);
        expect(state.health).toMatchObject({ ok: true, via: 'api-server' });
      } finally {
        await c.close();
      }
    }
  });
});
