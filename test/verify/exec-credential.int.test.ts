import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExecCredentialError, ExecCredentialPlugin, parseExecCredential } from '../../lib/verify/exec-credential';

const V1BETA1 = 'client.authentication.k8s.io/v1beta1';

// Loading the Kubernetes client (and running plugin processes) takes seconds on a busy 2-core machine.
jest.setTimeout(30_000);
describe('ExecCredentialPlugin (kubectl’s exec credential protocol)', () => {
  let dir: string;
  const log = () => path.join(dir, 'runs.jsonl');
  const runs = () => (fs.existsSync(log()) ? fs.readFileSync(log(), 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : []);

  /** A plugin script that logs its environment and arguments and prints `output`. */
  function plugin(name: string, output: string, exitCode = 0): string {
    const file = path.join(dir, name);
    fs.writeFileSync(
      file,
      `#!${process.execPath}
require('fs').appendFileSync(${JSON.stringify(log())}, JSON.stringify({ info: JSON.parse(process.env.KUBERNETES_EXEC_INFO), region: process.env.AWS_REGION, args: process.argv.slice(2) }) + '\\n');
process.stdout.write(${JSON.stringify(output)});
process.exit(${exitCode});
`,
      { mode: 0o755 },
    );
    return file;
  }

  const credential = (extra: Record<string, unknown> = {}, apiVersion = V1BETA1) => JSON.stringify({ apiVersion, kind: 'ExecCredential', status: { token: 'T0K3N', ...extra } });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exec-credential-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs the command with its args and env, and KUBERNETES_EXEC_INFO with the cluster when provideClusterInfo is set', async () => {
    plugin('get-token', credential());
    const p = new ExecCredentialPlugin({
      exec: { apiVersion: V1BETA1, command: './get-token', args: ['eks', 'get-token', '--cluster-name', 'acme-prod'], env: [{ name: 'AWS_REGION', value: 'us-east-2' }], provideClusterInfo: true, interactiveMode: 'IfAvailable' },
      user: 'u',
      configDir: dir,
      cluster: { server: 'https://example.invalid', 'certificate-authority-data': 'Q0E=' },
      stdinIsTerminal: false,
    });
    expect(await p.credential()).toEqual({ token: 'T0K3N' });
    expect(runs()).toEqual([
      {
        info: { apiVersion: V1BETA1, kind: 'ExecCredential', spec: { interactive: false, cluster: { server: 'https://example.invalid', 'certificate-authority-data': 'Q0E=' } } },
        region: 'us-east-2',
        args: ['eks', 'get-token', '--cluster-name', 'acme-prod'],
      },
    ]);
  });

  it('runs once for concurrent requests and reuses the credential until shortly before it expires', async () => {
    plugin('get-token', credential({ expirationTimestamp: '2026-11-27T10:00:00Z' }));
    let now = Date.parse('2026-11-27T09:00:00Z');
    const p = new ExecCredentialPlugin({ exec: { apiVersion: V1BETA1, command: path.join(dir, 'get-token') }, user: 'u', configDir: '/', stdinIsTerminal: false, now: () => now });
    await Promise.all([p.credential(), p.credential(), p.credential()]);
    expect(p.runs).toBe(1);
    now = Date.parse('2026-11-27T09:59:55Z');
    await p.credential();
    expect(p.runs).toBe(2);
  });

  it('keeps a credential without expiry until the server rejects it (invalidate)', async () => {
    plugin('get-token', credential());
    const p = new ExecCredentialPlugin({ exec: { apiVersion: V1BETA1, command: path.join(dir, 'get-token') }, user: 'u', configDir: '/', stdinIsTerminal: false });
    await p.credential();
    await p.credential();
    expect(p.runs).toBe(1);
    p.invalidate();
    await p.credential();
    expect(p.runs).toBe(2);
  });

  it('refuses a credential of another apiVersion, a non-zero exit, a missing command (with its install hint)', async () => {
    plugin('v1', credential({}, 'client.authentication.k8s.io/v1'));
    plugin('fails', '', 3);
    const make = (command: string, installHint?: string) => new ExecCredentialPlugin({ exec: { apiVersion: V1BETA1, command, ...(installHint && { installHint }) }, user: 'u', configDir: dir, stdinIsTerminal: false });
    await expect(make('./v1').credential()).rejects.toThrow(`exec plugin ${path.join(dir, 'v1')} is configured for ${V1BETA1} but returned client.authentication.k8s.io/v1`);
    await expect(make('./fails').credential()).rejects.toThrow(/failed with exit code 3 \(kubeconfig user u\)/);
    await expect(make('gke-gcloud-auth-plugin-not-installed', 'Install gke-gcloud-auth-plugin for use with kubectl by following https://cloud.google.com/blog/...').credential()).rejects.toThrow(
      /^exec plugin gke-gcloud-auth-plugin-not-installed not found \(kubeconfig user u\)\nInstall gke-gcloud-auth-plugin for use with kubectl/,
    );
  });

  it('refuses v1alpha1 and interactiveMode Always without a terminal, before running anything', async () => {
    expect(() => new ExecCredentialPlugin({ exec: { apiVersion: 'client.authentication.k8s.io/v1alpha1', command: 'aws' }, user: 'old', configDir: '/' })).toThrow(/exec apiVersion client\.authentication\.k8s\.io\/v1alpha1 is not supported .*aws eks update-kubeconfig/);
    const p = new ExecCredentialPlugin({ exec: { apiVersion: V1BETA1, command: 'aws', interactiveMode: 'Always' }, user: 'u', configDir: '/', stdinIsTerminal: false });
    await expect(p.credential()).rejects.toBeInstanceOf(ExecCredentialError);
    expect(p.runs).toBe(0);
  });

  it('parses ExecCredentials: token, client certificate, expiry; refuses anything else', () => {
    expect(parseExecCredential(credential({ expirationTimestamp: '2026-11-27T10:00:00Z' }), V1BETA1, 'x')).toEqual({ token: 'T0K3N', expiresAt: Date.parse('2026-11-27T10:00:00Z') });
    expect(parseExecCredential(JSON.stringify({ apiVersion: V1BETA1, kind: 'ExecCredential', status: { clientCertificateData: 'CERT', clientKeyData: 'KEY' } }), V1BETA1, 'x')).toEqual({ clientCertificateData: 'CERT', clientKeyData: 'KEY' });
    expect(() => parseExecCredential('not json', V1BETA1, 'x')).toThrow(/not JSON/);
    expect(() => parseExecCredential(JSON.stringify({ apiVersion: V1BETA1, kind: 'ExecCredential', status: {} }), V1BETA1, 'x')).toThrow(/no token and no client certificate/);
    expect(() => parseExecCredential(credential({ expirationTimestamp: 'soon' }), V1BETA1, 'x')).toThrow(/expirationTimestamp soon, not a time/);
  });
});
