/**
 * `--render` for `sg-replica validate` and `synth`: render each valid
 * design's release with the real chart and helm, run the render checks, and
 * print what they find. Loaded only when `--render` is given, so plain
 * `validate` never loads helm, charts or schemas.
 */
import { Design } from '../design/model';
import { renderAndCheck } from '../render/check-release';
import { formatRenderFinding } from '../render/render-finding';
import { locateTool } from '../render/tools';

/** Where output goes (the CLI's `Output`). */
export interface RenderOutput {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Renders and checks every design in turn; prints each finding prefixed
 * with the design file, then one line per design. Resolves to true when no
 * design has an error.
 *
 * @throws ToolNotFoundError / ChartNotFoundError (their messages say how to
 *   provide helm or a chart): the caller prints the message.
 */
export async function renderDesigns(designs: readonly { readonly file: string; readonly design: Design }[], io: RenderOutput): Promise<boolean> {
  const helm = locateTool('helm');
  let ok = true;
  for (const { file, design } of designs) {
    const result = await renderAndCheck(design, { helm: helm.path });
    for (const f of result.findings) (f.severity === 'error' ? io.err : io.out)(`${file}: ${formatRenderFinding(f)}`);
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    const release = result.release;
    if (errors > 0 || !release) {
      ok = false;
      io.err(`✗ ${file}: render: ${errors} error${errors === 1 ? '' : 's'}`);
      continue;
    }
    const objects = release.sourcegraph.render.objects.length + (release.ingressController?.render.objects.length ?? 0);
    const charts = [release.sourcegraph, release.ingressController].filter((c) => c !== undefined).map((c) => `${c!.chart.name} ${c!.chart.version} (${c!.chart.source})`);
    io.out(`✓ ${file}: rendered ${objects} objects from ${charts.join(' and ')} with helm ${helm.from ?? helm.path}; every render check passed`);
  }
  return ok;
}
