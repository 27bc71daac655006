import { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { isCloudProvider } from '../cloud/clouds';
import type { CloudProvider } from '../design/model';
import { parseCidr } from '../network/subnet-plan';
import { Release } from '../providers/helm';
import { HelmValues, renderValuesYaml } from '../helm/merge-values';
import {
  INGRESS_NGINX_CHART_REPOSITORY,
  INGRESS_NGINX_CHART_VERSION,
  INGRESS_NGINX_NAMESPACE,
  NGINX_INGRESS_CLASS,
  ingressNginxValues,
} from '../sourcegraph/ingress-nginx-values';

export { INGRESS_NGINX_CHART_REPOSITORY, INGRESS_NGINX_CHART_VERSION, INGRESS_NGINX_WEBHOOK_PORT, NGINX_INGRESS_CLASS } from '../sourcegraph/ingress-nginx-values';

/** Properties of an {@link IngressNginx}. */
export interface IngressNginxProps {
  /** Cloud of the cluster: decides the load balancer annotations. */
  readonly cloud: CloudProvider;
  /**
   * Tags on the AWS load balancer (NLB). Not used on GCP: forwarding rules
   * take no labels from a Service. @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Client CIDRs the load balancer accepts (Service `loadBalancerSourceRanges`).
   * @default [] (any client)
   */
  readonly sourceRanges?: readonly string[];
  /** Namespace of the controller, created by the release. @default 'ingress-nginx' */
  readonly namespace?: string;
  /** Chart version. @default `INGRESS_NGINX_CHART_VERSION` */
  readonly chartVersion?: string;
  /** The Helm provider to use. @default the stack's default Helm provider */
  readonly provider?: TerraformProvider;
  /** What the release waits for (the node groups). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * ingress-nginx (chart `ingress-nginx/ingress-nginx`), class `nginx`, behind
 * the cloud's network load balancer (an NLB on AWS, made by EKS's built-in
 * cloud provider), with 10-minute proxy timeouts (Sourcegraph's Server-Sent
 * Events need at least 5) and Sourcegraph's 150m upload limit.
 */
export class IngressNginx extends Construct {
  /** The values the chart is installed with. */
  public readonly values: HelmValues;
  /** The `helm_release` resource. */
  public readonly release: Release;
  /** The IngressClass to use in Ingresses: `nginx`. */
  public readonly ingressClassName = NGINX_INGRESS_CLASS;

  constructor(scope: Construct, id: string, props: IngressNginxProps) {
    super(scope, id);
    if (!isCloudProvider(props.cloud)) {
      throw new Error(`IngressNginx: cloud must be aws or gcp, got '${String(props.cloud)}'`);
    }
    const sourceRanges = props.sourceRanges ?? [];
    for (const cidr of sourceRanges) {
      if (parseCidr(cidr) === undefined) throw new Error(`IngressNginx: source range '${cidr}' is not an IPv4 CIDR`);
    }

    this.values = ingressNginxValues({ cloud: props.cloud, tags: props.tags, sourceRanges });
    this.release = new Release(this, 'release', {
      name: 'ingress-nginx',
      repository: INGRESS_NGINX_CHART_REPOSITORY,
      chart: 'ingress-nginx',
      version: props.chartVersion ?? INGRESS_NGINX_CHART_VERSION,
      namespace: props.namespace ?? INGRESS_NGINX_NAMESPACE,
      createNamespace: true,
      values: [renderValuesYaml(this.values)],
      wait: true,
      timeout: 600,
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
  }
}
