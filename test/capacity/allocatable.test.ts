import { cpuReservedMillis, eksMaxPods, eksMemoryReservedBytes, gkeMemoryReservedBytes, nodeAllocatable } from '../../lib/capacity/allocatable';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

describe('allocatable', () => {
  test('CPU reservation: 6 % / 1 % / 0.5 % x2 / 0.25 % above 4 cores', () => {
    expect(cpuReservedMillis(1)).toBe(60);
    expect(cpuReservedMillis(2)).toBe(70);
    expect(cpuReservedMillis(4)).toBe(80);
    expect(cpuReservedMillis(16)).toBe(110);
  });
  test('EKS memory reservation is 11 MiB per pod + 255 MiB; max pods capped at 110 / 250', () => {
    expect(eksMemoryReservedBytes(110)).toBe(1465 * MiB);
    expect(eksMaxPods(16, 234)).toBe(110);
    expect(eksMaxPods(2, 29)).toBe(29);
    expect(eksMaxPods(64, 737)).toBe(250);
  });
  test('GKE memory reservation follows the tiered table', () => {
    expect(gkeMemoryReservedBytes(0.5)).toBe(255 * MiB);
    expect(gkeMemoryReservedBytes(4)).toBe(1 * GiB);
    expect(gkeMemoryReservedBytes(64) / GiB).toBeCloseTo(1 + 0.8 + 0.8 + 48 * 0.06, 6);
  });
  test('m6a.4xlarge on EKS: 15.89 vCPU, 110 pods, memory after overhead, reservation and eviction', () => {
    const a = nodeAllocatable('aws', 'm6a.4xlarge')!;
    expect(a).toMatchObject({ cpuMillis: 15890, maxPods: 110 });
    expect(a.memoryBytes).toBe(Math.round(64 * GiB - 64 * GiB * 0.075 - 1465 * MiB - 100 * MiB));
  });
  test('n2-standard-16 on GKE: 110 pods; unknown types are undefined', () => {
    expect(nodeAllocatable('gcp', 'n2-standard-16')).toMatchObject({ cpuMillis: 15890, maxPods: 110 });
    expect(nodeAllocatable('aws', 'x9.huge')).toBeUndefined();
  });
});
