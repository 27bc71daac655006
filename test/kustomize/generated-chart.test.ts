import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { GENERATED_CHART_MANIFESTS, generatedChart, listChart, writeGeneratedChart } from '../../lib/kustomize/generated-chart';

const manifests = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: sourcegraph\ndata:\n  x: "{{ $labels.instance }}"\n';

describe('generatedChart', () => {
  it('is a chart of one template that emits the manifests file as it is, versioned by its content', () => {
    const chart = generatedChart(manifests, '7.2.1943');
    expect(Object.keys(chart.files).sort()).toEqual(['Chart.yaml', 'manifests/replica.yaml', 'templates/manifests.yaml', 'values.yaml']);
    expect(chart.files[GENERATED_CHART_MANIFESTS]).toBe(manifests);
    expect(parse(chart.files['Chart.yaml'])).toEqual({
      apiVersion: 'v2',
      name: 'sourcegraph-kustomize',
      description: 'Sourcegraph 7.2.1943 from deploy-sourcegraph-k8s, rendered by kubectl kustomize for an sg-replica replica',
      type: 'application',
      version: chart.version,
      appVersion: '7.2.1943',
    });
    expect(chart.version).toMatch(/^7\.2\.1943-sgr\.[0-9a-f]{12}$/);
    expect(generatedChart(manifests, 'v7.2.1943').version).toBe(chart.version);
    expect(generatedChart(`${manifests}# changed\n`, '7.2.1943').version).not.toBe(chart.version);
    expect(chart.files['templates/manifests.yaml']).toContain('.Files.Get "manifests/replica.yaml"');
  });

  it('refuses manifests with a placeholder it does not know', () => {
    expect(() => generatedChart('x: sg-replica-deploy-time-password\n', '7.2.1943')).toThrow('the manifests hold an unknown placeholder sg-replica-deploy-time-password');
  });

  it('writes the chart, replaces an earlier one, and never overwrites a directory it did not write', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'chart-')), 'chart');
    writeGeneratedChart(dir, generatedChart(manifests, '7.2.1943'));
    expect(listChart(dir)).toEqual(['Chart.yaml', 'manifests/replica.yaml', 'templates/manifests.yaml', 'values.yaml']);
    writeGeneratedChart(dir, generatedChart('apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n', '7.2.1943'));
    expect(readFileSync(join(dir, GENERATED_CHART_MANIFESTS), 'utf8')).toContain('name: b');
    const mine = join(mkdtempSync(join(tmpdir(), 'chart-')), 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'keep me');
    expect(() => writeGeneratedChart(mine, generatedChart(manifests, '7.2.1943'))).toThrow(/is not a chart sg-replica generated: not overwriting it/);
    expect(readFileSync(join(mine, 'notes.txt'), 'utf8')).toBe('keep me');
  });
});
