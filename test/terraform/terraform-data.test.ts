/**
 * TerraformData: cdktf's DataResource without its synth-time `terraform version`
 * check, which made a synth fail on a machine without Terraform (the synth itself
 * without terraform on the PATH: terraform-data.int.test.ts).
 */
import { DataResource, TerraformStack, Testing } from 'cdktf';
import { requireTerraformVersion } from '../../lib/terraform/required-version';
import { TerraformData } from '../../lib/terraform/terraform-data';

// The module object itself (an `import * as` namespace is a copy under jest's transform): what cdktf calls through.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess = require('child_process') as typeof import('child_process');

const config = {
  input: { STORAGE_CLASS: 'sourcegraph', TIMEOUT: '900' },
  triggersReplace: { version: '1' },
  provisioners: [{ type: 'local-exec' as const, when: 'destroy' as const, command: 'true', environment: { STORAGE_CLASS: '${self.input.STORAGE_CLASS}' } }],
};

describe('TerraformData', () => {
  it("synthesizes the same terraform_data as cdktf's DataResource", () => {
    const ours = JSON.parse(Testing.synthScope((scope) => new TerraformData(scope, 'wait', config)));
    const cdktf = JSON.parse(Testing.synthScope((scope) => new DataResource(scope, 'wait', config)));
    expect(ours.resource.terraform_data).toEqual(cdktf.resource.terraform_data);
    expect(ours.resource.terraform_data.wait).toMatchObject({ input: config.input, triggers_replace: config.triggersReplace, provisioner: [{ 'local-exec': { when: 'destroy', command: 'true' } }] });
  });

  it("runs no program at synth, where DataResource's validation runs `terraform version` (a machine without it fails the synth)", () => {
    const execSync = jest.spyOn(childProcess, 'execSync');
    try {
      const stack = new TerraformStack(Testing.app(), 'stack');
      const ours = new TerraformData(stack, 'ours', config);
      expect(ours.node.validate()).toEqual([]);
      expect(execSync).not.toHaveBeenCalled();
      new DataResource(stack, 'cdktf', config).node.validate();
      expect(execSync.mock.calls.map((c) => c[0])).toEqual(['terraform version']);
    } finally {
      execSync.mockRestore();
    }
  });

  it('requires Terraform 1.4 through the stack, and keeps a higher requirement', () => {
    const bare = new TerraformStack(Testing.app(), 'bare');
    new TerraformData(bare, 'wait', config);
    expect(JSON.parse(Testing.synth(bare)).terraform.required_version).toBe('>= 1.4.0');
    const replica = new TerraformStack(Testing.app(), 'replica');
    requireTerraformVersion(replica);
    new TerraformData(replica, 'wait', config);
    expect(JSON.parse(Testing.synth(replica)).terraform.required_version).toBe('>= 1.11.0');
  });

});
