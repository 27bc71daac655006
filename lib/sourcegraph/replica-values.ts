/**
 * The Helm values sg-replica itself generates for the Sourcegraph chart,
 * before the customer's override files and inline values. Pure: no cdktf.
 *
 * Only what the replica needs is generated; everything else is left to the
 * chart's defaults and the customer's values (never a copy of values.yaml).
 */
import { restrictsClients } from '../catalog/gce-load-balancing';
import { CLOUD_PROVIDERS, CLOUDS } from '../cloud/clouds';
import { INGRESS_KINDS, tlsIngressKinds } from '../cloud/ingress-kinds';
import type { Design, FrontendTls, IngressKind } from '../design/model';
import { awsTagList } from '../replica/aws-tag-list';
import { gceIngressNames } from '../replica/gce-ingress-names';
import { HelmValues } from '../helm/merge-values';
import { GCE_BACKEND_CONFIG_NAME, gceIngressValues } from './gce-ingress-values';

export { GCE_BACKEND_CONFIG_NAME };

/** What the values depend on besides the design. */
export interface ReplicaValuesContext {
  /**
   * Name of the StorageClass sg-replica creates; every Sourcegraph volume
   * uses it. The chart's own StorageClass is switched off.
   */
  readonly storageClassName: string;
  /** The replica's tags (owner, expiry, ...): put on the load balancer the ingress creates (ALB). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Client CIDRs the frontend's load balancer accepts, instead of the
   * design's; `[]` means any client.
   * @default design.sourcegraph.allowedClientCidrs
   */
  readonly allowedClientCidrs?: readonly string[];
}

/** Name of the StorageClass sg-replica creates for every Sourcegraph volume. */
export const REPLICA_STORAGE_CLASS_NAME = 'sourcegraph';

/** Server-Sent Events need load balancer and proxy timeouts of at least 5 minutes: use 10. */
export const INGRESS_TIMEOUT_SECONDS = 600;
/** The chart's default upload limit (`nginx.ingress.kubernetes.io/proxy-body-size`), kept for nginx. */
export const NGINX_PROXY_BODY_SIZE = '150m';
/**
 * Name of the Kubernetes TLS Secret the Sourcegraph stack makes in the
 * release's namespace from the design's certificate secret (`tls.secret`,
 * ingress nginx): the chart's `frontend.ingress.tlsSecret`.
 */
export const FRONTEND_TLS_SECRET_NAME = 'sourcegraph-frontend-tls';
/** TLS policy of the ALB's HTTPS listener: TLS 1.3 and 1.2 only. */
export const ALB_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/**
 * The chart's default ingress annotations, both nginx-specific. Setting them
 * to `null` makes Helm drop them: `kubernetes.io/ingress.class` is replaced
 * by `ingressClassName`, and the body size means nothing to an ALB or GCE.
 */
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const NGINX_BODY_SIZE_ANNOTATION = 'nginx.ingress.kubernetes.io/proxy-body-size';

/** Values for the chart's `storageClass` key: use ours, do not create one. */
export function storageClassValues(storageClassName: string): HelmValues {
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(storageClassName) || storageClassName.length > 253) {
    throw new Error(`Storage class name '${storageClassName}' is not a valid Kubernetes object name`);
  }
  return { storageClass: { create: false, name: storageClassName } };
}

/**
 * The values sg-replica generates from the design: the chart's StorageClass
 * switched off in favour of ours (`storageClass.create: false`), and the
 * frontend's ingress wired for the design's ingress kind.
 *
 * The client CIDRs (`sourcegraph.allowedClientCidrs`) are enforced by the
 * ALB (`inbound-cidrs`) for `alb`; for `nginx` the `IngressNginx`
 * construct's `sourceRanges` must get them (its load balancer does the
 * filtering); for `gce` by the Cloud Armor policy the infra stack makes
 * (`CloudArmorAllowList`, named by `gceIngressNames`), which the
 * BackendConfig attaches.
 *
 * @throws Error when the ingress kind does not fit the cloud (`alb` is AWS
 *   only, `gce` GCP only), or the TLS certificate's source does not fit the
 *   ingress kind (`sourcegraph.tls`).
 */
export function replicaValues(design: Design, context: ReplicaValuesContext): HelmValues {
  return {
    ...storageClassValues(context.storageClassName),
    ...ingressValues(design, context),
  };
}

/** The `frontend.ingress` (and, for GCE, related) values for the design's ingress kind. */
export function ingressValues(design: Design, context: ReplicaValuesContext): HelmValues {
  const sg = design.sourcegraph;
  const kind: IngressKind = sg.ingress;
  const facts = INGRESS_KINDS[kind];
  const clientCidrs = context.allowedClientCidrs ?? sg.allowedClientCidrs;
  if (!facts.tlsCertificates.includes(sg.tls.certificate)) {
    throw new Error(
      `sourcegraph.tls: a certificate from '${sg.tls.certificate}' is only used with ingress ${tlsIngressKinds(sg.tls.certificate).map((k) => `'${k}'`).join(' or ')}, but the ingress of design '${design.name}' is '${kind}'`,
    );
  }
  if (!CLOUDS[design.cloud.provider].ingressKinds.includes(kind)) {
    const offering = CLOUD_PROVIDERS.filter((provider) => CLOUDS[provider].ingressKinds.includes(kind)).map((provider) => `'${provider}'`);
    throw new Error(`Ingress '${kind}' needs cloud ${offering.join(' or ')}, but design '${design.name}' is on '${design.cloud.provider}'`);
  }
  return INGRESS_VALUES[kind](sg.hostname, { replicaName: design.name, tags: context.tags, clientCidrs, tls: sg.tls });
}

/** What an ingress kind's values are made of besides the host name. */
interface IngressValuesInput {
  readonly replicaName: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly clientCidrs: readonly string[];
  readonly tls: FrontendTls;
}

/** The ACM certificate of `tls`, if it is one. */
const acmArn = (tls: FrontendTls): string | undefined => (tls.certificate === 'acm' ? tls.arn : undefined);

/** The frontend's ingress values of each ingress kind. */
const INGRESS_VALUES: Readonly<Record<IngressKind, (hostname: string, input: IngressValuesInput) => HelmValues>> = {
  alb: (hostname, { tags, clientCidrs, tls }) => albIngressValues(hostname, tags, clientCidrs, acmArn(tls)),
  nginx: (hostname, { tls }) => nginxIngressValues(hostname, tls.certificate === 'secret' ? FRONTEND_TLS_SECRET_NAME : undefined),
  gce: (hostname, { replicaName, clientCidrs, tls }) => {
    // The infra stack makes these under the same names (GceIngressFrontend, CloudArmorAllowList).
    const names = gceIngressNames(replicaName);
    const certificateNames = tls.certificate === 'google-managed' ? [names.certificate] : tls.certificate === 'gcp-ssl-certificates' ? tls.names : [];
    return gceIngressValues({
      hostname,
      staticIpName: names.address,
      ...(restrictsClients(clientCidrs) && { securityPolicyName: names.securityPolicy }),
      ...(certificateNames.length > 0 && { tls: { certificateNames, sslPolicyName: names.sslPolicy } }),
    });
  },
  none: () => ({ frontend: { ingress: { enabled: false } } }),
};

/**
 * AWS Load Balancer Controller: an internet-facing ALB sending to the
 * frontend pods' IPs, health-checked on `/healthz`, HTTP only or HTTPS with
 * an ACM certificate and a redirect from HTTP.
 */
function albIngressValues(
  hostname: string,
  tagsToApply: Readonly<Record<string, string>>,
  allowedClientCidrs: readonly string[],
  tlsCertificateArn: string | undefined,
): HelmValues {
  const listenPorts = tlsCertificateArn === undefined ? [{ HTTP: 80 }] : [{ HTTP: 80 }, { HTTPS: 443 }];
  const annotations: HelmValues = {
    [INGRESS_CLASS_ANNOTATION]: null,
    [NGINX_BODY_SIZE_ANNOTATION]: null,
    'alb.ingress.kubernetes.io/scheme': 'internet-facing',
    'alb.ingress.kubernetes.io/target-type': 'ip',
    'alb.ingress.kubernetes.io/healthcheck-path': '/healthz',
    'alb.ingress.kubernetes.io/listen-ports': JSON.stringify(listenPorts),
  };
  if (tlsCertificateArn !== undefined) {
    annotations['alb.ingress.kubernetes.io/certificate-arn'] = tlsCertificateArn;
    annotations['alb.ingress.kubernetes.io/ssl-redirect'] = '443';
    annotations['alb.ingress.kubernetes.io/ssl-policy'] = ALB_SSL_POLICY;
  }
  annotations['alb.ingress.kubernetes.io/load-balancer-attributes'] = [
    `idle_timeout.timeout_seconds=${INGRESS_TIMEOUT_SECONDS}`,
    'routing.http.drop_invalid_header_fields.enabled=true',
  ].join(',');
  if (allowedClientCidrs.length > 0) {
    annotations['alb.ingress.kubernetes.io/inbound-cidrs'] = allowedClientCidrs.join(',');
  }
  const tags = awsTagList(tagsToApply);
  if (tags !== '') annotations['alb.ingress.kubernetes.io/tags'] = tags;
  return {
    frontend: {
      ingress: { enabled: true, ingressClassName: 'alb', annotations, host: hostname },
    },
  };
}

/**
 * ingress-nginx (the `IngressNginx` construct): class `nginx`, 10-minute
 * proxy timeouts; with `tlsSecret`, TLS from that Kubernetes Secret (the
 * controller then redirects HTTP to HTTPS, its `ssl-redirect` default).
 */
function nginxIngressValues(hostname: string, tlsSecret: string | undefined): HelmValues {
  return {
    frontend: {
      ingress: {
        enabled: true,
        ingressClassName: 'nginx',
        ...(tlsSecret !== undefined && { tlsSecret }),
        annotations: {
          [INGRESS_CLASS_ANNOTATION]: null,
          [NGINX_BODY_SIZE_ANNOTATION]: NGINX_PROXY_BODY_SIZE,
          'nginx.ingress.kubernetes.io/proxy-read-timeout': String(INGRESS_TIMEOUT_SECONDS),
          'nginx.ingress.kubernetes.io/proxy-send-timeout': String(INGRESS_TIMEOUT_SECONDS),
        },
        host: hostname,
      },
    },
  };
}
