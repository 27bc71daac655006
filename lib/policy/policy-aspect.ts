/**
 * The machinery shared by {@link PolicyPack} and {@link TagPolicy}: a cdktf
 * Aspect that runs checks on every Terraform resource of the stacks it is
 * added to, records findings, applies waivers, and reports violations as
 * error annotations on the offending resource.
 *
 * Error annotations fail synthesis: `app.synth()` throws
 * `Encountered Annotations with level "ERROR": [<path>] policy <id>: ...`,
 * and `cdktf synth` prints each `[<path>] ...` line and exits non-zero.
 * Waived findings become warnings that quote the waiver's reason.
 */
import { Annotations, IAspect, TerraformResource, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { policyStack, PolicyResource, PolicyStack } from './policy-resource';
import { PolicyFinding, PolicyReport, PolicyRuleResult, findingMessage } from './policy-report';
import { isPolicyRuleId, PolicyCheckId, PolicyRuleInfo } from '../catalog/policy-rules';
import type { Waiver } from '../design/model';

/** One check an aspect runs: a rule, or the tag check. */
export interface PolicyCheck extends PolicyRuleInfo {
  /** Whether the check inspects this resource (counts as "checked"). */
  applies(resource: TerraformResource): boolean;
  /** Violations of one resource, one sentence each. */
  check(resource: PolicyResource): string[];
}

/** Options every policy aspect takes. */
export interface PolicyAspectOptions {
  /**
   * The design's waivers. Those naming a policy rule excuse its findings;
   * the others (e.g. `capacity-fit`) are ignored here.
   * @default []
   */
  readonly waivers?: readonly Waiver[];
  /**
   * Report violations as error annotations (which fail synthesis) and waived
   * findings as warnings. Off for a dry evaluation (`evaluatePolicies`).
   * @default true
   */
  readonly annotate?: boolean;
}

type StackView = ReturnType<typeof policyStack>;

/** A cdktf Aspect running a fixed list of checks; see the module comment. */
export class PolicyAspect implements IAspect {
  /** The checks, in report order. */
  public readonly checks: readonly PolicyCheck[];
  private readonly waivers: ReadonlyMap<string, Waiver>;
  private readonly annotate: boolean;
  private readonly findings = new Map<string, PolicyFinding>();
  private readonly checked = new Map<PolicyCheckId, Set<string>>();
  private readonly views = new Map<TerraformStack, StackView>();

  constructor(checks: readonly PolicyCheck[], options: PolicyAspectOptions = {}) {
    this.checks = checks;
    this.annotate = options.annotate ?? true;
    this.waivers = new Map((options.waivers ?? []).filter((w) => isPolicyRuleId(w.rule)).map((w) => [w.rule, w]));
  }

  public visit(node: IConstruct): void {
    // A stack is visited before its children: start a fresh view (configurations are read once per synthesis).
    if (TerraformStack.isStack(node)) {
      this.views.set(node, policyStack(node));
      return;
    }
    if (!TerraformResource.isTerraformResource(node)) return;
    const stack = TerraformStack.of(node);
    let view = this.views.get(stack);
    if (!view) {
      view = policyStack(stack);
      this.views.set(stack, view);
    }
    this.inspect(node, view);
  }

  /** Runs the checks on every resource under `scope` now, without synthesizing. */
  public evaluate(scope: IConstruct): PolicyReport {
    const stacks = new Map<TerraformStack, PolicyStack>();
    for (const node of scope.node.findAll()) {
      if (!TerraformResource.isTerraformResource(node)) continue;
      const stack = TerraformStack.of(node);
      if (!stacks.has(stack)) stacks.set(stack, policyStack(stack));
      this.inspect(node, stacks.get(stack) as StackView);
    }
    return this.report();
  }

  private inspect(node: TerraformResource, view: StackView): void {
    let resource: PolicyResource | undefined;
    for (const check of this.checks) {
      if (!check.applies(node)) continue;
      const seen = this.checked.get(check.id) ?? new Set<string>();
      seen.add(node.node.path);
      this.checked.set(check.id, seen);
      resource ??= view.resource(node);
      for (const message of check.check(resource)) this.record(node, check, message);
    }
  }

  private record(node: TerraformResource, check: PolicyCheck, message: string): void {
    const key = `${check.id}\n${node.node.path}\n${message}`;
    if (this.findings.has(key)) return; // visited again (a second synthesis): annotate once
    const waiver = this.waivers.get(check.id);
    const finding: PolicyFinding = { rule: check.id, path: node.node.path, resourceType: node.terraformResourceType, message, ...(waiver && { waiver }) };
    this.findings.set(key, finding);
    if (!this.annotate) return;
    const text = findingMessage(finding, check);
    if (waiver) Annotations.of(node).addWarning(text);
    else Annotations.of(node).addError(text);
  }

  /** What the checks found so far (after synthesis: everything). */
  public report(): PolicyReport {
    const all = [...this.findings.values()];
    const rules: PolicyRuleResult[] = this.checks.map((check) => {
      const findings = all.filter((f) => f.rule === check.id);
      const waiver = this.waivers.get(check.id);
      const status = findings.length === 0 ? 'passed' : waiver ? 'waived' : 'failed';
      const info: PolicyRuleInfo = { id: check.id, title: check.title, reason: check.reason, fix: check.fix, clouds: check.clouds };
      return { ...info, status, checked: this.checked.get(check.id)?.size ?? 0, findings, ...(waiver && { waiver }) };
    });
    const violations = all.filter((f) => !f.waiver);
    const ids = new Set(this.checks.map((c) => c.id as string));
    return {
      rules,
      violations,
      waived: all.filter((f) => f.waiver),
      unusedWaivers: [...this.waivers.values()].filter((w) => ids.has(w.rule) && !all.some((f) => f.rule === w.rule)),
      passed: violations.length === 0,
    };
  }
}
