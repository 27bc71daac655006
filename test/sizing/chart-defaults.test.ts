import { chartDefaults, chartDefaultsVersions } from '../../lib/sizing/chart-defaults';
import { SOURCEGRAPH_CHART_VERSIONS } from '../../lib/catalog/chart-versions';

describe('chartDefaults', () => {
  test('has data for every registered chart version, read on first use', () => {
    expect(chartDefaultsVersions()).toEqual(SOURCEGRAPH_CHART_VERSIONS);
    for (const version of chartDefaultsVersions()) expect(chartDefaults(version).frontend).toBeDefined();
  });
  test('holds the sizing keys of values.yaml and nothing secret', () => {
    const v = chartDefaults('7.6.0') as any;
    expect(v.gitserver).toEqual({ replicaCount: 1, resources: { limits: { cpu: '4', memory: '8G' }, requests: { cpu: '4', memory: '8G' } }, name: 'gitserver', storageSize: '200Gi' });
    expect(v.openTelemetry.agent.kind).toBe('DaemonSet');
    expect(v.pgsql.auth).toBeUndefined();
    expect(v.frontend.image).toBeUndefined();
    expect(v.symbols).toBeUndefined();
  });
  test('returns a copy', () => {
    (chartDefaults('7.6.0') as any).gitserver.replicaCount = 9;
    expect((chartDefaults('7.6.0') as any).gitserver.replicaCount).toBe(1);
  });
  test('names the unknown version and the known ones', () => {
    expect(() => chartDefaults('5.0.0')).toThrow(/5\.0\.0 \(known: 7\.6\.0, 6\.12\.5040\)/);
  });
});
