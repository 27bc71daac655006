import 'cdktf/lib/testing/adapters/jest';
import { TerraformVariable, Testing } from 'cdktf';
import { parse } from 'yaml';
import { fromTerraformLiteral } from '../../lib/terraform/terraform-literal';
import { awsDesign } from '../support/design-fixture';
import { ReplicaNamespace } from '../../lib/kubernetes/namespace';
import { sourcegraphHelmValues } from '../../lib/sourcegraph/helm-values';
import { SourcegraphRelease, sourcegraphReleaseSettings } from '../../lib/kubernetes/sourcegraph-release';
import { Release } from '../../lib/providers/helm';

const values = sourcegraphHelmValues(awsDesign(), { storageClassName: 'sourcegraph', tags: { 'sg-replica': 'acme-prod' } });

function releaseOf(synth: string): any {
  const releases = JSON.parse(synth).resource.helm_release;
  return Object.values(releases)[0];
}

describe('SourcegraphRelease', () => {
  it('installs chart sourcegraph from the Sourcegraph repository, waiting up to 20 minutes, not atomic', () => {
    const synth = Testing.synthScope((scope) => {
      new SourcegraphRelease(scope, 'sourcegraph', { version: '7.6.0', namespace: 'sourcegraph', values });
    });
    expect(synth).toHaveResourceWithProperties(Release, {
      name: 'sourcegraph',
      repository: 'https://helm.sourcegraph.com/release',
      chart: 'sourcegraph',
      version: '7.6.0',
      namespace: 'sourcegraph',
      create_namespace: false,
      wait: true,
      timeout: 1200,
      atomic: false,
      cleanup_on_fail: false,
    });
  });

  it('passes the values as one YAML document that parses back to them, nulls included', () => {
    let release!: SourcegraphRelease;
    const synth = Testing.synthScope((scope) => {
      release = new SourcegraphRelease(scope, 'sourcegraph', { version: '6.12.5040', namespace: 'sourcegraph', values });
    });
    const rendered = releaseOf(synth).values;
    expect(rendered).toHaveLength(1);
    expect(parse(rendered[0])).toEqual(values);
    expect(parse(rendered[0]).frontend.ingress.annotations['kubernetes.io/ingress.class']).toBeNull();
    expect(release.values).toEqual(values);
    expect(release.values).not.toBe(values);
    expect(release.valuesYaml).toBe(rendered[0]);
  });

  it('passes user strings as literals, and only the reference paths as references', () => {
    const synth = Testing.synthScope((scope) => {
      const role = new TerraformVariable(scope, 'role', { type: 'string' });
      const withTokens = {
        worker: {
          env: { FROM_USER: { value: '${file("/etc/hostname")}' }, LOOKS_LIKE_A_TOKEN: { value: '${TfToken[TOKEN.1]}' } },
          serviceAccount: { create: true, annotations: { 'eks.amazonaws.com/role-arn': role.stringValue } },
        },
      };
      new SourcegraphRelease(scope, 'sourcegraph', {
        version: '7.6.0',
        namespace: 'sourcegraph',
        values: withTokens,
        referencePaths: [['worker', 'serviceAccount', 'annotations', 'eks.amazonaws.com/role-arn']],
      });
    });
    const [literal, references] = releaseOf(synth).values;
    expect(parse(fromTerraformLiteral(literal))).toEqual({
      worker: {
        env: { FROM_USER: { value: '${file("/etc/hostname")}' }, LOOKS_LIKE_A_TOKEN: { value: '${TfToken[TOKEN.1]}' } },
        serviceAccount: { create: true, annotations: {} },
      },
    });
    expect(literal).not.toContain('${file');
    expect(parse(references)).toEqual({ worker: { serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': '${var.role}' } } } });
  });

  it('depends on what it is given', () => {
    const synth = Testing.synthScope((scope) => {
      const ns = new ReplicaNamespace(scope, 'ns', { name: 'sourcegraph' });
      new SourcegraphRelease(scope, 'sourcegraph', { version: '7.6.0', namespace: ns.name, values, dependsOn: [ns.resource] });
    });
    expect(releaseOf(synth).depends_on).toEqual([expect.stringMatching(/^kubernetes_namespace_v1\./)]);
  });

  it('validates eagerly', () => {
    const make = (props: any) => () =>
      Testing.synthScope((scope) => new SourcegraphRelease(scope, 'r', { version: '7.6.0', namespace: 'sourcegraph', values, ...props }));
    expect(make({ version: 'latest' })).toThrow("chart version 'latest'");
    expect(make({ namespace: 'Source_graph' })).toThrow("'Source_graph' is not a valid namespace name");
    expect(make({ timeoutSeconds: 0 })).toThrow('timeoutSeconds must be a positive whole number, got 0');
    expect(make({ values: [] })).toThrow('values must be a map');
  });
});

describe('sourcegraphReleaseSettings (shared with KustomizeRelease)', () => {
  it('waits up to 20 minutes by default, is not atomic, keeps ten revisions', () => {
    expect(sourcegraphReleaseSettings('X', 'sourcegraph')).toEqual({ name: 'sourcegraph', createNamespace: false, wait: true, timeout: 1200, atomic: false, cleanupOnFail: false, maxHistory: 10 });
  });

  it('names the construct and the value it refuses', () => {
    expect(() => sourcegraphReleaseSettings('KustomizeRelease', 'Not_A_Label')).toThrow("KustomizeRelease: 'Not_A_Label' is not a valid Helm release name (DNS label, at most 53 chars)");
    expect(() => sourcegraphReleaseSettings('SourcegraphRelease', 'sourcegraph', 0)).toThrow('SourcegraphRelease: timeoutSeconds must be a positive whole number, got 0');
  });
});
