import { SOURCEGRAPH_CHART_VERSIONS } from '../../lib/catalog/chart-versions';
import { KUSTOMIZE_RELEASE_VERSIONS } from '../../lib/catalog/kustomize-releases';
import { DEPLOYMENT_METHOD_NAMES, DEPLOYMENT_METHODS } from '../../lib/design/deployment-methods';
import { designSchema } from '../../lib/design/design-schema';

describe('DEPLOYMENT_METHODS', () => {
  it('has Helm first (the default) and Kustomize, each naming itself', () => {
    expect(DEPLOYMENT_METHOD_NAMES).toEqual(['helm', 'kustomize']);
    for (const m of DEPLOYMENT_METHOD_NAMES) expect(DEPLOYMENT_METHODS[m].method).toBe(m);
    const sg = designSchema.properties.sourcegraph;
    expect(sg.kind === 'object' && sg.properties.method).toMatchObject({ enum: ['helm', 'kustomize'], default: 'helm' });
  });

  it("reads each method's versions from its catalog", () => {
    expect(DEPLOYMENT_METHODS.helm.versions).toBe(SOURCEGRAPH_CHART_VERSIONS);
    expect(DEPLOYMENT_METHODS.kustomize.versions).toBe(KUSTOMIZE_RELEASE_VERSIONS);
  });

  it('names the release as the CLI and the report print it', () => {
    expect(DEPLOYMENT_METHODS.helm.release('7.6.0')).toBe('chart sourcegraph 7.6.0');
    expect(DEPLOYMENT_METHODS.kustomize.release('7.2.1943')).toBe('deploy-sourcegraph-k8s 7.2.1943 (Kustomize)');
  });

  it('gives each method-only field to exactly one method: required there, refused with the other', () => {
    const owners = new Map<string, string[]>();
    for (const m of DEPLOYMENT_METHOD_NAMES) {
      for (const f of Object.keys(DEPLOYMENT_METHODS[m].refuses)) owners.set(f, [...(owners.get(f) ?? []), m]);
    }
    expect(Object.fromEntries(owners)).toEqual({ overlay: ['helm'], overrides: ['kustomize'], values: ['kustomize'] });
    expect(DEPLOYMENT_METHODS.kustomize.requires).toEqual(['overlay']);
    expect(DEPLOYMENT_METHODS.helm.helmValues && !DEPLOYMENT_METHODS.kustomize.helmValues).toBe(true);
  });
});
