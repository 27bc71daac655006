import { shapeProblems } from '../../lib/chart/value-shapes';
import { SIMULATION_LIMITS } from '../../lib/design/input-limits';

const messages = (value: unknown, shape: Parameters<typeof shapeProblems>[1]) => shapeProblems(value, shape, ['k'], '7.6.0').map((p) => p.message);

describe('shapeProblems', () => {
  test('null removes a default and anything goes for shape 0', () => {
    expect(messages(null, 'l')).toEqual([]);
    expect(messages({ a: 1 }, 0)).toEqual([]);
  });

  test('maps, lists and scalars', () => {
    expect(messages(['a'], 1)).toEqual(['chart 7.6.0 expects a map here (key: value pairs)']);
    expect(messages({}, 'l')).toEqual(['chart 7.6.0 expects a list here (- item)']);
    expect(messages([1], 's')).toEqual(['chart 7.6.0 expects a single value here (a string, number or boolean)']);
    expect(messages(true, 's')).toEqual([]);
  });

  test('storage sizes need a unit', () => {
    expect(messages('500Gi', 'q')).toEqual([]);
    expect(messages('1.5T', 'q')).toEqual([]);
    expect(messages('500', 'q')).toEqual(['a storage size needs a unit: 500 means 500 bytes (allowed: e.g. 500Gi, 500Mi)']);
    expect(messages('lots', 'q')).toEqual(['a storage size is not a Kubernetes quantity with a unit (allowed: e.g. 500Gi, 512Mi, 8G)']);
  });

  test('env entries, YAML merge keys applied', () => {
    expect(messages({ '<<': { A: { value: 'x' } }, B: { valueFrom: { secretKeyRef: { name: 's', key: 'k' } } } }, 'e')).toEqual([]);
    expect(messages({ A: { value: 'x', valueFrom: {} } }, 'e')).toEqual(['an env entry has either value or valueFrom, not both']);
    expect(messages({ A: {} }, 'e')).toEqual(['an env entry needs value or valueFrom']);
    expect(messages({ A: { value: 3 } }, 'e')).toEqual(['env values are strings: quote it (allowed: "3")']);
  });

  test('resources: limits and requests of quantities', () => {
    expect(messages({ limits: { cpu: '500m', memory: '1Gi', 'nvidia.com/gpu': 1 }, requests: { cpu: 0.5 } }, 'r')).toEqual([]);
    expect(messages({ limit: { cpu: 1 } }, 'r')).toEqual(['resources has limits and requests (and claims), not limit']);
    expect(messages({ limits: { cpu: 'two' } }, 'r')).toEqual(['cpu is a number of cores or millicores (allowed: e.g. 2, 0.5, 500m)']);
    expect(messages({ limits: { memory: '512m' } }, 'r')).toEqual(['memory is not a Kubernetes quantity with a unit (allowed: e.g. 500Gi, 512Mi, 8G)']);
  });
});

describe('values Kubernetes reads as strings, and replica counts (issue 17)', () => {
  const at = (value: unknown, key: string, shape: Parameters<typeof shapeProblems>[1]) => shapeProblems(value, shape, ['frontend', key], '7.6.0').map((p) => [p.path.join('.'), p.message]);

  it('nodeSelector, labels and annotations values are strings: a map, a list, a number or a boolean is an error at the entry', () => {
    expect(at({ workload: { a: 1 }, tier: ['x'], zone: 'a', count: 5, on: true }, 'nodeSelector', 1)).toEqual([
      ['frontend.nodeSelector.workload', 'nodeSelector values are strings in Kubernetes, not a map'],
      ['frontend.nodeSelector.tier', 'nodeSelector values are strings in Kubernetes, not a list'],
      ['frontend.nodeSelector.count', 'nodeSelector values are strings in Kubernetes: quote it (allowed: "5")'],
      ['frontend.nodeSelector.on', 'nodeSelector values are strings in Kubernetes: quote it (allowed: "true")'],
    ]);
    expect(at({ 'example.com/x': { toString: 1 } }, 'annotations', 1)).toEqual([['frontend.annotations.example.com/x', 'annotations values are strings in Kubernetes, not a map']]);
    expect(at({ a: null }, 'labels', 1)).toEqual([]);
  });

  it('replicaCount is a whole number up to the simulation limit', () => {
    expect(at(3, 'replicaCount', 's')).toEqual([]);
    expect(at('3', 'replicaCount', 's')).toEqual([]);
    expect(at(2147483648, 'replicaCount', 's')).toEqual([['frontend.replicaCount', `more replicas than sg-replica simulates (at most ${SIMULATION_LIMITS.replicasPerWorkload} per workload)`]]);
    expect(at(1e308, 'replicaCount', 's')).toEqual([['frontend.replicaCount', expect.stringMatching(/more replicas than/)]]);
    expect(at(-1, 'replicaCount', 's')).toEqual([['frontend.replicaCount', 'a replica count is a whole number, 0 or more']]);
    expect(at(1.5, 'replicaCount', 's')).toEqual([['frontend.replicaCount', 'a replica count is a whole number, 0 or more']]);
  });
});
