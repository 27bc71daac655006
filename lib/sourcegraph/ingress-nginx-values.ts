/**
 * The Helm values and chart pin of ingress-nginx, as pure data: the
 * `IngressNginx` construct installs them, and the render checks
 * (lib/render) render the same chart with the same values. No cdktf here.
 */
import type { CloudTable } from '../cloud/clouds';
import type { CloudProvider } from '../design/model';
import { HelmValues } from '../helm/merge-values';
import { INGRESS_TIMEOUT_SECONDS, NGINX_PROXY_BODY_SIZE } from '../sourcegraph/replica-values';
import { awsTagList } from '../replica/aws-tag-list';

/** Chart repository of ingress-nginx. */
export const INGRESS_NGINX_CHART_REPOSITORY = 'https://kubernetes.github.io/ingress-nginx';
/**
 * Pinned chart version: 4.15.1 (controller v1.15.1, March 2026), the final
 * release. The ingress-nginx project was retired in March 2026 and gets no
 * more fixes; it stays here because customers still run it in production.
 */
export const INGRESS_NGINX_CHART_VERSION = '4.15.1';
/** The IngressClass the controller serves. */
export const NGINX_INGRESS_CLASS = 'nginx';
/**
 * Port of the controller's validating admission webhook (the chart's
 * `controller.admissionWebhooks.port`, 8443 in 4.15.1), set explicitly so
 * the firewall rule that lets a private GKE control plane reach it
 * (`ControlPlaneFirewall`) cannot drift from the chart. The webhook's
 * `failurePolicy` is `Fail`: unreachable, it blocks every Ingress.
 */
export const INGRESS_NGINX_WEBHOOK_PORT = 8443;
/** Namespace of the controller. */
export const INGRESS_NGINX_NAMESPACE = 'ingress-nginx';

/** The Service annotations that make each cloud's network load balancer, tagged where the cloud takes tags from a Service. */
const LOAD_BALANCER_ANNOTATIONS: CloudTable<(tags: Readonly<Record<string, string>>) => Record<string, string>> = {
  aws: (tags) => {
    const list = awsTagList(tags);
    return {
      'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
      ...(list !== '' && { 'service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags': list }),
    };
  },
  gcp: () => ({}),
};

/** What the controller's values are made of. */
export interface IngressNginxValuesProps {
  readonly cloud: CloudProvider;
  /** Tags on the AWS load balancer (NLB). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** Client CIDRs the load balancer accepts. @default [] (any client) */
  readonly sourceRanges?: readonly string[];
}

/** Class `nginx`, 10-minute proxy timeouts, Sourcegraph's 150m upload limit, an NLB on AWS with the replica's tags. */
export function ingressNginxValues(props: IngressNginxValuesProps): HelmValues {
  const sourceRanges = props.sourceRanges ?? [];
  const annotations = LOAD_BALANCER_ANNOTATIONS[props.cloud](props.tags ?? {});
  const service: HelmValues = {};
  if (Object.keys(annotations).length > 0) service.annotations = annotations;
  if (sourceRanges.length > 0) service.loadBalancerSourceRanges = [...sourceRanges];
  return {
    controller: {
      ingressClassResource: { name: NGINX_INGRESS_CLASS },
      admissionWebhooks: { port: INGRESS_NGINX_WEBHOOK_PORT },
      config: {
        'proxy-read-timeout': String(INGRESS_TIMEOUT_SECONDS),
        'proxy-send-timeout': String(INGRESS_TIMEOUT_SECONDS),
        'proxy-body-size': NGINX_PROXY_BODY_SIZE,
      },
      ...(Object.keys(service).length > 0 ? { service } : {}),
    },
  };
}
