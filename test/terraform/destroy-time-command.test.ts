import { Testing } from 'cdktf';
import { DestroyTimeCommand } from '../../lib/terraform/destroy-time-command';
import { unresolvedReferences } from '../support/terraform-references';

function synth(props: ConstructorParameters<typeof DestroyTimeCommand>[2]): any {
  return JSON.parse(Testing.synthScope((s) => void new DestroyTimeCommand(s, 'wait', props)));
}

describe('DestroyTimeCommand', () => {
  it('is a terraform_data whose local-exec runs only on destroy, values passed as environment from its own state', () => {
    const json = synth({ script: 'echo "$SG_PROJECT" >&2', environment: { SG_PROJECT: 'acme-sandbox', SG_ATTEMPTS: '3' } });
    const [data] = Object.values(json.resource.terraform_data) as any[];
    expect(data.input).toEqual({ SG_PROJECT: 'acme-sandbox', SG_ATTEMPTS: '3' });
    expect(data.provisioner).toEqual([
      {
        'local-exec': {
          when: 'destroy',
          interpreter: ['/bin/sh', '-c'],
          command: 'echo "$SG_PROJECT" >&2',
          environment: { SG_PROJECT: '${self.input.SG_PROJECT}', SG_ATTEMPTS: '${self.input.SG_ATTEMPTS}' },
        },
      },
    ]);
    expect(json.provider).toBeUndefined();
    expect(unresolvedReferences(json)).toEqual([]);
  });

  it('refuses a script Terraform or cdktf would rewrite, and odd variable names', () => {
    expect(() => synth({ script: 'echo ${HOME}' })).toThrow('contains a Terraform template or cdktf token sequence');
    expect(() => synth({ script: 'echo %{x}' })).toThrow('contains a Terraform template');
    expect(() => synth({ script: '  ' })).toThrow('the script is empty');
    expect(() => synth({ script: 'true', environment: { 'sg-project': 'x' } })).toThrow('"sg-project" must match');
  });
});
