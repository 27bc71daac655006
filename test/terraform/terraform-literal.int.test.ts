/**
 * The real thing: strings escaped by terraformLiteral pass cdktf's token
 * resolution (with tokens of every kind registered, so a user string spelled
 * like one would be rewritten if it were not escaped) and Terraform's
 * template evaluation, and come out exactly as written.
 */
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { terraformLiteral } from '../../lib/terraform/terraform-literal';
import { evaluateOutputs, stackDir, terraformAvailable } from '../support/terraform';

const HOSTILE = [
  '${file("/etc/hostname")}',
  '%{ for x in ["a"] }${x}%{ endfor }',
  '${HOME}',
  '$${HOME}',
  '$$${HOME}',
  '%%{x}',
  '$%{x}',
  '${TfToken[TOKEN.0]}',
  '${TfToken[TOKEN.1]}',
  '#{TfToken[TOKEN.0]}',
  '&{TfToken[TOKEN.2]}',
  'arn:aws:iam::777788889999:role/${file("/etc/hostname")}',
  'a } b { c ${ d',
  'ends with $',
  'ends with %',
];

describe('terraformLiteral through cdktf and Terraform', () => {
  it('is available: terraform runs here (CI installs it)', () => {
    expect(terraformAvailable()).toBe(true);
  });

  it('every string, hostile or random, reaches Terraform as the literal written', () => {
    const alphabet = fc.constantFrom('$', '%', '#', '&', '{', '}', '"', '\\', 'e', '+', '-', '.', '1', '8', 'T', 'f', '[', ']', '\n', ' ', 'é', 'x');
    const random = fc.sample(fc.string({ unit: alphabet, maxLength: 24 }), { numRuns: 300, seed: 1729 });
    // Number tokens cdktf would rewrite: the encodings of small token indices.
    const numbers = [0, 1, 2, 3].map((i) => {
      const view = new DataView(new ArrayBuffer(8));
      view.setUint32(0, 0xfdff0000);
      view.setUint32(4, i);
      return `n=${view.getFloat64(0)}`;
    });
    const inputs = [...HOSTILE, ...numbers, ...random];

    const outdir = path.join(__dirname, '..', '..', '.tmp', 'terraform-literal', `${process.pid}`);
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.mkdirSync(outdir, { recursive: true });
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'literals');
    // Tokens of every kind exist, as in a real stack: string, list, number, map.
    const s = new TerraformVariable(stack, 's', { type: 'string', default: 'S' });
    const l = new TerraformVariable(stack, 'l', { type: 'list(string)', default: ['L'] });
    const n = new TerraformVariable(stack, 'n', { type: 'number', default: 7 });
    new TerraformOutput(stack, 'tokens', { value: [s.stringValue, l.listValue, n.numberValue] });
    inputs.forEach((text, i) => new TerraformOutput(stack, `o${i}`, { value: terraformLiteral(text) }));
    app.synth();

    const outputs = evaluateOutputs(stackDir(app.outdir, 'literals'));
    expect(outputs.tokens).toEqual(['S', ['L'], 7]);
    const wrong = inputs.map((text, i) => ({ text, got: outputs[`o${i}`] })).filter((x) => x.got !== x.text);
    expect(wrong).toEqual([]);
  });
});
