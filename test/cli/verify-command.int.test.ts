/**
 * `sg-replica verify` as a user runs it: the bin in a child process, the
 * cluster (a fake API server in this process) reached through KUBECONFIG or
 * --kubeconfig/--context, the exec credential plugin run by the child.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openToTheWorld } from '../verify/support/breakages';
import { healthyReplica } from '../verify/support/replica-objects';
import { example, startTestCluster, TestCluster } from '../verify/support/test-cluster';

const root = path.join(__dirname, '..', '..');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin', 'sg-replica'), 'verify', ...args], { cwd: root, env: { PATH: process.env.PATH, HOME: os.tmpdir(), SG_REPLICA_FROM_SOURCE: '1', ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

// Loading the Kubernetes client (and running plugin processes) takes seconds on a busy 2-core machine.
jest.setTimeout(30_000);
describe('sg-replica verify (the bin)', () => {
  const acme = example('acme-prod');
  let healthy: TestCluster;
  let broken: TestCluster;
  let out: string;
  beforeAll(async () => {
    healthy = await startTestCluster(acme.design, healthyReplica(acme.design, acme.assessment));
    const cluster = healthyReplica(acme.design, acme.assessment);
    openToTheWorld(cluster, acme.design);
    broken = await startTestCluster(acme.design, cluster, { contextName: 'acme-broken' });
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-bin-'));
  });
  afterAll(async () => {
    await healthy.close();
    await broken.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('exit 0 and the JSON for CI on the healthy replica, through the current context of KUBECONFIG', async () => {
    const r = await run([acme.file, '--json', '--out', out, '--health-via', 'api-server'], { KUBECONFIG: healthy.kubeconfig });
    expect(r.stderr).toMatch(/^wrote .*verification\.md/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ exitCode: 0, target: { context: 'arn:aws:eks:us-east-2:111122223333:cluster/acme-prod' }, summary: { deviates: 0, unchecked: 0 } });
    expect(healthy.pluginRuns()).toHaveLength(1);
  });

  it('exit 1 with the deviation on the terminal, choosing the context with --context from merged kubeconfigs', async () => {
    const r = await run([acme.file, '--context', 'acme-broken', '--out', out, '--health-via', 'api-server'], { KUBECONFIG: [healthy.kubeconfig, broken.kubeconfig].join(path.delimiter) });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  ✗ Clients: only 203.0.113.0/24: the load balancer admits other clients than designed\n      open to the world: the ALB (alb.ingress.kubernetes.io/inbound-cidrs) admits 0.0.0.0/0; designed 203.0.113.0/24\n');
  });

  it('exit 2 with the fix when there is no kubeconfig', async () => {
    const r = await run([acme.file, '--out', out], { HOME: out });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('aws eks update-kubeconfig --region us-east-2 --name acme-prod');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
