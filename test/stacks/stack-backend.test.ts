import { TerraformStack, Testing } from 'cdktf';
import { useLocalState } from '../../stacks/stack-backend';

it('keeps local state in the project root, relative to the stack working directory', () => {
  const stack = new TerraformStack(Testing.app(), 'x-infra');
  useLocalState(stack);
  expect(JSON.parse(Testing.synth(stack)).terraform.backend.local).toEqual({ path: '../../../terraform.x-infra.tfstate' });
});
