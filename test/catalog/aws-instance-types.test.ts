import { awsInstanceArchitecture, awsInstanceType, awsInstanceTypeNames } from '../../lib/catalog/aws-instance-types';

describe('awsInstanceType', () => {
  test.each([
    // name, vCpu, memoryGiB, maxPods, architecture (max pods checked against eni-max-pods.txt)
    ['m6a.4xlarge', 16, 64, 234, 'x86_64'],
    ['m6a.large', 2, 8, 29, 'x86_64'],
    ['c6i.2xlarge', 8, 16, 58, 'x86_64'],
    ['r6i.xlarge', 4, 32, 58, 'x86_64'],
    ['m6g.4xlarge', 16, 64, 234, 'arm64'],
    ['t3.medium', 2, 4, 17, 'x86_64'],
    ['i3.xlarge', 4, 30.5, 58, 'x86_64'],
    ['i4i.xlarge', 4, 32, 58, 'x86_64'],
    ['i3en.xlarge', 4, 32, 58, 'x86_64'],
    ['c5n.9xlarge', 36, 96, 234, 'x86_64'],
    ['m7i.metal-48xl', 192, 768, 737, 'x86_64'],
    ['m6i.metal', 128, 512, 737, 'x86_64'],
  ] as const)('%s: %d vCPU, %d GiB, %d max pods, %s', (name, vCpu, memoryGiB, maxPods, architecture) => {
    expect(awsInstanceType(name)).toEqual({ name, vCpu, memoryGiB, maxPods, architecture, family: name.split('.')[0] });
  });

  test('knows the families Sourcegraph customers use for nodes', () => {
    const families = new Set(awsInstanceTypeNames().map((name) => name.split('.')[0]));
    for (const family of ['m5', 'm5a', 'm5d', 'm5n', 'm6a', 'm6i', 'm6id', 'm6in', 'm7a', 'm7i', 'm7i-flex', 'm6g', 'm6gd', 'm7g',
      'm7gd', 'm8g', 'c5', 'c5a', 'c5d', 'c5n', 'c6a', 'c6i', 'c6id', 'c6g', 'c6gn', 'c7a', 'c7i', 'c7g', 'c8g', 'r5', 'r5a', 'r5d',
      'r5n', 'r6a', 'r6i', 'r6id', 'r6g', 'r6gd', 'r7a', 'r7i', 'r7g', 'r8g', 'i3', 'i3en', 'i4i', 't3', 't3a']) {
      expect(families).toContain(family);
    }
  });

  test('memory per vCPU follows the family class', () => {
    const ratio = (name: string) => awsInstanceType(name)!.memoryGiB / awsInstanceType(name)!.vCpu;
    expect(ratio('m7i-flex.2xlarge')).toBe(4);
    expect(ratio('c7g.4xlarge')).toBe(2);
    expect(ratio('r8g.16xlarge')).toBe(8);
    expect(ratio('x2idn.16xlarge')).toBe(16);
  });

  test('is exact: unknown, misspelled and differently cased names are undefined', () => {
    expect(awsInstanceType('m6a.4xlage')).toBeUndefined();
    expect(awsInstanceType('M6A.4XLARGE')).toBeUndefined();
    expect(awsInstanceType('p5.48xlarge')).toBeUndefined(); // GPU families are not in the catalog
    expect(awsInstanceType('toString')).toBeUndefined();
  });

  test('returns frozen entries', () => {
    expect(Object.isFrozen(awsInstanceType('m6a.large'))).toBe(true);
  });
});

describe('awsInstanceTypeNames', () => {
  test('lists every catalog entry once, each with plausible values', () => {
    const names = awsInstanceTypeNames();
    expect(names.length).toBeGreaterThan(500);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      const type = awsInstanceType(name)!;
      expect(name.startsWith(`${type.family}.`)).toBe(true);
      expect(type.vCpu).toBeGreaterThanOrEqual(1);
      expect(type.memoryGiB).toBeGreaterThan(0);
      expect(type.maxPods).toBeGreaterThanOrEqual(4);
      expect(['x86_64', 'arm64']).toContain(type.architecture);
    }
  });
});

describe('awsInstanceArchitecture', () => {
  test.each([
    ['m7g.4xlarge', 'arm64'], // catalog
    ['m6a.4xlarge', 'x86_64'], // catalog
    ['t4g.large', 'arm64'], // catalog
    ['c7gn.16xlarge', 'arm64'], // not in the catalog: Graviton by name
    ['im4gn.large', 'arm64'],
    ['is4gen.xlarge', 'arm64'],
    ['g5g.xlarge', 'arm64'],
    ['g5.xlarge', 'x86_64'], // a GPU family, not Graviton
    ['p4d.24xlarge', 'x86_64'],
    ['m7i-flex.large', 'x86_64'],
  ] as const)('%s is %s', (name, architecture) => {
    expect(awsInstanceArchitecture(name)).toBe(architecture);
  });

  test('is undefined for what is not an instance type name', () => {
    expect(awsInstanceArchitecture('big')).toBeUndefined();
    expect(awsInstanceArchitecture('')).toBeUndefined();
  });
});
