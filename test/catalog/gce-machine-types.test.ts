import { GKE_DEFAULT_MAX_PODS_PER_NODE, gceMachineType, gceMachineTypeNames } from '../../lib/catalog/gce-machine-types';

describe('gceMachineType', () => {
  test.each([
    ['n2-standard-8', 8, 32, 'x86_64'],
    ['n2-highmem-16', 16, 128, 'x86_64'],
    ['n2-highcpu-32', 32, 32, 'x86_64'],
    ['n2-highmem-128', 128, 864, 'x86_64'],
    ['n2d-standard-224', 224, 896, 'x86_64'],
    ['n1-standard-4', 4, 15, 'x86_64'],
    ['n1-standard-1', 1, 3.75, 'x86_64'],
    ['n1-highcpu-96', 96, 86.4, 'x86_64'],
    ['e2-standard-4', 4, 16, 'x86_64'],
    ['c3-standard-22', 22, 88, 'x86_64'],
    ['c3-highcpu-8', 8, 16, 'x86_64'],
    ['c3d-highmem-30', 30, 240, 'x86_64'],
    ['n4-highcpu-16', 16, 32, 'x86_64'],
    ['c2-standard-60', 60, 240, 'x86_64'],
    ['c2d-highcpu-56', 56, 112, 'x86_64'],
    ['t2d-standard-60', 60, 240, 'x86_64'],
    ['t2a-standard-8', 8, 32, 'arm64'],
  ] as const)('%s: %d vCPU, %d GiB, %s', (name, vCpu, memoryGiB, architecture) => {
    expect(gceMachineType(name)).toMatchObject({ name, vCpu, memoryGiB, architecture, sharedCore: false, series: name.split('-')[0] });
  });

  test('e2 shared-core types are flagged', () => {
    expect(gceMachineType('e2-medium')).toEqual({ name: 'e2-medium', vCpu: 2, memoryGiB: 4, architecture: 'x86_64', series: 'e2', sharedCore: true });
    expect(gceMachineType('e2-micro')).toMatchObject({ memoryGiB: 1, sharedCore: true });
  });

  test('only offers sizes GCE offers', () => {
    expect(gceMachineType('n2-standard-6')).toBeUndefined();
    expect(gceMachineType('n2-highcpu-128')).toBeUndefined();
    expect(gceMachineType('n2d-highmem-128')).toBeUndefined();
    expect(gceMachineType('e2-highmem-32')).toBeUndefined();
    expect(gceMachineType('c3-standard-4-lssd')).toBeUndefined();
    expect(gceMachineType('m6a.large')).toBeUndefined();
  });
});

describe('gceMachineTypeNames', () => {
  test('covers every series with plausible, unique entries', () => {
    const names = gceMachineTypeNames();
    expect(new Set(names).size).toBe(names.length);
    const series = new Set(names.map((name) => gceMachineType(name)!.series));
    expect([...series].sort()).toEqual(['c2', 'c2d', 'c3', 'c3d', 'e2', 'n1', 'n2', 'n2d', 'n4', 't2a', 't2d']);
    expect(names).toEqual(expect.arrayContaining(['n2-standard-2', 'n2-standard-48', 'n2-standard-80', 'n2-standard-128']));
    for (const name of names) {
      const type = gceMachineType(name)!;
      expect(type.memoryGiB).toBeGreaterThan(0);
      expect(name.startsWith(`${type.series}-`)).toBe(true);
    }
  });
});

test('GKE allows 110 pods per node by default', () => {
  expect(GKE_DEFAULT_MAX_PODS_PER_NODE).toBe(110);
});
