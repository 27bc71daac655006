/**
 * The Helm values sg-replica itself generates for the Sourcegraph chart,
 * before the customer's override files and inline values. Pure: no cdktf.
 *
 * Only what the replica needs is generated; everything else is left to the
 * chart's defaults and the customer's values (never a copy of values.yaml).
 */
import { CLOUD_PROVIDERS, CLOUDS } from '../cloud/clouds';
import { clientRestrictingKinds, INGRESS_KINDS, tlsIngressKinds } from '../cloud/ingress-kinds';
import type { Design, IngressKind } from '../design/model';
import { awsTagList } from '../replica/aws-tag-list';
import { HelmValues } from '../helm/merge-values';

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
/** Name of the GKE BackendConfig sg-replica adds through `extraResources` (ingress `gce`). */
export const GCE_BACKEND_CONFIG_NAME = 'sourcegraph-frontend';
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
 * filtering); a `gce` ingress cannot restrict clients yet, so its list must
 * be empty or include a `/0`.
 *
 * @throws Error when the ingress kind does not fit the cloud (`alb` is AWS
 *   only, `gce` GCP only), when a TLS certificate is given for another kind
 *   than `alb`, or when a `gce` ingress is asked to restrict clients.
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
  if (sg.tlsCertificateArn !== undefined && !facts.tls) {
    throw new Error(
      `sourcegraph.tlsCertificateArn is only used with ingress ${tlsIngressKinds().map((k) => `'${k}'`).join(' or ')}, but the ingress of design '${design.name}' is '${kind}'`,
    );
  }
  if (!CLOUDS[design.cloud.provider].ingressKinds.includes(kind)) {
    const offering = CLOUD_PROVIDERS.filter((provider) => CLOUDS[provider].ingressKinds.includes(kind)).map((provider) => `'${provider}'`);
    throw new Error(`Ingress '${kind}' needs cloud ${offering.join(' or ')}, but design '${design.name}' is on '${design.cloud.provider}'`);
  }
  if (facts.restrictingClientsNeeds && clientCidrs.length > 0 && !clientCidrs.some((cidr) => cidr.endsWith('/0'))) {
    const instead = clientRestrictingKinds(CLOUDS[design.cloud.provider].ingressKinds).join(' or ');
    throw new Error(
      `Ingress '${kind}' cannot restrict clients to ${clientCidrs.join(', ')} yet (that needs ${facts.restrictingClientsNeeds}); allow 0.0.0.0/0 or use ${instead}`,
    );
  }
  return INGRESS_VALUES[kind](sg.hostname, { tags: context.tags, clientCidrs, tlsCertificateArn: sg.tlsCertificateArn });
}

/** What an ingress kind's values are made of besides the host name. */
interface IngressValuesInput {
  readonly tags: Readonly<Record<string, string>>;
  readonly clientCidrs: readonly string[];
  readonly tlsCertificateArn?: string;
}

/** The frontend's ingress values of each ingress kind. */
const INGRESS_VALUES: Readonly<Record<IngressKind, (hostname: string, input: IngressValuesInput) => HelmValues>> = {
  alb: (hostname, { tags, clientCidrs, tlsCertificateArn }) => albIngressValues(hostname, tags, clientCidrs, tlsCertificateArn),
  nginx: (hostname) => nginxIngressValues(hostname),
  gce: (hostname) => gceIngressValues(hostname),
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

/** ingress-nginx (the `IngressNginx` construct): class `nginx`, 10-minute proxy timeouts. */
function nginxIngressValues(hostname: string): HelmValues {
  return {
    frontend: {
      ingress: {
        enabled: true,
        ingressClassName: 'nginx',
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

/**
 * GKE's built-in ingress (the chart's `examples/gcp`): the `gce` class
 * annotation, container-native load balancing (NEG) on the frontend Service,
 * and a BackendConfig that health-checks `/ready` on the debug port 6060 and
 * raises the backend timeout from GCE's 30 s default to 10 minutes (SSE).
 * HTTP only for now.
 */
function gceIngressValues(hostname: string): HelmValues {
  return {
    frontend: {
      ingress: {
        enabled: true,
        annotations: {
          [INGRESS_CLASS_ANNOTATION]: 'gce',
          [NGINX_BODY_SIZE_ANNOTATION]: null,
        },
        host: hostname,
      },
      serviceAnnotations: {
        'cloud.google.com/neg': '{"ingress": true}',
        'cloud.google.com/backend-config': JSON.stringify({ default: GCE_BACKEND_CONFIG_NAME }),
      },
    },
    extraResources: [
      {
        apiVersion: 'cloud.google.com/v1',
        kind: 'BackendConfig',
        metadata: { name: GCE_BACKEND_CONFIG_NAME },
        spec: {
          timeoutSec: INGRESS_TIMEOUT_SECONDS,
          healthCheck: {
            type: 'HTTP',
            requestPath: '/ready',
            port: 6060,
            checkIntervalSec: 5,
            timeoutSec: 5,
          },
        },
      },
    ],
  };
}
