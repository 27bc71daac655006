import { Construct } from 'constructs';
import type { ClusterCredentials } from '../kubernetes/cluster-providers';
import { DataGoogleClientConfig, GoogleProvider } from '../providers/google';

/** Properties of {@link GkeCredentials}. */
export interface GkeCredentialsProps {
  /** The replica's project: the access token is the deploying identity's, used against this cluster. */
  readonly project: string;
  /** The cluster's region. */
  readonly region: string;
  /**
   * API server address without scheme, usually a cross-stack reference:
   * `GkeCluster.clientEndpoint.host`, the DNS-based endpoint of a private
   * cluster or the public IP endpoint (`GkeCluster.endpoint`).
   */
  readonly endpoint: string;
  /**
   * Base64-encoded CA certificate of the IP endpoint (`GkeCluster.caCertificate`).
   * Leave it out for the DNS-based endpoint: its certificate is publicly
   * trusted, and the cluster CA would be the only root the providers accept.
   * @default none: the system trust store
   */
  readonly caCertificate?: string;
}

/**
 * How the Kubernetes and Helm providers of a stack reach a GKE cluster: a
 * Google provider (the stack's own; providers do not cross stacks) and
 * `data.google_client_config`, whose OAuth access token of the identity
 * running Terraform is the bearer token. GKE maps that identity to RBAC
 * through IAM (the deployer needs e.g. `roles/container.admin`).
 *
 *   const gke = new GkeCredentials(this, 'gke', { project, region, endpoint, caCertificate });
 *   new ClusterProviders(this, 'cluster', { credentials: gke.credentials });
 *
 * The token is fetched at every plan and apply and lives about an hour:
 * long enough for a Sourcegraph release, too short to keep in a kubeconfig.
 *
 * Through the DNS-based endpoint (a private cluster's way in from a laptop
 * or CI) the same token is first checked by IAM: the identity needs
 * `container.clusters.connect` (in `roles/container.developer` and
 * `roles/container.admin`), then RBAC as usual.
 */
export class GkeCredentials extends Construct {
  public readonly provider: GoogleProvider;
  public readonly clientConfig: DataGoogleClientConfig;
  /** Ready for `ClusterProviders`: `https://<endpoint>`, the CA and the access token. */
  public readonly credentials: ClusterCredentials;

  constructor(scope: Construct, id: string, props: GkeCredentialsProps) {
    super(scope, id);
    if (props.project === '' || props.region === '') {
      throw new Error('GkeCredentials: project and region must not be empty');
    }
    this.provider = new GoogleProvider(this, 'google', { project: props.project, region: props.region });
    this.clientConfig = new DataGoogleClientConfig(this, 'client-config', { provider: this.provider });
    this.credentials = {
      host: `https://${props.endpoint}`,
      ...(props.caCertificate !== undefined && { caCertificateBase64: props.caCertificate }),
      token: this.clientConfig.accessToken,
    };
  }
}
