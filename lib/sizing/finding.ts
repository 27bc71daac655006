/**
 * Findings of the sizing and capacity checks: what a design's numbers say
 * about whether it holds. Pure data.
 */
import { FieldPath } from '../design/problems';

/** `error`: the replica will not work as designed; `warning`: it works, with a caveat; `info`: for the reader. */
export type FindingSeverity = 'error' | 'warning' | 'info';

/** One finding. */
export interface Finding {
  readonly severity: FindingSeverity;
  /** One sentence, with the numbers. */
  readonly message: string;
  /** Where in the design to look, e.g. `['kubernetes', 'nodePools', 0, 'machineType']`, when one place is to blame. */
  readonly field?: FieldPath;
  /** The Helm values key involved, e.g. `gitserver.storageSize`, when the finding is about one. */
  readonly valuesKey?: string;
  /**
   * The check that found it, when it is not a capacity or sizing check
   * (e.g. `architecture`, `kubernetes-version`, `cost`): validation names it,
   * and a `capacity-fit` waiver does not cover it.
   * @default a capacity or sizing finding
   */
  readonly check?: string;
  /**
   * What fixes it, when the finding knows better than the generic advice
   * (e.g. a toleration rather than more nodes).
   * @default the generic advice of its check
   */
  readonly remedy?: string;
}
