import { CATALOG_DATE, kubernetesVersionSupport, kubernetesVersions, recommendedKubernetesVersion } from '../../lib/catalog/kubernetes-versions';

describe('kubernetesVersions', () => {
  test.each(['aws', 'gcp'] as const)('%s: extended versions come before standard ones, oldest first', (cloud) => {
    const versions = kubernetesVersions(cloud);
    expect(versions.length).toBeGreaterThanOrEqual(3);
    const minors = versions.map((entry) => Number(entry.version.split('.')[1]));
    expect(minors).toEqual([...minors].sort((a, b) => a - b));
    const firstStandard = versions.findIndex((entry) => entry.status === 'standard');
    expect(firstStandard).toBeGreaterThanOrEqual(0);
    expect(versions.slice(firstStandard).every((entry) => entry.status === 'standard')).toBe(true);
  });

  test('EKS dates agree with the statuses on the catalog date', () => {
    for (const entry of kubernetesVersions('aws')) {
      if (entry.endOfSupport) expect(entry.endOfSupport > CATALOG_DATE).toBe(true);
      if (entry.endOfStandardSupport) expect(entry.status).toBe(entry.endOfStandardSupport < CATALOG_DATE ? 'extended' : 'standard');
    }
  });
});

describe('kubernetesVersionSupport', () => {
  test('a standard version is supported', () => {
    expect(kubernetesVersionSupport('aws', '1.34')).toEqual({ supported: true, status: 'standard', allowed: ['1.32', '1.33', '1.34', '1.35', '1.36'] });
  });

  test('an extended version is supported with status extended', () => {
    expect(kubernetesVersionSupport('aws', '1.32')).toMatchObject({ supported: true, status: 'extended' });
    expect(kubernetesVersionSupport('gcp', '1.33')).toMatchObject({ supported: true, status: 'extended' });
  });

  test('an old version is no longer supported, naming the service and the allowed versions', () => {
    const result = kubernetesVersionSupport('aws', '1.31');
    expect(result.supported).toBe(false);
    expect(result.status).toBeUndefined();
    expect(result.reason).toMatch(/^Kubernetes 1\.31 is no longer supported on EKS \(as of 2026-11-27\); supported: 1\.32, 1\.33/);
  });

  test('a future version is not yet supported', () => {
    expect(kubernetesVersionSupport('gcp', '1.40').reason).toMatch(/^Kubernetes 1\.40 is not yet supported on GKE/);
    expect(kubernetesVersionSupport('aws', '2.0').reason).toMatch(/not yet supported/);
  });

  test('compares numerically, not as text', () => {
    expect(kubernetesVersionSupport('aws', '1.4').reason).toMatch(/no longer supported/);
    expect(kubernetesVersionSupport('aws', '1.100').reason).toMatch(/not yet supported/);
  });

  test.each(['1.33.2', 'v1.33', '1', '', 'latest'])('%j is not a minor version', (version) => {
    const result = kubernetesVersionSupport('aws', version);
    expect(result.supported).toBe(false);
    expect(result.reason).toMatch(/is not a Kubernetes minor version like "1\.33"/);
    expect(result.allowed.length).toBeGreaterThan(0);
  });
});

describe('recommendedKubernetesVersion', () => {
  test('EKS: the oldest version in standard support for 90 more days (1.34 leaves it on 2026-12-02)', () => {
    expect(recommendedKubernetesVersion('aws')).toBe('1.35');
    expect(kubernetesVersionSupport('aws', recommendedKubernetesVersion('aws')).status).toBe('standard');
  });

  test('GKE: the oldest version in standard support (no published dates)', () => {
    expect(recommendedKubernetesVersion('gcp')).toBe('1.34');
  });
});
