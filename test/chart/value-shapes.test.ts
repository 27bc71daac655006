import { shapeProblems } from '../../lib/chart/value-shapes';

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
