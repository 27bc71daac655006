/**
 * Everything `sg-replica validate` needs for a Kustomize design, in one
 * synchronous call: the customer's overlay rendered and checked (problems
 * placed in the overlay's files), and, for a clean render, the capacity,
 * codebase and cost assessment from the replica's manifests. The design
 * loader turns `setup` and the assessment's findings into problems of the
 * design file (at `sourcegraph.overlay` / `sourcegraph.version`, and as the
 * Helm path's capacity problems). See /work/briefs/kustomize-phase2.md.
 */
import { Design } from '../design/model';
import { DesignProblem } from '../design/problems';
import { locateTool, ToolNotFoundError } from '../render/tools';
import { assessKustomizeDesign, KustomizeAssessment } from './assess-kustomize';
import { kustomizeSettings } from './kustomize-design';
import { KustomizeReleaseNotFoundError } from './locate-release';
import { KustomizeRender, renderKustomizeSync, RenderKustomizeOptions } from './render-kustomize';

/** What validating a Kustomize design found. */
export interface KustomizeValidation {
  /** The render, unless it could not be attempted (`setup`). */
  readonly render?: KustomizeRender;
  /** Problems in the overlay's files, with file, line and column. */
  readonly overlayProblems: readonly DesignProblem[];
  /** Why nothing could be rendered (no kubectl, no copy of the release), to report at a field of the design file. */
  readonly setup?: { readonly field: 'sourcegraph.version' | 'sourcegraph.overlay'; readonly message: string };
  /** Capacity, codebase and cost from the replica's manifests, when they rendered. */
  readonly assessment?: KustomizeAssessment;
}

/**
 * Renders, checks and assesses `design` (a Kustomize design).
 *
 * @throws Error for a Helm design (use the Helm path's assessment).
 */
export function validateKustomizeDesign(design: Design, options: Omit<RenderKustomizeOptions, 'overlayDir'> = {}): KustomizeValidation {
  const settings = kustomizeSettings(design);
  if (!settings) throw new Error(`validateKustomizeDesign: design '${design.name}' deploys with helm`);
  const noKubectl = (e: Error): KustomizeValidation => ({ overlayProblems: [], setup: { field: 'sourcegraph.overlay', message: `rendering the overlay needs kubectl with kustomize: ${e.message}` } });
  let kubectl: string;
  try {
    // Every failure to locate kubectl says how to provide one (none found, or SG_REPLICA_KUBECTL not an executable).
    kubectl = options.kubectl ?? locateTool('kubectl', { env: options.env ?? process.env }).path;
  } catch (e) {
    return noKubectl(e as Error);
  }
  let render: KustomizeRender;
  try {
    render = renderKustomizeSync(design, { ...options, kubectl, overlayDir: settings.overlay.resolvedPath, release: settings.release });
  } catch (e) {
    if (e instanceof KustomizeReleaseNotFoundError) return { overlayProblems: [], setup: { field: 'sourcegraph.version', message: e.message } };
    if (e instanceof ToolNotFoundError) return noKubectl(e);
    throw e;
  }
  const assessment = render.replica ? assessKustomizeDesign(design, render.replica.objects, render.release) : undefined;
  return { render, overlayProblems: render.problems, ...(assessment && { assessment }) };
}
