/**
 * The ingress kinds: how Sourcegraph's frontend is exposed, as data. Which
 * cloud offers a kind is in the cloud table (`CloudFacts.ingressKinds`);
 * what only one layer needs per kind (the Helm values, the controller's
 * construct, its pods) is in that layer's own `Record<IngressKind, ...>`.
 */
import type { IngressKind } from '../design/model';

/** The load balancer an ingress kind puts in front of Sourcegraph. */
export interface IngressLoadBalancer {
  /** `application` (HTTP: ALB, GCE HTTP(S) load balancer) or `network` (TCP: NLB, GCP passthrough). */
  readonly layer: 'application' | 'network';
  /** How the report says the replica is served, after "through": `an Application Load Balancer`. */
  readonly servedThrough: string;
  /** Its box in the topology diagram. */
  readonly diagram: string;
}

/** One ingress kind. */
export interface IngressKindFacts {
  readonly kind: IngressKind;
  /**
   * The ingress class its controller serves, and how an Ingress names it:
   * `ingressClassName`, or only the legacy `kubernetes.io/ingress.class`
   * annotation (GKE's built-in controller). Undefined for `none`.
   */
  readonly ingressClass?: { readonly name: string; readonly by: 'ingressClassName' | 'annotation' };
  /** The load balancer; undefined for `none` (reached by port-forward). */
  readonly loadBalancer?: IngressLoadBalancer;
  /** The controller sg-replica installs in the cluster, as the report names it; undefined when the cloud runs it. */
  readonly controller?: string;
  /** Takes an ACM certificate (`sourcegraph.tlsCertificateArn`) for HTTPS. */
  readonly tls: boolean;
  /** What it would need to restrict clients to `sourcegraph.allowedClientCidrs`, which it cannot do yet; undefined when it can. */
  readonly restrictingClientsNeeds?: string;
}

/** Every ingress kind, in the order the schema lists them. */
export const INGRESS_KINDS: Readonly<Record<IngressKind, IngressKindFacts>> = {
  alb: {
    kind: 'alb',
    ingressClass: { name: 'alb', by: 'ingressClassName' },
    loadBalancer: { layer: 'application', servedThrough: 'an Application Load Balancer', diagram: 'Application Load Balancer' },
    controller: 'the AWS Load Balancer Controller',
    tls: true,
  },
  nginx: {
    kind: 'nginx',
    ingressClass: { name: 'nginx', by: 'ingressClassName' },
    loadBalancer: { layer: 'network', servedThrough: 'ingress-nginx behind a network load balancer', diagram: 'Network LB + ingress-nginx' },
    controller: 'ingress-nginx',
    tls: false,
  },
  gce: {
    kind: 'gce',
    ingressClass: { name: 'gce', by: 'annotation' },
    loadBalancer: { layer: 'application', servedThrough: 'the GKE ingress', diagram: 'GCE HTTP load balancer' },
    tls: false,
    restrictingClientsNeeds: 'a Cloud Armor policy',
  },
  none: {
    kind: 'none',
    tls: false,
  },
};

/** Every ingress kind. */
export const INGRESS_KIND_NAMES = Object.keys(INGRESS_KINDS) as readonly IngressKind[];

/** The kinds of `offered` that restrict clients to `sourcegraph.allowedClientCidrs`, for messages. */
export function clientRestrictingKinds(offered: readonly IngressKind[]): IngressKind[] {
  return offered.filter((kind) => INGRESS_KINDS[kind].loadBalancer && INGRESS_KINDS[kind].restrictingClientsNeeds === undefined);
}

/** The kinds that take a TLS certificate, for messages. */
export function tlsIngressKinds(): IngressKind[] {
  return INGRESS_KIND_NAMES.filter((kind) => INGRESS_KINDS[kind].tls);
}
