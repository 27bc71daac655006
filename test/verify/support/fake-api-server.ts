/**
 * A fake Kubernetes API server on 127.0.0.1 for verify's tests: HTTPS with a
 * self-signed certificate made at test time (openssl), bearer-token
 * authentication, and read-only REST over recorded objects: GET of lists
 * (namespaced, cluster-wide and across namespaces, with equality label
 * selectors and `status.phase!=` field selectors), single objects, the
 * `/version` endpoint, and the service proxy subresource of the frontend.
 * Unknown resources answer 404 as the real server does for an API that is
 * not installed (e.g. GKE's BackendConfig on EKS). Every request is recorded.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import { AddressInfo } from 'net';
import { KubeObject, ReplicaCluster } from './replica-objects';

/** Plural resource -> kind, for the resources verify reads. */
const KINDS: Readonly<Record<string, string>> = {
  nodes: 'Node',
  namespaces: 'Namespace',
  pods: 'Pod',
  events: 'Event',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  services: 'Service',
  serviceaccounts: 'ServiceAccount',
  secrets: 'Secret',
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  jobs: 'Job',
  ingresses: 'Ingress',
  storageclasses: 'StorageClass',
  backendconfigs: 'BackendConfig',
};

const CLUSTER_SCOPED = new Set(['Node', 'Namespace', 'StorageClass']);

/** A request the server saw. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
}

/** A running fake API server. */
export interface FakeApiServer {
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  /** The CA (= the server's self-signed certificate), PEM. */
  readonly caPem: string;
  readonly requests: SeenRequest[];
  /** Replaces what the server serves (for `--wait` tests). */
  serve(cluster: ReplicaCluster): void;
  close(): Promise<void>;
}

/** Options of the fake server. */
export interface FakeApiServerOptions {
  /** The bearer token it accepts. */
  readonly token: string;
  /** Answers the frontend's health through the service proxy; default: 200 when a frontend pod is Ready, else 503 as the API server says when there are no endpoints. */
  readonly proxy?: (path: string) => { status: number; body: string };
  /** Resources (plural) the user may not read: 403, as RBAC answers. */
  readonly forbidden?: readonly string[];
}

let certCache: { cert: string; key: string } | undefined;

/** A self-signed certificate for 127.0.0.1, made once per test process with openssl. */
export function selfSignedCertificate(): { cert: string; key: string } {
  if (certCache) return certCache;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-apiserver-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=fake-kube-apiserver', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { stdio: 'pipe' },
    );
  } catch (e) {
    throw new Error(`the verify tests need openssl on the PATH to make the fake API server's certificate: ${(e as Error).message}`);
  }
  certCache = { cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'), key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8') };
  fs.rmSync(dir, { recursive: true, force: true });
  return certCache;
}

function status(code: number, reason: string, message: string): { code: number; body: unknown } {
  return { code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code } };
}

function matchesLabels(o: KubeObject, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [k, v] = term.split('=');
    return (o.metadata.labels ?? {})[k] === v;
  });
}

function matchesFields(o: KubeObject, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const m = /^status\.phase!=(.+)$/.exec(term);
    if (!m) throw new Error(`fake API server: unsupported field selector ${term}`);
    return (o.status as { phase?: string } | undefined)?.phase !== m[1];
  });
}

function defaultProxy(cluster: ReplicaCluster): { status: number; body: string } {
  const ready = cluster.objects.some(
    (o) => o.kind === 'Pod' && o.metadata.labels?.app === 'sourcegraph-frontend' && ((o.status as { conditions?: { type: string; status: string }[] })?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
  );
  return ready ? { status: 200, body: '' } : { status: 503, body: JSON.stringify(status(503, 'ServiceUnavailable', 'no endpoints available for service "sourcegraph-frontend"').body) };
}

/** Starts the server on an ephemeral port of 127.0.0.1. */
export async function startFakeApiServer(cluster: ReplicaCluster, options: FakeApiServerOptions): Promise<FakeApiServer> {
  const { cert, key } = selfSignedCertificate();
  const requests: SeenRequest[] = [];
  let current = cluster;
  const handle = (method: string, url: URL): { code: number; body: unknown; raw?: string } => {
    if (method !== 'GET') return status(405, 'MethodNotAllowed', `${method} is not served by the fake API server (verify must only read)`);
    if (url.pathname === '/version') return { code: 200, body: current.version };
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    // /api/v1/... or /apis/<group>/<version>/...
    const rest = parts[0] === 'api' ? parts.slice(2) : parts[0] === 'apis' ? parts.slice(3) : undefined;
    if (!rest) return status(404, 'NotFound', `the server could not find the requested resource`);
    let namespace: string | undefined;
    let tail = rest;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      tail = rest.slice(2);
    }
    const [resource, name, sub, ...subPath] = tail;
    if (options.forbidden?.includes(resource)) {
      return status(403, 'Forbidden', `${resource} is forbidden: User "verify-test" cannot list resource "${resource}" in API group "" ${namespace ? `in the namespace "${namespace}"` : 'at the cluster scope'}`);
    }
    const kind = KINDS[resource];
    const exists = kind && (kind !== 'BackendConfig' || current.objects.some((o) => o.kind === 'BackendConfig'));
    if (!exists) return status(404, 'NotFound', `the server could not find the requested resource (${resource})`);
    const inScope = (o: KubeObject) => o.kind === kind && (CLUSTER_SCOPED.has(kind) || namespace === undefined || o.metadata.namespace === namespace);
    if (name === undefined) {
      const items = current.objects.filter(inScope).filter((o) => matchesLabels(o, url.searchParams.get('labelSelector'))).filter((o) => matchesFields(o, url.searchParams.get('fieldSelector')));
      const limit = Number(url.searchParams.get('limit') ?? 0);
      const apiVersion = current.objects.find((o) => o.kind === kind)?.apiVersion ?? 'v1';
      return { code: 200, body: { kind: `${kind}List`, apiVersion, metadata: { resourceVersion: '42' }, items: limit > 0 ? items.slice(0, limit) : items } };
    }
    if (resource === 'services' && name.includes(':') && sub === 'proxy') {
      const answer = (options.proxy ?? (() => defaultProxy(current)))(subPath.join('/'));
      return { code: answer.status, body: undefined, raw: answer.body };
    }
    const object = current.objects.find((o) => inScope(o) && o.metadata.name === name);
    if (!object) return status(404, 'NotFound', `${resource} "${name}" not found`);
    return { code: 200, body: object };
  };
  const server = https.createServer({ cert, key }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, authorization: req.headers.authorization });
    let answer: { code: number; body: unknown; raw?: string };
    if (req.headers.authorization !== `Bearer ${options.token}`) answer = status(401, 'Unauthorized', 'Unauthorized');
    else {
      try {
        answer = handle(req.method ?? 'GET', url);
      } catch (e) {
        answer = status(500, 'InternalError', (e as Error).message);
      }
    }
    res.writeHead(answer.code, { 'Content-Type': answer.raw !== undefined ? 'text/plain' : 'application/json' });
    res.end(answer.raw ?? JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    caPem: cert,
    requests,
    serve(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
