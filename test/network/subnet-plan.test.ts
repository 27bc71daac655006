import { cidrSubnet, isNetworkAddress, isPrivateRange, parseCidr, subnetPlan } from '../../lib/network/subnet-plan';

describe('subnetPlan', () => {
  it('gives each zone an eighth for private and a thirty-second for public subnets', () => {
    expect(subnetPlan('10.42.0.0/16', 3)).toEqual({
      vpcCidr: '10.42.0.0/16',
      privateSubnets: ['10.42.0.0/19', '10.42.32.0/19', '10.42.64.0/19'],
      publicSubnets: ['10.42.192.0/21', '10.42.200.0/21', '10.42.208.0/21'],
      privateAddressesPerZone: 8187,
    });
  });

  it('never overlaps private and public subnets, up to four zones', () => {
    const plan = subnetPlan('192.168.0.0/22', 4);
    expect(plan.publicSubnets).toEqual(['192.168.3.0/27', '192.168.3.32/27', '192.168.3.64/27', '192.168.3.96/27']);
    expect(plan.privateSubnets[3]).toBe('192.168.1.128/25');
  });

  it('matches terraform cidrsubnet()', () => {
    expect(cidrSubnet(parseCidr('10.0.0.0/16')!, 4, 15)).toBe('10.0.240.0/20');
  });
});

describe('CIDR helpers', () => {
  it('parses and rejects', () => {
    expect(parseCidr('10.0.0.0/16')).toEqual({ address: 0x0a000000, prefix: 16 });
    expect(parseCidr('10.0.0.256/16')).toBeUndefined();
    expect(parseCidr('10.0.0.0')).toBeUndefined();
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
  });
  it('knows network addresses', () => {
    expect(isNetworkAddress(parseCidr('10.42.0.0/16')!)).toBe(true);
    expect(isNetworkAddress(parseCidr('10.42.1.0/16')!)).toBe(false);
  });
  it('knows the private ranges', () => {
    expect(isPrivateRange(parseCidr('172.20.0.0/16')!)).toBe(true);
    expect(isPrivateRange(parseCidr('172.32.0.0/16')!)).toBe(false);
    expect(isPrivateRange(parseCidr('10.0.0.0/7')!)).toBe(false);
  });
});
