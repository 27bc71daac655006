import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import type { GcpDesign } from '../../lib/design/model';
import { replicaMetadata } from '../../lib/replica/metadata';
import { requiredGcpApis } from '../../lib/gcp/required-apis';
import { GcpInfraStack } from '../../stacks/gcp-infra-stack';
import { gcpDesign, type DeepPartial } from '../support/design-fixture';
import { unresolvedReferences } from '../support/terraform-references';

const CREATED = new Date('2026-01-01T09:00:00Z');

function synth(overrides: DeepPartial<GcpDesign> = {}): { json: any; text: string; stack: GcpInfraStack } {
  const design = gcpDesign(overrides);
  const stack = new GcpInfraStack(Testing.app(), `${design.name}-infra`, { design, metadata: replicaMetadata(design, CREATED) });
  const text = Testing.synth(stack);
  return { json: JSON.parse(text), text, stack };
}

function only(json: any, type: string): any {
  const all = Object.values(json.resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}

describe('GcpInfraStack', () => {
  it('is structurally complete: every reference resolves in the stack', () => {
    const { text } = synth();
    expect(unresolvedReferences(text)).toEqual([]);
    expect(unresolvedReferences(synth({ network: { endpointAccess: 'private', allowedCidrs: [] } }).text)).toEqual([]);
  });

  it('uses only the google provider, pinned to the project and region with the replica labels', () => {
    const { json } = synth();
    expect(Object.keys(json.provider)).toEqual(['google']);
    expect(json.provider.google[0]).toEqual({
      project: 'acme-sandbox',
      region: 'us-central1',
      default_labels: {
        'sg-replica-name': 'acme-prod',
        'sg-replica-customer': 'acme_corp',
        'sg-replica-owner': 'jane_doe_example_com',
        'sg-replica-expires-at': '2026-01-04t09_00z',
        'sg-replica-design': expect.stringMatching(/^[0-9a-f]{12}$/),
        'managed-by': 'sg-replica',
      },
    });
    expect(Object.keys(json.resource).every((type) => type.startsWith('google_'))).toBe(true);
  });

  it('lays out the network from the design CIDR, with NAT', () => {
    const { json } = synth();
    expect(only(json, 'google_compute_subnetwork')).toMatchObject({
      ip_cidr_range: '10.42.128.0/19',
      secondary_ip_range: [
        { range_name: 'pods', ip_cidr_range: '10.42.0.0/17' },
        { range_name: 'services', ip_cidr_range: '10.42.160.0/19' },
      ],
    });
    expect(only(json, 'google_compute_router_nat').source_subnetwork_ip_ranges_to_nat).toBe('LIST_OF_SUBNETWORKS');
  });

  it('builds the private regional cluster of the design, deletable, with Workload Identity and the CSI driver', () => {
    const { json } = synth();
    const c = only(json, 'google_container_cluster');
    expect(c).toMatchObject({
      name: 'acme-prod',
      location: 'us-central1',
      node_locations: ['us-central1-a', 'us-central1-b', 'us-central1-c'],
      min_master_version: '1.33',
      release_channel: { channel: 'EXTENDED' },
      deletion_protection: false,
      remove_default_node_pool: true,
      networking_mode: 'VPC_NATIVE',
      ip_allocation_policy: { cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services' },
      private_cluster_config: { enable_private_nodes: true, enable_private_endpoint: false, master_ipv4_cidr_block: '10.42.255.240/28' },
      master_authorized_networks_config: { cidr_blocks: [{ cidr_block: '203.0.113.0/24' }] },
      workload_identity_config: { workload_pool: 'acme-sandbox.svc.id.goog' },
      addons_config: { gce_persistent_disk_csi_driver_config: { enabled: true }, http_load_balancing: { disabled: false } },
    });
    expect(c.resource_labels['sg-replica-name']).toBe('acme-prod');
    expect(c.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^google_project_iam_member\./), expect.stringMatching(/^google_compute_router_nat\./)]));
    expect(c.node_pool[0].node_config.service_account).toMatch(/^\$\{google_service_account\..*\.email\}$/);
  });

  it('makes the endpoint private when the design says so, reachable from outside the VPC only through the IAM-gated DNS endpoint', () => {
    const { json } = synth({ network: { endpointAccess: 'private', allowedCidrs: [] } });
    expect(only(json, 'google_container_cluster').private_cluster_config.enable_private_endpoint).toBe(true);
    expect(only(json, 'google_container_cluster').control_plane_endpoints_config).toEqual({ dns_endpoint_config: { allow_external_traffic: true } });
    expect(only(json, 'google_container_cluster').master_authorized_networks_config.cidr_blocks).toEqual([]);
    expect(json.output['kubeconfig-command'].value).toBe(
      'gcloud container clusters get-credentials acme-prod --region us-central1 --project acme-sandbox --dns-endpoint',
    );
  });

  it('creates one labelled node pool per design pool, on the dedicated service account, after its grants', () => {
    const { json } = synth({
      kubernetes: {
        nodePools: [
          { name: 'general', machineType: 'n2-standard-16', minNodes: 3, maxNodes: 6, diskGb: 100, spot: false, labels: {}, taints: [] },
          {
            name: 'search',
            machineType: 'n2-highmem-8',
            minNodes: 1,
            maxNodes: 2,
            diskGb: 200,
            spot: true,
            labels: { role: 'search' },
            taints: [{ key: 'dedicated', value: 'search', effect: 'NoSchedule' }],
          },
        ],
      },
    });
    const pools = Object.values(json.resource.google_container_node_pool) as any[];
    expect(pools.map((p) => p.name)).toEqual(['general', 'search']);
    const search = pools[1];
    expect(search.autoscaling).toEqual({ total_min_node_count: 1, total_max_node_count: 2, location_policy: 'ANY' });
    expect(search.node_config).toMatchObject({
      machine_type: 'n2-highmem-8',
      disk_size_gb: 200,
      spot: true,
      labels: { role: 'search' },
      taint: [{ key: 'dedicated', value: 'search', effect: 'NO_SCHEDULE' }],
      resource_labels: expect.objectContaining({ 'sg-replica-name': 'acme-prod', 'managed-by': 'sg-replica' }),
      service_account: expect.stringMatching(/^\$\{google_service_account\..*\.email\}$/),
    });
    for (const p of pools) {
      expect(p.cluster).toMatch(/^\$\{google_container_cluster\..*\.id\}$/);
      // The node service account's six grants, and every project API (enabled first).
      expect(p.depends_on.filter((d: string) => d.startsWith('google_project_iam_member.'))).toHaveLength(6);
      expect(p.depends_on.filter((d: string) => d.startsWith('google_project_service.'))).toHaveLength(Object.keys(json.resource.google_project_service).length);
    }
    expect(only(json, 'google_service_account').account_id).toBe('acme-prod-nodes');
  });

  it('monitors nothing that needs managed Prometheus, which stays off', () => {
    const c = only(synth().json, 'google_container_cluster');
    expect(c.monitoring_config).toEqual({
      enable_components: ['SYSTEM_COMPONENTS', 'APISERVER', 'SCHEDULER', 'CONTROLLER_MANAGER'],
      managed_prometheus: { enabled: false },
    });
  });

  it('outputs the cluster name, kubeconfig command, network, workload pool and expiry', () => {
    const { json } = synth();
    expect(Object.keys(json.output).sort()).toEqual(
      ['cluster-name', 'expires-at', 'ingress-address', 'kubeconfig-command', 'network-name', 'workload-identity-pool'].sort(),
    );
    expect(json.output['ingress-address'].value).toMatch(/^\$\{google_compute_global_address\..*\.address\}$/);
    expect(json.output['kubeconfig-command'].value).toBe(
      'gcloud container clusters get-credentials acme-prod --region us-central1 --project acme-sandbox',
    );
    expect(json.output['expires-at'].value).toBe('2026-01-04T09:00Z');
  });

  it('enables the project APIs the replica needs before anything else, and never disables them', () => {
    const { json } = synth({ externalServices: { redis: { memoryGb: 5 } } });
    const services = Object.values<any>(json.resource.google_project_service);
    expect(services.map((s) => s.service).sort()).toEqual(requiredGcpApis({ redis: true }).map((a) => a.service).sort());
    expect(services.map((s) => s.service)).toEqual(expect.arrayContaining(['cloudresourcemanager.googleapis.com', 'iamcredentials.googleapis.com', 'redis.googleapis.com']));
    for (const s of services) expect(s).toMatchObject({ project: 'acme-sandbox', disable_on_destroy: false, disable_dependent_services: false });
    const apiAddresses = Object.keys(json.resource.google_project_service).map((id) => `google_project_service.${id}`);
    for (const [type, resources] of Object.entries<any>(json.resource)) {
      if (type === 'google_project_service') continue;
      for (const [id, r] of Object.entries<any>(resources)) expect({ id: `${type}.${id}`, waits: apiAddresses.every((a) => (r.depends_on ?? []).includes(a)) }).toEqual({ id: `${type}.${id}`, waits: true });
    }
  });

  it('lets the control plane reach the ingress-nginx admission webhook on the nodes (8443), public or private', () => {
    for (const endpointAccess of ['public', 'private'] as const) {
      const { json } = synth({ network: { endpointAccess, allowedCidrs: endpointAccess === 'public' ? ['203.0.113.0/24'] : [] }, sourcegraph: { ingress: 'nginx', allowedClientCidrs: ['203.0.113.0/24'] } });
      const rule = only(json, 'google_compute_firewall');
      expect(rule).toMatchObject({ direction: 'INGRESS', source_ranges: ['10.42.255.240/28'], allow: [{ protocol: 'tcp', ports: ['8443'] }] });
      expect(rule.source_ranges).toEqual([only(json, 'google_container_cluster').private_cluster_config.master_ipv4_cidr_block]);
      expect(rule.target_service_accounts).toEqual([expect.stringMatching(/^\$\{google_service_account\..*\.email\}$/)]);
    }
    expect(synth().json.resource.google_compute_firewall).toBeUndefined();
  });

  it('makes the gce ingress\'s address, managed certificate and TLS 1.2 policy, and no Cloud Armor policy when any client may connect', () => {
    const { json } = synth();
    expect(only(json, 'google_compute_global_address').name).toBe('acme-prod-sourcegraph');
    expect(only(json, 'google_compute_managed_ssl_certificate')).toMatchObject({ name: 'acme-prod-sourcegraph', managed: { domains: ['sourcegraph.acme.example.com'] } });
    expect(only(json, 'google_compute_ssl_policy')).toMatchObject({ name: 'acme-prod-sourcegraph-tls', min_tls_version: 'TLS_1_2' });
    expect(json.resource.google_compute_security_policy).toBeUndefined();
    const named = synth({ sourcegraph: { tls: { certificate: 'gcp-ssl-certificates', names: ['acme-2026'] } } }).json;
    expect(named.resource.google_compute_managed_ssl_certificate).toBeUndefined();
    const plain = synth({ sourcegraph: { tls: { certificate: 'none' } } }).json;
    expect(plain.resource.google_compute_ssl_policy).toBeUndefined();
    expect(only(plain, 'google_compute_global_address').name).toBe('acme-prod-sourcegraph');
    expect(synth({ sourcegraph: { ingress: 'nginx', allowedClientCidrs: ['203.0.113.0/24'] } }).json.resource.google_compute_global_address).toBeUndefined();
  });

  it('keeps local state next to the project', () => {
    expect(synth().json.terraform.backend.local.path).toBe('../../../terraform.acme-prod-infra.tfstate');
  });
});
