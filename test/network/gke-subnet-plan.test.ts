import {
  gkeSubnetPlan,
  maxNodesForPodRange,
  podBlockPrefix,
  podRangeNodeDemand,
} from '../../lib/network/gke-subnet-plan';
import { parseCidr } from '../../lib/network/subnet-plan';

function overlaps(a: string, b: string): boolean {
  const x = parseCidr(a)!;
  const y = parseCidr(b)!;
  const prefix = Math.min(x.prefix, y.prefix);
  return prefix === 0 || (x.address ^ y.address) >>> (32 - prefix) === 0;
}

function inside(inner: string, outer: string): boolean {
  const i = parseCidr(inner)!;
  const o = parseCidr(outer)!;
  return i.prefix >= o.prefix && (i.address ^ o.address) >>> (32 - o.prefix) === 0;
}

describe('gkeSubnetPlan', () => {
  it('lays out a /16: pods the first half, nodes and services an eighth each, the control plane the last /28', () => {
    expect(gkeSubnetPlan('10.42.0.0/16')).toEqual({
      vpcCidr: '10.42.0.0/16',
      podRange: '10.42.0.0/17',
      nodeRange: '10.42.128.0/19',
      serviceRange: '10.42.160.0/19',
      controlPlaneRange: '10.42.255.240/28',
      nodeAddresses: 8192 - 4,
      maxNodes: 128,
    });
  });

  it('lays out a /22 with /25 node and service ranges and room for 2 nodes', () => {
    const plan = gkeSubnetPlan('192.168.4.0/22');
    expect(plan).toMatchObject({
      podRange: '192.168.4.0/23',
      nodeRange: '192.168.6.0/25',
      serviceRange: '192.168.6.128/25',
      controlPlaneRange: '192.168.7.240/28',
      nodeAddresses: 124,
      maxNodes: 2,
    });
  });

  it.each(['10.0.0.0/16', '10.8.0.0/17', '172.16.0.0/19', '10.1.0.0/20', '192.168.0.0/22'])(
    'keeps every range of %s inside the VPC and apart from the others',
    (cidr) => {
      const p = gkeSubnetPlan(cidr);
      const ranges = [p.podRange, p.nodeRange, p.serviceRange, p.controlPlaneRange];
      for (const r of ranges) expect(inside(r, cidr)).toBe(true);
      for (let i = 0; i < ranges.length; i++) {
        for (let j = i + 1; j < ranges.length; j++) expect(overlaps(ranges[i], ranges[j])).toBe(false);
      }
    },
  );

  it('refuses ranges larger than /16 or smaller than /22, and non-CIDRs', () => {
    expect(() => gkeSubnetPlan('10.0.0.0/15')).toThrow('10.0.0.0/15 must be a /16 to /22');
    expect(() => gkeSubnetPlan('10.0.0.0/23')).toThrow('/16 to /22');
    expect(() => gkeSubnetPlan('10.0.0/16')).toThrow('not an IPv4 CIDR');
  });
});

describe('pod range capacity', () => {
  it('gives each node a /24 at 110 pods, a /25 at 64, a /26 at 32', () => {
    expect(podBlockPrefix()).toBe(24);
    expect(podBlockPrefix(110)).toBe(24);
    expect(podBlockPrefix(64)).toBe(25);
    expect(podBlockPrefix(32)).toBe(26);
    expect(podBlockPrefix(256)).toBe(23);
    expect(() => podBlockPrefix(7)).toThrow('from 8 to 256');
    expect(() => podBlockPrefix(300)).toThrow('from 8 to 256');
  });

  it('counts the nodes a pod range holds', () => {
    expect(maxNodesForPodRange('10.0.0.0/17')).toBe(128);
    expect(maxNodesForPodRange('10.0.0.0/21')).toBe(8);
    expect(maxNodesForPodRange('10.0.0.0/24')).toBe(1);
    expect(maxNodesForPodRange('10.0.0.0/25')).toBe(0);
    expect(maxNodesForPodRange('10.0.0.0/21', 32)).toBe(32);
  });

  it('demands every pool at its maximum plus one surge node per pool and zone', () => {
    expect(podRangeNodeDemand([{ maxNodes: 6 }], 3)).toBe(9);
    expect(podRangeNodeDemand([{ maxNodes: 6 }, { maxNodes: 2 }], 3)).toBe(14);
    expect(podRangeNodeDemand([{ maxNodes: 6 }], 3, 0)).toBe(6);
    // The default fixture (6 nodes in 3 zones) fits a /20 (8 nodes) only without surge: a /19 is needed.
    expect(maxNodesForPodRange(gkeSubnetPlan('10.0.0.0/20').podRange)).toBe(8);
    expect(maxNodesForPodRange(gkeSubnetPlan('10.0.0.0/19').podRange)).toBe(16);
  });
});
