import { gceIngressNames } from '../../lib/replica/gce-ingress-names';

describe('gceIngressNames', () => {
  it('derives every name from the replica name, within GCP\'s 63 characters', () => {
    expect(gceIngressNames('umbrella-gke')).toEqual({
      address: 'umbrella-gke-sourcegraph',
      certificate: 'umbrella-gke-sourcegraph',
      sslPolicy: 'umbrella-gke-sourcegraph-tls',
      securityPolicy: 'umbrella-gke-sourcegraph-clients',
    });
    for (const name of Object.values(gceIngressNames('a'.repeat(24)))) expect(name.length).toBeLessThanOrEqual(63);
  });

  it('refuses what is not a replica name', () => {
    expect(() => gceIngressNames('Umbrella')).toThrow('"Umbrella" is not a replica name');
    expect(() => gceIngressNames('a'.repeat(25))).toThrow('is not a replica name');
  });
});
