import { assessDesign } from '../../lib/assessment/assess-design';
import { costFindings } from '../../lib/pricing/cost-findings';
import { estimateCost, pricedRegions } from '../../lib/pricing/estimate-cost';
import { simulateCapacity } from '../../lib/capacity/simulate-capacity';
import { awsDesign, gcpDesign } from '../support/design-fixture';

describe('costFindings', () => {
  it('warns at cloud.region when the region is not priced (eu-central-1 said "not priced" and nothing warned)', () => {
    const design = awsDesign({ cloud: { region: 'eu-central-1' } });
    const findings = costFindings(estimateCost(design, simulateCapacity(design, {})), pricedRegions('aws'));
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', check: 'cost', field: ['cloud', 'region'] })]);
    expect(findings[0].message).toMatch(/^region eu-central-1 is not in sg-replica's price table \(priced: us-east-1, us-east-2, us-west-2, eu-west-1\): the report has no cost estimate/);
  });

  it('warns on GCP too (europe-west4)', () => {
    const design = gcpDesign({ cloud: { region: 'europe-west4' } });
    expect(assessDesign(design).findings.filter((f) => f.check === 'cost').map((f) => f.field)).toEqual([['cloud', 'region']]);
  });

  it('warns when priced items are missing from the totals', () => {
    const design = awsDesign({ externalServices: { postgres: { instanceClass: 'db.x2g.large', storageGb: 100, highAvailability: false } } });
    const findings = costFindings(estimateCost(design, simulateCapacity(design, {})), pricedRegions('aws'));
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', field: ['externalServices'], message: expect.stringMatching(/left out of the estimate: RDS db\.x2g\.large: the totals are too low/) })]);
  });

  it('is quiet for a fully priced design', () => {
    const design = awsDesign();
    expect(costFindings(estimateCost(design, simulateCapacity(design, {})), pricedRegions('aws'))).toEqual([]);
  });
});
