/**
 * Everything sg-replica can tell about a design before deploying it: the
 * release's final values, whether every pod schedules (capacity), volumes
 * against the codebase, and the cost. Pure and fast (a few milliseconds):
 * `sg-replica validate`, `synth` and `report` all run it.
 */
import { simulateCapacity, CapacityResult } from '../capacity/simulate-capacity';
import { Design } from '../design/model';
import { costFindings } from '../pricing/cost-findings';
import { estimateCost, CostEstimate, pricedRegions } from '../pricing/estimate-cost';
import { checkStorageAgainstCodebase } from '../sizing/codebase';
import { Finding } from '../sizing/finding';
import { designHelmValues } from '../sourcegraph/design-values';
import { HelmValues } from '../helm/merge-values';

export { CAPACITY_FIT_RULE } from './capacity-rule';

export interface DesignAssessment {
  readonly finalValues: HelmValues;
  readonly capacity: CapacityResult;
  readonly cost: CostEstimate;
  /** Capacity, codebase and cost findings, errors first. */
  readonly findings: readonly Finding[];
}

export function assessDesign(design: Design): DesignAssessment {
  const finalValues = designHelmValues(design);
  const capacity = simulateCapacity(design, finalValues);
  const cost = estimateCost(design, capacity);
  const codebase = design.sourcegraph.codebase ? checkStorageAgainstCodebase(finalValues, design.sourcegraph.codebase, design.sourcegraph.version) : [];
  const order = { error: 0, warning: 1, info: 2 } as const;
  const findings = [...capacity.findings, ...codebase, ...costFindings(cost, pricedRegions(design.cloud.provider))].sort((a, b) => order[a.severity] - order[b.severity]);
  return { finalValues, capacity, cost, findings };
}
