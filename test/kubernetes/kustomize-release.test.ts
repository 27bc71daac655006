import 'cdktf/lib/testing/adapters/jest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import { parse } from 'yaml';
import { KustomizeRelease, KustomizeReleaseProps } from '../../lib/kubernetes/kustomize-release';
import { DEPLOY_TIME_PLACEHOLDERS } from '../../lib/kustomize/replica-layer';
import { ReplicaNamespace } from '../../lib/kubernetes/namespace';
import { HelmProvider, Release } from '../../lib/providers/helm';

const manifests = [
  'apiVersion: v1',
  'kind: ServiceAccount',
  'metadata:',
  '  annotations:',
  `    eks.amazonaws.com/role-arn: ${DEPLOY_TIME_PLACEHOLDERS.bucketIdentity}`,
  '  name: worker',
  '  namespace: sourcegraph',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: env',
  '  namespace: sourcegraph',
  'data:',
  `  BUCKET: ${DEPLOY_TIME_PLACEHOLDERS.bucket}`,
  '',
].join('\n');
const chartDir = () => join(mkdtempSync(join(tmpdir(), 'krel-')), 'chart');
const props = (extra: Partial<KustomizeReleaseProps> = {}): KustomizeReleaseProps => ({
  manifests,
  releaseVersion: '7.2.1943',
  namespace: 'sourcegraph',
  chartDir: chartDir(),
  deployTime: { bucketName: '${aws_s3_bucket.uploads.bucket}', bucketIdentity: '${aws_iam_role.blob.arn}' },
  ...extra,
});

function releaseOf(synth: string): any {
  return Object.values(JSON.parse(synth).resource.helm_release)[0];
}

describe('KustomizeRelease', () => {
  it('installs the generated chart from the stack\'s assets like the Helm release: wait, 20 minutes, not atomic', () => {
    let release!: KustomizeRelease;
    const synth = Testing.synthScope((scope) => {
      release = new KustomizeRelease(scope, 'sourcegraph', props());
    });
    expect(synth).toHaveResourceWithProperties(Release, {
      name: 'sourcegraph',
      version: release.chartVersion,
      namespace: 'sourcegraph',
      create_namespace: false,
      wait: true,
      timeout: 1200,
      atomic: false,
      cleanup_on_fail: false,
      max_history: 10,
    });
    const r = releaseOf(synth);
    expect(r.repository).toBeUndefined();
    expect(r.chart).toMatch(/^assets\/[^/]+\/[0-9A-F]+$/i);
    expect(release.chartVersion).toMatch(/^7\.2\.1943-sgr\.[0-9a-f]{12}$/);
    expect(parse(r.values[0])).toEqual({ deployTime: { [DEPLOY_TIME_PLACEHOLDERS.bucket]: '${aws_s3_bucket.uploads.bucket}', [DEPLOY_TIME_PLACEHOLDERS.bucketIdentity]: '${aws_iam_role.blob.arn}' } });
  });

  it('copies the chart into the synthesized stack, where Terraform runs', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'acme-prod-sourcegraph');
    new HelmProvider(stack, 'helm', {});
    const release = new KustomizeRelease(stack, 'sourcegraph', props());
    const out = Testing.fullSynth(stack);
    const dir = join(out, 'stacks', 'acme-prod-sourcegraph', release.chart.path);
    expect(existsSync(join(dir, 'templates', 'manifests.yaml'))).toBe(true);
    expect(readFileSync(join(dir, 'manifests', 'replica.yaml'), 'utf8')).toBe(manifests);
    expect(parse(readFileSync(join(dir, 'Chart.yaml'), 'utf8')).version).toBe(release.chartVersion);
  });

  it('depends on what it is given', () => {
    const synth = Testing.synthScope((scope) => {
      const ns = new ReplicaNamespace(scope, 'ns', { name: 'sourcegraph' });
      new KustomizeRelease(scope, 'sourcegraph', props({ dependsOn: [ns.resource] }));
    });
    expect(releaseOf(synth).depends_on).toEqual([expect.stringMatching(/^kubernetes_namespace_v1\./)]);
  });

  it('validates eagerly: names, timeout, a placeholder without its value, objects in another namespace', () => {
    const make = (extra: Partial<KustomizeReleaseProps>) => () => Testing.synthScope((scope) => new KustomizeRelease(scope, 'r', props(extra)));
    expect(make({ namespace: 'Not_A_Name' })).toThrow("KustomizeRelease: 'Not_A_Name' is not a valid namespace name");
    expect(make({ releaseName: 'x'.repeat(54) })).toThrow('is not a valid Helm release name');
    expect(make({ timeoutSeconds: 0 })).toThrow('KustomizeRelease: timeoutSeconds must be a positive whole number, got 0');
    expect(make({ deployTime: { bucketName: 'b' } })).toThrow('KustomizeRelease: the manifests use sg-replica-deploy-time-bucket-identity but deployTime gives no bucketIdentity');
    expect(make({ namespace: 'other' })).toThrow('KustomizeRelease: the manifests put objects in namespace sourcegraph, not other');
    expect(make({ manifests: '' })).toThrow('KustomizeRelease: the manifests hold no object');
  });
});
