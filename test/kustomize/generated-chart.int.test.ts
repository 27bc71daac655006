/**
 * The generated chart through the real `helm template` (helm 3.17, the line
 * the Terraform helm provider embeds): it installs exactly the replica's
 * manifests, `{{ }}` in them stays literal, the deploy-time values replace
 * the placeholders, and a placeholder left unset refuses the install.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generatedChart, writeGeneratedChart } from '../../lib/kustomize/generated-chart';
import { DEPLOY_TIME_PLACEHOLDERS } from '../../lib/kustomize/replica-layer';
import { parseRenderedManifests } from '../../lib/render/helm-template';
import { locateTool } from '../../lib/render/tools';

const run = promisify(execFile);
const helm = locateTool('helm').path;

const manifests = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: prometheus',
  '  namespace: sourcegraph',
  'data:',
  '  alerts.yml: |',
  '    summary: "{{ $labels.instance }} is down {{ if .Values }}x{{ end }}"',
  '---',
  'apiVersion: v1',
  'kind: ServiceAccount',
  'metadata:',
  '  annotations:',
  `    eks.amazonaws.com/role-arn: ${DEPLOY_TIME_PLACEHOLDERS.bucketIdentity}`,
  '  name: worker',
  '  namespace: sourcegraph',
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: worker',
  '  namespace: sourcegraph',
  'spec:',
  '  selector: {matchLabels: {app: worker}}',
  '  template:',
  '    metadata: {labels: {app: worker}}',
  '    spec:',
  '      containers:',
  '      - name: worker',
  '        image: w',
  '        env:',
  '        - name: PRECISE_CODE_INTEL_UPLOAD_BUCKET',
  `          value: ${DEPLOY_TIME_PLACEHOLDERS.bucket}`,
  '',
].join('\n');

async function template(values: string): Promise<{ stdout: string }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'gchart-')), 'chart');
  writeGeneratedChart(dir, generatedChart(manifests, '7.2.1943'));
  const file = join(dir, '..', 'values.yaml');
  writeFileSync(file, values);
  return run(helm, ['template', 'sourcegraph', dir, '--namespace', 'sourcegraph', '--values', file], { encoding: 'utf8' });
}

describe('the generated chart, rendered by helm', () => {
  it('installs the manifests as they are, placeholders replaced, templates in them left alone', async () => {
    const { stdout } = await template(`deployTime:\n  ${DEPLOY_TIME_PLACEHOLDERS.bucket}: acme-prod-uploads-1a2b\n  ${DEPLOY_TIME_PLACEHOLDERS.bucketIdentity}: arn:aws:iam::111122223333:role/acme-prod-blob\n`);
    const expected = parseRenderedManifests(
      manifests.split(DEPLOY_TIME_PLACEHOLDERS.bucketIdentity).join('arn:aws:iam::111122223333:role/acme-prod-blob').split(DEPLOY_TIME_PLACEHOLDERS.bucket).join('acme-prod-uploads-1a2b'),
    ).objects;
    const rendered = parseRenderedManifests(stdout).objects;
    const key = (o: { kind: string; metadata: { name: string } }) => `${o.kind}/${o.metadata.name}`;
    expect([...rendered].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...expected].sort((a, b) => key(a).localeCompare(key(b))));
    // Helm installs in its kind order: ServiceAccounts and ConfigMaps before the workloads that use them.
    expect(rendered.map(key)).toEqual(['ServiceAccount/worker', 'ConfigMap/prometheus', 'Deployment/worker']);
    expect(stdout).toContain('{{ $labels.instance }} is down {{ if .Values }}x{{ end }}');
    expect(stdout).not.toContain('sg-replica-deploy-time');
  }, 60_000);

  it('refuses to install while a placeholder has no value', async () => {
    await expect(template(`deployTime:\n  ${DEPLOY_TIME_PLACEHOLDERS.bucket}: acme-prod-uploads\n`)).rejects.toThrow(/sg-replica: the manifests still hold sg-replica-deploy-time-bucket-identity: pass its value in deployTime/);
  }, 60_000);
});
