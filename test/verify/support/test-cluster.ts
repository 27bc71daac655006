/**
 * A replica's cluster for verify's tests, reached as a user reaches theirs:
 * the fake API server, and a kubeconfig file whose user authenticates with
 * an exec credential plugin (a small script standing in for
 * `aws eks get-token`, run through the kubeconfig like the real one). The
 * plugin logs each run and the KUBERNETES_EXEC_INFO it got.
 *
 * Also: the same objects as a `ClusterState`, for the pure checks' tests.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DesignAssessment } from '../../../lib/assessment/assess-design';
import { checkDesignFile } from '../../../lib/checks/check-design';
import { Design } from '../../../lib/design/model';
import { SOURCEGRAPH_RELEASE_NAME } from '../../../lib/verify/check-sourcegraph';
import { ClusterState, emptyState } from '../../../lib/verify/cluster-state';
import { FrontendHealth } from '../../../lib/verify/frontend-health';
import { latestRelease } from '../../../lib/verify/helm-release';
import { FakeApiServer, FakeApiServerOptions, startFakeApiServer } from './fake-api-server';
import { KubeObject, ReplicaCluster } from './replica-objects';

export const TOKEN = 'fake-token-for-verify-tests';

/** An example design (examples/designs/<name>.yaml) with its assessment. */
export function example(name: string): { file: string; design: Design; assessment: DesignAssessment } {
  const file = path.join(__dirname, '..', '..', '..', 'examples', 'designs', `${name}.yaml`);
  const c = checkDesignFile(file);
  if (!c.design || !c.assessment) throw new Error(`example ${name} is not valid: ${c.problems.map((p) => p.message).join('; ')}`);
  return { file, design: c.design, assessment: c.assessment };
}

/** The context name the cloud's access command writes for `design`. */
export function contextNameFor(design: Design): string {
  return design.cloud.provider === 'aws' ? `arn:aws:eks:${design.cloud.region}:${design.cloud.accountId}:cluster/${design.name}` : `gke_${design.cloud.project}_${design.cloud.region}_${design.name}`;
}

/** A running test cluster. */
export interface TestCluster {
  readonly server: FakeApiServer;
  readonly dir: string;
  readonly kubeconfig: string;
  readonly contextName: string;
  /** KUBERNETES_EXEC_INFO of each plugin run. */
  pluginRuns(): Record<string, unknown>[];
  close(): Promise<void>;
}

/** Options of `startTestCluster`. */
export interface TestClusterOptions extends Partial<FakeApiServerOptions> {
  /** The kubeconfig context name. @default the cloud's name for the design's cluster */
  readonly contextName?: string;
  /** The token the plugin prints (a wrong one tests 401). @default TOKEN */
  readonly pluginToken?: string;
}

/** Starts the fake API server for `cluster` and writes a kubeconfig (exec plugin, CA data) for it. */
export async function startTestCluster(design: Design, cluster: ReplicaCluster, options: TestClusterOptions = {}): Promise<TestCluster> {
  const server = await startFakeApiServer(cluster, { token: options.token ?? TOKEN, ...(options.proxy && { proxy: options.proxy }), ...(options.forbidden && { forbidden: options.forbidden }) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-cluster-'));
  const log = path.join(dir, 'plugin-runs.jsonl');
  const plugin = path.join(dir, 'fake-get-token');
  fs.writeFileSync(
    plugin,
    `#!${process.execPath}
// Stands in for \`aws eks get-token\`: prints an ExecCredential, logs what kubectl's protocol gave it.
const fs = require('fs');
fs.appendFileSync(${JSON.stringify(log)}, (process.env.KUBERNETES_EXEC_INFO || '{}') + '\\n');
process.stdout.write(JSON.stringify({
  apiVersion: 'client.authentication.k8s.io/v1beta1',
  kind: 'ExecCredential',
  status: { token: process.env.FAKE_TOKEN, expirationTimestamp: new Date(Date.now() + 15 * 60 * 1000).toISOString() },
}));
`,
    { mode: 0o755 },
  );
  const contextName = options.contextName ?? contextNameFor(design);
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${JSON.stringify(contextName)}`,
      'clusters:',
      `- name: ${JSON.stringify(contextName)}`,
      '  cluster:',
      `    server: ${server.url}`,
      `    certificate-authority-data: ${Buffer.from(server.caPem).toString('base64')}`,
      'contexts:',
      `- name: ${JSON.stringify(contextName)}`,
      '  context:',
      `    cluster: ${JSON.stringify(contextName)}`,
      `    user: ${JSON.stringify(contextName)}`,
      'users:',
      `- name: ${JSON.stringify(contextName)}`,
      '  user:',
      '    exec:',
      '      apiVersion: client.authentication.k8s.io/v1beta1',
      `      command: ./fake-get-token`,
      `      args: [eks, get-token, --cluster-name, ${design.name}]`,
      `      env: [{name: FAKE_TOKEN, value: ${options.pluginToken ?? TOKEN}}]`,
      '      interactiveMode: Never',
      '      provideClusterInfo: true',
      '',
    ].join('\n'),
  );
  return {
    server,
    dir,
    kubeconfig,
    contextName,
    pluginRuns: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []),
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The `ClusterState` the collector would read from `cluster` (same objects,
 * grouped the same way), for testing the pure checks without a server.
 */
export function stateFromCluster(design: Design, cluster: ReplicaCluster, health?: FrontendHealth): ClusterState {
  const ns = design.sourcegraph.namespace;
  const of = <T>(kind: string, namespaced = true): T[] => cluster.objects.filter((o) => o.kind === kind && (!namespaced || o.metadata.namespace === ns)) as unknown as T[];
  const active = (o: KubeObject) => !['Succeeded', 'Failed'].includes((o.status as { phase?: string } | undefined)?.phase ?? '');
  const secrets = of<KubeObject>('Secret');
  return {
    ...emptyState(),
    version: cluster.version as unknown as ClusterState['version'],
    nodes: of('Node', false),
    storageClasses: of('StorageClass', false),
    namespace: cluster.objects.find((o) => o.kind === 'Namespace' && o.metadata.name === ns) as unknown as ClusterState['namespace'],
    pods: of('Pod'),
    allPods: cluster.objects.filter((o) => o.kind === 'Pod' && active(o)) as unknown as ClusterState['allPods'],
    events: of('Event'),
    persistentVolumeClaims: of('PersistentVolumeClaim'),
    deployments: of('Deployment'),
    statefulSets: of('StatefulSet'),
    daemonSets: of('DaemonSet'),
    jobs: of('Job'),
    services: of('Service'),
    serviceAccounts: of('ServiceAccount'),
    secretNames: secrets.filter((s) => s.metadata.labels?.['app.kubernetes.io/managed-by'] === 'sg-replica').map((s) => s.metadata.name),
    ingresses: of('Ingress'),
    ...(latestRelease(secrets as never, SOURCEGRAPH_RELEASE_NAME) && { helmRelease: latestRelease(secrets as never, SOURCEGRAPH_RELEASE_NAME) }),
    backendConfigs: of('BackendConfig'),
    ingressController: cluster.objects.find((o) => o.kind === 'Service' && o.metadata.namespace === 'ingress-nginx') as unknown as ClusterState['ingressController'],
    ...(health && { health }),
  };
}

/** A health probe result that answered, for pure tests. */
export const HEALTHY_PROBE: FrontendHealth = { ok: true, via: 'api-server', target: '/api/v1/namespaces/sourcegraph/services/sourcegraph-frontend:http-debug/proxy/ready', answer: { status: 200, ms: 4 } };

/** The check input for a design and a cluster. */
export function inputFor(design: Design, assessment: DesignAssessment, cluster: ReplicaCluster, health: FrontendHealth = HEALTHY_PROBE) {
  return { design, assessment, state: stateFromCluster(design, cluster, health) };
}
