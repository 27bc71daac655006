/**
 * One design decision as `sg-replica verify` judged it on the running
 * replica: confirmed, deviates (with the reasons), or could not be checked
 * (with why). Pure data and the exit code they add up to.
 */

/** What verify concluded about one decision. */
export type DecisionStatus = 'confirmed' | 'deviates' | 'unchecked';

/** The groups decisions are reported in, in this order. */
export const DECISION_FAMILIES = ['cluster', 'sourcegraph', 'placement', 'exposure', 'external'] as const;
export type DecisionFamily = (typeof DECISION_FAMILIES)[number];

/** Headings of the families in the terminal and Markdown output. */
export const FAMILY_TITLES: Readonly<Record<DecisionFamily, string>> = {
  cluster: 'Cluster',
  sourcegraph: 'Sourcegraph',
  placement: 'Placement and capacity',
  exposure: 'Exposure',
  external: 'External services',
};

/** One checked decision. */
export interface Decision {
  /** Stable id for CI, e.g. `cluster.pool.general`, `exposure.clients`. */
  readonly id: string;
  readonly family: DecisionFamily;
  /** What the design decided, e.g. `Node pool general: 3-6 × m6a.4xlarge`. */
  readonly title: string;
  readonly status: DecisionStatus;
  /** One line: what was found (confirmed) or the gist of what is wrong. */
  readonly summary: string;
  /** Each deviation or reason it could not be checked, with its cause (event messages, container states). @default [] */
  readonly reasons: readonly string[];
  /** What was looked at, for the evidence report. @default [] */
  readonly evidence: readonly string[];
}

type DecisionHead = Pick<Decision, 'id' | 'family' | 'title'>;

/** A confirmed decision. */
export function confirmed(head: DecisionHead, summary: string, evidence: readonly string[] = []): Decision {
  return { ...head, status: 'confirmed', summary, reasons: [], evidence };
}

/** A decision the replica does not follow; `reasons` must say why, one cause per entry. */
export function deviates(head: DecisionHead, summary: string, reasons: readonly string[], evidence: readonly string[] = []): Decision {
  return { ...head, status: 'deviates', summary, reasons: reasons.length ? reasons : [summary], evidence };
}

/** A decision verify could not judge (data it could not read, nothing to look at yet). */
export function unchecked(head: DecisionHead, summary: string, reasons: readonly string[] = [], evidence: readonly string[] = []): Decision {
  return { ...head, status: 'unchecked', summary, reasons: reasons.length ? reasons : [summary], evidence };
}

/** Confirmed when `problems` is empty, else deviates with them as reasons. */
export function judged(head: DecisionHead, problems: readonly string[], ok: string, wrong: string, evidence: readonly string[] = []): Decision {
  return problems.length === 0 ? confirmed(head, ok, evidence) : deviates(head, wrong, problems, evidence);
}

/** Exit codes of `sg-replica verify`. */
export const VERIFY_EXIT = {
  /** Every decision confirmed. */
  confirmed: 0,
  /** At least one decision deviates. */
  deviation: 1,
  /** The cluster could not be reached (or is not this replica's). */
  unreachable: 2,
  /** No deviation found, but some decisions could not be checked: the verification is incomplete. */
  incomplete: 3,
} as const;

/** Counts per status. */
export function tally(decisions: readonly Decision[]): Readonly<Record<DecisionStatus, number>> {
  const count = (s: DecisionStatus) => decisions.filter((d) => d.status === s).length;
  return { confirmed: count('confirmed'), deviates: count('deviates'), unchecked: count('unchecked') };
}

/** 1 on any deviation, else 3 when something could not be checked, else 0. */
export function exitCodeFor(decisions: readonly Decision[]): number {
  const t = tally(decisions);
  if (t.deviates > 0) return VERIFY_EXIT.deviation;
  if (t.unchecked > 0) return VERIFY_EXIT.incomplete;
  return VERIFY_EXIT.confirmed;
}
