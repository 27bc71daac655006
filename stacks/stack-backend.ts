import { LocalBackend, TerraformStack } from 'cdktf';

/**
 * Local state in the project directory, `terraform.<stack>.tfstate`, given
 * as a path relative to the stack's working directory
 * (`cdktf.out/stacks/<stack>/`) so synthesized output does not depend on
 * where the checkout lives.
 */
export function useLocalState(stack: TerraformStack): void {
  new LocalBackend(stack, { path: `../../../terraform.${stack.node.id}.tfstate` });
}
