import { isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue, toLabelValue, validateLabels } from '../../lib/catalog/kubernetes-names';

describe('Kubernetes names and labels', () => {
  it('checks DNS labels and subdomains', () => {
    expect(isDnsLabel('sourcegraph')).toBe(true);
    expect(isDnsLabel('a'.repeat(64))).toBe(false);
    expect(isDnsLabel('Sourcegraph')).toBe(false);
    expect(isDnsLabel('-sg')).toBe(false);
    expect(isDnsSubdomain('ebs.csi.aws.com')).toBe(true);
    expect(isDnsSubdomain('a..b')).toBe(false);
  });

  it('checks label keys and values', () => {
    expect(isLabelKey('app.kubernetes.io/managed-by')).toBe(true);
    expect(isLabelKey('sg-replica')).toBe(true);
    expect(isLabelKey('Bad_Prefix/x')).toBe(false);
    expect(isLabelKey('x/')).toBe(false);
    expect(isLabelValue('')).toBe(true);
    expect(isLabelValue('jane.doe@example.com')).toBe(false);
    expect(isLabelValue('v'.repeat(64))).toBe(false);
  });

  it('turns free text into a valid label value', () => {
    expect(toLabelValue('jane.doe@example.com')).toBe('jane.doe_example.com');
    expect(toLabelValue('--Acme Corp--')).toBe('Acme_Corp');
    const long = toLabelValue(`${'a'.repeat(62)}.-b`);
    expect(isLabelValue(long)).toBe(true);
    expect(long).toBe('a'.repeat(62));
  });

  it('names the offending label', () => {
    expect(() => validateLabels({ owner: 'jane@example.com' }, "namespace 'sg' labels")).toThrow(
      "Invalid value 'jane@example.com' of label 'owner' in namespace 'sg' labels",
    );
    expect(() => validateLabels({ 'UPPER/x': 'y' }, 'labels')).toThrow("Invalid label key 'UPPER/x'");
  });
});
