/**
 * Names of the Google Cloud resources behind a replica's GCE ingress, from
 * the replica's name alone. Pure. The infra stack creates them under these
 * names and the Sourcegraph stack's Helm values name them in the Ingress
 * annotations, BackendConfig and FrontendConfig, as literals: no
 * cross-stack reference is needed, and `leftovers` can find them by name
 * (security policies and SSL policies take no labels).
 */
export interface GceIngressNames {
  /** Reserved global address (`kubernetes.io/ingress.global-static-ip-name`). */
  readonly address: string;
  /** Google-managed certificate. */
  readonly certificate: string;
  /** SSL policy (FrontendConfig `sslPolicy`). */
  readonly sslPolicy: string;
  /** Cloud Armor policy (BackendConfig `securityPolicy.name`). */
  readonly securityPolicy: string;
}

const REPLICA_NAME = /^[a-z][-a-z0-9]{1,22}[a-z0-9]$/;

/**
 * @throws Error when `replicaName` is not a replica name (3-24 lowercase
 *   letters, digits and '-', starting with a letter), so every name fits GCP's 63.
 */
export function gceIngressNames(replicaName: string): GceIngressNames {
  if (!REPLICA_NAME.test(replicaName)) {
    throw new Error(`gceIngressNames: "${replicaName}" is not a replica name (3-24 lowercase letters, digits and '-', starting with a letter)`);
  }
  const base = `${replicaName}-sourcegraph`;
  return { address: base, certificate: base, sslPolicy: `${base}-tls`, securityPolicy: `${base}-clients` };
}
