/**
 * The render tier's checks on a Kustomize replica: the same schema, volume,
 * reference and placement checks the Helm path runs on its rendered chart
 * (lib/render), and the external-service check with the release's names.
 * The capacity-model check of the Helm path has no counterpart: a
 * Kustomize replica's capacity is computed from these very manifests
 * (lib/render/manifest-workloads.ts).
 */
import { Design } from '../design/model';
import { checkPodPlacement } from '../render/check-placement';
import { checkReferences } from '../render/check-references';
import { checkSchema } from '../render/check-schema';
import { checkVolumes } from '../render/check-volumes';
import { locateChart } from '../render/charts';
import { helmTemplate, RenderedObject } from '../render/helm-template';
import { RenderFinding } from '../render/render-finding';
import { ingressControllerRelease } from '../render/render-release';
import { existingObjects } from '../render/stack-objects';
import { locateTool } from '../render/tools';
import { REPLICA_STORAGE_CLASS_NAME } from '../sourcegraph/replica-values';
import { checkKustomizeExternalServices } from './check-kustomize-external-services';
import { KustomizeRelease } from './releases';
import { KustomizeRender, renderKustomize, RenderKustomizeOptions } from './render-kustomize';

/** The findings of every check on the replica's manifests, errors first. `controller`: the ingress controller chart's objects (its IngressClass). */
export function checkKustomizeRelease(design: Design, release: KustomizeRelease, objects: readonly RenderedObject[], controller: readonly RenderedObject[] = []): RenderFinding[] {
  const findings = [
    ...checkSchema([...objects, ...controller], design.kubernetes.version),
    ...checkVolumes(objects, REPLICA_STORAGE_CLASS_NAME, design.storage.diskType),
    ...checkReferences(objects, controller, existingObjects(design)),
    ...checkKustomizeExternalServices(design, release, objects),
    ...checkPodPlacement(design, objects),
  ];
  const order = { error: 0, warning: 1, info: 2 } as const;
  return findings.sort((a, b) => order[a.severity] - order[b.severity]);
}

/** A rendered and checked Kustomize replica. */
export interface KustomizeCheck {
  readonly render: KustomizeRender;
  /** Findings on the rendered manifests (none when the overlay had errors: see `render.problems`). */
  readonly findings: readonly RenderFinding[];
}

/** Options of {@link renderAndCheckKustomize}. */
export interface RenderAndCheckKustomizeOptions extends RenderKustomizeOptions {
  /**
   * Render the ingress controller's chart with helm too (for its
   * IngressClass), as the Helm path's render tier does.
   * @default true
   */
  readonly renderController?: boolean;
}

/**
 * Renders `design`'s Kustomize replica (and its ingress controller's
 * chart, side by side) and checks the result.
 *
 * @throws ToolNotFoundError, KustomizeReleaseNotFoundError or
 *   ChartNotFoundError saying how to provide kubectl, the release or a chart.
 */
export async function renderAndCheckKustomize(design: Design, options: RenderAndCheckKustomizeOptions): Promise<KustomizeCheck> {
  const env = options.env ?? process.env;
  const controller = options.renderController === false ? undefined : ingressControllerRelease(design);
  const controllerRender = controller
    ? (async () => {
        const helm = locateTool('helm', { env }).path;
        const chart = locateChart(controller.chart, controller.version, { env, helm });
        return helmTemplate({ helm, chartDir: chart.dir, releaseName: controller.releaseName, namespace: controller.namespace, values: controller.values, kubeVersion: design.kubernetes.version });
      })()
    : Promise.resolve(undefined);
  const [render, controllerObjects] = await Promise.all([renderKustomize(design, options), controllerRender]);
  if (!render.replica) return { render, findings: [] };
  return { render, findings: checkKustomizeRelease(design, render.release, render.replica.objects, controllerObjects?.objects ?? []) };
}
