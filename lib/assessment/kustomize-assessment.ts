/**
 * A Kustomize design's assessment and the problems of its overlay: the
 * customer's overlay rendered with kubectl and checked
 * (`validateKustomizeDesign`), and, for a clean render, capacity, cost and
 * findings from the replica's manifests, as the same `DesignAssessment` a
 * Helm design gets. Loaded only for a Kustomize design (assess-design.ts
 * and the check pipeline require it lazily), so a Helm `validate` loads no
 * Kustomize code.
 */
import type { Design } from '../design/model';
import { DesignProblem, formatProblem } from '../design/problems';
import type { PathProblem } from '../design/validate-shape';
import { validateKustomizeDesign } from '../kustomize/validate-kustomize';
import type { DesignAssessment } from './assess-design';

/** What checking a Kustomize design's overlay found. */
export interface KustomizeDesignCheck {
  /** Capacity, cost and findings from the rendered manifests, when the overlay rendered. */
  readonly assessment?: DesignAssessment;
  /** Problems in the overlay's files, at their file, line and column. */
  readonly overlayProblems: readonly DesignProblem[];
  /** Why nothing could be rendered (no kubectl, no copy of the release), at a field of the design file. */
  readonly designProblems: readonly PathProblem[];
}

/** Renders, checks and assesses a Kustomize design's overlay. */
export function checkKustomizeDesign(design: Design): KustomizeDesignCheck {
  const v = validateKustomizeDesign(design);
  const designProblems: PathProblem[] = v.setup ? [{ severity: 'error', path: v.setup.field.split('.'), message: v.setup.message }] : [];
  const assessment: DesignAssessment | undefined =
    v.assessment && v.render ? { finalValues: {}, capacity: v.assessment.capacity, cost: v.assessment.cost, findings: v.assessment.findings, kustomize: v.render } : undefined;
  return { overlayProblems: v.overlayProblems, designProblems, ...(assessment && { assessment }) };
}

/**
 * The assessment of a Kustomize design.
 *
 * @throws Error listing the overlay's errors (or why it could not render)
 *   when it does not render: validation reports them first.
 */
export function assessKustomizeDesignFile(design: Design): DesignAssessment {
  const check = checkKustomizeDesign(design);
  if (check.assessment) return check.assessment;
  const reasons = [...check.designProblems.map((p) => `${p.path.join('.')}: ${p.message}`), ...check.overlayProblems.filter((p) => p.severity === 'error').map(formatProblem)];
  throw new Error(`the Kustomize overlay of design '${design.name}' does not render:\n${reasons.join('\n')}`);
}
