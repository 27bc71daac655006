/** The rules of sourcegraph.method: versions per method, and each method's own fields required or refused. */
import { checkMethodFields, checkMethodVersion } from '../../lib/design/method-rules';
import { formatFieldPath } from '../../lib/design/problems';
import { withKustomize } from '../../lib/kustomize/kustomize-design';
import { awsDesign } from '../support/design-fixture';

const all = () => true;
const kustomize = (version = '7.2.1943') => withKustomize(awsDesign(), { path: 'overlay', resolvedPath: '/d/overlay' }, version);
const summary = (problems: ReturnType<typeof checkMethodFields>) => problems.map((p) => [formatFieldPath(p.path), p.severity, p.message, p.got, p.allowed]);

describe('checkMethodVersion', () => {
  it("takes each method's own versions", () => {
    expect(checkMethodVersion(awsDesign(), all)).toEqual([]);
    expect(checkMethodVersion(kustomize(), all)).toEqual([]);
  });

  it('refuses a version the method has no data for, keeping the Helm message, and names the other method when the version is its', () => {
    expect(summary(checkMethodVersion(awsDesign({ sourcegraph: { version: '5.0.0' } }), all))).toEqual([
      ['sourcegraph.version', 'error', 'no chart data for this version (see docs/CHART-VERSIONS.md to add one)', '"5.0.0"', '7.6.0, 6.12.5040'],
    ]);
    expect(summary(checkMethodVersion(awsDesign({ sourcegraph: { version: '7.2.1943' } }), all))).toEqual([
      ['sourcegraph.version', 'error', 'no chart data for this version (see docs/CHART-VERSIONS.md to add one); 7.2.1943 is a deploy-sourcegraph-k8s release: method: kustomize?', '"7.2.1943"', '7.6.0, 6.12.5040'],
    ]);
    expect(summary(checkMethodVersion(kustomize('7.6.0'), all))).toEqual([
      [
        'sourcegraph.version',
        'error',
        'no data for this deploy-sourcegraph-k8s release (a release needs its facts in lib/kustomize/releases.ts); 7.6.0 is a chart version of sourcegraph/sourcegraph: method: helm?',
        '"7.6.0"',
        '7.2.1943',
      ],
    ]);
  });

  it('says nothing when the version or the method already failed the schema', () => {
    const none = (p: readonly (string | number)[]) => p.join('.') !== 'sourcegraph.version';
    expect(checkMethodVersion(awsDesign({ sourcegraph: { version: '5.0.0' } }), (...paths) => paths.every(none))).toEqual([]);
  });
});

describe('checkMethodFields', () => {
  const doc = (sourcegraph: Record<string, unknown>) => ({ sourcegraph: { version: '7.6.0', ...sourcegraph } });

  it('accepts a Helm design as every existing design is written (no method), and a Kustomize design with its overlay', () => {
    expect(checkMethodFields(doc({ overrides: ['a.yaml'], values: { x: 1 } }))).toEqual([]);
    expect(checkMethodFields(doc({ method: 'helm', overrides: [] }))).toEqual([]);
    expect(checkMethodFields(doc({ method: 'kustomize', overlay: 'o' }))).toEqual([]);
  });

  it('requires the overlay with kustomize, and refuses Helm override files and values with it, at their keys', () => {
    expect(summary(checkMethodFields(doc({ method: 'kustomize', overrides: ['a.yaml'], values: { frontend: {} } })))).toEqual([
      ['sourcegraph.overlay', 'error', 'required with method: kustomize', undefined, "the customer's overlay directory (with their kustomization.yaml), relative to the design file"],
      ['sourcegraph.overrides', 'error', "not used with method: kustomize: Helm override files do not apply to a Kustomize deployment: the customer's changes are in the overlay (sourcegraph.overlay)", undefined, undefined],
      ['sourcegraph.values', 'error', "not used with method: kustomize: Helm values do not apply to a Kustomize deployment: the customer's changes are in the overlay (sourcegraph.overlay)", undefined, undefined],
    ]);
    expect(checkMethodFields(doc({ method: 'kustomize', overrides: ['a.yaml'] })).every((p) => p.severity === 'error')).toBe(true);
    // Empty Helm fields say nothing: a Helm design turned into a Kustomize one may keep them.
    expect(checkMethodFields(doc({ method: 'kustomize', overlay: 'o', overrides: [], values: {} }))).toEqual([]);
  });

  it('refuses an overlay with helm, the default', () => {
    expect(summary(checkMethodFields(doc({ overlay: 'o' })))).toEqual([
      ['sourcegraph.overlay', 'error', 'not used with method: helm: a Kustomize overlay is only used with method: kustomize (Helm customers hand over override files: sourcegraph.overrides)', undefined, undefined],
    ]);
  });

  it('leaves an unknown method and a malformed section to the schema', () => {
    expect(checkMethodFields(doc({ method: 'kubectl', overlay: 'o' }))).toEqual([]);
    expect(checkMethodFields({ sourcegraph: 'x' })).toEqual([]);
    expect(checkMethodFields({})).toEqual([]);
  });
});
