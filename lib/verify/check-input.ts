/**
 * What every check family gets: the design, what sg-replica predicted for it
 * (values, capacity simulation), and what the cluster holds.
 */
import type { DesignAssessment } from '../assessment/assess-design';
import type { Design } from '../design/model';
import type { ClusterState, StateSource } from './cluster-state';

export interface CheckInput {
  readonly design: Design;
  /** The design's assessment: final Helm values and the capacity simulation. */
  readonly assessment: DesignAssessment;
  readonly state: ClusterState;
}

/** Why the sources a check needs could not be read (one line each), or [] when all were read. */
export function unreadable(state: ClusterState, sources: readonly StateSource[]): string[] {
  return sources.flatMap((s) => (state.readErrors[s] ? [`could not read ${s}: ${state.readErrors[s]}`] : []));
}
