import { validateKustomizeDesign } from '../../lib/kustomize/validate-kustomize';
import { awsDesign } from '../support/design-fixture';
import { loadKustomizeExample, writeOverlay } from '../support/kustomize';
import { withKustomize } from '../../lib/kustomize/kustomize-design';

describe('validateKustomizeDesign', () => {
  it('renders, checks and assesses an example design synchronously', () => {
    const v = validateKustomizeDesign(loadKustomizeExample('examples/designs/wonka-gke.yaml'));
    expect(v.setup).toBeUndefined();
    expect(v.overlayProblems.map((p) => p.severity)).toEqual(['warning']);
    expect(v.assessment!.capacity.outcome).toBe('ok');
  }, 60_000);

  it('returns the overlay problems, no assessment, when the overlay is refused', () => {
    const dir = writeOverlay({ 'kustomization.yaml': 'resources: [../../base/sourcegraph]\ncomponents: [../../components/remove/resources]\n' });
    const v = validateKustomizeDesign(withKustomize(awsDesign(), { path: 'o', resolvedPath: dir }, '7.2.1943'));
    expect(v.overlayProblems).toEqual([expect.objectContaining({ severity: 'error', line: 2, field: 'components[0]' })]);
    expect(v.assessment).toBeUndefined();
  });

  it('says what is missing when the release cannot be had, for the design file', () => {
    const dir = writeOverlay({ 'kustomization.yaml': 'resources: [../../base/sourcegraph]\n' });
    const v = validateKustomizeDesign(withKustomize(awsDesign(), { path: 'o', resolvedPath: dir }, '7.2.1943'), {
      env: { PATH: '' },
      releases: { referenceDir: '/no/reference', cacheDir: '/no/cache', git: false },
    });
    expect(v.setup).toEqual({ field: 'sourcegraph.version', message: expect.stringMatching(/^deploy-sourcegraph-k8s 7\.2\.1943 not found \(tried: SG_REPLICA_KUSTOMIZE_RELEASES not set; no \/no\/reference; no git binary to clone it with\)/) });
    expect(() => validateKustomizeDesign(awsDesign())).toThrow("validateKustomizeDesign: design 'acme-prod' deploys with helm");
  });
});
