import { checkCluster, minorVersion } from '../../lib/verify/check-cluster';
import { Decision } from '../../lib/verify/decision';
import { find, findAll, healthyReplica } from './support/replica-objects';
import { example, inputFor } from './support/test-cluster';

function byId(ds: readonly Decision[], id: string): Decision {
  const d = ds.find((x) => x.id === id);
  if (!d) throw new Error(`no decision ${id} (have ${ds.map((x) => x.id).join(', ')})`);
  return d;
}

describe('checkCluster', () => {
  const acme = example('acme-prod');
  const globex = example('globex-search');

  it('confirms a healthy replica: version, nodes, each pool, the StorageClass', () => {
    const ds = checkCluster(inputFor(acme.design, acme.assessment, healthyReplica(acme.design, acme.assessment)));
    expect(ds.map((d) => [d.id, d.status])).toEqual([
      ['cluster.version', 'confirmed'],
      ['cluster.nodes', 'confirmed'],
      ['cluster.pool.general', 'confirmed'],
      ['cluster.storage-class', 'confirmed'],
    ]);
    expect(byId(ds, 'cluster.pool.general').summary).toBe('3 × m6a.4xlarge (amd64, on-demand) in 3 zones, labels as designed');
  });

  it('a pool with the wrong machine type deviates, naming the type, the nodes and the design', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    for (const node of findAll(cluster, 'Node')) node.metadata.labels!['node.kubernetes.io/instance-type'] = 'm6a.2xlarge';
    const d = byId(checkCluster(inputFor(acme.design, acme.assessment, cluster)), 'cluster.pool.general');
    expect(d.status).toBe('deviates');
    expect(d.reasons).toEqual([expect.stringMatching(/^machine type m6a\.2xlarge on 3 nodes \(ip-.*\), designed m6a\.4xlarge$/)]);
  });

  it('too few nodes, a missing label and taint, a foreign zone, the wrong architecture and capacity type', () => {
    const cluster = healthyReplica(globex.design, globex.assessment);
    const search = findAll(cluster, 'Node').find((n) => n.metadata.labels!['eks.amazonaws.com/nodegroup'] === 'globex-search-search')!;
    delete search.metadata.labels!.workload;
    (search.spec as { taints?: unknown[] }).taints = [{ key: 'other', value: 'x', effect: 'NoSchedule' }];
    search.metadata.labels!['topology.kubernetes.io/zone'] = 'us-east-1a';
    search.metadata.labels!['kubernetes.io/arch'] = 'arm64';
    search.metadata.labels!['eks.amazonaws.com/capacityType'] = 'SPOT';
    const general = findAll(cluster, 'Node').filter((n) => n.metadata.labels!['eks.amazonaws.com/nodegroup'] === 'globex-search-general');
    cluster.objects = cluster.objects.filter((o) => o !== general[0]);
    const ds = checkCluster(inputFor(globex.design, globex.assessment, cluster));
    expect(byId(ds, 'cluster.pool.general').reasons).toEqual(['2 nodes, designed 3 to 8']);
    expect(byId(ds, 'cluster.pool.search').reasons).toEqual([
      expect.stringMatching(/^label workload=search missing on 1 node/),
      expect.stringMatching(/^taint dedicated=search:NoSchedule missing on 1 node/),
      expect.stringMatching(/^taint other=x:NoSchedule is not designed/),
      'nodes in zone us-east-1a, designed us-west-2a, us-west-2b, us-west-2c',
      expect.stringMatching(/^1 node is not amd64 \(.*: arm64\)$/),
      expect.stringMatching(/^1 node is spot capacity .*designed on-demand$/),
    ]);
  });

  it('transient taints (not-ready, autoscaler scale-down) are not deviations', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    (findAll(cluster, 'Node')[0].spec as { taints?: unknown[] }).taints = [{ key: 'ToBeDeletedByClusterAutoscaler', value: '1700000000', effect: 'NoSchedule' }];
    expect(byId(checkCluster(inputFor(acme.design, acme.assessment, cluster)), 'cluster.pool.general').status).toBe('confirmed');
  });

  it('a NotReady node, a node of no designed pool and an old kubelet', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    const [a, b] = findAll(cluster, 'Node');
    (a.status as { conditions: unknown[] }).conditions = [{ type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: 'container runtime network not ready' }];
    b.metadata.labels!['eks.amazonaws.com/nodegroup'] = 'hand-made';
    (b.status as { nodeInfo: { kubeletVersion: string } }).nodeInfo.kubeletVersion = 'v1.32.9-eks-1';
    const ds = checkCluster(inputFor(acme.design, acme.assessment, cluster));
    expect(byId(ds, 'cluster.nodes').reasons).toEqual([
      expect.stringMatching(/is not Ready \(KubeletNotReady: container runtime network not ready\)$/),
      expect.stringMatching(/belongs to no designed pool \(eks\.amazonaws\.com\/nodegroup=hand-made\)$/),
    ]);
    expect(byId(ds, 'cluster.version').reasons).toEqual([expect.stringMatching(/^1 node runs kubelet 1\.32, designed 1\.35/)]);
  });

  it('another control-plane version deviates', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    cluster.version.gitVersion = 'v1.32.9-eks-1';
    expect(byId(checkCluster(inputFor(acme.design, acme.assessment, cluster)), 'cluster.version').reasons[0]).toBe('the control plane runs Kubernetes 1.32 (v1.32.9-eks-1), designed 1.35');
  });

  it('a StorageClass that keeps disks, is not encrypted, binds at once, or is missing', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    const sc = find(cluster, 'StorageClass', 'sourcegraph') as unknown as { reclaimPolicy: string; volumeBindingMode: string; parameters: Record<string, string> };
    sc.reclaimPolicy = 'Retain';
    sc.volumeBindingMode = 'Immediate';
    sc.parameters.encrypted = 'false';
    const d = byId(checkCluster(inputFor(acme.design, acme.assessment, cluster)), 'cluster.storage-class');
    expect(d.reasons).toEqual([
      'parameter encrypted is "false", designed "true" (volumes are not encrypted as designed)',
      'reclaimPolicy Retain: disks would outlive the replica (designed Delete)',
      'volumeBindingMode Immediate, designed WaitForFirstConsumer (volumes may land in a zone their pod cannot reach)',
    ]);
    cluster.objects = cluster.objects.filter((o) => o !== (sc as unknown));
    expect(byId(checkCluster(inputFor(acme.design, acme.assessment, cluster)), 'cluster.storage-class').reasons[0]).toMatch(/^StorageClass sourcegraph does not exist \(found: gp2\)/);
  });

  it('a pool scaled to zero by design is confirmed, saying what cannot be seen', () => {
    const hooli = example('hooli-private-gke');
    const d = byId(checkCluster(inputFor(hooli.design, hooli.assessment, healthyReplica(hooli.design, hooli.assessment))), 'cluster.pool.batch');
    expect(d).toMatchObject({ status: 'confirmed', summary: expect.stringMatching(/^no node \(scaled to 0/) });
  });

  it('says it could not check when the nodes could not be listed', () => {
    const input = inputFor(acme.design, acme.assessment, healthyReplica(acme.design, acme.assessment));
    const ds = checkCluster({ ...input, state: { ...input.state, nodes: [], readErrors: { nodes: 'forbidden: nodes' } } });
    expect(byId(ds, 'cluster.pool.general')).toMatchObject({ status: 'unchecked', reasons: ['could not read nodes: forbidden: nodes'] });
  });

  it('minorVersion reads git versions', () => {
    expect(minorVersion('v1.33.5-eks-3025e55')).toBe('1.33');
    expect(minorVersion('v1.32.5-gke.1162000')).toBe('1.32');
    expect(minorVersion('nonsense')).toBeUndefined();
  });
});
