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
  const access: GcpAccess = {
    token: async () => 'tok',
    fetch: async (url) => {
      const query = new URL(url).searchParams.get('query')!;
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

  it('reports the GKE cluster as still deployed', async () => {
    answers['labels.sg-replica-name=umbrella-gke'] = [
      { name: `//container.googleapis.com/projects/${project}/locations/us-central1/clusters/umbrella-gke`, assetType: 'container.googleapis.com/Cluster', labels: { 'sg-replica-name': 'umbrella-gke' } },
    ];
    const { stillDeployed } = await findGcpLeftovers('umbrella-gke', project, access);
    expect(stillDeployed).toEqual([`//container.googleapis.com/projects/${project}/locations/us-central1/clusters/umbrella-gke`]);
  });
});
