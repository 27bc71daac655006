/**
 * How the Kubernetes and Helm providers reach a private EKS API endpoint
 * through the tunnel `sg-replica tunnel` opens (an SSM port forward from
 * 127.0.0.1 to the endpoint, see lib/aws/api-tunnel-host.ts and
 * lib/lifecycle/api-tunnel.ts). Pure.
 *
 * The providers connect to `https://127.0.0.1:<port>` and verify the API
 * server's certificate against the endpoint's own host name
 * (`tls_server_name`), which the certificate carries: TLS stays end to end,
 * the tunnel only carries bytes. The credential plugin is unchanged.
 */
import type { ClusterCredentials } from './cluster-providers';

/** First and last local port {@link apiTunnelLocalPort} picks from. */
export const API_TUNNEL_PORT_RANGE = { first: 20000, last: 29999 } as const;

/**
 * The local port of a replica's tunnel: derived from its name, so the
 * synthesized providers and the CLI agree without configuration and two
 * replicas' tunnels can be open at once (FNV-1a of the name into
 * 20000-29999).
 */
export function apiTunnelLocalPort(replicaName: string): number {
  let hash = 0x811c9dc5;
  for (const char of replicaName) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const size = API_TUNNEL_PORT_RANGE.last - API_TUNNEL_PORT_RANGE.first + 1;
  return API_TUNNEL_PORT_RANGE.first + (hash % size);
}

/**
 * `credentials` of a cluster, re-pointed at the local end of its tunnel:
 * host `https://127.0.0.1:<localPort>`, `tlsServerName` the endpoint's host
 * name (`endpointHost`, a token is fine: e.g. `replace(endpoint, "https://", "")`).
 */
export function apiTunnelCredentials(credentials: ClusterCredentials, tunnel: { readonly endpointHost: string; readonly localPort: number }): ClusterCredentials {
  if (!Number.isInteger(tunnel.localPort) || tunnel.localPort < 1024 || tunnel.localPort > 65535) {
    throw new Error(`apiTunnelCredentials: localPort ${tunnel.localPort} must be a whole number from 1024 to 65535`);
  }
  return { ...credentials, host: `https://127.0.0.1:${tunnel.localPort}`, tlsServerName: tunnel.endpointHost };
}
