import { deploymentMethod, kustomizeSettings, withKustomize } from '../../lib/kustomize/kustomize-design';
import { awsDesign } from '../support/design-fixture';
import { loadKustomizeExample } from '../support/kustomize';

describe('kustomize designs', () => {
  it('Helm stays the default: an existing design is a Helm design with no Kustomize settings', () => {
    expect(deploymentMethod(awsDesign())).toBe('helm');
    expect(kustomizeSettings(awsDesign())).toBeUndefined();
  });

  it('a Kustomize design names its overlay and the release in sourcegraph.version', () => {
    const design = withKustomize(awsDesign(), { path: 'o', resolvedPath: '/abs/o' }, '7.2.1943');
    expect(deploymentMethod(design)).toBe('kustomize');
    expect(kustomizeSettings(design)).toEqual({ overlay: { path: 'o', resolvedPath: '/abs/o' }, release: '7.2.1943' });
    expect(() => kustomizeSettings({ ...design, sourcegraph: { ...design.sourcegraph, overlay: undefined } as never })).toThrow("design 'acme-prod' deploys with kustomize but names no overlay (sourcegraph.overlay)");
  });

  it("reads the example designs' Kustomize fields from the model", () => {
    const stark = loadKustomizeExample('examples/designs/stark-kustomize.yaml');
    expect(kustomizeSettings(stark)).toEqual({ overlay: { path: 'stark-kustomize-overlay', resolvedPath: expect.stringMatching(/examples\/designs\/stark-kustomize-overlay$/) }, release: '7.2.1943' });
    expect(stark.externalServices).toMatchObject({ postgres: { instanceClass: 'db.r6g.2xlarge' }, objectStorage: {} });
    expect(loadKustomizeExample('examples/designs/wonka-gke.yaml').kubernetes.nodePools[1].taints).toEqual([{ key: 'dedicated', value: 'search', effect: 'NoSchedule' }]);
  });
});

describe('uploadStoreServiceAccountsOf', () => {
  it("gives the bucket identity's trusted ServiceAccounts for either method, the same names", () => {
    const { uploadStoreServiceAccountsOf } = require('../../lib/kustomize/kustomize-design') as typeof import('../../lib/kustomize/kustomize-design');
    const helm = uploadStoreServiceAccountsOf(awsDesign());
    expect(helm).toEqual(['sourcegraph-frontend', 'worker', 'precise-code-intel-worker', 'syntactic-code-intel-worker', 'gitserver', 'searcher']);
    expect(uploadStoreServiceAccountsOf(withKustomize(awsDesign(), { path: 'o', resolvedPath: 'o' }, '7.2.1943'))).toEqual(helm);
  });
});
