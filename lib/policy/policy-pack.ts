/**
 * The policy pack: every rule of rules.ts plus the tag check, as one cdktf
 * Aspect. Violations fail synthesis with the resource's construct path and
 * the rule id; a design's waivers turn a rule's findings into warnings.
 *
 * cdktf runs aspects per stack and does not pass an App's aspects down to
 * its stacks, so the pack is added to each stack: {@link applyPolicies}.
 */
import { Aspects, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import type { ReplicaMetadata } from '../replica/metadata';
import { PolicyAspect, PolicyAspectOptions, PolicyCheck } from './policy-aspect';
import type { PolicyReport } from './policy-report';
import { PolicyCloud, PolicyRuleId, policyWaiverProblems } from '../catalog/policy-rules';
import { POLICY_RULES, PolicyRule } from './rules';
import { RequiredTagsCheck } from './tag-policy';

/** Options of a {@link PolicyPack}. */
export interface PolicyPackOptions extends PolicyAspectOptions {
  /**
   * The replica's cloud: only rules with checks for it run (and appear in
   * the report).
   * @default every rule
   */
  readonly cloud?: PolicyCloud;
  /**
   * The replica's metadata: the tag check then also compares tag values
   * (expires-at, fingerprint...) with it.
   * @default tags are checked for presence only
   */
  readonly metadata?: ReplicaMetadata;
  /**
   * The rules to run.
   * @default every rule for `cloud`
   */
  readonly rules?: readonly PolicyRuleId[];
  /** Run the `required-tags` check. @default true */
  readonly tags?: boolean;
}

function ruleCheck(rule: PolicyRule): PolicyCheck {
  return { ...rule, applies: (resource) => rule.resourceTypes.includes(resource.terraformResourceType) };
}

/**
 * The policy rules and the tag check as one Aspect. Add it to each stack of
 * a replica (see {@link applyPolicies}); after synthesis, {@link report}
 * says which rules ran, what fired and what was waived.
 *
 * @throws Error when a policy waiver has no real reason, waives a rule twice,
 * or waives `required-tags`.
 */
export class PolicyPack extends PolicyAspect {
  constructor(options: PolicyPackOptions = {}) {
    const problems = policyWaiverProblems(options.waivers ?? []);
    if (problems.length > 0) throw new Error(`PolicyPack: ${problems.join('; ')}`);
    const selected = options.rules ? new Set<string>(options.rules) : undefined;
    const rules = POLICY_RULES.filter((r) => (!options.cloud || r.clouds.includes(options.cloud)) && (!selected || selected.has(r.id)));
    const checks = rules.map(ruleCheck);
    if (options.tags ?? true) checks.push(new RequiredTagsCheck({ metadata: options.metadata }));
    super(checks, options);
  }
}

/** The stacks `scope` is in or holds. */
function stacksOf(scopes: IConstruct | readonly IConstruct[]): TerraformStack[] {
  const list = Array.isArray(scopes) ? scopes : [scopes as IConstruct];
  const stacks = new Set<TerraformStack>();
  for (const scope of list) {
    const inside = scope.node.scopes.find((s: IConstruct) => TerraformStack.isStack(s));
    if (inside) stacks.add(inside as TerraformStack);
    else for (const s of scope.node.findAll().filter((c: IConstruct) => TerraformStack.isStack(c))) stacks.add(s as TerraformStack);
  }
  return [...stacks];
}

/**
 * Adds one {@link PolicyPack} to every stack in (or above) `scopes`, e.g. a
 * replica's two stacks or a whole App (only the stacks it holds now), and
 * returns it: its `report()` covers them all after `app.synth()`.
 *
 *   const policy = applyPolicies([infra, sourcegraph], { cloud: 'aws', waivers: design.waivers, metadata });
 */
export function applyPolicies(scopes: IConstruct | readonly IConstruct[], options: PolicyPackOptions = {}): PolicyPack {
  const pack = new PolicyPack(options);
  for (const stack of stacksOf(scopes)) Aspects.of(stack).add(pack);
  return pack;
}

/**
 * Runs the pack over `scopes` now, without synthesizing and without
 * annotating anything: for reports, `sg-replica check`-style commands and
 * tests.
 */
export function evaluatePolicies(scopes: IConstruct | readonly IConstruct[], options: PolicyPackOptions = {}): PolicyReport {
  const pack = new PolicyPack({ ...options, annotate: false });
  for (const stack of stacksOf(scopes)) pack.evaluate(stack);
  return pack.report();
}
