/**
 * HTTPS for the frontend (`sourcegraph.tls`, and the older
 * `sourcegraph.tlsCertificateArn`): where the certificate comes from, read
 * from the design document, and the rules it must satisfy. Pure.
 *
 * What each ingress kind can serve is in `INGRESS_KINDS[kind].tlsCertificates`,
 * what each cloud offers in `CLOUDS[provider].tlsCertificates`; a design may
 * name one source. Supported:
 *
 * | ingress | cloud | certificate |
 * | --- | --- | --- |
 * | alb | aws | `acmCertificateArn` (HTTPS listener, HTTP redirected), or none |
 * | nginx | aws, gcp | `secret`: a PEM chain and key in AWS Secrets Manager / GCP Secret Manager, copied into a Kubernetes TLS Secret; or none |
 * | gce | gcp | a Google-managed certificate (default), `gcpCertificates` (existing ones by name), or none (`managedCertificate: false`) |
 *
 * Not supported: an ACM certificate on ingress-nginx's network load balancer
 * (import the PEM into Secrets Manager instead), certificates issued in the
 * cluster (cert-manager), Certificate Manager certificate maps on gce.
 */
import { ACM_CERTIFICATE_ARN } from '../catalog/aws-arns';
import { SECRET_MANAGER_SECRET_ID, SECRETS_MANAGER_SECRET_ARN } from '../catalog/secret-references';
import { GCE_CERTIFICATE_NAME, MAX_MANAGED_CERTIFICATE_DOMAIN_LENGTH, MAX_PRE_SHARED_CERTIFICATES } from '../catalog/gce-load-balancing';
import { CLOUDS, isCloudProvider } from '../cloud/clouds';
import { INGRESS_KINDS, tlsIngressKinds } from '../cloud/ingress-kinds';
import { isValuesMap } from '../helm/merge-values';
import { CLOUD_RULES, type RuleContext } from './cloud-rules';
import type { FrontendTls, IngressKind, TlsCertificateSource } from './model';
import type { FieldPath } from './problems';
import { boolean, string, array, object } from './schema-dsl';
import type { PathProblem } from './validate-shape';


/** The schema of `sourcegraph.tls`. */
export const frontendTlsSchema = object(
  'HTTPS for the frontend: where its certificate comes from, one source at most. Default: a Google-managed certificate for hostname on gce; HTTP only on alb and nginx.',
  {
    managedCertificate: boolean(
      'gce: a Google-managed certificate for hostname, made by the infra stack; Google provisions it once DNS for hostname points at the ingress-address output (within about an hour). Default true on gce; false without gcpCertificates serves HTTP only.',
    ),
    gcpCertificates: array(
      'gce: names of Compute Engine SSL certificates that already exist in the project, served instead of a managed one.',
      string('Certificate name.', { pattern: GCE_CERTIFICATE_NAME, patternHint: "1-63 chars: lowercase letters, digits, '-', starting with a letter" }),
      { minItems: 1, maxItems: MAX_PRE_SHARED_CERTIFICATES },
    ),
    acmCertificateArn: string('aws, alb: ACM certificate of the HTTPS listener; HTTP is redirected to HTTPS. Same as sourcegraph.tlsCertificateArn.', {
      pattern: ACM_CERTIFICATE_ARN,
      patternHint: 'arn:aws:acm:<region>:<account>:certificate/<uuid>',
    }),
    secret: string(
      'nginx: the secret holding the PEM certificate chain followed by its private key, copied into a Kubernetes TLS Secret the controller serves (HTTP redirected): an AWS Secrets Manager secret ARN in the replica\'s account and region (aws), or a Secret Manager secret id in the project (gcp, latest version). The key then lands in the Sourcegraph stack\'s state (sensitive).',
      {
        pattern: new RegExp(`${SECRETS_MANAGER_SECRET_ARN.source}|${SECRET_MANAGER_SECRET_ID.source}`),
        patternHint: 'arn:aws:secretsmanager:<region>:<account>:secret:<name> (aws) or a secret id such as sourcegraph-tls (gcp)',
      },
    ),
  },
);

type Raw = Readonly<Record<string, unknown>>;
const asMap = (v: unknown): Raw => (isValuesMap(v) ? v : {});

/** One certificate source a design names, and where. */
interface NamedSource {
  readonly tls: FrontendTls;
  readonly path: FieldPath;
}

/** The certificate sources `sourcegraph` (the raw map) names, in the order fields are read. */
function namedSources(sg: Raw): NamedSource[] {
  const tls = asMap(sg.tls);
  const found: NamedSource[] = [];
  if (Array.isArray(tls.gcpCertificates)) {
    found.push({ tls: { certificate: 'gcp-ssl-certificates', names: tls.gcpCertificates.map(String) }, path: ['sourcegraph', 'tls', 'gcpCertificates'] });
  }
  if (typeof tls.acmCertificateArn === 'string') found.push({ tls: { certificate: 'acm', arn: tls.acmCertificateArn }, path: ['sourcegraph', 'tls', 'acmCertificateArn'] });
  if (typeof sg.tlsCertificateArn === 'string') found.push({ tls: { certificate: 'acm', arn: sg.tlsCertificateArn }, path: ['sourcegraph', 'tlsCertificateArn'] });
  if (typeof tls.secret === 'string') found.push({ tls: { certificate: 'secret', secret: tls.secret }, path: ['sourcegraph', 'tls', 'secret'] });
  if (tls.managedCertificate === true) found.push({ tls: { certificate: 'google-managed' }, path: ['sourcegraph', 'tls', 'managedCertificate'] });
  return found;
}

/** Where the frontend's certificate comes from: the source the design names, else the ingress kind's default (`managedCertificate: false` turns gce's off). */
export function buildFrontendTls(sg: Raw, ingress: IngressKind): FrontendTls {
  const [named] = namedSources(sg);
  if (named) return named.tls;
  const kind = Object.prototype.hasOwnProperty.call(INGRESS_KINDS, ingress) ? INGRESS_KINDS[ingress] : INGRESS_KINDS.none;
  const fallback = kind.tlsCertificates[0];
  if (fallback === 'google-managed' && asMap(sg.tls).managedCertificate !== false) return { certificate: 'google-managed' };
  return { certificate: 'none' };
}

/** Where each source is written in a design, when the document is not at hand. */
const SOURCE_PATHS: Readonly<Record<TlsCertificateSource, FieldPath>> = {
  none: ['sourcegraph', 'ingress'],
  'google-managed': ['sourcegraph', 'tls', 'managedCertificate'],
  'gcp-ssl-certificates': ['sourcegraph', 'tls', 'gcpCertificates'],
  acm: ['sourcegraph', 'tls', 'acmCertificateArn'],
  secret: ['sourcegraph', 'tls', 'secret'],
};

/** Where in the design a source is given (for problems about it): the field of the document, else the usual one. */
function sourcePath(tls: FrontendTls, sg: Raw): FieldPath {
  const named = namedSources(sg).find((n) => n.tls.certificate === tls.certificate)?.path;
  // The default Google-managed certificate is no field: problems about it belong to the ingress.
  return named ?? (asMap(sg.tls).managedCertificate === undefined && tls.certificate === 'google-managed' ? ['sourcegraph', 'ingress'] : SOURCE_PATHS[tls.certificate]);
}

/** More than one certificate source named: an error at each one after the first. Needs the raw document (the model keeps one). */
export function checkTlsSources(raw: Raw): PathProblem[] {
  const sg = asMap(raw.sourcegraph);
  const named = namedSources(sg);
  const [first, ...rest] = named;
  return rest.map((n) => ({
    severity: 'error' as const,
    path: n.path,
    message:
      n.tls.certificate === first.tls.certificate && n.tls.certificate === 'acm'
        ? 'tlsCertificateArn is the older name of tls.acmCertificateArn: give one'
        : `a second certificate source (${first.path.join('.')} is given): name one`,
  }));
}

/** Human names of the sources, for messages. */
const SOURCE_FIELDS: Readonly<Record<TlsCertificateSource, string>> = {
  none: 'no certificate (HTTP only)',
  'google-managed': 'tls.managedCertificate',
  'gcp-ssl-certificates': 'tls.gcpCertificates',
  acm: 'tls.acmCertificateArn',
  secret: 'tls.secret',
};

/**
 * The cross-field rules of the frontend's TLS: the source fits the ingress
 * kind and the cloud, the cloud's own checks of ARNs and secret ids, and
 * the Google-managed certificate's domain limit. Turning off the HTTPS an
 * ingress kind has by default (gce) gets a warning: credentials travel in clear.
 */
export function checkFrontendTls(context: RuleContext, sgRaw: Raw = {}): void {
  const { design, ok, error, warn } = context;
  const sg = design.sourcegraph;
  if (!ok(['sourcegraph', 'ingress'], ['cloud', 'provider'], ['sourcegraph', 'tls'], ['sourcegraph', 'tlsCertificateArn'])) return;
  if (!isCloudProvider(design.cloud.provider) || !Object.prototype.hasOwnProperty.call(INGRESS_KINDS, sg.ingress)) return;
  const tls = sg.tls;
  const kind = INGRESS_KINDS[sg.ingress];
  const cloud = CLOUDS[design.cloud.provider];
  const path = sourcePath(tls, sgRaw);
  if (!cloud.tlsCertificates.includes(tls.certificate)) {
    const offered = cloud.tlsCertificates.filter((s) => kind.tlsCertificates.includes(s));
    error(path, `${SOURCE_FIELDS[tls.certificate]} is not available on ${design.cloud.provider}`, undefined, offered.map((s) => SOURCE_FIELDS[s]).join(' | '));
    return;
  }
  if (!kind.tlsCertificates.includes(tls.certificate)) {
    const kinds = tlsIngressKinds(tls.certificate).filter((k) => cloud.ingressKinds.includes(k));
    error(
      path,
      `only used with ingress: ${kinds.join(' | ')}; the ${sg.ingress} ingress takes ${kind.tlsCertificates.map((s) => SOURCE_FIELDS[s]).join(' or ')}`,
      sg.ingress,
    );
    return;
  }
  const cloudRules = CLOUD_RULES[design.cloud.provider];
  switch (tls.certificate) {
    case 'acm':
      cloudRules.tlsCertificate(context, tls.arn, path);
      break;
    case 'secret':
      cloudRules.tlsSecret(context, tls.secret, path);
      break;
    case 'google-managed':
      if (ok(['sourcegraph', 'hostname']) && sg.hostname.length > MAX_MANAGED_CERTIFICATE_DOMAIN_LENGTH) {
        error(
          ['sourcegraph', 'hostname'],
          `${sg.hostname.length} characters: a Google-managed certificate takes a domain of at most ${MAX_MANAGED_CERTIFICATE_DOMAIN_LENGTH}`,
          sg.hostname,
          'a shorter hostname, or existing certificates in tls.gcpCertificates',
        );
      }
      break;
    case 'gcp-ssl-certificates':
      if (new Set(tls.names).size !== tls.names.length) error(['sourcegraph', 'tls', 'gcpCertificates'], 'a certificate is named twice');
      break;
    case 'none':
      // Only where HTTPS is the kind's default (gce): turning it off is worth a word.
      if (kind.loadBalancer && kind.tlsCertificates[0] !== 'none') {
        warn(
          ['sourcegraph', 'ingress'],
          `the ${sg.ingress} load balancer serves HTTP only: sign-in and code travel in clear; name a certificate in sourcegraph.tls (${kind.tlsCertificates
            .filter((s) => s !== 'none' && cloud.tlsCertificates.includes(s))
            .map((s) => SOURCE_FIELDS[s])
            .join(' or ')})`,
        );
      }
      break;
  }
}
