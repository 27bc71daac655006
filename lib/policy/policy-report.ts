/**
 * What a policy run found: per rule, how many resources it inspected, what
 * fired, and what a design waived. For the CLI's synth summary and the
 * replica report. Pure.
 */
import type { PolicyCheckId, PolicyRuleInfo } from '../catalog/policy-rules';
import type { Waiver } from '../design/model';

/** One violation of one rule by one resource. */
export interface PolicyFinding {
  /** The rule that fired. */
  readonly rule: PolicyCheckId;
  /** Construct path of the resource, e.g. `acme-prod-infra/pool-general/launch-template`. */
  readonly path: string;
  /** Terraform resource type. */
  readonly resourceType: string;
  /** What is wrong, one sentence. */
  readonly message: string;
  /** The design's waiver, when the rule is waived: the finding does not fail synthesis. */
  readonly waiver?: Waiver;
}

/** Outcome of one rule. */
export type PolicyRuleStatus = 'passed' | 'failed' | 'waived';

/** One rule's result. */
export interface PolicyRuleResult extends PolicyRuleInfo {
  /** `failed` when a finding is not waived; `waived` when every finding is waived; else `passed`. */
  readonly status: PolicyRuleStatus;
  /** Resources the rule inspected (0: nothing of its kind in the replica). */
  readonly checked: number;
  /** Every finding, waived ones included. */
  readonly findings: readonly PolicyFinding[];
  /** The design's waiver of this rule, whether or not anything fired. */
  readonly waiver?: Waiver;
}

/** The outcome of a policy run over a replica's stacks. */
export interface PolicyReport {
  /** Every rule that ran, in catalog order. */
  readonly rules: readonly PolicyRuleResult[];
  /** Findings that fail synthesis. */
  readonly violations: readonly PolicyFinding[];
  /** Findings a waiver excuses. */
  readonly waived: readonly PolicyFinding[];
  /** Policy waivers of rules that found nothing to excuse (candidates for removal). */
  readonly unusedWaivers: readonly Waiver[];
  /** True when nothing fails. */
  readonly passed: boolean;
}

/** The one-line message of a finding, as annotations and the CLI print it (the construct path is printed separately). */
export function findingMessage(finding: PolicyFinding, info: PolicyRuleInfo): string {
  if (finding.waiver) {
    return `policy ${finding.rule} (waived): ${finding.resourceType} ${finding.message}. Waiver: ${finding.waiver.reason}`;
  }
  const waive = finding.rule === 'required-tags' ? '' : ` Or waive it: waivers: [{rule: ${finding.rule}, reason: <why>}] in the design.`;
  return `policy ${finding.rule}: ${finding.resourceType} ${finding.message}. Why: ${info.reason} Fix: ${info.fix}${waive}`;
}

/**
 * A human-readable summary: one line per rule (status, resources checked,
 * findings), then every violation and waived finding with its path.
 */
export function formatPolicyReport(report: PolicyReport): string[] {
  const lines: string[] = [];
  const width = Math.max(...report.rules.map((r) => r.id.length));
  for (const r of report.rules) {
    const fired = r.findings.length > 0 ? `, ${r.findings.length} finding(s)` : '';
    lines.push(`${r.status.padEnd(6)}  ${r.id.padEnd(width)}  ${r.checked} resource(s) checked${fired}`);
    if (r.waiver) lines.push(`${''.padEnd(6)}  ${''.padEnd(width)}  waived: ${r.waiver.reason}`);
  }
  for (const f of report.violations) lines.push(`FAILED  [${f.path}] ${f.rule}: ${f.resourceType} ${f.message}`);
  for (const f of report.waived) lines.push(`WAIVED  [${f.path}] ${f.rule}: ${f.resourceType} ${f.message}`);
  for (const w of report.unusedWaivers) lines.push(`unused waiver of ${w.rule}: nothing in the replica needs it`);
  return lines;
}
