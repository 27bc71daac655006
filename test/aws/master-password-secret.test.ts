import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { MASTER_PASSWORD_WRITE_ONLY_VERSION, MasterPasswordSecret } from '../../lib/aws/master-password-secret';

function synth(props: Partial<ConstructorParameters<typeof MasterPasswordSecret>[2]> = {}): any {
  return JSON.parse(
    Testing.synthScope((scope) => void new MasterPasswordSecret(scope, 'pw', { secretName: 'acme-sourcegraph-postgres-master', username: 'sourcegraph', ...props })),
  );
}

describe('MasterPasswordSecret', () => {
  it('generates the password with uuid() in a local and writes it only through a write-only argument', () => {
    const out = synth();
    const [[localName, local]] = Object.entries(out.locals);
    expect(local).toBe('${uuid()}');
    const [version] = Object.values(out.resource.aws_secretsmanager_secret_version) as any[];
    expect(version.secret_string_wo).toBe(`\${jsonencode({"username" = "sourcegraph", "password" = local.${localName}})}`);
    expect(version.secret_string_wo_version).toBe(MASTER_PASSWORD_WRITE_ONLY_VERSION);
    expect(version.secret_string).toBeUndefined();
  });

  it('deletes the secret at once on destroy, so the same name deploys again', () => {
    const [secret] = Object.values(synth().resource.aws_secretsmanager_secret) as any[];
    expect(secret).toMatchObject({ name: 'acme-sourcegraph-postgres-master', recovery_window_in_days: 0 });
  });

  it('raises the stack to Terraform 1.11 (write-only arguments)', () => {
    expect(synth().terraform.required_version).toBe('>= 1.11.0');
  });

  it('refuses secret names Secrets Manager refuses', () => {
    expect(() => synth({ secretName: 'has space' })).toThrow(/secretName "has space" must be 1-512/);
    expect(() => synth({ username: ' ' })).toThrow(/username is empty/);
  });
});
