import { NodePool } from '../../lib/design/model';
import { daemonSetSchedulingKeys, daemonSetTolerationValues, designTaints, tolerationFor } from '../../lib/sourcegraph/daemonset-tolerations';
import { sourcegraphHelmValues } from '../../lib/sourcegraph/helm-values';
import { awsDesign, gcpDesign } from '../support/design-fixture';

const pools: NodePool[] = [
  { name: 'general', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 6, diskGb: 100, spot: false, labels: {}, taints: [] },
  { name: 'search', machineType: 'r6i.4xlarge', minNodes: 1, maxNodes: 3, diskGb: 100, spot: false, labels: { workload: 'search' }, taints: [{ key: 'dedicated', value: 'search', effect: 'NoSchedule' as const }] },
  { name: 'batch', machineType: 'm6a.4xlarge', minNodes: 0, maxNodes: 3, diskGb: 100, spot: true, labels: {}, taints: [{ key: 'spot', value: '', effect: 'NoExecute' as const }] },
];

describe('DaemonSet tolerations', () => {
  test.each(['7.6.0', '6.12.5040'])('chart %s: cadvisor, node-exporter and the otel agent are the node-level DaemonSets', (version) => {
    expect(daemonSetSchedulingKeys(version)).toEqual(['openTelemetry', 'cadvisor', 'nodeExporter']);
  });

  test('no toleration for the taints of an arm64 pool: the DaemonSets\' amd64 images must stay off it too', () => {
    const arm = { name: 'arm', machineType: 'm7g.large', minNodes: 0, maxNodes: 2, diskGb: 100, spot: false, labels: {}, taints: [{ key: 'kubernetes.io/arch', value: 'arm64', effect: 'NoSchedule' as const }] };
    const design = awsDesign({ kubernetes: { nodePools: [...pools, arm] } });
    expect(designTaints(design).map((t) => t.key)).toEqual(['dedicated', 'spot']);
    // The same taint on an amd64 pool is tolerated.
    expect(designTaints(awsDesign({ kubernetes: { nodePools: [...pools, arm, { ...arm, name: 'x86', machineType: 'm6a.large' }] } })).map((t) => t.key)).toEqual(['dedicated', 'spot', 'kubernetes.io/arch']);
  });

  test('one toleration per taint: Equal with a value, Exists without', () => {
    expect(tolerationFor({ key: 'dedicated', value: 'search', effect: 'NoSchedule' })).toEqual({ key: 'dedicated', operator: 'Equal', value: 'search', effect: 'NoSchedule' });
    expect(tolerationFor({ key: 'spot', value: '', effect: 'NoExecute' })).toEqual({ key: 'spot', operator: 'Exists', effect: 'NoExecute' });
  });

  test.each([
    ['aws', awsDesign({ kubernetes: { nodePools: pools } })],
    ['gcp', gcpDesign({ kubernetes: { nodePools: pools.map((p) => ({ ...p, machineType: 'n2-standard-16' })) } })],
  ])('%s: the generated values make every DaemonSet tolerate every taint of the design', (_cloud, design) => {
    const values: any = sourcegraphHelmValues(design, { storageClassName: 'sourcegraph', tags: {} });
    const expected = designTaints(design).map(tolerationFor);
    expect(expected).toHaveLength(2);
    for (const key of ['cadvisor', 'nodeExporter', 'openTelemetry']) expect(values[key].tolerations).toEqual(expected);
  });

  test('keeps the tolerations an override gives (or the global ones) and adds only what is missing', () => {
    const design = awsDesign({ kubernetes: { nodePools: pools } });
    const own = { key: 'gpu', operator: 'Exists' };
    const layer: any = daemonSetTolerationValues(design, { cadvisor: { tolerations: [own, { operator: 'Exists' }] }, sourcegraph: { tolerations: [own] } });
    expect(layer.cadvisor).toBeUndefined(); // `operator: Exists` without a key tolerates everything
    expect(layer.nodeExporter.tolerations).toEqual([own, ...designTaints(design).map(tolerationFor)]);
  });

  test('no taints, no values', () => {
    expect(daemonSetTolerationValues(awsDesign(), {})).toEqual({});
    expect(sourcegraphHelmValues(awsDesign(), { storageClassName: 'sourcegraph', tags: {} }).cadvisor).toBeUndefined();
  });
});
