import { simulateCapacity, simulateWorkloads } from '../../lib/capacity/simulate-capacity';
import { SIMULATION_LIMITS } from '../../lib/design/input-limits';
import type { Workload } from '../../lib/sizing/workloads';
import { NodePool } from '../../lib/design/model';
import { awsDesign, gcpDesign } from '../support/design-fixture';

function pool(over: Partial<NodePool>): NodePool {
  return { name: 'general', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 3, diskGb: 100, spot: false, labels: {}, taints: [], ...over };
}

describe('simulateCapacity', () => {
  test('chart 7.6.0 defaults fit on 3 x m6a.4xlarge', () => {
    const r = simulateCapacity(awsDesign({ kubernetes: { nodePools: [pool({})] } }), {});
    expect(r.outcome).toBe('ok');
    expect(r.totals.requests.cpuMillis).toBe(31400);
    expect(r.totals.requests.memoryBytes / 1e9).toBeCloseTo(60.75, 1);
    expect(r.atMin.unschedulable).toEqual([]);
    expect(r.atMin.pools[0]).toMatchObject({ nodes: 3, allocatablePerNode: { cpuMillis: 15890, pods: 110 } });
    expect(r.storage).toMatchObject({ claims: 11, totalBytes: 1528 * 2 ** 30 });
  });

  test('chart 7.6.0 defaults do not fit on 1 x m6a.large: error naming the pod and the free room', () => {
    const r = simulateCapacity(awsDesign({ kubernetes: { nodePools: [pool({ machineType: 'm6a.large', minNodes: 1, maxNodes: 1 })] } }), {});
    expect(r.outcome).toBe('error');
    const gitserver = r.atMax.unschedulable.find((u) => u.pod === 'gitserver-0')!;
    expect(gitserver.reason).toMatch(/^needs 4 vCPU \/ 7\.45 GiB; a whole empty node of pool general \(m6a\.large\) offers 1\.93 vCPU/);
    expect(r.findings[0]).toMatchObject({ severity: 'error', field: ['kubernetes', 'nodePools', 0, 'machineType'] });
  });

  test('fits only after scaling out: warning', () => {
    const r = simulateCapacity(awsDesign({ kubernetes: { nodePools: [pool({ minNodes: 1, maxNodes: 4 })] } }), {});
    expect(r.outcome).toBe('warning');
    expect(r.atMin.fits).toBe(false);
    expect(r.atMax.fits).toBe(true);
    expect(r.findings[0].message).toMatch(/until the cluster autoscaler adds nodes/);
  });

  test('a taint with no matching toleration leaves pods unscheduled', () => {
    const taints = [{ key: 'dedicated', value: 'search', effect: 'NoSchedule' as const }];
    const design = awsDesign({ kubernetes: { nodePools: [pool({ name: 'search', taints })] } });
    const r = simulateCapacity(design, {});
    expect(r.outcome).toBe('error');
    expect(r.atMax.unschedulable.find((u) => u.pod === 'indexed-search-0')!.reason).toBe(
      'no node pool accepts it (pool search: taint dedicated=search:NoSchedule is not tolerated)',
    );
    expect(r.atMax.unschedulable.some((u) => u.pod.startsWith('coredns'))).toBe(true);
    const tolerated = simulateCapacity(design, { sourcegraph: { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } });
    expect(tolerated.atMax.unschedulable.filter((u) => !u.workload.startsWith('coredns') && !u.workload.startsWith('ebs-csi') && !u.workload.startsWith('aws-load') && u.workload !== 'cluster-autoscaler')).toEqual([]);
  });

  test('DaemonSets are counted on every node they may run on', () => {
    const r = simulateCapacity(awsDesign({ kubernetes: { nodePools: [pool({ minNodes: 3, maxNodes: 5 })] } }), {});
    const perNode = 100 + 150 + 200; // otel-agent, cadvisor, node-exporter
    const platformPerNode = 100 + 25 + 30; // kube-proxy, aws-node, ebs-csi-node
    const clusterWide = 2 * 100 + 2 * 60 + 100; // coredns, ebs-csi-controller, cluster-autoscaler (the ALB controller requests nothing)
    expect(r.atMin.pools[0].requested.cpuMillis).toBe(31400 + 3 * (perNode + platformPerNode) + clusterWide);
    expect(r.atMax.pools[0].requested.cpuMillis).toBe(31400 + 5 * (perNode + platformPerNode) + clusterWide);
    expect(r.totals.daemonSetsPerNode.cpuMillis).toBe(perNode);
  });

  test('honours nodeSelector: indexed-search goes to its own pool', () => {
    const design = awsDesign({
      kubernetes: { nodePools: [pool({}), pool({ name: 'search', machineType: 'r6i.4xlarge', minNodes: 1, maxNodes: 1, labels: { workload: 'search' } })] },
    });
    const r = simulateCapacity(design, { indexedSearch: { nodeSelector: { workload: 'search' } } });
    const search = r.atMin.pools.find((p) => p.pool === 'search')!;
    expect(search.nodeUsage[0].pods).toContain('indexed-search-0');
    const missing = simulateCapacity(design, { indexedSearch: { nodeSelector: { workload: 'nowhere' } } });
    expect(missing.atMax.unschedulable.find((u) => u.pod === 'indexed-search-0')!.reason).toMatch(/pool general: nodeSelector workload=nowhere does not match/);
  });

  test('hostname anti-affinity puts one pod per node', () => {
    const affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'sourcegraph-frontend' } } }] } };
    const r = simulateCapacity(awsDesign({ kubernetes: { nodePools: [pool({ minNodes: 3, maxNodes: 3 })] } }), { frontend: { replicaCount: 4, affinity } });
    expect(r.atMin.unschedulable.map((u) => u.pod)).toEqual(['sourcegraph-frontend-3']);
    expect(r.atMin.unschedulable[0].reason).toMatch(/one pod per node/);
  });

  test('pods per node count against the node limit', () => {
    const r = simulateCapacity(awsDesign({ kubernetes: { nodePools: [pool({ machineType: 't3.medium', minNodes: 30, maxNodes: 30 })] } }), { frontend: { replicaCount: 0 } });
    expect(r.atMin.pools[0].allocatablePerNode.pods).toBe(17);
  });

  test('errors: unknown machine type, volume above the disk limit, request above limit', () => {
    const r = simulateCapacity(awsDesign({ kubernetes: { nodePools: [pool({}), pool({ name: 'odd', machineType: 'x9.huge' })] } }), {
      gitserver: { storageSize: '20Ti', resources: { requests: { cpu: '4' }, limits: { cpu: '2' } } },
    });
    expect(r.outcome).toBe('error');
    const messages = r.findings.map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Machine type x9\.huge of pool odd is not in sg-replica's EC2 catalog/),
        expect.stringMatching(/repos-gitserver-0 asks for 20 TiB; a gp3 volume holds at most 16 TiB/),
        expect.stringMatching(/gitserver container gitserver requests 4 vCPU of cpu but is limited to 2 vCPU/),
      ]),
    );
  });

  test('warns when an external service is designed but the chart still runs it', () => {
    const r = simulateCapacity(awsDesign({ externalServices: { postgres: { instanceClass: 'db.m6g.large', storageGb: 100, highAvailability: false } } }), {});
    expect(r.findings.find((f) => f.field?.[1] === 'postgres')!.message).toMatch(/still runs pgsql, codeIntelDB, codeInsightsDB/);
  });

  test('GKE: n2-standard-16 pools, no exception for a bad value', () => {
    const r = simulateCapacity(gcpDesign({ sourcegraph: { ingress: 'gce' } }), {});
    expect(r.atMin.pools[0].machineType).toBe('n2-standard-16');
    expect(simulateCapacity(awsDesign(), { gitserver: { replicaCount: 'x' } }).findings[0].message).toMatch(/gitserver\.replicaCount/);
  });
});

describe('absurd inputs cost no more than the limits allow (issue 17)', () => {
  const workload = (i: number, replicas: number): Workload => ({
    name: `w${i}`,
    key: `w${i}`,
    kind: 'Deployment',
    replicas,
    containers: [{ name: 'c', resourcesKey: `w${i}`, requests: { cpuMillis: 100, memoryBytes: 2 ** 28 }, limits: {} }],
    initContainers: [],
    podRequests: { cpuMillis: 100, memoryBytes: 2 ** 28 },
    podLimits: {},
    volumes: [],
    placement: { nodeSelector: {}, tolerations: [] },
    description: '',
  });
  const widest = awsDesign({
    kubernetes: { nodePools: Array.from({ length: 20 }, (_, i) => pool({ name: `p${i}`, machineType: 'm6a.large', minNodes: 100, maxNodes: 100 })) },
  });

  test(`a release of more than ${SIMULATION_LIMITS.pods} pods is an error, and its pods are not simulated one by one`, () => {
    const workloads = Array.from({ length: 12 }, (_, i) => workload(i, SIMULATION_LIMITS.replicasPerWorkload));
    const r = simulateWorkloads(widest, workloads, { version: 'test' });
    expect(r.outcome).toBe('error');
    expect(r.findings[0].message).toBe(`the release runs 2400 pods; sg-replica simulates at most ${SIMULATION_LIMITS.pods}`);
    expect(r.atMax.pools.flatMap((p) => p.nodeUsage.flatMap((n) => n.pods))).toEqual([]);
  });

  test('the largest simulated release on the largest design (2,000 nodes, 2,000 pods) completes, every pod placed', () => {
    const workloads = Array.from({ length: 10 }, (_, i) => workload(i, SIMULATION_LIMITS.replicasPerWorkload));
    const r = simulateWorkloads(widest, workloads, { version: 'test' });
    expect(r.atMax.unschedulable).toEqual([]);
    expect(r.atMax.pools.reduce((t, p) => t + p.nodeUsage.reduce((u, n) => u + n.pods.length, 0), 0)).toBe(2000);
  });

  test('once a workload cannot place a pod, its identical next pods fail for the same reason without another search', () => {
    const small = awsDesign({ kubernetes: { nodePools: [pool({ machineType: 'm6a.large', minNodes: 1, maxNodes: 1 })] } });
    const r = simulateWorkloads(small, [workload(0, SIMULATION_LIMITS.replicasPerWorkload)], { version: 'test' });
    const failed = r.atMax.unschedulable.filter((u) => u.workload === 'w0');
    expect(failed.length).toBeGreaterThan(100);
    expect(new Set(failed.map((u) => u.reason)).size).toBe(1);
  });
});
