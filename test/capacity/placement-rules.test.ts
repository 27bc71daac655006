import { blockingTaint, oncePerNode, placementVerdict, tolerates } from '../../lib/capacity/placement-rules';

const taint = { key: 'dedicated', value: 'search', effect: 'NoSchedule' as const };

describe('placement rules', () => {
  test('tolerations: Equal needs key and value, Exists the key, empty key Exists matches all', () => {
    expect(tolerates({ key: 'dedicated', operator: 'Equal', value: 'search', effect: 'NoSchedule' }, taint)).toBe(true);
    expect(tolerates({ key: 'dedicated', operator: 'Equal', value: 'other' }, taint)).toBe(false);
    expect(tolerates({ key: 'dedicated', operator: 'Exists' }, taint)).toBe(true);
    expect(tolerates({ operator: 'Exists' }, taint)).toBe(true);
    expect(tolerates({ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(false);
  });
  test('PreferNoSchedule never blocks', () => {
    expect(blockingTaint([], [{ key: 'a', value: '', effect: 'PreferNoSchedule' }])).toBeUndefined();
    expect(blockingTaint([], [taint])).toBe(taint);
  });
  test('nodeSelector, required node affinity and taints, with reasons', () => {
    const labels = { workload: 'search', 'kubernetes.io/arch': 'amd64' };
    expect(placementVerdict({ nodeSelector: { workload: 'general' }, tolerations: [] }, labels, [])).toMatch(/nodeSelector workload=general does not match \(node has workload=search\)/);
    const affinity = (operator: string, values?: string[]) => ({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'workload', operator, values }] }] } },
    });
    expect(placementVerdict({ nodeSelector: {}, tolerations: [], affinity: affinity('In', ['search']) }, labels, [])).toBeUndefined();
    expect(placementVerdict({ nodeSelector: {}, tolerations: [], affinity: affinity('NotIn', ['search']) }, labels, [])).toMatch(/required node affinity/);
    expect(placementVerdict({ nodeSelector: {}, tolerations: [], affinity: affinity('DoesNotExist') }, labels, [])).toMatch(/affinity/);
    expect(placementVerdict({ nodeSelector: {}, tolerations: [] }, labels, [taint])).toBe('taint dedicated=search:NoSchedule is not tolerated');
  });
  test('hostname anti-affinity reads as one pod per node', () => {
    expect(oncePerNode({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: {} }] } })).toBe(true);
    expect(oncePerNode({ podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone' }] } })).toBe(false);
    expect(oncePerNode(undefined)).toBe(false);
  });
});

describe('hostile placements (issue 17)', () => {
  const labels = { workload: 'search', 'kubernetes.io/hostname': 'n-0' };

  it('a nodeSelector key named like an Object.prototype member is a missing label, not a function', () => {
    expect(placementVerdict({ nodeSelector: { constructor: 'x' }, tolerations: [] }, labels, [])).toBe('nodeSelector constructor=x does not match (node has no label constructor)');
  });

  it('a matchExpressions entry Kubernetes would refuse (a map as key, maps as values) matches no node and never prints [object Object]', () => {
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: { toString: 1 }, operator: 'In', values: [{ a: 1 }] }] }],
        },
      },
    };
    const verdict = placementVerdict({ nodeSelector: {}, tolerations: [], affinity }, labels, []);
    expect(verdict).toBe('required node affinity does not match ((not a label key) is not a valid requirement)');
  });
});
