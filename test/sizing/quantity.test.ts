import { formatCpu, formatMemory, formatStorage, parseBytes, parseCpuMillis, parseQuantity } from '../../lib/sizing/quantity';

describe('parseQuantity', () => {
  test('reads CPU the way Kubernetes does', () => {
    expect(parseCpuMillis('500m', 'x')).toBe(500);
    expect(parseCpuMillis('2', 'x')).toBe(2000);
    expect(parseCpuMillis('.2', 'x')).toBe(200);
    expect(parseCpuMillis(4, 'x')).toBe(4000);
  });
  test('reads binary and decimal memory suffixes and exponents', () => {
    expect(parseBytes('4Gi', 'x')).toBe(4 * 2 ** 30);
    expect(parseBytes('8G', 'x')).toBe(8e9);
    expect(parseBytes('100Mi', 'x')).toBe(100 * 2 ** 20);
    expect(parseBytes('500M', 'x')).toBe(5e8);
    expect(parseQuantity('1e3', 'x')).toBe(1000);
  });
  test('names the key of a value that is not a quantity', () => {
    expect(() => parseBytes('lots', 'gitserver.storageSize')).toThrow(/gitserver\.storageSize: "lots" is not a Kubernetes quantity/);
    expect(() => parseCpuMillis('4 cores', 'frontend.resources.limits.cpu')).toThrow(/frontend\.resources\.limits\.cpu/);
  });
  test('formats for people', () => {
    expect(formatCpu(4500)).toBe('4.5 vCPU');
    expect(formatMemory(512 * 2 ** 20)).toBe('512 MiB');
    expect(formatMemory(7.5 * 2 ** 30)).toBe('7.5 GiB');
    expect(formatStorage(200 * 2 ** 30)).toBe('200 GiB');
    expect(formatStorage(16 * 1024 * 2 ** 30)).toBe('16 TiB');
  });
});

describe('hostile quantities (issue 17)', () => {
  it('refuses negative requests, limits and sizes: they would make an unfit design "fit"', () => {
    expect(() => parseCpuMillis('-4', 'frontend.resources.requests.cpu')).toThrow('frontend.resources.requests.cpu: "-4" is negative; Kubernetes takes requests, limits and sizes of 0 or more');
    expect(() => parseBytes('-1Gi', 'x')).toThrow(/is negative/);
    expect(() => parseBytes(-5, 'x')).toThrow(/-5 is negative/);
    expect(parseQuantity('-1', 'x')).toBe(-1);
  });

  it('refuses text longer than any quantity, and amounts that overflow', () => {
    expect(() => parseQuantity('1'.repeat(30_000), 'x')).toThrow(/"1111.*\.\.\." is not a Kubernetes quantity/);
    expect(() => parseQuantity('1e400', 'x')).toThrow(/not a Kubernetes quantity/);
  });

  it('names maps and lists instead of printing them', () => {
    expect(() => parseQuantity({ a: 1 }, 'x')).toThrow('x: a map is not a Kubernetes quantity (e.g. 500m, 2, 4Gi, 8G)');
    expect(() => parseQuantity([1], 'x')).toThrow('x: a list is not a Kubernetes quantity (e.g. 500m, 2, 4Gi, 8G)');
  });
});
