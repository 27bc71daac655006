/**
 * Every check of a rendered release, in one call: schema, volumes,
 * references, external services, placement and the capacity model.
 */
import { Design } from '../design/model';
import { REPLICA_STORAGE_CLASS_NAME } from '../sourcegraph/replica-values';
import { checkCapacityModel } from './check-capacity-model';
import { checkExternalServices } from './check-external-services';
import { checkPlacement } from './check-placement';
import { checkReferences } from './check-references';
import { checkSchema } from './check-schema';
import { checkVolumes } from './check-volumes';
import { HelmTemplateError } from './helm-template';
import { RenderFinding } from './render-finding';
import { RenderedRelease, renderRelease, RenderOptions } from './render-release';
import { existingObjects } from './stack-objects';

/** The findings of every check on `release`, errors first. */
export function checkRelease(release: RenderedRelease): RenderFinding[] {
  const { design } = release;
  const sg = release.sourcegraph;
  const objects = sg.render.objects;
  const controller = release.ingressController?.render.objects ?? [];
  const findings: RenderFinding[] = [
    ...[sg, release.ingressController].flatMap((c) => (c?.render.warnings ?? []).map((w) => ({ severity: 'warning' as const, check: 'render' as const, object: `chart ${c!.chart.name}`, message: `helm: ${w}` }))),
    ...checkSchema([...objects, ...controller], design.kubernetes.version),
    ...checkVolumes(objects, REPLICA_STORAGE_CLASS_NAME, design.storage.diskType),
    ...checkReferences(objects, controller, existingObjects(design)),
    ...checkExternalServices(design, sg.values, objects),
    ...checkPlacement(design, sg.values, objects),
    ...checkCapacityModel(sg.values, design.sourcegraph.version, objects),
  ];
  const order = { error: 0, warning: 1, info: 2 } as const;
  return findings.sort((a, b) => order[a.severity] - order[b.severity]);
}

/** A rendered and checked design. */
export interface RenderCheck {
  readonly design: Design;
  /** Undefined when the chart did not render. */
  readonly release?: RenderedRelease;
  readonly findings: readonly RenderFinding[];
}

/**
 * Renders `design`'s release with the real charts and checks it. A chart
 * that does not render with the values is an error finding (`render`).
 *
 * @throws ToolNotFoundError / ChartNotFoundError when helm or a chart
 *   cannot be had (the message says how to provide them).
 */
export async function renderAndCheck(design: Design, options: RenderOptions = {}): Promise<RenderCheck> {
  let release: RenderedRelease;
  try {
    release = await renderRelease(design, options);
  } catch (e) {
    if (e instanceof HelmTemplateError) return { design, findings: [{ severity: 'error', check: 'render', message: e.message }] };
    throw e;
  }
  return { design, release, findings: checkRelease(release) };
}
