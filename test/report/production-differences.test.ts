import { productionDifferences } from '../../lib/report/production-differences';
import { withKustomize } from '../../lib/kustomize/kustomize-design';
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
  test('a Kustomize replica: stores as the overlay deploys them, and the volumes its layer raised (not the chart values)', () => {
    const d = withKustomize(awsDesign(), { path: 'o', resolvedPath: '/o' }, '7.2.1943');
    const adjustments = [
      { object: 'PersistentVolumeClaim/prometheus', change: 'patch' as const, reason: 'storage request raised from "2Gi" to 4Gi: a gp3 volume is at least 4 GiB', overridesCustomer: true },
      { object: 'StatefulSet/pgsql', change: 'patch' as const, reason: 'storageClassName (the cluster default) -> "sourcegraph"' },
    ];
    const byTopic = Object.fromEntries(productionDifferences(d, adjustments).map((x) => [x.topic, x.replica]));
    expect(byTopic['Data stores']).toMatch(/as the customer's overlay deploys them\.$/);
    expect(byTopic.Storage).toBe('Volumes are gp3, encrypted at rest; no snapshots or backups. Raised to the gp3 minimum volume size: PersistentVolumeClaim/prometheus storage request 2Gi -> 4Gi.');
    expect(productionDifferences(d).find((x) => x.topic === 'Storage')!.replica).not.toContain('Raised');
  });
});
