import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { GeneratedPasswordSecret, WRITE_ONLY_VERSION } from '../../lib/gcp/generated-password-secret';
import { SqlUser } from '../../lib/providers/google';
import { unresolvedReferences } from '../support/terraform-references';

function synth(build: (scope: any) => void): { json: any; text: string } {
  const text = Testing.synthScope(build);
  return { json: JSON.parse(text), text };
}

describe('GeneratedPasswordSecret', () => {
  it('generates the value with uuid() in a local and writes it only through write-only arguments', () => {
    const { json, text } = synth((scope) => {
      const pw = new GeneratedPasswordSecret(scope, 'pw', { secretId: 'acme-postgres-password', region: 'us-central1' });
      new SqlUser(scope, 'user', { instance: 'i', name: 'sourcegraph', passwordWo: pw.value, passwordWoVersion: pw.writeOnlyVersion });
    });
    const locals = Object.values(json.locals ?? {});
    expect(locals).toEqual(['${uuid()}']);
    const localName = Object.keys(json.locals)[0];
    const version: any = Object.values(json.resource.google_secret_manager_secret_version)[0];
    expect(version.secret_data_wo).toBe(`\${local.${localName}}`);
    expect(version.secret_data_wo_version).toBe(WRITE_ONLY_VERSION);
    expect(version.secret_data).toBeUndefined();
    expect(version.deletion_policy).toBe('DELETE');
    const user: any = Object.values(json.resource.google_sql_user)[0];
    expect(user.password_wo).toBe(`\${local.${localName}}`);
    expect(user.password).toBeUndefined();
    expect(unresolvedReferences(text)).toEqual([]);
  });

  it('keeps the secret in the region, without deletion protection', () => {
    const { json } = synth((scope) => {
      new GeneratedPasswordSecret(scope, 'pw', { secretId: 'acme-pw', region: 'europe-west4', labels: { team: 'ie' } });
    });
    expect(Object.values(json.resource.google_secret_manager_secret)[0]).toEqual(
      expect.objectContaining({
        secret_id: 'acme-pw',
        replication: { user_managed: { replicas: [{ location: 'europe-west4' }] } },
        deletion_protection: false,
        labels: { team: 'ie' },
      }),
    );
  });

  it('refuses bad ids, regions and labels', () => {
    const make = (props: any) => () => Testing.synthScope((scope) => void new GeneratedPasswordSecret(scope, 'pw', props));
    expect(make({ secretId: 'bad id', region: 'us-central1' })).toThrow(/secretId "bad id"/);
    expect(make({ secretId: 'ok', region: 'US' })).toThrow(/region "US"/);
    expect(make({ secretId: 'ok', region: 'us-central1', labels: { Bad: 'x' } })).toThrow(/label key 'Bad'/);
  });
});
