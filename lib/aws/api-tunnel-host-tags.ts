/**
 * Tags of a replica's API tunnel host (lib/aws/api-tunnel-host.ts), shared
 * with the CLI that looks it up (lib/lifecycle/api-tunnel.ts) without
 * loading cdktf. Data.
 */

/** Marks the tunnel host of a replica; its value is the replica (cluster) name. */
export const API_TUNNEL_HOST_TAG = 'sg-replica:api-tunnel';
/** The host name of the cluster's API endpoint, on the tunnel host, so the CLI needs one lookup. */
export const API_TUNNEL_ENDPOINT_TAG = 'sg-replica:api-endpoint';
