import { productionDifferences } from '../../lib/report/production-differences';
import { awsDesign } from '../support/design-fixture';

const topics = (d: ReturnType<typeof awsDesign>) => productionDifferences(d).map((x) => x.topic);

describe('productionDifferences', () => {
  test('lists the replica choices the design makes', () => {
    const d = awsDesign({ kubernetes: { nodePools: [{ name: 'general', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 6, diskGb: 100, spot: true, labels: {}, taints: [] }] } });
    expect(topics(d)).toEqual(['Lifetime', 'Data', 'Account', 'Spot capacity', 'NAT', 'Kubernetes API', 'Access', 'TLS', 'Data stores', 'Storage', 'Tags']);
    const text = productionDifferences(d).map((x) => x.replica).join('\n');
    expect(text).toMatch(/reclaim policy Delete/);
    expect(text).toMatch(/expires 72h after creation/);
    expect(text).toMatch(/HTTP only/);
  });
  test('per-zone NAT and external services drop their entries', () => {
    const d = awsDesign({ network: { natGateways: 'per-zone' }, externalServices: { postgres: { instanceClass: 'db.m6g.large', storageGb: 100, highAvailability: true }, redis: { nodeType: 'cache.m6g.large' }, objectStorage: {} } });
    expect(topics(d)).not.toContain('NAT');
    expect(topics(d)).not.toContain('Data stores');
    expect(topics(d)).not.toContain('Database availability');
  });
});
