/**
 * `sg-replica verify`: arguments, exit codes and the message that fixes
 * access (no server: unit project). The scenarios against a fake cluster
 * (healthy and broken replicas) are in verify-scenarios.int.test.ts, the
 * bin in verify-command.int.test.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Output } from '../../lib/cli/main';
import { verifyCommand } from '../../lib/cli/verify-command';
import { example } from '../verify/support/test-cluster';

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

// Loading the Kubernetes client takes seconds on a busy 2-core machine.
jest.setTimeout(30_000);

describe('sg-replica verify', () => {
  const acme = example('acme-prod');
  let out: string;
  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-out-'));
  });
  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

  it('exit 2 when the cluster cannot be reached, with the command that fixes access', async () => {
    // Nothing listens on port 1 of the loopback interface.
    const kubeconfig = path.join(out, 'kubeconfig');
    fs.writeFileSync(kubeconfig, JSON.stringify({ apiVersion: 'v1', kind: 'Config', 'current-context': 'c', clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }], contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }], users: [{ name: 'u', user: { token: 't' } }] }));
    const io = capture();
    expect(await verifyCommand([acme.file, '--kubeconfig', kubeconfig, '--out', out], io, { env: {} })).toBe(2);
    expect(io.stderr).toEqual([
      'sg-replica verify: cannot verify acme-prod: cannot reach https://127.0.0.1:1 (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1)',
      '  the API endpoint admits only 203.0.113.0/24: is this machine\'s address among them?',
      '  is the replica deployed, and is the context right? aws eks update-kubeconfig --region us-east-2 --name acme-prod',
    ]);
    expect(fs.existsSync(path.join(out, 'replicas'))).toBe(false);
    const none = capture();
    expect(await verifyCommand([acme.file, '--out', out], none, { env: { HOME: out } })).toBe(2);
    expect(none.stderr[1]).toBe("  write the replica's kubeconfig entry: aws eks update-kubeconfig --region us-east-2 --name acme-prod");
    const umbrella = example('umbrella-gke');
    const gke = capture();
    expect(await verifyCommand([umbrella.file, '--json', '--out', out], gke, { env: { HOME: out } })).toBe(2);
    expect(JSON.parse(gke.stdout.join('\n'))).toMatchObject({ exitCode: 2, kind: 'kubeconfig', fix: 'gcloud container clusters get-credentials umbrella-gke --region us-central1 --project umbrella-sg-sandbox' });
  });

  it('usage errors exit 2; an invalid design exits 1 before connecting', async () => {
    for (const args of [[], ['a.yaml', 'b.yaml'], [acme.file, '--wait', 'soon'], [acme.file, '--frobnicate'], [acme.file, '--health-via', 'carrier-pigeon']]) {
      const io = capture();
      expect(await verifyCommand(args, io)).toBe(2);
      expect(io.stderr[0]).toMatch(/^sg-replica verify: /);
    }
    const io = capture();
    expect(await verifyCommand([path.join(out, 'missing.yaml')], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/missing\.yaml.*file not found[\s\S]*fix the design's errors first/);
  });
});
