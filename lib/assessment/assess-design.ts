/**
 * Everything sg-replica can tell about a design before deploying it: the
 * release's final values, whether every pod schedules (capacity), volumes
 * against the codebase, and the cost. A Helm design's assessment is pure and
 * fast (a few milliseconds); a Kustomize design's renders the customer's
 * overlay with kubectl first (kustomize-assessment.ts, loaded only for such
 * a design). `sg-replica validate`, `synth` and `report` all run it.
 */
import { simulateCapacity, CapacityResult } from '../capacity/simulate-capacity';
import { Design, DeploymentMethod } from '../design/model';
import { controlPlaneCost } from '../pricing/control-plane';
import { costFindings } from '../pricing/cost-findings';
import { estimateCost, CostEstimate, pricedRegions } from '../pricing/estimate-cost';
import { checkStorageAgainstCodebase } from '../sizing/codebase';
import { Finding } from '../sizing/finding';
import { designHelmValues } from '../sourcegraph/design-values';
import { HelmValues } from '../helm/merge-values';
import type { KustomizeRender } from '../kustomize/render-kustomize';

export { CAPACITY_FIT_RULE } from './capacity-rule';

export interface DesignAssessment {
  /** The Helm release's final values (the design's values layers merged); `{}` for a Kustomize design. */
  readonly finalValues: HelmValues;
  readonly capacity: CapacityResult;
  readonly cost: CostEstimate;
  /** Capacity, codebase and cost findings, errors first. */
  readonly findings: readonly Finding[];
  /**
   * A Kustomize design's replica as rendered for this assessment (with no
   * tags: the stack renders again with the replica's): the customer's
   * build, the replica's layer and its adjustments, the final manifests the
   * capacity, cost, report and verify read.
   */
  readonly kustomize?: KustomizeRender;
}

/** The check id of the extended-support warning. */
export const KUBERNETES_VERSION_CHECK = 'kubernetes-version';

/** A Kubernetes version in extended support: a warning with its price and the version to use instead (also in the cost notes). */
export function kubernetesVersionFindings(design: Design): Finding[] {
  const { warning } = controlPlaneCost(design.cloud.provider, design.kubernetes.version);
  return warning ? [{ severity: 'warning', message: warning, field: ['kubernetes', 'version'], check: KUBERNETES_VERSION_CHECK }] : [];
}

/** A Helm design's assessment: the pods from the final values and the chart model. */
export function assessHelmDesign(design: Design): DesignAssessment {
  const finalValues = designHelmValues(design);
  const capacity = simulateCapacity(design, finalValues);
  const cost = estimateCost(design, capacity);
  const codebase = design.sourcegraph.codebase ? checkStorageAgainstCodebase(finalValues, design.sourcegraph.codebase, design.sourcegraph.version) : [];
  return { finalValues, capacity, cost, findings: [...capacity.findings, ...codebase] };
}

/* eslint-disable @typescript-eslint/no-require-imports */
/** How each method's design is assessed; Kustomize's module (kubectl, the overlay reader) loads only for a Kustomize design. */
const ASSESS: Readonly<Record<DeploymentMethod, (design: Design) => DesignAssessment>> = {
  helm: assessHelmDesign,
  kustomize: (design) => (require('./kustomize-assessment') as typeof import('./kustomize-assessment')).assessKustomizeDesignFile(design),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The assessment of `design`, whatever its method.
 *
 * @throws Error for a Kustomize design whose overlay does not render
 *   (validation reports why, at the overlay's lines, before anything calls this).
 */
export function assessDesign(design: Design): DesignAssessment {
  const assessment = ASSESS[design.sourcegraph.method](design);
  const order = { error: 0, warning: 1, info: 2 } as const;
  const findings = [...assessment.findings, ...kubernetesVersionFindings(design), ...costFindings(assessment.cost, pricedRegions(design.cloud.provider))].sort((a, b) => order[a.severity] - order[b.severity]);
  return { ...assessment, findings };
}
