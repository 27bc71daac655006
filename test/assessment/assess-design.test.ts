/** The assessment: values, capacity, cost and findings of a design, as validate, synth and report share them. */
import { assessDesign, CAPACITY_FIT_RULE, kubernetesVersionFindings } from '../../lib/assessment/assess-design';
import { simulateCapacity } from '../../lib/capacity/simulate-capacity';
import { estimateCost } from '../../lib/pricing/estimate-cost';
import { designHelmValues } from '../../lib/sourcegraph/design-values';
import { awsDesign } from '../support/design-fixture';

describe('assessDesign', () => {
  it('is the design’s values, the capacity simulated on them and the cost of both', () => {
    const design = awsDesign({ kubernetes: { version: '1.35' } });
    const assessment = assessDesign(design);
    expect(assessment.finalValues).toEqual(designHelmValues(design));
    expect(assessment.capacity).toEqual(simulateCapacity(design, assessment.finalValues));
    expect(assessment.cost).toEqual(estimateCost(design, assessment.capacity));
    expect(assessment.capacity.outcome).toBe('ok');
    expect(assessment.findings).toEqual(assessment.capacity.findings);
  });

  it('adds the codebase findings to the capacity findings, errors first', () => {
    const design = awsDesign({
      kubernetes: { nodePools: [{ ...awsDesign().kubernetes.nodePools[0], machineType: 'm6a.large', minNodes: 1, maxNodes: 1 }] },
      sourcegraph: { codebase: { repositories: 100, totalSizeGb: 1000, largestRepoGb: 50 }, values: { gitserver: { storageSize: '100Gi' } } },
    });
    const { findings, capacity } = assessDesign(design);
    const severities = findings.map((f) => f.severity);
    expect(severities).toEqual([...severities].sort((a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b)));
    expect(severities[0]).toBe('error');
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'warning', valuesKey: 'gitserver.storageSize', message: expect.stringMatching(/gitserver\.storageSize is 100 GiB per replica; the codebase needs 1300 GiB/) }));
    expect(findings.length).toBeGreaterThan(capacity.findings.length);
  });

  it('warns about a Kubernetes version in extended support, naming its check (no capacity-fit waiver covers it)', () => {
    const [finding, ...rest] = kubernetesVersionFindings(awsDesign({ kubernetes: { version: '1.33' } }));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning', field: ['kubernetes', 'version'], check: 'kubernetes-version' });
    expect(finding.message).toMatch(/^Kubernetes 1\.33 is in EKS extended support .*\$0\.60\/h instead of \$0\.10\/h/);
    expect(assessDesign(awsDesign({ kubernetes: { version: '1.33' } })).findings).toContainEqual(finding);
    expect(kubernetesVersionFindings(awsDesign({ kubernetes: { version: '1.35' } }))).toEqual([]);
  });

  it('names the waiver that lets a design that does not fit be synthesized', () => {
    expect(CAPACITY_FIT_RULE).toBe('capacity-fit');
  });
});
