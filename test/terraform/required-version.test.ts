import { LocalBackend, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { GeneratedPasswordSecret } from '../../lib/gcp/generated-password-secret';
import { MIN_TERRAFORM_VERSION, requireTerraformVersion } from '../../lib/terraform/required-version';

function terraformBlock(build: (stack: TerraformStack) => void): any {
  const stack = new TerraformStack(Testing.app(), 's');
  build(stack);
  return JSON.parse(Testing.synth(stack)).terraform;
}

describe('requireTerraformVersion', () => {
  it('sets required_version of the stack, beside what cdktf writes there', () => {
    const block = terraformBlock((stack) => {
      new LocalBackend(stack, { path: 'terraform.s.tfstate' });
      expect(requireTerraformVersion(stack)).toBe('>= 1.11.0');
    });
    expect(MIN_TERRAFORM_VERSION).toBe('1.11.0');
    expect(block.required_version).toBe('>= 1.11.0');
    expect(block.backend).toEqual({ local: { path: 'terraform.s.tfstate' } });
  });

  it('keeps the highest minimum any construct of the stack asked for, from any depth', () => {
    const block = terraformBlock((stack) => {
      const deep = new Construct(new Construct(stack, 'a'), 'b');
      requireTerraformVersion(deep, '1.4.0');
      requireTerraformVersion(stack, '1.11.0');
      expect(requireTerraformVersion(deep, '1.10.0')).toBe('>= 1.11.0');
    });
    expect(block.required_version).toBe('>= 1.11.0');
  });

  it('is asked for by the write-only password of Cloud SQL (password_wo needs Terraform 1.11)', () => {
    const block = terraformBlock((stack) => void new GeneratedPasswordSecret(stack, 'pw', { secretId: 'acme-postgres-password', region: 'us-central1' }));
    expect(block.required_version).toBe('>= 1.11.0');
  });

  it('refuses a version that is not major.minor.patch', () => {
    expect(() => terraformBlock((stack) => requireTerraformVersion(stack, '1.11'))).toThrow('"1.11" is not a version such as 1.11.0');
  });
});

describe('requireTerraformVersion per stack', () => {
  it('keeps each stack’s own minimum', () => {
    const app = Testing.app();
    const one = new TerraformStack(app, 'one');
    const two = new TerraformStack(app, 'two');
    requireTerraformVersion(one, '1.11.0');
    requireTerraformVersion(two, '1.7.0');
    expect(JSON.parse(Testing.synth(two)).terraform.required_version).toBe('>= 1.7.0');
    expect(JSON.parse(Testing.synth(one)).terraform.required_version).toBe('>= 1.11.0');
  });
});
