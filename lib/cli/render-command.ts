/**
 * `--render` for `sg-replica validate` and `synth`: render each valid
 * design's release with the real tools (a Helm design's chart with helm; a
 * Kustomize design's overlay with kubectl kustomize, and its ingress
 * controller's chart with helm), run the render checks, and print what they
 * find. Loaded only when `--render` is given, so plain `validate` never
 * loads helm, charts or schemas.
 */
import { DeploymentMethod, Design } from '../design/model';
import { formatProblem } from '../design/problems';
import { renderAndCheck } from '../render/check-release';
import { formatRenderFinding, RenderFinding } from '../render/render-finding';
import { locateTool } from '../render/tools';

/** Where output goes (the CLI's `Output`). */
export interface RenderOutput {
  out(line: string): void;
  err(line: string): void;
}

/** One design rendered and checked: the findings, and on success what was rendered with what. */
interface RenderedDesign {
  readonly findings: readonly RenderFinding[];
  /** `rendered 58 objects from ... with ...`, when it rendered. */
  readonly rendered?: string;
}

/* eslint-disable @typescript-eslint/no-require-imports */
/** How each method's release is rendered and checked. */
const RENDERERS: Readonly<Record<DeploymentMethod, (design: Design) => Promise<RenderedDesign>>> = {
  helm: async (design) => {
    const helm = locateTool('helm');
    const result = await renderAndCheck(design, { helm: helm.path });
    const release = result.release;
    if (!release) return { findings: result.findings };
    const objects = release.sourcegraph.render.objects.length + (release.ingressController?.render.objects.length ?? 0);
    const charts = [release.sourcegraph, release.ingressController].filter((c) => c !== undefined).map((c) => `${c!.chart.name} ${c!.chart.version} (${c!.chart.source})`);
    return { findings: result.findings, rendered: `rendered ${objects} objects from ${charts.join(' and ')} with helm ${helm.from ?? helm.path}` };
  },
  kustomize: async (design) => {
    const { renderAndCheckKustomize } = require('../kustomize/check-kustomize-release') as typeof import('../kustomize/check-kustomize-release');
    const overlay = design.sourcegraph.overlay!;
    const kubectl = locateTool('kubectl');
    const { render, findings } = await renderAndCheckKustomize(design, { overlayDir: overlay.resolvedPath, release: design.sourcegraph.version, kubectl: kubectl.path });
    // The overlay's own problems were printed by validation: here only a render that failed for another reason.
    const refused: RenderFinding[] = render.problems.filter((p) => p.severity === 'error').map((p) => ({ severity: 'error', check: 'render', message: formatProblem(p) }));
    if (!render.replica) return { findings: [...refused, ...findings] };
    return {
      findings,
      rendered: `rendered ${render.replica.objects.length} objects from deploy-sourcegraph-k8s ${render.release.version} (${render.located.source}) and the overlay ${overlay.path} with kubectl ${kubectl.from ?? kubectl.path}`,
    };
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Renders and checks every design in turn; prints each finding prefixed
 * with the design file, then one line per design. Resolves to true when no
 * design has an error.
 *
 * @throws ToolNotFoundError / ChartNotFoundError / KustomizeReleaseNotFoundError
 *   (their messages say how to provide helm, kubectl, a chart or the
 *   release): the caller prints the message.
 */
export async function renderDesigns(designs: readonly { readonly file: string; readonly design: Design }[], io: RenderOutput): Promise<boolean> {
  let ok = true;
  for (const { file, design } of designs) {
    const result = await RENDERERS[design.sourcegraph.method](design);
    for (const f of result.findings) (f.severity === 'error' ? io.err : io.out)(`${file}: ${formatRenderFinding(f)}`);
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    if (errors > 0 || !result.rendered) {
      ok = false;
      io.err(`✗ ${file}: render: ${errors} error${errors === 1 ? '' : 's'}`);
      continue;
    }
    io.out(`✓ ${file}: ${result.rendered}; every render check passed`);
  }
  return ok;
}
