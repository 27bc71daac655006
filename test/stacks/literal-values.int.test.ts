/**
 * Helm values from a design and its override files reach Helm as the literal
 * the user wrote, through the real cdktf synthesis and the real Terraform
 * template evaluation: no file read into the plan, no reference to another
 * resource made from a value spelled like a cdktf token.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { checkDesignFile } from '../../lib/checks/check-design';
import { mergeValues } from '../../lib/helm/merge-values';
import { evaluateOutputs } from '../support/terraform';
import { resourcesOf, synthReplica } from '../support/synth-replica';

const root = path.join(__dirname, '..', '..');
const tmp = path.join(root, '.tmp', 'literal-values', `${process.pid}`);

const HOSTILE = {
  READ_A_FILE: '${file("/etc/hostname")}',
  DIRECTIVE: '%{ if true }yes%{ endif }',
  SHELL_STYLE: '${HOME}/bin',
  ESCAPED: '$${HOME}',
  STRING_TOKEN: '${TfToken[TOKEN.1]}',
  LIST_TOKEN: '#{TfToken[TOKEN.1]}',
  MAP_TOKEN: '&{TfToken[TOKEN.2]}',
};

describe('hostile strings in Helm values', () => {
  const design = (() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    fs.copyFileSync(path.join(root, 'examples', 'designs', 'acme-override.yaml'), path.join(tmp, 'acme-override.yaml'));
    const env = Object.fromEntries(Object.entries(HOSTILE).map(([k, v]) => [k, { value: v }]));
    fs.writeFileSync(path.join(tmp, 'hostile-override.yaml'), `worker:\n  env: ${JSON.stringify(env)}\n`);
    const text = fs
      .readFileSync(path.join(root, 'examples', 'designs', 'acme-prod.yaml'), 'utf8')
      .replace('overrides: [acme-override.yaml]', 'overrides: [acme-override.yaml, hostile-override.yaml]')
      .replace('  values:\n', () => `  values:\n    frontend: {env: ${JSON.stringify(env)}}\n`);
    fs.writeFileSync(path.join(tmp, 'acme-prod.yaml'), text);
    const checked = checkDesignFile(path.join(tmp, 'acme-prod.yaml'));
    if (!checked.design) throw new Error(checked.problems.map((p) => p.message).join('\n'));
    return checked.design;
  })();
  const replica = synthReplica(design);
  const release = resourcesOf(replica.sourcegraph, 'helm_release').find((r) => r.chart === 'sourcegraph');

  it('keeps generated references in their own document, and nothing else there', () => {
    expect(release.values).toHaveLength(2);
    const references = JSON.stringify(parse(release.values[1]));
    expect(references).toMatch(/terraform_remote_state/);
    for (const text of Object.values(HOSTILE)) expect(references).not.toContain(text);
  });

  it('leaves no cdktf token resolved from a user string', () => {
    expect(release.values[0]).not.toMatch(/\$\{(var|data|aws_|terraform_remote_state)/);
  });

  it('gives Helm every hostile string exactly as written, once Terraform has evaluated the values', () => {
    const dir = path.join(tmp, 'evaluate');
    fs.mkdirSync(dir, { recursive: true });
    // The literal document exactly as cdk.tf.json holds it, evaluated by Terraform as the helm_release's would be
    // (the references document points at the infra stack, which does not exist here).
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ output: { literal: { value: release.values[0] } } }));
    const outputs = evaluateOutputs(dir);
    const values = mergeValues(parse(outputs.literal as string), parse(release.values[1])) as any;
    for (const [name, text] of Object.entries(HOSTILE)) {
      expect(values.frontend.env[name]).toEqual({ value: text });
      expect(values.worker.env[name]).toEqual({ value: text });
    }
    // The references resolve to the infra stack's outputs (here unresolvable, so Terraform kept them as written).
    expect(values.worker.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toBeDefined();
  });
});
