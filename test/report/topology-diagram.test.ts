import { simulateCapacity } from '../../lib/capacity/simulate-capacity';
import { topologyDiagram } from '../../lib/report/topology-diagram';
import { awsDesign, gcpDesign } from '../support/design-fixture';

describe('topologyDiagram', () => {
  test('draws clients, load balancer, VPC, cluster, pools with their workloads', () => {
    const d = awsDesign({ externalServices: { postgres: { instanceClass: 'db.m6g.large', storageGb: 100, highAvailability: false } } });
    const text = topologyDiagram(d, simulateCapacity(d, { pgsql: { enabled: false }, codeIntelDB: { enabled: false }, codeInsightsDB: { enabled: false } }));
    expect(text.split('\n')[0]).toBe('flowchart LR');
    expect(text).toContain('clients(["Clients: 203.0.113.0/24"])');
    expect(text).toContain('subgraph pool_general["pool general: 3-6 × m6a.4xlarge"]');
    expect(text).toContain('general_gitserver["gitserver ×1"]');
    expect(text).toContain('pg[("RDS PostgreSQL db.m6g.large")]');
    expect(text).toContain('lb --> general_sourcegraph_frontend');
    expect(text).not.toContain('general_pgsql');
  });
  test('no ingress: the engineer port-forwards; pending workloads are shown', () => {
    const d = gcpDesign({ sourcegraph: { ingress: 'none' }, kubernetes: { nodePools: [{ name: 'tiny', machineType: 'e2-standard-4', minNodes: 1, maxNodes: 1, diskGb: 100, spot: false, labels: {}, taints: [] }] } });
    const text = topologyDiagram(d, simulateCapacity(d, {}));
    expect(text).toContain('engineer(["Engineer: kubectl port-forward"])');
    expect(text).toMatch(/pending\["Pending at minNodes: [^"]*gitserver/);
  });
});
