import { findGcpLeftovers, gcloudDelete } from '../../lib/lifecycle/gcp-leftovers';
import { GcpAccess } from '../../lib/lifecycle/gcp-asset-search';

describe('gcloudDelete', () => {
  it.each([
    ['//compute.googleapis.com/projects/p1/zones/us-central1-a/disks/pvc-1', 'disks', 'gcloud compute disks delete pvc-1 --zone us-central1-a --project p1 --quiet'],
    ['//compute.googleapis.com/projects/p1/regions/us-central1/forwardingRules/a1b2', 'forwarding-rules', 'gcloud compute forwarding-rules delete a1b2 --region us-central1 --project p1 --quiet'],
    ['//compute.googleapis.com/projects/p1/global/forwardingRules/k8s2-fr', 'forwarding-rules', 'gcloud compute forwarding-rules delete k8s2-fr --global --project p1 --quiet'],
    ['//compute.googleapis.com/projects/p1/global/firewalls/gke-x-1234abcd-all', 'firewall-rules', 'gcloud compute firewall-rules delete gke-x-1234abcd-all --project p1 --quiet'],
    ['//compute.googleapis.com/projects/p1/zones/us-central1-b/networkEndpointGroups/k8s1-neg', 'network-endpoint-groups', 'gcloud compute network-endpoint-groups delete k8s1-neg --zone us-central1-b --project p1 --quiet'],
    ['//compute.googleapis.com/projects/p1/zones/us-central1-b/instanceGroups/ig', 'instance-groups unmanaged', 'gcloud compute instance-groups unmanaged delete ig --zone us-central1-b --project p1 --quiet'],
  ])('%s', (name, group, command) => {
    expect(gcloudDelete(name)).toEqual({ group, command });
  });

  it('gives nothing for other services', () => {
    expect(gcloudDelete('//storage.googleapis.com/bucket-1')).toBeUndefined();
  });
});

describe('findGcpLeftovers (Cloud Asset search through an injected fetch)', () => {
  const project = 'umbrella-sg-sandbox';
  const asset = (name: string, assetType: string, labels: Record<string, string> = {}) => ({
    name: `//compute.googleapis.com/projects/${project}/${name}`,
    assetType,
    displayName: name.split('/').pop(),
    location: name.split('/')[1],
    labels,
  });
  const answers: Record<string, unknown[]> = {
    'labels.sg-replica-name=umbrella-gke': [
      asset('zones/us-central1-a/disks/pvc-1', 'compute.googleapis.com/Disk', { 'sg-replica-name': 'umbrella-gke' }),
      asset('regions/us-central1/forwardingRules/fr-1', 'compute.googleapis.com/ForwardingRule', { 'sg-replica-name': 'umbrella-gke' }),
    ],
    'labels.goog-k8s-cluster-name=umbrella-gke': [
      asset('zones/us-central1-a/disks/pvc-1', 'compute.googleapis.com/Disk', { 'sg-replica-name': 'umbrella-gke', 'goog-k8s-cluster-name': 'umbrella-gke' }),
      asset('zones/us-central1-a/disks/gke-umbrella-gke-pool-1', 'compute.googleapis.com/Disk', { 'goog-k8s-cluster-name': 'umbrella-gke' }),
    ],
    'name:"gke-umbrella-gke"': [
      asset('global/firewalls/gke-umbrella-gke-1234abcd-all', 'compute.googleapis.com/Firewall'),
      // The same words, another cluster: left alone.
      asset('global/firewalls/gke-umbrella-gke-two-5678abcd-all', 'compute.googleapis.com/Firewall'),
    ],
  };
  const queries: string[] = [];
  /** Compute Engine answers by path under the project (lists: the items; gets: the resource); absent gets are 404. */
  const compute: Record<string, unknown> = {};
  const computeCalls: string[] = [];
  const access: GcpAccess = {
    token: async () => 'tok',
    fetch: async (url) => {
      const u = new URL(url);
      if (u.hostname === 'compute.googleapis.com') {
        const resourcePath = u.pathname.replace(`/compute/v1/projects/${project}/`, '');
        computeCalls.push(u.searchParams.has('filter') ? `${resourcePath}?filter=${u.searchParams.get('filter')}` : resourcePath);
        const answer = compute[resourcePath];
        if (u.searchParams.has('filter')) {
          return { ok: true, status: 200, text: async () => '', json: async () => (answer === undefined ? {} : { items: answer }) };
        }
        if (answer === undefined) return { ok: false, status: 404, text: async () => '{"error":{"message":"not found"}}', json: async () => ({}) };
        return { ok: true, status: 200, text: async () => '', json: async () => answer };
      }
      const query = u.searchParams.get('query')!;
      queries.push(query);
      return { ok: true, status: 200, text: async () => '', json: async () => ({ results: answers[query] ?? [] }) };
    },
  };

  it('lists labelled disks and load balancer parts and GKE-named firewalls once each, in deletion order, with gcloud commands', async () => {
    const { leftovers, stillDeployed } = await findGcpLeftovers('umbrella-gke', project, access);
    expect(queries.sort()).toEqual(Object.keys(answers).sort());
    expect(stillDeployed).toEqual([]);
    expect(leftovers.map((l) => [l.kind, l.name, l.matchedBy])).toEqual([
      ['forwarding-rules', 'fr-1', 'sg-replica-name'],
      ['firewall-rules', 'gke-umbrella-gke-1234abcd-all', 'name gke-umbrella-gke-*'],
      ['disks', 'pvc-1', 'sg-replica-name'],
      ['disks', 'gke-umbrella-gke-pool-1', 'goog-k8s-cluster-name'],
    ]);
    expect(leftovers.every((l) => l.cloud === 'gcp' && l.keepReason)).toBe(true);
    expect(leftovers[2].deleteCommand).toBe(`gcloud compute disks delete pvc-1 --zone us-central1-a --project ${project} --quiet`);
  });

  it('finds by network and by name what carries no label: NEGs, firewall rules, the Cloud Armor policy and its users, SSL policy, certificate, address users', async () => {
    const link = (p: string) => `https://www.googleapis.com/compute/v1/projects/${project}/${p}`;
    compute['aggregated/networkEndpointGroups'] = {
      'zones/us-central1-a': { networkEndpointGroups: [{ name: 'k8s1-0a1b2c3d-sourcegraph-sourcegraph-frontend-30080-9f8e7d6c', selfLink: link('zones/us-central1-a/networkEndpointGroups/k8s1-0a1b2c3d-sourcegraph-sourcegraph-frontend-30080-9f8e7d6c') }] },
      'zones/us-central1-b': { warning: { code: 'NO_RESULTS_ON_PAGE' } },
    };
    compute['global/firewalls'] = [{ name: 'k8s-fw-l7--0a1b2c3d4e5f6a7b', selfLink: link('global/firewalls/k8s-fw-l7--0a1b2c3d4e5f6a7b') }];
    compute['aggregated/backendServices'] = { global: { backendServices: [{ name: 'k8s1-0a1b2c3d-sourcegraph-frontend-30080', selfLink: link('global/backendServices/k8s1-0a1b2c3d-sourcegraph-frontend-30080') }] } };
    compute['global/securityPolicies/umbrella-gke-sourcegraph-clients'] = { name: 'umbrella-gke-sourcegraph-clients', selfLink: link('global/securityPolicies/umbrella-gke-sourcegraph-clients') };
    compute['global/sslPolicies/umbrella-gke-sourcegraph-tls'] = { name: 'umbrella-gke-sourcegraph-tls', selfLink: link('global/sslPolicies/umbrella-gke-sourcegraph-tls') };
    compute['global/sslCertificates/umbrella-gke-sourcegraph'] = { name: 'umbrella-gke-sourcegraph', selfLink: link('global/sslCertificates/umbrella-gke-sourcegraph') };
    compute['global/addresses/umbrella-gke-sourcegraph'] = {
      name: 'umbrella-gke-sourcegraph',
      selfLink: link('global/addresses/umbrella-gke-sourcegraph'),
      users: [link('global/forwardingRules/k8s2-fs-0a1b2c3d-sourcegraph-sourcegraph-frontend-x1y2z3')],
    };
    try {
      const { leftovers, stillDeployed } = await findGcpLeftovers('umbrella-gke', project, access);
      expect(stillDeployed).toEqual([]);
      expect(computeCalls).toEqual(
        expect.arrayContaining([
          'aggregated/networkEndpointGroups?filter=network eq ".*/networks/umbrella-gke"',
          'global/firewalls?filter=network eq ".*/networks/umbrella-gke"',
          'aggregated/backendServices?filter=securityPolicy eq ".*/securityPolicies/umbrella-gke-sourcegraph-clients"',
          'global/networks/umbrella-gke',
        ]),
      );
      const rows = leftovers.map((l) => [l.kind, l.name, l.location, l.matchedBy]);
      expect(rows).toEqual([
        ['forwarding-rules', 'fr-1', 'us-central1', 'sg-replica-name'],
        ['forwarding-rules', 'k8s2-fs-0a1b2c3d-sourcegraph-sourcegraph-frontend-x1y2z3', 'global', 'address umbrella-gke-sourcegraph'],
        ['backend-services', 'k8s1-0a1b2c3d-sourcegraph-frontend-30080', 'global', 'security policy umbrella-gke-sourcegraph-clients'],
        ['security-policies', 'umbrella-gke-sourcegraph-clients', 'global', 'name umbrella-gke-sourcegraph-clients'],
        ['network-endpoint-groups', 'k8s1-0a1b2c3d-sourcegraph-sourcegraph-frontend-30080-9f8e7d6c', 'us-central1-a', 'network umbrella-gke'],
        ['ssl-certificates', 'umbrella-gke-sourcegraph', 'global', 'name umbrella-gke-sourcegraph'],
        ['ssl-policies', 'umbrella-gke-sourcegraph-tls', 'global', 'name umbrella-gke-sourcegraph-tls'],
        // (The asset fixture's location is the path segment after the project: 'firewalls' for global resources.)
        ['firewall-rules', 'gke-umbrella-gke-1234abcd-all', 'firewalls', 'name gke-umbrella-gke-*'],
        ['firewall-rules', 'k8s-fw-l7--0a1b2c3d4e5f6a7b', 'global', 'network umbrella-gke'],
        ['addresses', 'umbrella-gke-sourcegraph', 'global', 'name umbrella-gke-sourcegraph'],
        ['disks', 'pvc-1', 'us-central1-a', 'sg-replica-name'],
        ['disks', 'gke-umbrella-gke-pool-1', 'us-central1-a', 'goog-k8s-cluster-name'],
      ]);
      const command = (name: string) => leftovers.find((l) => l.name === name)?.deleteCommand;
      expect(command('umbrella-gke-sourcegraph-clients')).toBe(`gcloud compute security-policies delete umbrella-gke-sourcegraph-clients --project ${project} --quiet`);
      expect(command('k8s1-0a1b2c3d-sourcegraph-sourcegraph-frontend-30080-9f8e7d6c')).toBe(
        `gcloud compute network-endpoint-groups delete k8s1-0a1b2c3d-sourcegraph-sourcegraph-frontend-30080-9f8e7d6c --zone us-central1-a --project ${project} --quiet`,
      );
      expect(command('umbrella-gke-sourcegraph-tls')).toBe(`gcloud compute ssl-policies delete umbrella-gke-sourcegraph-tls --project ${project} --quiet`);
    } finally {
      for (const key of Object.keys(compute)) delete compute[key];
    }
  });

  it('reports a VPC that outlived the destroy, with the Memorystore peering that holds it', async () => {
    compute['global/networks/umbrella-gke'] = {
      name: 'umbrella-gke',
      selfLink: `https://www.googleapis.com/compute/v1/projects/${project}/global/networks/umbrella-gke`,
      peerings: [{ name: 'redis-peer-123456789012', state: 'ACTIVE' }],
    };
    try {
      const { leftovers, stillDeployed } = await findGcpLeftovers('umbrella-gke', project, access);
      expect(stillDeployed).toEqual([`//compute.googleapis.com/projects/${project}/global/networks/umbrella-gke`]);
      const peering = leftovers.find((l) => l.kind === 'network-peerings');
      expect(peering).toMatchObject({
        name: 'redis-peer-123456789012',
        state: 'ACTIVE',
        matchedBy: 'network umbrella-gke',
        deleteCommand: `gcloud compute networks peerings delete redis-peer-123456789012 --network umbrella-gke --project ${project} --quiet`,
      });
      expect(peering?.keepReason).toContain('keeps the network from being deleted');
    } finally {
      for (const key of Object.keys(compute)) delete compute[key];
    }
  });

  it('names the Compute Engine call that failed', async () => {
    const failing: GcpAccess = {
      token: async () => 'tok',
      fetch: async (url) =>
        new URL(url).hostname === 'compute.googleapis.com'
          ? { ok: false, status: 403, text: async () => '{"error":{"message":"Required \'compute.firewalls.list\' permission"}}', json: async () => ({}) }
          : { ok: true, status: 200, text: async () => '', json: async () => ({ results: [] }) },
    };
    await expect(findGcpLeftovers('umbrella-gke', project, failing)).rejects.toThrow(/Compute Engine (get|list) .* in project umbrella-sg-sandbox failed \(HTTP 403\): Required 'compute.firewalls.list' permission/);
  });

  it('reports the GKE cluster as still deployed', async () => {
    answers['labels.sg-replica-name=umbrella-gke'] = [
      { name: `//container.googleapis.com/projects/${project}/locations/us-central1/clusters/umbrella-gke`, assetType: 'container.googleapis.com/Cluster', labels: { 'sg-replica-name': 'umbrella-gke' } },
    ];
    const { stillDeployed } = await findGcpLeftovers('umbrella-gke', project, access);
    expect(stillDeployed).toEqual([`//container.googleapis.com/projects/${project}/locations/us-central1/clusters/umbrella-gke`]);
  });
});
