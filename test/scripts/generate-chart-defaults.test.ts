import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outputPath, renderChartDefaultsJson, sizingSubset } from '../../scripts/generate-chart-defaults';
import { referenceChartDir } from '../support/reference-data';

const SAMPLE = `
sourcegraph:
  image: {repository: index.docker.io/sourcegraph}
  nodeSelector: {}
  localDevMode: false
pgsql:
  enabled: true
  auth: {password: secret}
  resources: {requests: {cpu: "4"}}
  storageSize: 200Gi
openTelemetry:
  gateway:
    resources: {limits: {cpu: "3"}}
    config: {traces: {}}
  agent: {kind: DaemonSet, hostPorts: {grpcOtlp: 4317}}
`;

describe('generate-chart-defaults', () => {
  test('keeps sizing keys at any depth and drops images, credentials and config', () => {
    const doc = JSON.parse(renderChartDefaultsJson('9.9.9', SAMPLE));
    expect(doc.chartVersion).toBe('9.9.9');
    expect(doc.values).toEqual({
      sourcegraph: { nodeSelector: {}, localDevMode: false },
      pgsql: { enabled: true, resources: { requests: { cpu: '4' } }, storageSize: '200Gi' },
      openTelemetry: { gateway: { resources: { limits: { cpu: '3' } } }, agent: { kind: 'DaemonSet' } },
    });
  });
  test('drops maps with nothing to keep', () => {
    expect(sizingSubset({ a: { b: { c: 1 } } })).toEqual({});
  });
  test('refuses a values file that is not a map', () => {
    expect(() => renderChartDefaultsJson('1.0.0', '- a\n- b\n')).toThrow(/not a map/);
  });
  // The real charts (fails saying how to provide them when absent: test/support/reference-data.ts).
  test.each(['7.6.0', '6.12.5040'])('the committed JSON of %s is what the script generates from the chart\'s values.yaml', (version) => {
    const values = readFileSync(join(referenceChartDir('sourcegraph', version), 'values.yaml'), 'utf8');
    expect(readFileSync(outputPath(join(__dirname, '..', '..'), version), 'utf8')).toBe(renderChartDefaultsJson(version, values));
  });
});
