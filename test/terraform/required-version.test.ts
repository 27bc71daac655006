import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { requireTerraform } from '../../lib/terraform/required-version';

describe('requireTerraform', () => {
  it('keeps the highest minimum any construct asked for', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(requireTerraform(new Construct(stack, 'a'), '1.7')).toBe('1.7');
    expect(requireTerraform(new Construct(stack, 'b'), '1.11')).toBe('1.11');
    expect(requireTerraform(new Construct(stack, 'c'), '1.10.5')).toBe('1.11');
    expect(JSON.parse(Testing.synth(stack)).terraform.required_version).toBe('>= 1.11');
  });

  it('is per stack', () => {
    const app = Testing.app();
    const one = new TerraformStack(app, 'one');
    const two = new TerraformStack(app, 'two');
    requireTerraform(one, '1.11');
    requireTerraform(two, '1.7');
    expect(JSON.parse(Testing.synth(two)).terraform.required_version).toBe('>= 1.7');
  });

  it('refuses what is not a version', () => {
    expect(() => requireTerraform(new TerraformStack(Testing.app(), 's'), '~> 1.11')).toThrow(/"~> 1.11" is not a Terraform version/);
  });
});
