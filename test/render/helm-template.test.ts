import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmTemplate, HelmTemplateError, parseRenderedManifests } from '../../lib/render/helm-template';
import { locateTool } from '../../lib/render/tools';

const dir = mkdtempSync(join(tmpdir(), 'helm-template-'));

describe('parseRenderedManifests', () => {
  test('reads every document with its template, flattens Lists, drops empty documents', () => {
    const text = [
      '---',
      '# Source: c/templates/a.yaml',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: a}',
      '---',
      '# Source: c/templates/empty.yaml',
      '---',
      '# Source: c/templates/list.yaml',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - {apiVersion: networking.k8s.io/v1, kind: IngressClass, metadata: {name: alb}}',
      '  - {apiVersion: v1, kind: Secret, metadata: {name: s}}',
    ].join('\n');
    const parsed = parseRenderedManifests(text);
    expect(parsed.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/a', 'IngressClass/alb', 'Secret/s']);
    expect(parsed.sources.get('ConfigMap/a')).toBe('c/templates/a.yaml');
    expect(parsed.sources.get('IngressClass/alb')).toBe('c/templates/list.yaml');
  });
});

describe('helmTemplate', () => {
  const chart = join(dir, 'mini');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: mini\nversion: 0.1.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'replicas: 1\n');
  writeFileSync(
    join(chart, 'templates', 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n  namespace: {{ .Release.Namespace }}\ndata:\n  replicas: {{ .Values.replicas | quote }}\n  kube: {{ .Capabilities.KubeVersion.Version | quote }}\n{{- if .Values.fail }}{{ fail "told to fail" }}{{ end }}\n',
  );

  test('renders a chart with the real helm, the values on stdin, the namespace and the Kubernetes version', async () => {
    const helm = locateTool('helm').path;
    const { objects } = await helmTemplate({ helm, chartDir: chart, releaseName: 'r', namespace: 'ns', values: { replicas: 3 }, kubeVersion: '1.32' });
    expect(objects).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'r-cm', namespace: 'ns' }, data: { replicas: '3', kube: 'v1.32.0' } }]);
  });

  test("fails with helm's own message", async () => {
    const helm = locateTool('helm').path;
    await expect(helmTemplate({ helm, chartDir: chart, releaseName: 'r', namespace: 'ns', values: { fail: true } })).rejects.toThrow(HelmTemplateError);
    await expect(helmTemplate({ helm, chartDir: chart, releaseName: 'r', namespace: 'ns', values: { fail: true } })).rejects.toThrow(/told to fail/);
  });

  test("helm's warnings on stderr come back with the objects; output that is not YAML is a HelmTemplateError", async () => {
    const warn = join(dir, 'warning-helm');
    writeFileSync(warn, '#!/bin/sh\necho "coalesce.go:237: warning: skipped value for x: Not a table." >&2\nprintf "apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: a}\\n"\n');
    chmodSync(warn, 0o755);
    const parsed = await helmTemplate({ helm: warn, chartDir: chart, releaseName: 'r', namespace: 'ns', values: {} });
    expect(parsed.warnings).toEqual(['warning: skipped value for x: Not a table.']);
    expect(parsed.objects).toHaveLength(1);
    const bad = join(dir, 'bad-yaml-helm');
    writeFileSync(bad, '#!/bin/sh\nprintf "a: 1\\na: 2\\n"\n');
    chmodSync(bad, 0o755);
    await expect(helmTemplate({ helm: bad, chartDir: chart, releaseName: 'r', namespace: 'ns', values: {} })).rejects.toThrow(/rendered output that is not valid YAML: .*unique/);
  });

  test('a helm that exits non-zero is a HelmTemplateError with its stderr', async () => {
    const fake = join(dir, 'fake-helm');
    writeFileSync(fake, '#!/bin/sh\necho "Error: boom" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    await expect(helmTemplate({ helm: fake, chartDir: chart, releaseName: 'r', namespace: 'ns', values: {} })).rejects.toThrow(/helm template .*mini failed: Error: boom/);
  });
});
