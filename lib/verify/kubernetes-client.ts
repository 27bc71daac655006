/**
 * Loads the Kubernetes client library (`@kubernetes/client-node`), only when
 * `sg-replica verify` needs it: no other command pays for it (~0.5 s).
 *
 * The library is an ES module. Node 20.19+ loads it with `require` (Node's
 * require(esm)); older Node 20 releases cannot, and get a clear message.
 */
import type * as k8s from '@kubernetes/client-node';

export type KubernetesClient = typeof k8s;

let loaded: KubernetesClient | undefined;

/** The client library. @throws Error naming the Node version when it cannot be loaded. */
export function kubernetesClient(): KubernetesClient {
  if (!loaded) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require('@kubernetes/client-node') as KubernetesClient;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ERR_REQUIRE_ESM' || code === 'ERR_REQUIRE_ASYNC_MODULE') {
        throw new Error(`sg-replica verify needs Node.js 20.19 or later (this is ${process.version}): its Kubernetes client is an ES module`);
      }
      throw e;
    }
  }
  return loaded;
}
