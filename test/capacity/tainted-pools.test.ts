import { simulateCapacity } from '../../lib/capacity/simulate-capacity';
import { pinToPool, tolerationFor } from '../../lib/capacity/tainted-pools';
import { NodePool } from '../../lib/design/model';
import * as path from 'path';
import { assessDesign } from '../../lib/assessment/assess-design';
import { loadDesign } from '../../lib/checks/check-design';
import { awsDesign } from '../support/design-fixture';

function pool(over: Partial<NodePool>): NodePool {
  return { name: 'general', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 3, diskGb: 100, spot: false, labels: {}, taints: [], ...over };
}

const SEARCH_TAINT = { key: 'dedicated', value: 'search', effect: 'NoSchedule' as const };
const searchPool = pool({ name: 'search', minNodes: 2, maxNodes: 2, labels: { workload: 'search' }, taints: [SEARCH_TAINT] });

describe('tolerationFor', () => {
  it('Equal with the value, Exists without one', () => {
    expect(tolerationFor(SEARCH_TAINT)).toEqual({ key: 'dedicated', operator: 'Equal', value: 'search', effect: 'NoSchedule' });
    expect(tolerationFor({ key: 'gpu', value: '', effect: 'NoExecute' })).toEqual({ key: 'gpu', operator: 'Exists', effect: 'NoExecute' });
  });
});

describe('pinToPool', () => {
  it('names the values under the service key: the toleration and a nodeSelector on the pool label', () => {
    expect(pinToPool({ key: 'indexedSearch' }, searchPool)).toBe(
      'sourcegraph.values.indexedSearch.tolerations: [{key: dedicated, operator: Equal, value: search, effect: NoSchedule}] and nodeSelector: {workload: search}',
    );
  });
  it('asks for a pool label when the pool has none', () => {
    expect(pinToPool({ key: 'gitserver' }, pool({ name: 'git', taints: [SEARCH_TAINT] }))).toMatch(/and a nodeSelector on a label of pool git \(give the pool labels/);
  });
});

describe('a tainted pool no Sourcegraph pod tolerates', () => {
  it('is a warning naming the taint, the idle nodes and the fix (it validated silently at "CPU 1 %")', () => {
    const r = simulateCapacity(awsDesign({ kubernetes: { nodePools: [pool({}), searchPool] } }), {});
    const warning = r.findings.find((f) => f.field?.join('.') === 'kubernetes.nodePools.1.taints');
    expect(warning).toMatchObject({ severity: 'warning' });
    expect(warning!.message).toMatch(/^Pool search is tainted dedicated=search:NoSchedule and no Sourcegraph service tolerates it: its nodes run no Sourcegraph service \(2 × m6a\.4xlarge paid for\)/);
    expect(warning!.message).toMatch(/tolerations: \[\{key: dedicated, operator: Equal, value: search, effect: NoSchedule\}\] and nodeSelector: \{workload: search\}/);
    expect(r.outcome).toBe('warning');
    // Not also reported as merely idle.
    expect(r.findings.filter((f) => f.message.startsWith('Pool search'))).toHaveLength(1);
  });

  it('is quiet once a service tolerates the taint', () => {
    const values = { indexedSearch: { tolerations: [tolerationFor(SEARCH_TAINT)], nodeSelector: { workload: 'search' } } };
    const r = simulateCapacity(awsDesign({ kubernetes: { nodePools: [pool({}), searchPool] } }), values);
    expect(r.findings.filter((f) => f.field?.join('.') === 'kubernetes.nodePools.1.taints')).toEqual([]);
    expect(r.atMin.pools[1].nodeUsage.flatMap((n) => n.pods)).toEqual(['indexed-search-0']);
  });

  it('fires through the assessment too, where the OpenTelemetry collector shares the DaemonSet tolerations sg-replica adds', () => {
    const findings = assessDesign(awsDesign({ kubernetes: { nodePools: [pool({}), searchPool] } })).findings;
    expect(findings.filter((f) => f.field?.join('.') === 'kubernetes.nodePools.1.taints').map((f) => f.severity)).toEqual(['warning']);
  });

  it('is quiet for the example whose tainted search pool runs indexed search (globex-search)', () => {
    const design = loadDesign(path.join(__dirname, '..', '..', 'examples', 'designs', 'globex-search.yaml'));
    expect(assessDesign(design).findings.filter((f) => /tainted/.test(f.message))).toEqual([]);
  });

  it('ignores PreferNoSchedule (it only discourages) and untainted pools', () => {
    const soft = pool({ name: 'soft', taints: [{ ...SEARCH_TAINT, effect: 'PreferNoSchedule' }] });
    const r = simulateCapacity(awsDesign({ kubernetes: { nodePools: [pool({}), soft] } }), {});
    expect(r.findings.filter((f) => /tainted/.test(f.message))).toEqual([]);
  });
});

describe('a pod that fits nowhere because of a taint', () => {
  it('gets the toleration and nodeSelector as its remedy, not "larger or more nodes"', () => {
    const r = simulateCapacity(awsDesign({ kubernetes: { nodePools: [searchPool] } }), {});
    const error = r.findings.find((f) => f.severity === 'error' && f.message.startsWith('gitserver-0'))!;
    expect(error.message).toMatch(/taint dedicated=search:NoSchedule is not tolerated/);
    expect(error.remedy).toBe(
      'a toleration of the taint, and a nodeSelector for the pool: sourcegraph.values.gitserver.tolerations: [{key: dedicated, operator: Equal, value: search, effect: NoSchedule}] and nodeSelector: {workload: search} (docs/DESIGN-FILE.md, "Pinning services to a tainted pool"); or remove the taint',
    );
  });

  it('has no taint remedy when the pod is simply too big', () => {
    const r = simulateCapacity(awsDesign({ kubernetes: { nodePools: [pool({ machineType: 'm6a.large', minNodes: 1, maxNodes: 1 })] } }), {});
    expect(r.findings.filter((f) => f.severity === 'error').every((f) => f.remedy === undefined)).toBe(true);
  });
});
