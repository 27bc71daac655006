import { Fn, ITerraformDependable, Op, TerraformProvider, Token } from 'cdktf';
import type { Precondition } from 'cdktf/lib/terraform-conditions';
import { Construct } from 'constructs';
import { isDnsLabel, isDnsSubdomain } from '../catalog/kubernetes-names';
import { SecretV1 } from '../providers/kubernetes';
import { FRONTEND_TLS_SECRET_NAME } from '../sourcegraph/replica-values';

/** Every certificate block of a PEM text, in order (RE2, Terraform's regex engine; base64 holds no '-'). */
export const PEM_CERTIFICATE_PATTERN = '-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----';
/** A private key block of a PEM text: PKCS#8 (`PRIVATE KEY`), PKCS#1 (`RSA PRIVATE KEY`) or SEC 1 (`EC PRIVATE KEY`). */
export const PEM_PRIVATE_KEY_PATTERN = '-----BEGIN [A-Z ]*PRIVATE KEY-----[^-]+-----END [A-Z ]*PRIVATE KEY-----';

/** The certificate chain of `pem` (a token): its certificate blocks, one per line group, in order. A Terraform expression. */
export function pemCertificateChain(pem: string): string {
  return Fn.join('\n', Fn.regexall(PEM_CERTIFICATE_PATTERN, pem));
}

/** The private key of `pem` (a token). A Terraform expression; fails at apply when there is none (the precondition says why first). */
export function pemPrivateKey(pem: string): string {
  return Fn.regex(PEM_PRIVATE_KEY_PATTERN, pem);
}

/**
 * The check a resource built from `pem` makes before it is created: at
 * least one certificate and exactly one unencrypted private key, or the
 * apply stops with `what` and what the secret must hold.
 */
export function pemPrecondition(pem: string, what: string): Precondition {
  const certificates = Fn.lengthOf(Fn.regexall(PEM_CERTIFICATE_PATTERN, pem));
  const keys = Fn.lengthOf(Fn.regexall(PEM_PRIVATE_KEY_PATTERN, pem));
  const encrypted = Fn.lengthOf(Fn.regexall('-----BEGIN ENCRYPTED PRIVATE KEY-----', pem));
  return {
    // No literal 0 in an Op: cdktf 0.21 writes it as `undefined`.
    condition: Op.and(Op.and(Op.gte(certificates, 1), Op.eq(keys, 1)), Op.lt(encrypted, 1)),
    errorMessage: `${what} must hold the PEM certificate chain (server certificate first) and exactly one unencrypted private key, e.g. cat fullchain.pem privkey.pem.`,
  };
}

/** Properties of a {@link FrontendTlsSecret}. */
export interface FrontendTlsSecretProps {
  /** Namespace of the Sourcegraph release. */
  readonly namespace: string;
  /**
   * The PEM text (certificate chain, then the private key), as read from
   * the cloud's secret store by a data source: a token, never a literal.
   */
  readonly pem: string;
  /** Where the PEM comes from, for the error when it does not hold a certificate and a key, e.g. `Secrets Manager secret arn:...`. */
  readonly source: string;
  /** Name of the Secret. @default FRONTEND_TLS_SECRET_NAME (`sourcegraph-frontend-tls`, what the Helm values name) */
  readonly name?: string;
  /** The Kubernetes provider to use. @default the stack's default Kubernetes provider */
  readonly provider?: TerraformProvider;
  /** What the Secret waits for: the namespace. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The frontend's certificate for ingress-nginx: a `kubernetes.io/tls`
 * Secret in the release's namespace, made from a PEM text kept in the
 * cloud's secret store (design `sourcegraph.tls.secret`), which the
 * chart's Ingress names (`frontend.ingress.tlsSecret`). The controller
 * then serves HTTPS with it and redirects HTTP to HTTPS.
 *
 * The PEM is split in Terraform (`regexall` of the certificate blocks,
 * `regex` of the key block), after a precondition that names the secret
 * when it holds no certificate or not exactly one unencrypted key. The key
 * lands in the stack's state (the provider marks `data` sensitive), as the
 * database passwords do; never in the synthesized JSON.
 */
export class FrontendTlsSecret extends Construct {
  /** Name of the Secret. */
  public readonly name: string;
  /** The `kubernetes_secret_v1`. */
  public readonly resource: SecretV1;

  constructor(scope: Construct, id: string, props: FrontendTlsSecretProps) {
    super(scope, id);
    this.name = props.name ?? FRONTEND_TLS_SECRET_NAME;
    if (!isDnsSubdomain(this.name)) throw new Error(`FrontendTlsSecret: '${this.name}' is not a Secret name`);
    if (!Token.isUnresolved(props.namespace) && !isDnsLabel(props.namespace)) throw new Error(`FrontendTlsSecret: '${props.namespace}' is not a namespace name`);
    if (!Token.isUnresolved(props.pem)) {
      throw new Error('FrontendTlsSecret: pem must be read by a data source (a Terraform reference); a literal would put the private key into the synthesized JSON');
    }
    this.resource = new SecretV1(this, 'secret', {
      metadata: {
        name: this.name,
        namespace: props.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'sg-replica', 'app.kubernetes.io/part-of': 'sourcegraph' },
      },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': pemCertificateChain(props.pem), 'tls.key': pemPrivateKey(props.pem) },
      lifecycle: { precondition: [pemPrecondition(props.pem, props.source)] },
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
  }
}
