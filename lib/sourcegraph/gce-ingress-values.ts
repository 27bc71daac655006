/**
 * Helm values for Sourcegraph behind GKE's own ingress (`gce`): the
 * frontend's Ingress annotations, container-native load balancing (NEG),
 * the BackendConfig (health check, timeout, Cloud Armor policy) and, with
 * TLS, the FrontendConfig (HTTP to HTTPS redirect, SSL policy). Pure: no
 * cdktf. The Google Cloud resources they name are made by the infra stack
 * (`GceIngressFrontend`, `CloudArmorAllowList`; names from `gceIngressNames`).
 *
 * With no option set the values are exactly what a `gce` ingress got
 * before these options existed (HTTP on an ephemeral address, any client).
 */
import type { HelmValues } from '../helm/merge-values';

/** Name of the BackendConfig in `extraResources` (the frontend Service's `cloud.google.com/backend-config`). */
export const GCE_BACKEND_CONFIG_NAME = 'sourcegraph-frontend';
/** Name of the FrontendConfig in `extraResources` (the Ingress's `networking.gke.io/v1beta1.FrontendConfig`). */
export const GCE_FRONTEND_CONFIG_NAME = 'sourcegraph-frontend';
/** Server-Sent Events need load balancer timeouts of at least 5 minutes: 10, as for the other ingresses. */
export const GCE_BACKEND_TIMEOUT_SECONDS = 600;

/** What the GCE ingress is wired to, beyond the host name. */
export interface GceIngressOptions {
  /** Host name of the Ingress rule (`sourcegraph.hostname`). */
  readonly hostname: string;
  /** Reserved global address to serve on. @default an ephemeral address the controller picks */
  readonly staticIpName?: string;
  /** Cloud Armor policy attached to the frontend's backend service (client allow-list). @default none: any client */
  readonly securityPolicyName?: string;
  /**
   * HTTPS: the certificates the load balancer serves (names of Compute Engine
   * SSL certificates) and the SSL policy; HTTP requests are then redirected
   * to HTTPS (301).
   * @default none: HTTP only
   */
  readonly tls?: { readonly certificateNames: readonly string[]; readonly sslPolicyName?: string };
}

const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const NGINX_BODY_SIZE_ANNOTATION = 'nginx.ingress.kubernetes.io/proxy-body-size';

/**
 * The `frontend` and `extraResources` values for a `gce` ingress.
 *
 * - `kubernetes.io/ingress.class: gce` (the chart's default nginx annotations removed);
 * - the frontend Service with NEGs and the BackendConfig: health check on
 *   `/ready` at the debug port 6060 (the frontend's readiness probe),
 *   10-minute backend timeout, and `securityPolicy` when given;
 * - `kubernetes.io/ingress.global-static-ip-name` when given;
 * - with TLS, `ingress.gcp.kubernetes.io/pre-shared-cert` and a
 *   FrontendConfig with `redirectToHttps` (301) and `sslPolicy`.
 *
 * @throws Error when TLS names no certificate.
 */
export function gceIngressValues(options: GceIngressOptions): HelmValues {
  const annotations: HelmValues = {
    [INGRESS_CLASS_ANNOTATION]: 'gce',
    [NGINX_BODY_SIZE_ANNOTATION]: null,
  };
  if (options.staticIpName !== undefined) annotations['kubernetes.io/ingress.global-static-ip-name'] = options.staticIpName;
  const backendSpec: HelmValues = {
    timeoutSec: GCE_BACKEND_TIMEOUT_SECONDS,
    healthCheck: { type: 'HTTP', requestPath: '/ready', port: 6060, checkIntervalSec: 5, timeoutSec: 5 },
  };
  if (options.securityPolicyName !== undefined) backendSpec.securityPolicy = { name: options.securityPolicyName };
  const extraResources: HelmValues[] = [
    { apiVersion: 'cloud.google.com/v1', kind: 'BackendConfig', metadata: { name: GCE_BACKEND_CONFIG_NAME }, spec: backendSpec },
  ];
  if (options.tls !== undefined) {
    if (options.tls.certificateNames.length === 0) throw new Error('gceIngressValues: TLS needs at least one certificate name');
    annotations['ingress.gcp.kubernetes.io/pre-shared-cert'] = options.tls.certificateNames.join(',');
    annotations['networking.gke.io/v1beta1.FrontendConfig'] = GCE_FRONTEND_CONFIG_NAME;
    extraResources.push({
      apiVersion: 'networking.gke.io/v1beta1',
      kind: 'FrontendConfig',
      metadata: { name: GCE_FRONTEND_CONFIG_NAME },
      spec: {
        redirectToHttps: { enabled: true, responseCodeName: 'MOVED_PERMANENTLY_DEFAULT' },
        ...(options.tls.sslPolicyName !== undefined && { sslPolicy: options.tls.sslPolicyName }),
      },
    });
  }
  return {
    frontend: {
      ingress: { enabled: true, annotations, host: options.hostname },
      serviceAnnotations: {
        'cloud.google.com/neg': '{"ingress": true}',
        'cloud.google.com/backend-config': JSON.stringify({ default: GCE_BACKEND_CONFIG_NAME }),
      },
    },
    extraResources,
  };
}
