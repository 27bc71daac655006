/**
 * The real Terraform (1.11, no provider needed: locals, outputs and a
 * terraform_data) splits a PEM text as FrontendTlsSecret does and checks it
 * with the same precondition: the certificate chain in order, the key, and
 * a clear stop for a secret that holds no key, two keys or an encrypted one.
 */
import { spawnSync } from 'child_process';
import { generateKeyPairSync, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { App, DataResource, TerraformLocal, TerraformOutput, TerraformStack } from 'cdktf';
import { pemCertificateChain, pemPrecondition, pemPrivateKey } from '../../lib/kubernetes/frontend-tls-secret';
import { evaluateOutputs, stackDir, terraformAvailable, terraformEnv } from '../support/terraform';

const block = (label: string, body: Buffer) => `-----BEGIN ${label}-----\n${body.toString('base64').replace(/(.{64})/g, '$1\n').trim()}\n-----END ${label}-----`;
const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim();
const leaf = block('CERTIFICATE', randomBytes(600));
const intermediate = block('CERTIFICATE', randomBytes(500));

const root = path.join(__dirname, '..', '..', '.tmp', 'frontend-tls-secret', `${process.pid}`);

function stack(name: string, pem: string, build: (stack: TerraformStack, pem: string) => void): string {
  const outdir = path.join(root, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  const s = new TerraformStack(app, name);
  build(s, new TerraformLocal(s, 'pem', pem).asString);
  app.synth();
  return stackDir(outdir, name);
}

function apply(dir: string) {
  const run = (args: string[]) => spawnSync('terraform', [...args, '-no-color', '-input=false'], { cwd: dir, env: terraformEnv(), encoding: 'utf8', timeout: 180_000 });
  const init = run(['init']);
  if (init.status !== 0) throw new Error(init.stderr);
  const r = run(['apply', '-auto-approve', '-lock=false']);
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('FrontendTlsSecret under the real Terraform', () => {
  it('is available: terraform runs here (CI installs it)', () => {
    expect(terraformAvailable()).toBe(true);
  });

  it('splits fullchain + key (and a key before the chain, with text around) into the chain in order and the key', () => {
    for (const [name, pem] of [
      ['chain-then-key', `${leaf}\n${intermediate}\n${key}\n`],
      ['key-then-chain', `subject=CN=sourcegraph.example.com\n${key}\n\n${leaf}\r\n${intermediate}`],
    ]) {
      const outputs = evaluateOutputs(
        stack(name, pem, (s, p) => {
          new TerraformOutput(s, 'crt', { value: pemCertificateChain(p) });
          new TerraformOutput(s, 'key', { value: pemPrivateKey(p) });
        }),
      );
      expect(outputs.crt).toBe(`${leaf}\n${intermediate}`);
      expect(outputs.key).toBe(key);
    }
  });

  it.each([
    ['no key', `${leaf}\n${intermediate}`],
    ['no certificate', key],
    ['two keys', `${leaf}\n${key}\n${key}`],
    ['an encrypted key', `${leaf}\n${block('ENCRYPTED PRIVATE KEY', randomBytes(300))}`],
  ])('stops the apply with the secret named and what it must hold: %s', (_case, pem) => {
    const dir = stack(`bad-${_case.replace(/\W/g, '-')}`, pem, (s, p) => {
      new DataResource(s, 'check', { input: { x: 'x' }, lifecycle: { precondition: [pemPrecondition(p, 'Secrets Manager secret arn:aws:secretsmanager:us-east-2:111122223333:secret:tls-AbCdEf')] } });
    });
    const r = apply(dir);
    expect(r.status).not.toBe(0);
    expect(r.out.replace(/\s+/g, ' ')).toContain('Secrets Manager secret arn:aws:secretsmanager:us-east-2:111122223333:secret:tls-AbCdEf must hold the PEM certificate chain (server certificate first) and exactly one unencrypted private key');
  });

  it('passes the check for a good PEM', () => {
    const dir = stack('good', `${leaf}\n${key}`, (s, p) => {
      new DataResource(s, 'check', { input: { x: 'x' }, lifecycle: { precondition: [pemPrecondition(p, 'the secret')] } });
    });
    expect(apply(dir).status).toBe(0);
  });
});
