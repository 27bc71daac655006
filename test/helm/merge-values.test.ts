import { parse } from 'yaml';
import { cloneValues, isValuesMap, mergeValues, renderValuesYaml } from '../../lib/helm/merge-values';

describe('mergeValues', () => {
  it('deep-merges maps, later layers winning, keeping first-seen key order', () => {
    const merged = mergeValues(
      { frontend: { replicaCount: 1, env: { A: { value: 'a' } } }, gitserver: { storageSize: '200Gi' } },
      { frontend: { env: { B: { value: 'b' } }, replicaCount: 2 } },
      { searcher: { replicaCount: 3 } },
    );
    expect(merged).toEqual({
      frontend: { replicaCount: 2, env: { A: { value: 'a' }, B: { value: 'b' } } },
      gitserver: { storageSize: '200Gi' },
      searcher: { replicaCount: 3 },
    });
    expect(Object.keys(merged)).toEqual(['frontend', 'gitserver', 'searcher']);
  });

  it('replaces lists instead of merging them', () => {
    const merged = mergeValues({ extraResources: [{ kind: 'A' }, { kind: 'B' }] }, { extraResources: [{ kind: 'C' }] });
    expect(merged.extraResources).toEqual([{ kind: 'C' }]);
  });

  it('replaces scalars, and maps replace scalars and the other way round', () => {
    const merged = mergeValues({ a: 1, b: 'x', c: { d: 1 } }, { a: 2, b: { nested: true }, c: 'flat' });
    expect(merged).toEqual({ a: 2, b: { nested: true }, c: 'flat' });
  });

  it('keeps a null from a layer so Helm deletes the chart default', () => {
    const merged = mergeValues(
      { frontend: { ingress: { annotations: { 'kubernetes.io/ingress.class': 'nginx', keep: 'yes' } } } },
      { frontend: { ingress: { annotations: { 'kubernetes.io/ingress.class': null } } } },
    );
    expect(merged).toEqual({ frontend: { ingress: { annotations: { 'kubernetes.io/ingress.class': null, keep: 'yes' } } } });
    expect(Object.prototype.hasOwnProperty.call((merged.frontend as any).ingress.annotations, 'kubernetes.io/ingress.class')).toBe(true);
  });

  it('a null replaces a whole map, and a later map replaces the null', () => {
    expect(mergeValues({ a: { b: 1 } }, { a: null })).toEqual({ a: null });
    expect(mergeValues({ a: { b: 1 } }, { a: null }, { a: { c: 2 } })).toEqual({ a: { c: 2 } });
  });

  it('ignores undefined (not a YAML value) in layers', () => {
    expect(mergeValues({ a: 1 }, { a: undefined, b: 2 })).toEqual({ a: 1, b: 2 });
  });

  it('never mutates its inputs, and shares no map or list with them', () => {
    const base = { frontend: { env: { A: { value: 'a' } } }, list: [{ x: 1 }] };
    const layer = { frontend: { env: { B: { value: 'b' } } }, other: { list: [1, 2] } };
    const baseCopy = JSON.parse(JSON.stringify(base));
    const layerCopy = JSON.parse(JSON.stringify(layer));
    const merged = mergeValues(base, layer) as any;
    expect(base).toEqual(baseCopy);
    expect(layer).toEqual(layerCopy);
    merged.frontend.env.C = { value: 'c' };
    merged.list[0].x = 99;
    merged.other.list.push(3);
    expect(base).toEqual(baseCopy);
    expect(layer).toEqual(layerCopy);
  });

  it('returns a copy of base with no layers', () => {
    const base = { a: { b: [1] } };
    const merged = mergeValues(base);
    expect(merged).toEqual(base);
    expect(merged.a).not.toBe(base.a);
  });

  it('treats __proto__ as an ordinary key', () => {
    const layer = parse('__proto__:\n  polluted: true\n');
    const merged = mergeValues({}, layer);
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(['__proto__']);
  });

  it('refuses layers that are not maps, naming which', () => {
    expect(() => mergeValues({}, [] as any)).toThrow('layer 1 must be a map of Helm values, got a list');
    expect(() => mergeValues({}, {}, null as any)).toThrow('layer 2 must be a map of Helm values, got null');
    expect(() => mergeValues('x' as any)).toThrow('the base must be a map');
  });
});

describe('isValuesMap / cloneValues', () => {
  it('recognises only plain maps', () => {
    expect(isValuesMap({})).toBe(true);
    expect(isValuesMap(Object.create(null))).toBe(true);
    expect(isValuesMap([])).toBe(false);
    expect(isValuesMap(null)).toBe(false);
    expect(isValuesMap('a')).toBe(false);
    expect(isValuesMap(new Date())).toBe(false);
  });

  it('deep-copies maps and lists', () => {
    const original = { a: [{ b: 1 }] };
    const copy = cloneValues(original);
    expect(copy).toEqual(original);
    expect(copy.a).not.toBe(original.a);
    expect(copy.a[0]).not.toBe(original.a[0]);
  });
});

describe('renderValuesYaml', () => {
  const values = {
    storageClass: { create: false, name: 'sourcegraph' },
    frontend: {
      ingress: {
        annotations: {
          'kubernetes.io/ingress.class': null,
          'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
          'nginx.ingress.kubernetes.io/proxy-read-timeout': '600',
          long: 'x'.repeat(300),
        },
      },
    },
  };

  it('round-trips through a YAML parser, nulls and string numbers included', () => {
    expect(parse(renderValuesYaml(values))).toEqual(values);
  });

  it('writes null explicitly, keeps insertion order and does not fold long lines', () => {
    const yaml = renderValuesYaml(values);
    expect(yaml).toContain('kubernetes.io/ingress.class: null');
    expect(yaml.indexOf('storageClass')).toBeLessThan(yaml.indexOf('frontend'));
    expect(yaml).toContain(`long: ${'x'.repeat(300)}\n`);
  });

  it('is deterministic and writes shared objects out instead of using aliases', () => {
    const shared = { value: 'json_gcp' };
    const withShared = { frontend: { env: { SRC_LOG_FORMAT: shared } }, worker: { env: { SRC_LOG_FORMAT: shared } } };
    const yaml = renderValuesYaml(withShared);
    expect(yaml).toBe(renderValuesYaml(JSON.parse(JSON.stringify(withShared))));
    expect(yaml).not.toMatch(/[&*]a\d/);
  });
});
