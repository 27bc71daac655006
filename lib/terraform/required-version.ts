/**
 * Constructs that need a Terraform feature say so in their stack's
 * `terraform.required_version`, so an older Terraform stops at `init` with
 * "Unsupported Terraform Core version" instead of failing halfway through an
 * apply: import blocks with `for_each` need 1.7, write-only arguments 1.11.
 * The stack keeps the highest minimum any construct asked for.
 */
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

const minimums = new WeakMap<TerraformStack, string>();

function parse(version: string): [number, number, number] {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(version);
  if (!m) throw new Error(`requireTerraform: "${version}" is not a Terraform version such as 1.11 or 1.11.0`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** Whether version `a` is newer than `b`. */
function newer(a: string, b: string): boolean {
  const [x, y] = [parse(a), parse(b)];
  return (x[0] - y[0] || x[1] - y[1] || x[2] - y[2]) > 0;
}

/**
 * Raises the `required_version` of `scope`'s stack to `>= minimum` (a
 * `major.minor[.patch]` version) unless it already requires as much.
 * Returns the stack's minimum after the call.
 */
export function requireTerraform(scope: IConstruct, minimum: string): string {
  parse(minimum);
  const stack = TerraformStack.of(scope);
  const current = minimums.get(stack);
  if (current !== undefined && !newer(minimum, current)) return current;
  minimums.set(stack, minimum);
  stack.addOverride('terraform.required_version', `>= ${minimum}`);
  return minimum;
}
