/** A Kustomize design's assessment: the overlay rendered with kubectl and the capacity, cost and findings from its manifests. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assessDesign } from '../../lib/assessment/assess-design';
import { assessKustomizeDesignFile, checkKustomizeDesign } from '../../lib/assessment/kustomize-assessment';
import { withKustomize } from '../../lib/kustomize/kustomize-design';
import { awsDesign } from '../support/design-fixture';
import { loadKustomizeExample } from '../support/kustomize';

describe('the assessment of a Kustomize design', () => {
  const wonka = loadKustomizeExample('examples/designs/wonka-gke.yaml');

  it('is the Helm path’s shape, from the rendered manifests, with the render kept for synth, the report and verify', () => {
    const check = checkKustomizeDesign(wonka);
    expect(check.designProblems).toEqual([]);
    expect(check.overlayProblems.map((p) => `${p.severity} ${p.line}:${p.field}`)).toEqual(['warning 16:components[3]']);
    const a = check.assessment!;
    expect(a.finalValues).toEqual({});
    expect(a.capacity.outcome).toBe('ok');
    expect(a.kustomize!.replica!.objects.length).toBeGreaterThan(30);
    expect(a.capacity.workloads.find((w) => w.name === 'indexed-search')).toMatchObject({ key: 'indexedSearch' });
    // assessDesign dispatches on the method to the same result.
    expect(assessDesign(wonka).capacity.totals).toEqual(a.capacity.totals);
  }, 60_000);

  it('gives the overlay’s errors and no assessment when it does not render, and assessDesign says why', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-assess-'));
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: [../../base/sourcegraph]\ncomponents: [../../components/utils/multi-version-upgrade]\n');
    const design = withKustomize(awsDesign(), { path: 'o', resolvedPath: dir }, '7.2.1943');
    const check = checkKustomizeDesign(design);
    expect(check.assessment).toBeUndefined();
    expect(check.overlayProblems).toEqual([expect.objectContaining({ severity: 'error', line: 2, field: 'components[0]' })]);
    expect(() => assessKustomizeDesignFile(design)).toThrow(/^the Kustomize overlay of design 'acme-prod' does not render:\n.*kustomization\.yaml:2:\d+ components\[0\]: components\/utils\/multi-version-upgrade: scales every workload but the databases to zero/);
  });

  it('says at the design’s field why nothing could be rendered', () => {
    const before = process.env.SG_REPLICA_KUBECTL;
    process.env.SG_REPLICA_KUBECTL = '/no/such/kubectl';
    try {
      const check = checkKustomizeDesign(wonka);
      expect(check.assessment).toBeUndefined();
      expect(check.designProblems).toEqual([{ severity: 'error', path: ['sourcegraph', 'overlay'], message: expect.stringMatching(/^rendering the overlay needs kubectl with kustomize: SG_REPLICA_KUBECTL=\/no\/such\/kubectl/) }]);
    } finally {
      if (before === undefined) delete process.env.SG_REPLICA_KUBECTL;
      else process.env.SG_REPLICA_KUBECTL = before;
    }
  });
});
