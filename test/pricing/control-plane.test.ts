import { kubernetesVersions } from '../../lib/catalog/kubernetes-versions';
import { CONTROL_PLANE_HOUR, controlPlaneCost } from '../../lib/pricing/control-plane';

describe('controlPlaneCost', () => {
  test('EKS in standard support costs $0.10/h and warns about nothing', () => {
    expect(controlPlaneCost('aws', '1.35')).toEqual({ status: 'standard', hourly: 0.1, standardHourly: 0.1 });
  });

  test('EKS in extended support costs $0.60/h, says since when, what it adds and what to choose', () => {
    const cost = controlPlaneCost('aws', '1.33');
    expect(cost).toMatchObject({ status: 'extended', hourly: 0.6, standardHourly: 0.1 });
    expect(cost.warning).toBe(
      'Kubernetes 1.33 is in EKS extended support (standard support ended 2026-07-29; extended support ends 2027-07-29): ' +
        'the control plane costs $0.60/h instead of $0.10/h (+$12.00/day). ' +
        'Unless production runs 1.33, use a version in standard support: 1.35 (until 2027-03-27) or later.',
    );
  });

  test('GKE extended support is priced too (no published dates in the catalog)', () => {
    const cost = controlPlaneCost('gcp', '1.32');
    expect(cost).toMatchObject({ status: 'extended', hourly: 0.6 });
    expect(cost.warning).toMatch(/^Kubernetes 1\.32 is in GKE extended support: the control plane costs \$0\.60\/h instead of \$0\.10\/h .* use a version in standard support: 1\.34 or later\.$/);
  });

  test('every catalog version has a price on both clouds', () => {
    for (const cloud of ['aws', 'gcp'] as const) {
      for (const v of kubernetesVersions(cloud)) expect(controlPlaneCost(cloud, v.version).hourly).toBe(CONTROL_PLANE_HOUR[cloud][v.status]);
    }
  });

  test('a version the catalog does not list is priced as standard (validation refuses it anyway)', () => {
    expect(controlPlaneCost('aws', '1.20')).toEqual({ status: 'standard', hourly: 0.1, standardHourly: 0.1 });
  });
});
