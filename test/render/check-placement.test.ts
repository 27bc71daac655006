import { checkPlacement } from '../../lib/render/check-placement';
import { RenderedObject } from '../../lib/render/helm-template';
import { NodePool } from '../../lib/design/model';
import { awsDesign } from '../support/design-fixture';

const pools: NodePool[] = [
  { name: 'general', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 6, diskGb: 100, spot: false, labels: { workload: 'general' }, taints: [] },
  { name: 'search', machineType: 'r6i.4xlarge', minNodes: 1, maxNodes: 3, diskGb: 100, spot: false, labels: { workload: 'search' }, taints: [{ key: 'dedicated', value: 'search', effect: 'NoSchedule' }] },
];
const design = awsDesign({ kubernetes: { nodePools: pools } });
const searchToleration = { key: 'dedicated', operator: 'Equal', value: 'search', effect: 'NoSchedule' };

const workload = (kind: string, name: string, spec: Record<string, unknown>): RenderedObject => ({ apiVersion: 'apps/v1', kind, metadata: { name }, spec: { template: { spec: { containers: [{ name }], ...spec } } } });

describe('checkPlacement', () => {
  test('a workload that selects the tainted pool and tolerates it, DaemonSets tolerating every taint, and untainted-pool workloads pass', () => {
    const objects = [
      workload('StatefulSet', 'indexed-search', { nodeSelector: { workload: 'search' }, tolerations: [searchToleration] }),
      workload('DaemonSet', 'cadvisor', { tolerations: [searchToleration] }),
      workload('Deployment', 'frontend', {}),
      workload('Deployment', 'gitserver', { nodeSelector: { 'kubernetes.io/os': 'linux', workload: 'general' } }),
    ];
    expect(checkPlacement(design, {}, objects)).toEqual([]);
  });

  test('a DaemonSet that does not tolerate a taint misses that pool\'s nodes', () => {
    expect(checkPlacement(design, {}, [workload('DaemonSet', 'node-exporter', {})])).toEqual([
      { severity: 'error', check: 'placement', object: 'DaemonSet/node-exporter', message: 'does not tolerate taint dedicated=search:NoSchedule of pool search: its nodes would run no node-exporter' },
    ]);
  });

  test('a nodeSelector no pool has, or a selected pool whose taint is not tolerated, leaves pods Pending', () => {
    const found = checkPlacement(design, {}, [workload('Deployment', 'a', { nodeSelector: { workload: 'gpu' } }), workload('Deployment', 'b', { nodeSelector: { workload: 'search' } })]);
    expect(found.map((f) => [f.object, f.message])).toEqual([
      ['Deployment/a', 'nodeSelector {"workload":"gpu"} (or its required node affinity) matches no node pool of the design: its pods would stay Pending'],
      ['Deployment/b', 'every pool it selects is tainted and it does not tolerate dedicated=search:NoSchedule (pool search): its pods would stay Pending'],
    ]);
  });

  test('tolerating a tainted pool without selecting it is a warning; for the otel collector (shared tolerations) a note', () => {
    const found = checkPlacement(design, {}, [workload('Deployment', 'searcher', { tolerations: [searchToleration] }), workload('Deployment', 'otel-collector', { tolerations: [searchToleration] })]);
    expect(found.map((f) => [f.severity, f.object])).toEqual([
      ['warning', 'Deployment/searcher'],
      ['info', 'Deployment/otel-collector'],
    ]);
  });
});
