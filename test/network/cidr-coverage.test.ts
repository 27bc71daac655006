import { coveredAddresses, IPV4_ADDRESSES, networkOf, opensToTheWorld } from '../../lib/network/cidr-coverage';
import { parseCidr } from '../../lib/network/subnet-plan';

const ranges = (...cidrs: string[]) => cidrs.map((c) => parseCidr(c)!);

describe('coveredAddresses', () => {
  it('counts the union, overlaps once', () => {
    expect(coveredAddresses(ranges('10.0.0.0/24'))).toBe(256);
    expect(coveredAddresses(ranges('10.0.0.0/24', '10.0.0.0/25', '10.0.1.0/24'))).toBe(512);
    expect(coveredAddresses(ranges('0.0.0.0/1', '128.0.0.0/1'))).toBe(IPV4_ADDRESSES);
    expect(coveredAddresses([])).toBe(0);
  });
});

describe('opensToTheWorld', () => {
  it('is true for /0, for halves that add up, and for half the space', () => {
    expect(opensToTheWorld(ranges('0.0.0.0/0'))).toBe(true);
    expect(opensToTheWorld(ranges('0.0.0.0/1', '128.0.0.0/1'))).toBe(true);
    expect(opensToTheWorld(ranges('0.0.0.0/1'))).toBe(true);
    expect(opensToTheWorld(ranges('0.0.0.0/2', '64.0.0.0/2'))).toBe(true);
  });
  it('is false for an organization-sized list', () => {
    expect(opensToTheWorld(ranges('203.0.113.0/24', '198.51.100.0/24', '10.0.0.0/8'))).toBe(false);
  });
});

describe('networkOf', () => {
  it('clears host bits', () => {
    expect(networkOf(parseCidr('203.0.113.5/24')!)).toBe('203.0.113.0/24');
    expect(networkOf(parseCidr('10.1.2.3/8')!)).toBe('10.0.0.0/8');
  });
});
