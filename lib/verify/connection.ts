/**
 * The connection to the replica's cluster: the Kubernetes API clients made
 * from the kubeconfig (every request bounded by a timeout), the first call
 * that proves the cluster answers and accepts the credentials, the
 * API server's service proxy for the health probe, and failures told apart
 * (unreachable, TLS, credentials, plugin) for the message that fixes them.
 *
 * Read-only: verify only ever sends GET requests.
 */
import type {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  CustomObjectsApi,
  NetworkingV1Api,
  StorageV1Api,
  VersionApi,
  VersionInfo,
} from '@kubernetes/client-node';
import { ExecCredentialError } from './exec-credential';
import type { ServiceProxyGet } from './frontend-health';
import { KubeconfigError, KubeconfigOptions, LoadedKubeconfig, loadKubeconfig } from './kubeconfig';
import { kubernetesClient } from './kubernetes-client';

/** How long one API request may take. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** API clients of one cluster. */
export interface ClusterConnection {
  readonly kubeconfig: LoadedKubeconfig;
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly batch: BatchV1Api;
  readonly networking: NetworkingV1Api;
  readonly storage: StorageV1Api;
  readonly custom: CustomObjectsApi;
  readonly version: VersionApi;
  readonly timeoutMs: number;
}

/** Why verify cannot talk to the cluster. */
export type FailureKind = 'kubeconfig' | 'plugin' | 'unreachable' | 'timeout' | 'tls' | 'unauthorized' | 'forbidden' | 'other';

/** A failure to reach or use the cluster, classified. */
export class ClusterAccessError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

const UNREACHABLE = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', 'EPIPE'];
const TLS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|TLS|SSL/;

interface HttpishError {
  name?: string;
  type?: string;
  code?: number | string;
  errno?: string;
  body?: unknown;
  message?: string;
}

/** The HTTP status of a client error (an ApiException), when it has one. */
export function statusOf(e: unknown): number | undefined {
  const x = e as HttpishError;
  return typeof x?.code === 'number' ? x.code : undefined;
}

function apiMessage(e: HttpishError): string {
  const body = e.body;
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as { message?: string };
      if (parsed.message) return parsed.message;
    } catch {
      return body.slice(0, 200);
    }
  }
  if (body && typeof body === 'object' && typeof (body as { message?: unknown }).message === 'string') return (body as { message: string }).message;
  // The generated client's ApiException message: "HTTP-Code: 401\nMessage: Unauthorized\nBody: ...\nHeaders: ...".
  const text = e.message ?? '';
  const fromBody = /\nBody: (\{.*\})\nHeaders:/s.exec(text);
  if (fromBody) {
    try {
      const parsed = JSON.parse(fromBody[1]) as { message?: string };
      if (parsed.message) return parsed.message;
    } catch {
      // not JSON: fall through to the message line
    }
  }
  return /\nMessage: (.*)/.exec(text)?.[1] ?? text.split('\n')[0];
}

/** Classifies anything a request (or the credential plugin) threw. */
export function classifyFailure(e: unknown, server: string, timeoutMs: number): ClusterAccessError {
  if (e instanceof ClusterAccessError) return e;
  if (e instanceof KubeconfigError) return new ClusterAccessError('kubeconfig', e.message);
  if (e instanceof ExecCredentialError) return new ClusterAccessError('plugin', e.message);
  const x = e as HttpishError;
  const status = statusOf(e);
  if (status === 401) return new ClusterAccessError('unauthorized', `${server} rejected the credentials (401 Unauthorized): ${apiMessage(x)}`);
  if (status === 403) return new ClusterAccessError('forbidden', `${server} refused the request (403 Forbidden): ${apiMessage(x)}`);
  if (status !== undefined) return new ClusterAccessError('other', `${server} answered ${status}: ${apiMessage(x)}`);
  if (x?.name === 'AbortError' || x?.type === 'aborted') return new ClusterAccessError('timeout', `${server} did not answer within ${timeoutMs / 1000} s`);
  const code = String(x?.code ?? x?.errno ?? '');
  if (UNREACHABLE.includes(code)) return new ClusterAccessError('unreachable', `cannot reach ${server} (${code}${x.message ? `: ${x.message.replace(/^request to \S+ failed, reason: /, '')}` : ''})`);
  if (TLS.test(code) || TLS.test(x?.message ?? '')) return new ClusterAccessError('tls', `TLS with ${server} failed: ${x.message ?? code} (the kubeconfig's certificate-authority does not match the server)`);
  return new ClusterAccessError('other', `cannot use ${server}: ${(e as Error)?.message ?? String(e)}`);
}

/** Options of `connect`. */
export interface ConnectOptions extends KubeconfigOptions {
  /** Per request. @default 15000 */
  readonly timeoutMs?: number;
}

/**
 * API clients for the kubeconfig's context. Makes no request.
 *
 * @throws ClusterAccessError (kind `kubeconfig`) when the kubeconfig cannot be used.
 */
export function connect(options: ConnectOptions): ClusterConnection {
  const k8s = kubernetesClient();
  let kubeconfig: LoadedKubeconfig;
  try {
    kubeconfig = loadKubeconfig(options);
  } catch (e) {
    throw classifyFailure(e, '(no cluster)', 0);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const configuration = k8s.createConfiguration({
    baseServer: new k8s.ServerConfiguration(kubeconfig.server, {}),
    authMethods: { default: kubeconfig.kubeConfig },
    promiseMiddleware: [
      {
        pre: async (context) => {
          context.setSignal(AbortSignal.timeout(timeoutMs));
          return context;
        },
        post: async (response) => {
          // A rejected exec credential is refreshed on the next request, as kubectl does.
          if (response.httpStatusCode === 401) kubeconfig.execPlugin?.invalidate();
          return response;
        },
      },
    ],
  });
  return {
    kubeconfig,
    core: new k8s.CoreV1Api(configuration),
    apps: new k8s.AppsV1Api(configuration),
    batch: new k8s.BatchV1Api(configuration),
    networking: new k8s.NetworkingV1Api(configuration),
    storage: new k8s.StorageV1Api(configuration),
    custom: new k8s.CustomObjectsApi(configuration),
    version: new k8s.VersionApi(configuration),
    timeoutMs,
  };
}

/**
 * The first request: the API server's version. Proves the cluster answers
 * and (for most clusters, where /version needs authentication) accepts the
 * credentials; then a namespace-scoped read proves it.
 *
 * @throws ClusterAccessError classified.
 */
export async function checkReachable(conn: ClusterConnection, namespace: string): Promise<VersionInfo> {
  const server = conn.kubeconfig.server;
  try {
    const version = await conn.version.getCode();
    await conn.core.listNamespacedPod({ namespace, limit: 1 });
    return version;
  } catch (e) {
    throw classifyFailure(e, server, conn.timeoutMs);
  }
}

/** GET through the API server's service proxy (`services/<name>:<port>/proxy/<path>`), bounded by the request timeout. */
export function serviceProxyGet(conn: ClusterConnection): ServiceProxyGet {
  return async ({ namespace, service, port, path }) => {
    const started = Date.now();
    try {
      await conn.core.connectGetNamespacedServiceProxyWithPath({ name: `${service}:${port}`, namespace, path });
      return { status: 200, ms: Date.now() - started };
    } catch (e) {
      const status = statusOf(e);
      const ms = Date.now() - started;
      if (status === 401 || status === 403) return { error: classifyFailure(e, conn.kubeconfig.server, conn.timeoutMs).message, blocked: true, ms };
      if (status !== undefined) return { status, error: apiMessage(e as HttpishError), ms };
      const failure = classifyFailure(e, conn.kubeconfig.server, conn.timeoutMs);
      // A timeout is the frontend not answering (the API server waits for it); anything else is the route.
      return { error: failure.message, ...(failure.kind !== 'timeout' && { blocked: true }), ms };
    }
  };
}
