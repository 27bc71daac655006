/**
 * The ingress kinds: how Sourcegraph's frontend is exposed, as data. Which
 * cloud offers a kind is in the cloud table (`CloudFacts.ingressKinds`);
 * what only one layer needs per kind (the Helm values, the controller's
 * construct, its pods) is in that layer's own `Record<IngressKind, ...>`.
 */
import type { IngressKind, TlsCertificateSource } from '../design/model';

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
  /**
   * Where its HTTPS certificate may come from (`sourcegraph.tls`), the
   * default first; `none` is HTTP only. Which of them a cloud offers is in
   * its `CloudFacts.tlsCertificates`.
   */
  readonly tlsCertificates: readonly TlsCertificateSource[];
  /**
   * How its load balancer admits only `sourcegraph.allowedClientCidrs`: the
   * ALB's inbound CIDRs, the network load balancer's source ranges (Service
   * `loadBalancerSourceRanges`), or a Cloud Armor policy on the backend.
   * Undefined without a load balancer.
   */
  readonly restrictsClientsWith?: 'alb-inbound-cidrs' | 'load-balancer-source-ranges' | 'cloud-armor';
}

/** Every ingress kind, in the order the schema lists them. */
export const INGRESS_KINDS: Readonly<Record<IngressKind, IngressKindFacts>> = {
  alb: {
    kind: 'alb',
    ingressClass: { name: 'alb', by: 'ingressClassName' },
    loadBalancer: { layer: 'application', servedThrough: 'an Application Load Balancer', diagram: 'Application Load Balancer' },
    controller: 'the AWS Load Balancer Controller',
    // The ALB's HTTPS listener takes ACM certificates only.
    tlsCertificates: ['none', 'acm'],
    restrictsClientsWith: 'alb-inbound-cidrs',
  },
  nginx: {
    kind: 'nginx',
    ingressClass: { name: 'nginx', by: 'ingressClassName' },
    loadBalancer: { layer: 'network', servedThrough: 'ingress-nginx behind a network load balancer', diagram: 'Network LB + ingress-nginx' },
    controller: 'ingress-nginx',
    // ingress-nginx terminates TLS with a Kubernetes TLS Secret (the network load balancer passes TCP through).
    tlsCertificates: ['none', 'secret'],
    restrictsClientsWith: 'load-balancer-source-ranges',
  },
  gce: {
    kind: 'gce',
    ingressClass: { name: 'gce', by: 'annotation' },
    loadBalancer: { layer: 'application', servedThrough: 'the GKE ingress', diagram: 'GCE HTTP load balancer' },
    // Certificates on the Google front end: a Google-managed one by default, or existing ones by name.
    tlsCertificates: ['google-managed', 'gcp-ssl-certificates', 'none'],
    restrictsClientsWith: 'cloud-armor',
  },
  none: {
    kind: 'none',
    tlsCertificates: ['none'],
  },
};

/** Every ingress kind. */
export const INGRESS_KIND_NAMES = Object.keys(INGRESS_KINDS) as readonly IngressKind[];

/** The kinds that can serve a certificate from `source`, for messages. */
export function tlsIngressKinds(source: TlsCertificateSource): IngressKind[] {
  return INGRESS_KIND_NAMES.filter((kind) => INGRESS_KINDS[kind].tlsCertificates.includes(source));
}
