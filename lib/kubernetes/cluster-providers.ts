import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { HelmProvider } from '../providers/helm';
import { KubernetesProvider } from '../providers/kubernetes';

/** How Terraform authenticates to a cluster's API server. */
export interface ClusterCredentials {
  /** API server URL. */
  readonly host: string;
  /**
   * Base64-encoded CA certificate of the API server, the only root the
   * providers then trust. Leave it out for an endpoint whose certificate
   * chains to a public root: GKE's DNS-based control-plane endpoint is
   * served by a Google front end with a publicly trusted certificate, and
   * giving the cluster CA there fails every handshake with "x509:
   * certificate signed by unknown authority" (hashicorp/terraform-provider-kubernetes#2637).
   * @default none: the system trust store
   */
  readonly caCertificateBase64?: string;
  /**
   * A credential plugin run on every Terraform call (fresh short-lived tokens,
   * e.g. `aws eks get-token`). Exactly one of `exec` and `token`.
   */
  readonly exec?: { readonly command: string; readonly args: readonly string[] };
  /** A bearer token (e.g. a GCP access token from the google provider). */
  readonly token?: string;
  /**
   * The name to verify the API server's certificate against, when `host` is
   * not that name: an API reached through a tunnel on 127.0.0.1 (see
   * `apiTunnelCredentials`). The providers' `tls_server_name`.
   * @default the host name of `host`
   */
  readonly tlsServerName?: string;
}

/** Properties of {@link ClusterProviders}. */
export interface ClusterProvidersProps {
  readonly credentials: ClusterCredentials;
}

/**
 * The Kubernetes and Helm providers of a stack, both pointed at one cluster
 * with the same credentials.
 */
export class ClusterProviders extends Construct {
  public readonly kubernetes: KubernetesProvider;
  public readonly helm: HelmProvider;

  constructor(scope: Construct, id: string, props: ClusterProvidersProps) {
    super(scope, id);
    const { host, caCertificateBase64, exec, token, tlsServerName } = props.credentials;
    if ((exec === undefined) === (token === undefined)) {
      throw new Error('ClusterProviders: give exactly one of credentials.exec and credentials.token');
    }
    const ca = caCertificateBase64 === undefined ? {} : { clusterCaCertificate: Fn.base64decode(caCertificateBase64) };
    const execConfig = exec && { apiVersion: 'client.authentication.k8s.io/v1beta1', command: exec.command, args: [...exec.args] };
    const serverName = tlsServerName !== undefined ? { tlsServerName } : {};
    this.kubernetes = new KubernetesProvider(this, 'kubernetes', {
      host,
      ...ca,
      ...serverName,
      ...(execConfig ? { exec: [execConfig] } : { token }),
    });
    this.helm = new HelmProvider(this, 'helm', {
      kubernetes: { host, ...ca, ...serverName, ...(execConfig ? { exec: execConfig } : { token }) },
    });
  }
}
