/**
 * `sg-replica verify` end to end in-process, scenario by scenario: a fake
 * API server for a healthy replica and for each broken one, reached through
 * a kubeconfig file (exec credential plugin, CA data) as a user's would be.
 * Integration project: each scenario starts a server and a plugin process.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Output } from '../../lib/cli/main';
import { verifyCommand, VerifyDeps } from '../../lib/cli/verify-command';
import { HttpGet } from '../../lib/verify/frontend-health';
import { crashLooping, inClusterPostgres, openToTheWorld, pendingPod, podOnWrongPool, unboundClaim, wrongMachineType } from '../verify/support/breakages';
import { find, healthyReplica, ReplicaCluster } from '../verify/support/replica-objects';
import { example, startTestCluster, TestCluster } from '../verify/support/test-cluster';

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** The load balancer is not reachable from the test (its address is loopback): verify asks through the API server. */
const lbUnreachable: HttpGet = async () => ({ error: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:80', ms: 1 });
const NOW = () => new Date('2026-11-27T10:00:00Z');

// The first test loads the Kubernetes client (about a second, more on a busy machine).
jest.setTimeout(30_000);

describe('sg-replica verify', () => {
  let out: string;
  const started: TestCluster[] = [];
  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-out-'));
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((c) => c.close()));
    fs.rmSync(out, { recursive: true, force: true });
  });

  async function verify(name: string, cluster: ReplicaCluster, extra: string[] = [], deps: VerifyDeps = {}, contextName?: string) {
    const ex = example(name);
    const c = await startTestCluster(ex.design, cluster, contextName ? { contextName } : {});
    started.push(c);
    const io = capture();
    const code = await verifyCommand([ex.file, '--kubeconfig', c.kubeconfig, '--out', out, ...extra], io, { httpGet: lbUnreachable, now: NOW, env: {}, ...deps });
    return { code, io, cluster: c, ex };
  }

  it('confirms the healthy replica, exit 0: a line per decision, verification.md dated with the cluster, included in report.md', async () => {
    const acme = example('acme-prod');
    fs.mkdirSync(path.join(out, 'replicas', 'acme-prod'), { recursive: true });
    fs.writeFileSync(path.join(out, 'replicas', 'acme-prod', 'report.md'), '# written by synth\n');
    const { code, io, cluster } = await verify('acme-prod', healthyReplica(acme.design, acme.assessment));
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(io.stdout[0]).toBe(`Verifying acme-prod (${acme.file}) on context arn:aws:eks:us-east-2:111122223333:cluster/acme-prod (${cluster.server.url}), Kubernetes v1.35.5-eks-3025e55`);
    expect(io.stdout.filter((l) => /^ {2}[✓✗?] /.test(l))).toHaveLength(19);
    expect(io.stdout.every((l) => !/^ {2}[✗?] /.test(l))).toBe(true);
    expect(io.stdout).toContain('  ✓ Node pool general: 3-6 × m6a.4xlarge: 3 × m6a.4xlarge (amd64, on-demand) in 3 zones, labels as designed');
    expect(io.stdout).toContain('✓ the replica runs as designed: all 19 decisions confirmed');
    const evidence = fs.readFileSync(path.join(out, 'replicas', 'acme-prod', 'verification.md'), 'utf8');
    expect(evidence).toMatch(/^# Verification of replica `acme-prod` for Acme Corp\n\nChecked \*\*2026-11-27T10:00:00.000Z\*\* by `sg-replica verify`/);
    expect(evidence).toContain('| Cluster (kubeconfig context) | `arn:aws:eks:us-east-2:111122223333:cluster/acme-prod` |');
    const report = fs.readFileSync(path.join(out, 'replicas', 'acme-prod', 'report.md'), 'utf8');
    expect(report).toMatch(/## Verification on the running replica\n\nVerified \*\*2026-11-27T10:00:00.000Z\*\* on cluster `arn:aws:eks:us-east-2:111122223333:cluster\/acme-prod` \(Kubernetes v1\.35\.5-eks-3025e55\): ✓ the replica runs as designed: all 19 decisions confirmed\. Evidence: \[verification\.md\]\(verification\.md\)\./);
    expect(report).toContain('## Design summary');
  });

  it('confirms a healthy Kustomize replica, judged from its rendered manifests (the generated chart, images as rendered, external services through the Secrets)', async () => {
    const stark = example('stark-kustomize');
    const { code, io } = await verify('stark-kustomize', healthyReplica(stark.design, stark.assessment));
    expect(io.stderr).toEqual([]);
    expect(io.stdout.filter((l) => /^ {2}[✗?] /.test(l))).toEqual([]);
    expect(code).toBe(0);
    expect(io.stdout).toEqual(expect.arrayContaining([expect.stringMatching(/^ {2}✓ Helm release sourcegraph: chart sourcegraph-kustomize 7\.2\.1943-sgr\.\* \(deploy-sourcegraph-k8s 7\.2\.1943, the overlay stark-kustomize-overlay rendered with kubectl kustomize\): revision 1 deployed/)]));
    const report = fs.readFileSync(path.join(out, 'replicas', 'stark-kustomize', 'report.md'), 'utf8');
    expect(report).toContain('## Verification on the running replica');
    expect(report).toContain('## What the replica changes in the overlay');
  }, 60_000);

  // Each broken replica: the decision that must deviate and the reason it must give.
  const acme = example('acme-prod');
  const globex = example('globex-search');
  it.each<[string, string, (c: ReplicaCluster) => void, string, RegExp]>([
    ['a pool with the wrong machine type', 'acme-prod', (c) => wrongMachineType(c, 'm6a.2xlarge'), 'Node pool general: 3-6 × m6a.4xlarge', /^machine type m6a\.2xlarge on 3 nodes \(.*\), designed m6a\.4xlarge$/],
    ['a Pending pod', 'acme-prod', (c) => pendingPod(c, acme.design, 'gitserver-0', '0/3 nodes are available: 3 Insufficient memory.'), 'No pod Pending, crash-looping or restarting repeatedly', /^gitserver-0 Pending, not scheduled: FailedScheduling: 0\/3 nodes are available: 3 Insufficient memory\. \(×12\)$/],
    ['an unbound claim', 'acme-prod', (c) => unboundClaim(c, acme.design, 'data-indexed-search-0', 'waiting for a volume to be created by the external provisioner "ebs.csi.aws.com"'), '6 volumes (1054 GiB) bound on StorageClass sourcegraph', /^data-indexed-search-0 is Pending, not Bound: ProvisioningFailed: waiting for a volume to be created by the external provisioner "ebs\.csi\.aws\.com" \(×5\)$/],
    ['a pod on the wrong pool', 'globex-search', (c) => podOnWrongPool(c, 'indexed-search-0', 'eks.amazonaws.com/nodegroup', 'globex-search-general'), 'Each pod on the pool the simulation put it on', /^indexed-search-0 runs on pool general .*the design puts it on search/],
    ['an ingress open to 0.0.0.0/0', 'acme-prod', (c) => openToTheWorld(c, acme.design), 'Clients: only 203.0.113.0/24', /^open to the world: the ALB \(alb\.ingress\.kubernetes\.io\/inbound-cidrs\) admits 0\.0\.0\.0\/0; designed 203\.0\.113\.0\/24$/],
    ['an nginx load balancer open to every client', 'globex-search', (c) => openToTheWorld(c, globex.design), 'Clients: only 192.0.2.0/24', /^open to the world: Service ingress-nginx\/ingress-nginx-controller \(loadBalancerSourceRanges\) admits every client/],
    ['an in-cluster Postgres still running', 'acme-prod', (c) => inClusterPostgres(c, acme.design, acme.assessment.finalValues), 'PostgreSQL on RDS, none in the cluster', /^in-cluster pgsql is still running: StatefulSet pgsql with 1 replica/],
    ['a crash-looping pod', 'acme-prod', (c) => void crashLooping(c, acme.design, /^searcher-0$/), 'No pod Pending, crash-looping or restarting repeatedly', /^searcher-0: container searcher CrashLoopBackOff: .*; last exit 137 \(OOMKilled\); 7 restarts \(BackOff: Back-off restarting failed container \(×31\)\)$/],
  ])('reports %s as the deviation it is, with the reason; exit 1', async (_what, name, breakIt, title, reason) => {
    const ex = example(name);
    const cluster = healthyReplica(ex.design, ex.assessment);
    breakIt(cluster);
    const { code, io } = await verify(name, cluster);
    expect(code).toBe(1);
    const at = io.stdout.findIndex((l) => l.startsWith(`  ✗ ${title}: `));
    expect(at).toBeGreaterThan(0);
    const rest = io.stdout.slice(at + 1);
    const reasons = rest.slice(0, rest.findIndex((l) => !l.startsWith('      '))).map((l) => l.trim());
    expect(reasons).toContainEqual(expect.stringMatching(reason));
    expect(io.stdout[io.stdout.length - 1]).toMatch(/^✗ \d+ decisions? deviates? from the design/);
    expect(fs.readFileSync(path.join(out, 'replicas', ex.design.name, 'verification.md'), 'utf8')).toContain('✗ deviates');
  });

  it('--json prints the verification for CI, messages on stderr', async () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    openToTheWorld(cluster, acme.design);
    const { code, io } = await verify('acme-prod', cluster, ['--json']);
    expect(code).toBe(1);
    const json = JSON.parse(io.stdout.join('\n'));
    expect(json).toMatchObject({ design: { name: 'acme-prod' }, exitCode: 1, checkedAt: '2026-11-27T10:00:00.000Z', summary: { confirmed: 18, deviates: 1, unchecked: 0 } });
    expect(json.decisions.find((d: { id: string }) => d.id === 'exposure.clients')).toMatchObject({ status: 'deviates', family: 'exposure' });
    expect(io.stderr).toEqual([expect.stringMatching(/^wrote .*verification\.md and the design report with its summary, .*report\.md$/)]);
    expect(fs.readFileSync(path.join(out, 'replicas', 'acme-prod', 'report.md'), 'utf8')).toMatch(/^# Sourcegraph replica `acme-prod` for Acme Corp\n[\s\S]*## Verification on the running replica\n\nVerified \*\*2026-11-27T10:00:00\.000Z\*\*[\s\S]*\| ✗ deviates \| Clients: only 203\.0\.113\.0\/24 \|/);
  });

  it('exit 2 when the cluster is another replica’s; a warning when the context is named after another cluster', async () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    find(cluster, 'Namespace', 'sourcegraph').metadata.labels!['sg-replica/name'] = 'globex-search';
    const { code, io } = await verify('acme-prod', cluster, [], {}, 'arn:aws:eks:us-west-2:444455556666:cluster/globex-search');
    expect(code).toBe(2);
    expect(io.stderr[0]).toBe('warning: context arn:aws:eks:us-west-2:444455556666:cluster/globex-search is EKS cluster globex-search in us-west-2, account 444455556666; the replica is acme-prod in us-east-2, account 111122223333');
    expect(io.stderr[1]).toBe('sg-replica verify: cannot verify acme-prod: namespace sourcegraph belongs to replica globex-search (label sg-replica/name), not acme-prod: this is another replica\'s cluster');
  });

  it('--wait polls until the release settles, with progress, then verifies', async () => {
    const unsettled = healthyReplica(acme.design, acme.assessment);
    pendingPod(unsettled, acme.design, 'gitserver-0', '0/3 nodes are available: 3 node(s) had volume node affinity conflict.');
    const progress: string[] = [];
    let c: TestCluster | undefined;
    const deps: VerifyDeps = {
      progress: { isTTY: false, write: (t: string) => progress.push(t) },
      pollIntervalMs: 10,
      sleep: async () => c!.server.serve(healthyReplica(acme.design, acme.assessment)),
    };
    const ex = example('acme-prod');
    c = await startTestCluster(ex.design, unsettled);
    started.push(c);
    const io = capture();
    const code = await verifyCommand([ex.file, '--kubeconfig', c.kubeconfig, '--out', out, '--wait', '5m'], io, { httpGet: lbUnreachable, now: NOW, env: {}, ...deps });
    expect(code).toBe(0);
    expect(progress).toEqual([
      expect.stringMatching(/^waiting for the release to settle \(\d+s\): release deployed; 12\/13 workloads ready; 1 pod problem \(gitserver-0 Pending, not scheduled: FailedScheduling: 0\/3 nodes are available: 3 node\(s\) had volume node affinity conflict\. \(×12\)\)\n$/),
      expect.stringMatching(/^waiting for the release to settle \(\d+s\): release deployed; 13\/13 workloads ready\n$/),
    ]);
    expect(io.stderr).toEqual([expect.stringMatching(/^the release settled after \d+s: release deployed; 13\/13 workloads ready$/)]);
  });
});
