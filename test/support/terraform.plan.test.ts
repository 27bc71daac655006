/**
 * planStack (test/support/terraform.ts) runs `terraform init`, `plan` and
 * `show -json`, with no `terraform validate` of its own: `plan` validates the
 * configuration first (Terraform v1.11.0, internal/command/meta_backend.go:152
 * and internal/backend/local/backend_local.go:132, cited in terraform.ts).
 * Shown here with the real Terraform on the built-in `terraform_data`, which
 * needs no provider: a configuration `terraform validate` refuses fails the plan
 * with validate's own diagnostic. (Provider-side checks of argument values run
 * in the same validate walk; the AWS plans rely on them.)
 */
import { TerraformStack, Testing } from 'cdktf';
import { TerraformData } from '../../lib/terraform/terraform-data';
import { describeWithTerraform, planStack, stackDir } from './terraform';

describeWithTerraform('planStack', () => {
  const failureOf = (build: (stack: TerraformStack) => void): string => {
    const stack = new TerraformStack(Testing.app(), 'validate-first');
    build(stack);
    try {
      planStack(stackDir(Testing.fullSynth(stack)));
      return 'planned';
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('plans a valid configuration', () => {
    const stack = new TerraformStack(Testing.app(), 'valid');
    new TerraformData(stack, 'data', { input: { a: 'b' } });
    const plan = planStack(stackDir(Testing.fullSynth(stack)));
    expect((plan.resource_changes ?? []).map((r) => [r.type, r.change.actions])).toEqual([['terraform_data', ['create']]]);
  }, 120_000);

  it('fails on what `terraform validate` refuses: an argument the resource does not have, an invalid reference', () => {
    const unknownArgument = failureOf((stack) => new TerraformData(stack, 'data', { input: { a: 'b' } }).addOverride('not_an_argument', 'x'));
    expect(unknownArgument).toMatch(/^terraform plan /);
    expect(unknownArgument).toMatch(/No argument or block type is named "not_an_argument"/);
    const badReference = failureOf((stack) => new TerraformData(stack, 'data', { input: { a: '${terraform_data.missing.id}' } }));
    expect(badReference).toMatch(/^terraform plan /);
    expect(badReference).toMatch(/Reference to undeclared resource/);
  }, 120_000);
});
