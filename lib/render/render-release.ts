/**
 * Renders what a design installs with Helm, with the real `helm template`:
 * the Sourcegraph chart with the release's final values, and the ingress
 * controller chart (AWS Load Balancer Controller for `alb`, ingress-nginx
 * for `nginx`) with the values its construct installs.
 */
import { sandboxOf } from '../cloud/clouds';
import { Design, IngressKind } from '../design/model';
import {
  AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION,
  AWS_LOAD_BALANCER_CONTROLLER_NAMESPACE,
  awsLoadBalancerControllerValues,
} from '../sourcegraph/aws-load-balancer-controller-values';
import { INGRESS_NGINX_CHART_VERSION, INGRESS_NGINX_NAMESPACE, ingressNginxValues } from '../sourcegraph/ingress-nginx-values';
import { designHelmValues } from '../sourcegraph/design-values';
import { HelmValues } from '../helm/merge-values';
import { locateChart, LocateChartOptions, LocatedChart } from './charts';
import { helmTemplate, ParsedRender } from './helm-template';
import { locateTool } from './tools';

/** One chart rendered for a release. */
export interface RenderedChart {
  readonly chart: LocatedChart;
  readonly releaseName: string;
  readonly namespace: string;
  readonly values: HelmValues;
  readonly render: ParsedRender;
}

/** A design's rendered Helm releases. */
export interface RenderedRelease {
  readonly design: Design;
  /** The Sourcegraph release. */
  readonly sourcegraph: RenderedChart;
  /** The ingress controller's release, for `alb` and `nginx`. */
  readonly ingressController?: RenderedChart;
}

/** What to render with; every field has a default. */
export interface RenderOptions {
  /** The helm binary. @default locateTool('helm').path */
  readonly helm?: string;
  /** The Sourcegraph release's values. @default designHelmValues(design) */
  readonly values?: HelmValues;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Where charts are looked for besides SG_REPLICA_CHARTS. @default referenceChartsDir() and the cache (see locateChart) */
  readonly charts?: Pick<LocateChartOptions, 'referenceDir' | 'cacheDir'>;
}

/** The release of an ingress controller, as `helm template` renders it. */
export interface ControllerRelease {
  readonly chart: string;
  readonly version: string;
  readonly releaseName: string;
  readonly namespace: string;
  readonly values: HelmValues;
}

/** Each ingress kind's controller release in the cluster, if it installs one (GKE's own controller runs outside it). */
const INGRESS_CONTROLLER_RELEASES: Readonly<Record<IngressKind, ((design: Design) => ControllerRelease) | undefined>> = {
  alb: (design) => ({
    chart: 'aws-load-balancer-controller',
    version: AWS_LOAD_BALANCER_CONTROLLER_CHART_VERSION,
    releaseName: 'aws-load-balancer-controller',
    namespace: AWS_LOAD_BALANCER_CONTROLLER_NAMESPACE,
    // Identifiers the infra stack creates: placeholders of the right shape.
    values: awsLoadBalancerControllerValues({
      clusterName: design.name,
      region: design.cloud.region,
      vpcId: 'vpc-0123456789abcdef0',
      roleArn: `arn:aws:iam::${sandboxOf(design.cloud)}:role/${design.name}-load-balancer-controller`,
    }),
  }),
  nginx: (design) => ({
    chart: 'ingress-nginx',
    version: INGRESS_NGINX_CHART_VERSION,
    releaseName: 'ingress-nginx',
    namespace: INGRESS_NGINX_NAMESPACE,
    values: ingressNginxValues({ cloud: design.cloud.provider, sourceRanges: design.sourcegraph.allowedClientCidrs }),
  }),
  gce: undefined,
  none: undefined,
};

/** The chart, values and namespace of the design's ingress controller, if it installs one. */
export function ingressControllerRelease(design: Design): ControllerRelease | undefined {
  return INGRESS_CONTROLLER_RELEASES[design.sourcegraph.ingress]?.(design);
}

/**
 * Renders the design's Sourcegraph release (and its ingress controller) with
 * the real chart. Both renders run side by side.
 *
 * @throws ToolNotFoundError or ChartNotFoundError saying how to provide
 *   helm or a chart; HelmTemplateError with helm's message when a chart
 *   does not render with the values.
 */
export async function renderRelease(design: Design, options: RenderOptions = {}): Promise<RenderedRelease> {
  const env = options.env ?? process.env;
  const helm = options.helm ?? locateTool('helm', { env }).path;
  const kubeVersion = design.kubernetes.version;
  const values = options.values ?? designHelmValues(design);
  const sgChart = locateChart('sourcegraph', design.sourcegraph.version, { ...options.charts, env, helm });
  const controller = ingressControllerRelease(design);
  const controllerChart = controller ? locateChart(controller.chart, controller.version, { ...options.charts, env, helm }) : undefined;
  const [sgRender, controllerRender] = await Promise.all([
    helmTemplate({ helm, chartDir: sgChart.dir, releaseName: 'sourcegraph', namespace: design.sourcegraph.namespace, values, kubeVersion }),
    controller && controllerChart
      ? helmTemplate({ helm, chartDir: controllerChart.dir, releaseName: controller.releaseName, namespace: controller.namespace, values: controller.values, kubeVersion })
      : Promise.resolve(undefined),
  ]);
  return {
    design,
    sourcegraph: { chart: sgChart, releaseName: 'sourcegraph', namespace: design.sourcegraph.namespace, values, render: sgRender },
    ...(controller && controllerChart && controllerRender
      ? { ingressController: { chart: controllerChart, releaseName: controller.releaseName, namespace: controller.namespace, values: controller.values, render: controllerRender } }
      : {}),
  };
}
