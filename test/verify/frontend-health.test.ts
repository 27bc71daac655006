import * as http from 'http';
import { AddressInfo } from 'net';
import { FrontendHealth, HttpGet, loadBalancerGet, probeFrontend, ServiceProxyGet } from '../../lib/verify/frontend-health';
import { awsDesign } from '../support/design-fixture';

describe('the frontend health probe', () => {
  const design = awsDesign({ sourcegraph: { hostname: 'sourcegraph.acme.example.com' } });
  const proxyCalls: Parameters<ServiceProxyGet>[0][] = [];
  const proxyGet: ServiceProxyGet = async (r) => {
    proxyCalls.push(r);
    return { status: 200, ms: 2 };
  };
  const lb = (answer: Awaited<ReturnType<HttpGet>>): HttpGet => async () => answer;
  beforeEach(() => proxyCalls.splice(0));

  it('through the load balancer when it answers; its 503 is the verdict (that is what users get)', async () => {
    expect(await probeFrontend({ design, address: 'lb.example', proxyGet, httpGet: lb({ status: 200, ms: 5 }) })).toEqual({ ok: true, via: 'load-balancer', target: 'http://lb.example/healthz (Host: sourcegraph.acme.example.com)', answer: { status: 200, ms: 5 } });
    expect(await probeFrontend({ design, address: 'lb.example', proxyGet, httpGet: lb({ status: 503, ms: 5 }) })).toMatchObject({ ok: false, via: 'load-balancer' });
    expect(proxyCalls).toEqual([]);
  });

  it('through the API server’s service proxy (readiness endpoint on http-debug) when the load balancer does not answer, when asked, or without ingress', async () => {
    const viaApi: Partial<FrontendHealth> = { ok: true, via: 'api-server', target: '/api/v1/namespaces/sourcegraph/services/sourcegraph-frontend:http-debug/proxy/ready' };
    expect(await probeFrontend({ design, address: 'lb.example', proxyGet, httpGet: lb({ error: 'ETIMEDOUT', ms: 5000 }) })).toMatchObject({ ...viaApi, loadBalancer: { answer: { error: 'ETIMEDOUT' } } });
    expect(await probeFrontend({ design, address: 'lb.example', route: 'api-server', proxyGet, httpGet: lb({ status: 200, ms: 1 }) })).toMatchObject(viaApi);
    const none = awsDesign({ sourcegraph: { ingress: 'none' } });
    expect(await probeFrontend({ design: none, proxyGet })).toMatchObject(viaApi);
    expect(proxyCalls).toEqual(Array(3).fill({ namespace: 'sourcegraph', service: 'sourcegraph-frontend', port: 'http-debug', path: 'ready' }));
    expect(await probeFrontend({ design: none, route: 'load-balancer', proxyGet })).toMatchObject({ ok: false, via: 'load-balancer', answer: { error: 'no load balancer (ingress: none)' } });
  });

  it('a 403 when the design admits only some clients is the allow-list refusing this machine: ask the API server', async () => {
    expect(await probeFrontend({ design, address: 'lb.example', proxyGet, httpGet: lb({ status: 403, ms: 5 }) })).toMatchObject({ ok: true, via: 'api-server', loadBalancer: { answer: { status: 403 } } });
    const open = awsDesign({ sourcegraph: { allowedClientCidrs: ['0.0.0.0/0'] } });
    expect(await probeFrontend({ design: open, address: 'lb.example', proxyGet, httpGet: lb({ status: 403, ms: 5 }) })).toMatchObject({ ok: false, via: 'load-balancer' });
  });

  it('HTTPS when TLS is designed', async () => {
    const seen: string[] = [];
    const tls = awsDesign({ sourcegraph: { tlsCertificateArn: 'arn:aws:acm:us-east-2:111122223333:certificate/x' } });
    await probeFrontend({ design: tls, address: 'lb.example', proxyGet, httpGet: async (r) => (seen.push(r.url), { status: 200, ms: 1 }) });
    expect(seen).toEqual(['https://lb.example/healthz']);
  });

  it('loadBalancerGet sends the design’s host name and reports status, refusals and timeouts', async () => {
    const hosts: (string | undefined)[] = [];
    const server = http.createServer((req, res) => {
      hosts.push(req.headers.host);
      if (req.url === '/slow') return;
      res.writeHead(req.url === '/healthz' ? 200 : 404).end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await loadBalancerGet({ url: `${base}/healthz`, host: 'sourcegraph.acme.example.com', timeoutMs: 2000 })).toMatchObject({ status: 200 });
      expect(hosts).toEqual(['sourcegraph.acme.example.com']);
      expect(await loadBalancerGet({ url: `${base}/slow`, host: 'h', timeoutMs: 200 })).toMatchObject({ error: 'no answer within 0.2 s' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect(await loadBalancerGet({ url: `${base}/healthz`, host: 'h', timeoutMs: 1000 })).toMatchObject({ error: expect.stringMatching(/^ECONNREFUSED/) });
  });
});
