import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * The oldest Terraform a replica's stacks run on: 1.11, the first with
 * write-only arguments (`password_wo` of `google_sql_user`, `secret_data_wo`
 * of `google_secret_manager_secret_version`: the generated Cloud SQL
 * password never reaches state). S3 state with the native lockfile needs
 * 1.10; `terraform_data` (destroy-time waits) needs 1.4.
 */
export const MIN_TERRAFORM_VERSION = '1.11.0';

const required = new WeakMap<TerraformStack, string>();

/** Numeric compare of `major.minor.patch` versions. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Sets `terraform.required_version` of the stack `scope` is in to
 * `>= minimum`, or keeps the stack's current minimum if it is higher:
 * constructs that need a Terraform feature call it themselves, stacks call
 * it with {@link MIN_TERRAFORM_VERSION}. An older Terraform then stops at
 * `init` with "Unsupported Terraform Core version", naming this
 * constraint, instead of failing half-way through an apply.
 *
 * @returns the constraint the stack now has, e.g. `>= 1.11.0`.
 * @throws Error when `minimum` is not `major.minor.patch`.
 */
export function requireTerraformVersion(scope: IConstruct, minimum: string = MIN_TERRAFORM_VERSION): string {
  if (!/^\d+\.\d+\.\d+$/.test(minimum)) throw new Error(`requireTerraformVersion: "${minimum}" is not a version such as 1.11.0`);
  const stack = TerraformStack.of(scope);
  const current = required.get(stack);
  const version = current !== undefined && compareVersions(current, minimum) >= 0 ? current : minimum;
  required.set(stack, version);
  const constraint = `>= ${version}`;
  stack.addOverride('terraform.required_version', constraint);
  return constraint;
}
