import { Aspects, IAspect, ITerraformDependable, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
// What cdktf itself puts in depends_on for a `dependsOn` entry (not exported from the package root).
import { dependable } from 'cdktf/lib/tfExpression';

/**
 * Makes every resource in `scope` (a stack, typically) depend on `targets`,
 * except the targets themselves and whatever is inside `exceptWithin`, at
 * synth time: resources added after the call are covered too, and
 * dependencies they already have are kept.
 *
 * Terraform then creates the targets first and destroys them last: APIs to
 * enable before anything else, or a destroy-time wait that must run after
 * everything else in the stack is gone.
 */
export function everythingDependsOn(scope: IConstruct, targets: readonly ITerraformDependable[], exceptWithin: readonly IConstruct[] = []): void {
  if (targets.length === 0) return;
  Aspects.of(scope).add(new DependOn(targets, exceptWithin));
}

class DependOn implements IAspect {
  constructor(
    private readonly targets: readonly ITerraformDependable[],
    private readonly exceptWithin: readonly IConstruct[],
  ) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    if (this.targets.includes(node)) return;
    if (this.exceptWithin.some((c) => node.node.scopes.includes(c))) return;
    const current = node.dependsOn ?? [];
    const wanted = this.targets.map((t) => dependable(t));
    const missing = wanted.filter((d) => !current.includes(d));
    if (missing.length > 0) node.dependsOn = [...current, ...missing];
  }
}
