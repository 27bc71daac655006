import { checkSchema } from '../../lib/render/check-schema';
import { RenderedObject } from '../../lib/render/helm-template';

const deployment = (env: unknown[]): RenderedObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'x', env }] } } },
});

describe('checkSchema', () => {
  test('a valid object passes', () => {
    expect(checkSchema([deployment([{ name: 'A', value: 'false' }])], '1.33')).toEqual([]);
  });

  test('an env value that is not a string is invalid, with the field path', () => {
    const [f] = checkSchema([deployment([{ name: 'A', value: false }])], '1.33');
    expect(f).toEqual({ severity: 'error', check: 'schema', object: 'Deployment/web', message: 'invalid for Kubernetes 1.33: spec.template.spec.containers.0.env.0.value must be string' });
  });

  test('a missing required field is invalid', () => {
    const bad = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: {} } } as RenderedObject;
    expect(checkSchema([bad], '1.33')[0].message).toBe('invalid for Kubernetes 1.33: spec must have required property selector');
  });

  test('an API version the design\'s Kubernetes no longer serves is an error', () => {
    const psp = { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', metadata: { name: 'p' }, spec: {} } as RenderedObject;
    expect(checkSchema([psp], '1.32')).toEqual([
      expect.objectContaining({ severity: 'error', object: 'PodSecurityPolicy/p', message: expect.stringMatching(/removed in Kubernetes 1\.25; the replica runs 1\.32/) }),
    ]);
  });

  test('custom resources are reported once per kind as not checked', () => {
    const crd = (name: string) => ({ apiVersion: 'cloud.google.com/v1', kind: 'BackendConfig', metadata: { name }, spec: {} }) as RenderedObject;
    expect(checkSchema([crd('a'), crd('b')], '1.33')).toEqual([
      { severity: 'info', check: 'schema', object: 'BackendConfig/a,b', message: 'cloud.google.com/v1 BackendConfig has no schema in kubernetes-models (a custom resource): not schema-checked' },
    ]);
  });
});
