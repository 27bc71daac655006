/**
 * Whether Sourcegraph's frontend answers its health endpoint: through the
 * load balancer when the replica has one and it is reachable from here, else
 * through the Kubernetes API server's service proxy (what `kubectl
 * port-forward` would give, without a local port: works wherever the API
 * server is reachable, and is testable).
 *
 * The endpoints, from the chart (7.6.0 and 6.12.5040):
 * - through the API server: `GET /ready` on the `sourcegraph-frontend`
 *   Service's `http-debug` port (6060), the frontend's readinessProbe
 *   (templates/frontend/sourcegraph-frontend.Deployment.yaml) and the GCE
 *   health check (examples/gcp/override.yaml);
 * - through the load balancer: `GET /healthz` on the frontend's `http`
 *   port, the ALB health check of examples/aws/override.yaml (and the
 *   livenessProbe path), with the design's host name as `Host`, since the
 *   Ingress routes by host.
 */
import * as http from 'http';
import * as https from 'https';
import { INGRESS_KINDS } from '../cloud/ingress-kinds';
import type { Design } from '../design/model';

/** The frontend's health endpoints (see the module comment for sources). */
export const FRONTEND_HEALTH = {
  service: 'sourcegraph-frontend',
  apiServer: { port: 'http-debug', path: 'ready' },
  loadBalancer: { path: '/healthz' },
} as const;

/** How to reach the frontend: `auto` tries the load balancer, then the API server. */
export type HealthRoute = 'auto' | 'load-balancer' | 'api-server';
export const HEALTH_ROUTES: readonly HealthRoute[] = ['auto', 'load-balancer', 'api-server'];

/** One HTTP answer, or why there was none. */
export interface ProbeAnswer {
  readonly status?: number;
  /** Why no answer came (connection refused, timeout, TLS...). */
  readonly error?: string;
  /** The route itself refused the request (e.g. RBAC forbids the service proxy): says nothing about the frontend. */
  readonly blocked?: boolean;
  readonly ms: number;
}

/** The outcome of the health probe. */
export interface FrontendHealth {
  readonly ok: boolean;
  /** Which route answered (or was last tried). */
  readonly via: 'load-balancer' | 'api-server';
  /** What was asked, e.g. `https://k8s-…elb.amazonaws.com/healthz (Host: sourcegraph.acme.example.com)`. */
  readonly target: string;
  readonly answer: ProbeAnswer;
  /** The load balancer attempt, when the API server answered after it failed. */
  readonly loadBalancer?: { readonly target: string; readonly answer: ProbeAnswer };
}

/** An HTTP GET to a load balancer address. */
export type HttpGet = (request: { url: string; host: string; timeoutMs: number }) => Promise<ProbeAnswer>;
/** A GET through the API server's service proxy; resolves to the status it relayed. */
export type ServiceProxyGet = (request: { namespace: string; service: string; port: string; path: string }) => Promise<ProbeAnswer>;

/** What the probe needs. */
export interface HealthProbeOptions {
  readonly design: Design;
  /** The load balancer's address (host name or IP), when the replica has one. */
  readonly address?: string;
  /** @default 'auto' */
  readonly route?: HealthRoute;
  readonly proxyGet: ServiceProxyGet;
  /** @default a Node http(s) request (`loadBalancerGet`) */
  readonly httpGet?: HttpGet;
  /** The load balancer attempt's timeout (the API server route uses the connection's). @default 5000 */
  readonly timeoutMs?: number;
}

/**
 * A GET with Node's http(s), TLS verified against `host` (SNI and
 * certificate), no redirects followed, the body discarded.
 */
export const loadBalancerGet: HttpGet = ({ url, host, timeoutMs }) =>
  new Promise((resolve) => {
    const started = Date.now();
    const u = new URL(url);
    const lib = u.protocol === 'https:' ? https : http;
    const req = lib.request(
      { method: 'GET', hostname: u.hostname, port: u.port || undefined, path: `${u.pathname}${u.search}`, headers: { Host: host, 'User-Agent': 'sg-replica-verify' }, servername: host, timeout: timeoutMs },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: Date.now() - started }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ? `${e.code}: ${e.message}` : e.message, ms: Date.now() - started }));
    req.end();
  });

function good(a: ProbeAnswer): boolean {
  return a.status !== undefined && a.status >= 200 && a.status < 300;
}

/** Probes the frontend by the route asked; never throws. */
export async function probeFrontend(options: HealthProbeOptions): Promise<FrontendHealth> {
  const { design } = options;
  const route = options.route ?? 'auto';
  const timeoutMs = options.timeoutMs ?? 5000;
  const sg = design.sourcegraph;
  const viaApi = async (): Promise<FrontendHealth> => {
    const { port, path } = FRONTEND_HEALTH.apiServer;
    const target = `/api/v1/namespaces/${sg.namespace}/services/${FRONTEND_HEALTH.service}:${port}/proxy/${path}`;
    const answer = await options.proxyGet({ namespace: sg.namespace, service: FRONTEND_HEALTH.service, port, path });
    return { ok: good(answer), via: 'api-server', target, answer };
  };
  const exposed = INGRESS_KINDS[sg.ingress].loadBalancer !== undefined;
  if (route === 'api-server' || !exposed || !options.address) {
    if (route === 'load-balancer') {
      const target = !exposed ? `no load balancer (ingress: ${sg.ingress})` : 'no load balancer address';
      return { ok: false, via: 'load-balancer', target, answer: { error: target, ms: 0 } };
    }
    return viaApi();
  }
  const scheme = sg.tls.certificate === 'none' ? 'http' : 'https';
  const url = `${scheme}://${options.address}${FRONTEND_HEALTH.loadBalancer.path}`;
  const target = `${url} (Host: ${sg.hostname})`;
  const answer = await (options.httpGet ?? loadBalancerGet)({ url, host: sg.hostname, timeoutMs });
  // A 403 when the design admits only some clients is the allow-list refusing this machine (Cloud Armor answers
  // 403; security groups and source ranges drop the connection instead): not the frontend's answer.
  const restricted = sg.allowedClientCidrs.length > 0 && !sg.allowedClientCidrs.some((c) => c.endsWith('/0'));
  const refusedHere = answer.status === 403 && restricted;
  // Any other answer from the load balancer is the verdict: a 502/503 there is what users get.
  if ((answer.status !== undefined && !refusedHere) || route === 'load-balancer') return { ok: good(answer), via: 'load-balancer', target, answer };
  const api = await viaApi();
  return { ...api, loadBalancer: { target, answer } };
}
