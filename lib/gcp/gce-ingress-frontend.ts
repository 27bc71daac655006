import { Construct } from 'constructs';
import { GCE_CERTIFICATE_NAME, MAX_MANAGED_CERTIFICATE_DOMAIN_LENGTH, MAX_PRE_SHARED_CERTIFICATES } from '../catalog/gce-load-balancing';
import { ComputeGlobalAddress, ComputeManagedSslCertificate, ComputeSslPolicy } from '../providers/google';

/**
 * How the GCE ingress serves TLS:
 * - `google-managed`: a Google-managed certificate for the hostname, made
 *   here (`google_compute_managed_ssl_certificate`), provisioned by Google
 *   once DNS for the hostname points at the reserved address;
 * - `pre-shared`: certificates that already exist in the project
 *   (`google_compute_ssl_certificate`s, self-managed or Google-managed), by name;
 * - `none`: plain HTTP only.
 */
export type GceIngressTls =
  | { readonly certificate: 'google-managed' }
  | { readonly certificate: 'pre-shared'; readonly certificateNames: readonly string[] }
  | { readonly certificate: 'none' };

export { MAX_MANAGED_CERTIFICATE_DOMAIN_LENGTH, MAX_PRE_SHARED_CERTIFICATES };

/** Properties of a {@link GceIngressFrontend}. */
export interface GceIngressFrontendProps {
  /** Prefix of the resource names: 1-50 lowercase letters, digits and '-', e.g. `acme-prod-sourcegraph`. */
  readonly name: string;
  /** Host name Sourcegraph is served on (`sourcegraph.hostname`): the managed certificate's domain. */
  readonly hostname: string;
  /** @default { certificate: 'google-managed' } */
  readonly tls?: GceIngressTls;
  /** The project. @default the provider's */
  readonly project?: string;
}

/**
 * The Google Cloud side of the frontend of a GCE ingress, made by Terraform
 * so that it exists before the Ingress, has a name the Ingress annotations
 * can point at, and is deleted by `cdktf destroy` after the load balancer
 * that uses it:
 *
 * - a reserved global IPv4 address (`kubernetes.io/ingress.global-static-ip-name`):
 *   DNS for the hostname can be set as soon as the infra stack is applied,
 *   which a Google-managed certificate needs before it can be provisioned,
 *   and the address survives re-creating the Ingress;
 * - with TLS, the certificate (Google-managed for the hostname, or the named
 *   pre-shared ones; `ingress.gcp.kubernetes.io/pre-shared-cert`) and an SSL
 *   policy that refuses TLS below 1.2 (FrontendConfig `sslPolicy`).
 *
 * A Google-managed certificate made here (rather than a `ManagedCertificate`
 * object in the cluster) is deleted by Terraform in the infra stack, after
 * the Sourcegraph stack and its load balancer are gone, instead of by a
 * controller some time after the cluster object goes. Creating it returns
 * once the certificate object exists (google 6.50.0
 * `resource_compute_managed_ssl_certificate.go` waits for the operation,
 * not for `ACTIVE`): provisioning completes after DNS resolves to the
 * address and the load balancer serves it, typically within an hour.
 */
export class GceIngressFrontend extends Construct {
  public readonly address: ComputeGlobalAddress;
  /** Name of the reserved address, for `kubernetes.io/ingress.global-static-ip-name`. */
  public readonly addressName: string;
  /** The reserved IPv4 address: what DNS for the hostname must point at. */
  public readonly ipAddress: string;
  /** The Google-managed certificate, when `tls` is google-managed. */
  public readonly managedCertificate?: ComputeManagedSslCertificate;
  /** Names of the certificates the HTTPS proxy serves, for `ingress.gcp.kubernetes.io/pre-shared-cert`; empty without TLS. */
  public readonly certificateNames: readonly string[];
  /** The SSL policy, with TLS. */
  public readonly sslPolicy?: ComputeSslPolicy;
  /** Name of the SSL policy, for the FrontendConfig; undefined without TLS. */
  public readonly sslPolicyName?: string;

  constructor(scope: Construct, id: string, props: GceIngressFrontendProps) {
    super(scope, id);
    const tls = props.tls ?? { certificate: 'google-managed' };
    validate(props, tls);
    this.address = new ComputeGlobalAddress(this, 'address', {
      name: props.name,
      description: `Sourcegraph at ${props.hostname} (GCE ingress), managed by sg-replica`,
      project: props.project,
      addressType: 'EXTERNAL',
      ipVersion: 'IPV4',
    });
    this.addressName = this.address.name;
    this.ipAddress = this.address.address;

    if (tls.certificate === 'google-managed') {
      this.managedCertificate = new ComputeManagedSslCertificate(this, 'certificate', {
        name: props.name,
        description: `Google-managed certificate for ${props.hostname}, managed by sg-replica`,
        project: props.project,
        type: 'MANAGED',
        managed: { domains: [props.hostname] },
      });
      this.certificateNames = [this.managedCertificate.name];
    } else {
      this.certificateNames = tls.certificate === 'pre-shared' ? [...tls.certificateNames] : [];
    }
    if (tls.certificate !== 'none') {
      this.sslPolicy = new ComputeSslPolicy(this, 'tls-policy', {
        name: `${props.name}-tls`,
        description: 'TLS 1.2 and later, modern ciphers; managed by sg-replica',
        project: props.project,
        profile: 'MODERN',
        minTlsVersion: 'TLS_1_2',
      });
      this.sslPolicyName = this.sslPolicy.name;
    }
  }
}

const NAME = /^[a-z]([-a-z0-9]{0,48}[a-z0-9])?$/;
const HOST_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function validate(props: GceIngressFrontendProps, tls: GceIngressTls): void {
  const what = `GceIngressFrontend "${props.name}"`;
  if (!NAME.test(props.name)) {
    throw new Error(`${what}: name must be 1-50 lowercase letters, digits and '-', starting with a letter and not ending with '-'`);
  }
  const labels = props.hostname.split('.');
  if (labels.length < 2 || !labels.every((l) => HOST_LABEL.test(l))) {
    throw new Error(`${what}: hostname "${props.hostname}" is not a fully qualified lowercase DNS name such as sourcegraph.example.com`);
  }
  switch (tls.certificate) {
    case 'google-managed':
      if (props.hostname.length > MAX_MANAGED_CERTIFICATE_DOMAIN_LENGTH) {
        throw new Error(
          `${what}: hostname "${props.hostname}" has ${props.hostname.length} characters; a Google-managed certificate takes at most ${MAX_MANAGED_CERTIFICATE_DOMAIN_LENGTH}. Name a pre-shared certificate instead`,
        );
      }
      break;
    case 'pre-shared': {
      const names = tls.certificateNames;
      if (names.length === 0 || names.length > MAX_PRE_SHARED_CERTIFICATES) {
        throw new Error(`${what}: ${names.length} pre-shared certificates; name 1 to ${MAX_PRE_SHARED_CERTIFICATES}`);
      }
      for (const n of names) {
        if (!GCE_CERTIFICATE_NAME.test(n)) throw new Error(`${what}: certificate name "${n}" is not a Compute Engine SSL certificate name`);
      }
      if (new Set(names).size !== names.length) throw new Error(`${what}: a pre-shared certificate is named twice`);
      break;
    }
    case 'none':
      break;
    default: {
      const unknown: never = tls;
      throw new Error(`${what}: unknown tls certificate ${JSON.stringify(unknown)}`);
    }
  }
}
