/**
 * The verification of one replica: every check family run on one snapshot
 * of the cluster, in report order, with where and when it looked. Pure.
 */
import type { DesignAssessment } from '../assessment/assess-design';
import type { Design } from '../design/model';
import { CheckInput } from './check-input';
import { checkCluster } from './check-cluster';
import { checkExposure } from './check-exposure';
import { checkExternalServices } from './check-external-services';
import { checkPlacement } from './check-placement';
import { checkSourcegraph } from './check-sourcegraph';
import type { ClusterState } from './cluster-state';
import { Decision, DecisionFamily, exitCodeFor, unchecked } from './decision';

/** Where verify looked. */
export interface VerificationTarget {
  /** The kubeconfig context. */
  readonly context: string;
  /** The API server URL. */
  readonly server: string;
  /** The kubeconfig files read. */
  readonly kubeconfigFiles: readonly string[];
}

/** The result of `sg-replica verify`. */
export interface Verification {
  readonly design: Design;
  /** The design file as given. */
  readonly designFile: string;
  readonly target: VerificationTarget;
  /** When the snapshot was taken (ISO 8601). */
  readonly checkedAt: string;
  /** The API server's `gitVersion`, when read. */
  readonly serverVersion?: string;
  readonly decisions: readonly Decision[];
  /** 0 all confirmed, 1 a deviation, 3 something could not be checked (2, unreachable, never gets here). */
  readonly exitCode: number;
  /** Things the reader should know that are not decisions (a context named after another cluster, a --wait that timed out). */
  readonly notes: readonly string[];
}

const FAMILIES: readonly [DecisionFamily, (input: CheckInput) => Decision[]][] = [
  ['cluster', checkCluster],
  ['sourcegraph', checkSourcegraph],
  ['placement', checkPlacement],
  ['exposure', checkExposure],
  ['external', checkExternalServices],
];

/**
 * Every decision, in report order. A family whose check throws (data
 * sg-replica did not expect) becomes one "could not check" decision naming
 * the error, so the other families are still reported.
 */
export function runChecks(input: CheckInput): Decision[] {
  return FAMILIES.flatMap(([family, check]) => {
    try {
      return check(input);
    } catch (e) {
      return [unchecked({ id: `${family}.error`, family, title: `${family} checks` }, `could not run: ${(e as Error).message}`)];
    }
  });
}

/** The verification of `design` on `state`. */
export function verifyReplica(options: {
  readonly design: Design;
  readonly designFile: string;
  readonly assessment: DesignAssessment;
  readonly state: ClusterState;
  readonly target: VerificationTarget;
  readonly checkedAt: Date;
  readonly notes?: readonly string[];
}): Verification {
  const { design, assessment, state } = options;
  const decisions = runChecks({ design, assessment, state });
  return {
    design,
    designFile: options.designFile,
    target: options.target,
    checkedAt: options.checkedAt.toISOString(),
    ...(state.version?.gitVersion && { serverVersion: state.version.gitVersion }),
    decisions,
    exitCode: exitCodeFor(decisions),
    notes: options.notes ?? [],
  };
}
