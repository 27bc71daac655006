import { dependentKeyProblems } from '../../lib/chart/dependent-keys';

describe('dependentKeyProblems', () => {
  test('sourcegraph.image.defaultTag without useGlobalTagAsDefault does nothing: an error', () => {
    const layer = { sourcegraph: { image: { defaultTag: '7.6.0' } } };
    expect(dependentKeyProblems(layer, layer)).toEqual([
      {
        severity: 'error',
        path: ['sourcegraph', 'image', 'defaultTag'],
        message: "does nothing unless sourcegraph.image.useGlobalTagAsDefault is set (then it replaces every service's default image tag)",
        got: '"7.6.0"',
      },
    ]);
  });

  test('with useGlobalTagAsDefault: true in any layer, it is fine', () => {
    const layer = { sourcegraph: { image: { defaultTag: '7.6.0' } } };
    expect(dependentKeyProblems(layer, { sourcegraph: { image: { defaultTag: '7.6.0', useGlobalTagAsDefault: true } } })).toEqual([]);
    expect(dependentKeyProblems({}, {})).toEqual([]);
  });

  test('the collector processors do nothing without exporters', () => {
    const layer = { openTelemetry: { gateway: { config: { traces: { processors: { batch: {} } } } } } };
    expect(dependentKeyProblems(layer, layer).map((p) => p.path.join('.'))).toEqual(['openTelemetry.gateway.config.traces.processors']);
    const withExporters = { openTelemetry: { gateway: { config: { traces: { processors: { batch: {} }, exporters: { otlp: { endpoint: 'x:4317' } } } } } } };
    expect(dependentKeyProblems(layer, withExporters)).toEqual([]);
  });
});
