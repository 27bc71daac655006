import { simulateCapacity } from '../../lib/capacity/simulate-capacity';
import { estimateCost } from '../../lib/pricing/estimate-cost';
import { PRICES_AS_OF } from '../../lib/pricing/data/prices';
import { awsDesign, gcpDesign } from '../support/design-fixture';

describe('estimateCost', () => {
  const design = awsDesign();
  const cost = estimateCost(design, simulateCapacity(design, {}));

  test('prices the control plane, nodes, disks, volumes, NAT and load balancer', () => {
    expect(cost.priced).toBe(true);
    expect(cost.pricesAsOf).toBe(PRICES_AS_OF);
    expect(cost.lines.map((l) => l.item)).toEqual(['EKS control plane', 'Node pool general', 'Node boot disks', 'Persistent volumes', 'NAT gateways', 'Application Load Balancer']);
    const nodes = cost.lines.find((l) => l.item === 'Node pool general')!;
    expect(nodes.hourly).toBeCloseTo(3 * 0.6912, 4);
    expect(nodes.hourlyAtMax).toBeCloseTo(6 * 0.6912, 4);
    const volumes = cost.lines.find((l) => l.item === 'Persistent volumes')!;
    expect(volumes.hourly).toBeCloseTo((1528 * 0.08) / 730, 4);
    expect(cost.daily).toBeCloseTo(cost.hourly * 24, 3);
    expect(cost.lifetime).toBeCloseTo(cost.hourly * 72, 3);
  });

  test('per-zone NAT, io2 IOPS, RDS Multi-AZ and ElastiCache', () => {
    const d = awsDesign({
      network: { natGateways: 'per-zone' },
      storage: { diskType: 'io2' },
      externalServices: { postgres: { instanceClass: 'db.m6g.large', storageGb: 100, highAvailability: true }, redis: { nodeType: 'cache.m6g.large' } },
    });
    const c = estimateCost(d, simulateCapacity(d, {}));
    expect(c.lines.find((l) => l.item === 'NAT gateways')!.hourly).toBeCloseTo(3 * (0.045 + 0.005), 4);
    expect(c.lines.find((l) => l.item === 'Persistent volumes')!.detail).toMatch(/33000 provisioned IOPS/);
    expect(c.lines.find((l) => l.item === 'RDS PostgreSQL')!.hourly).toBeCloseTo(2 * 0.152 + (2 * 100 * 0.115) / 730, 4);
    expect(c.lines.find((l) => l.item === 'ElastiCache Redis')!.hourly).toBeCloseTo(2 * 0.149, 4); // cache and store
  });

  test('spot is priced on demand and said so; unknown types are listed as unpriced', () => {
    const d = awsDesign({ kubernetes: { nodePools: [{ name: 'general', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 6, diskGb: 100, spot: true, labels: {}, taints: [] }] }, externalServices: { postgres: { instanceClass: 'db.x99.huge', storageGb: 100, highAvailability: false } } });
    const c = estimateCost(d, simulateCapacity(d, {}));
    expect(c.notes.join(' ')).toMatch(/Spot pools are priced at on-demand rates/);
    expect(c.unpriced).toEqual(['RDS db.x99.huge']);
  });

  test('a Kubernetes version in extended support costs $0.60/h for the control plane, with a note saying why', () => {
    const extended = awsDesign({ kubernetes: { version: '1.32' } });
    const c = estimateCost(extended, simulateCapacity(extended, {}));
    const plane = c.lines.find((l) => l.item === 'EKS control plane')!;
    expect(plane).toMatchObject({ hourly: 0.6, hourlyAtMax: 0.6, detail: '1 cluster at $0.6000/h (Kubernetes 1.32 in extended support)' });
    expect(c.notes.join('\n')).toMatch(/Kubernetes 1\.32 is in EKS extended support .* use a version in standard support: 1\.35 \(until 2027-03-27\) or later/);

    const standard = awsDesign({ kubernetes: { version: '1.35' } });
    const s = estimateCost(standard, simulateCapacity(standard, {}));
    expect(s.lines.find((l) => l.item === 'EKS control plane')).toMatchObject({ hourly: 0.1, detail: '1 cluster at $0.1000/h' });
    expect(s.notes.join('\n')).not.toMatch(/extended support/);
    expect(c.hourly - s.hourly).toBeCloseTo(0.5, 4);
  });

  test('a region outside the table is not priced', () => {
    const d = awsDesign({ cloud: { region: 'ap-south-1' } });
    const c = estimateCost(d, simulateCapacity(d, {}));
    expect(c).toMatchObject({ priced: false, hourly: 0, lines: [] });
    expect(c.notes[0]).toMatch(/ap-south-1 is not in sg-replica's price table/);
  });

  test('GKE: machine series price, cluster fee, Cloud NAT and eu multiplier', () => {
    const d = gcpDesign({ sourcegraph: { ingress: 'gce' } });
    const c = estimateCost(d, simulateCapacity(d, {}));
    expect(c.lines.find((l) => l.item === 'Node pool general')!.hourly).toBeCloseTo(3 * (16 * 0.031611 + 64 * 0.004237), 4);
    expect(c.lines.map((l) => l.item)).toContain('Cloud NAT');
    const eu = gcpDesign({ cloud: { region: 'europe-west1' }, sourcegraph: { ingress: 'gce' } });
    expect(estimateCost(eu, simulateCapacity(eu, {})).lines.find((l) => l.item === 'Node pool general')!.hourly).toBeCloseTo(1.1 * 3 * (16 * 0.031611 + 64 * 0.004237), 3);
  });
});
