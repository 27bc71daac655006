import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, Testing, Token } from 'cdktf';
import { GkeCluster, MANAGED_PROMETHEUS_COMPONENTS, type GkeClusterProps } from '../../lib/gcp/gke-cluster';
import { ContainerCluster } from '../../lib/providers/google';

const base: GkeClusterProps = {
  name: 'acme-prod',
  project: 'acme-sandbox',
  region: 'us-central1',
  zones: ['us-central1-a', 'us-central1-b', 'us-central1-c'],
  version: '1.33',
  networkSelfLink: 'projects/acme-sandbox/global/networks/acme-prod',
  subnetworkSelfLink: 'projects/acme-sandbox/regions/us-central1/subnetworks/acme-prod-nodes',
  podRangeName: 'pods',
  serviceRangeName: 'services',
  controlPlaneCidr: '10.42.255.240/28',
  endpointAccess: 'public',
  allowedCidrs: ['203.0.113.0/24'],
  nodeServiceAccountEmail: 'acme-prod-nodes@acme-sandbox.iam.gserviceaccount.com',
  labels: { 'sg-replica-name': 'acme-prod' },
};

function synth(props: Partial<GkeClusterProps> = {}): string {
  return Testing.synthScope((scope) => {
    new GkeCluster(scope, 'cluster', { ...base, ...props });
  });
}

function cluster(props: Partial<GkeClusterProps> = {}): any {
  const all = Object.values(JSON.parse(synth(props)).resource.google_container_cluster);
  expect(all).toHaveLength(1);
  return all[0];
}

describe('GkeCluster', () => {
  it('is a regional Standard cluster that cdktf destroy can delete', () => {
    const c = cluster();
    expect(c).toMatchObject({
      name: 'acme-prod',
      project: 'acme-sandbox',
      location: 'us-central1',
      node_locations: ['us-central1-a', 'us-central1-b', 'us-central1-c'],
      deletion_protection: false,
    });
    expect(c.enable_autopilot).toBeUndefined();
  });

  it('pins the minor version on the EXTENDED channel', () => {
    expect(cluster()).toMatchObject({ min_master_version: '1.33', release_channel: { channel: 'EXTENDED' } });
    expect(cluster({ releaseChannel: 'REGULAR' }).release_channel).toEqual({ channel: 'REGULAR' });
  });

  it('is VPC-native on the named secondary ranges', () => {
    expect(synth()).toHaveResourceWithProperties(ContainerCluster, {
      network: base.networkSelfLink,
      subnetwork: base.subnetworkSelfLink,
      networking_mode: 'VPC_NATIVE',
      ip_allocation_policy: { cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services', stack_type: 'IPV4' },
    });
  });

  it('has private nodes and a public endpoint only for the allowed CIDRs', () => {
    const c = cluster();
    expect(c.private_cluster_config).toEqual({
      enable_private_nodes: true,
      enable_private_endpoint: false,
      master_ipv4_cidr_block: '10.42.255.240/28',
    });
    expect(c.master_authorized_networks_config).toEqual({
      cidr_blocks: [{ cidr_block: '203.0.113.0/24', display_name: 'allowed 203.0.113.0/24' }],
      gcp_public_cidrs_access_enabled: false,
    });
  });

  it('has only a private endpoint when endpointAccess is private', () => {
    const c = cluster({ endpointAccess: 'private', allowedCidrs: [] });
    expect(c.private_cluster_config.enable_private_endpoint).toBe(true);
    expect(c.private_cluster_config.enable_private_nodes).toBe(true);
    expect(c.master_authorized_networks_config.cidr_blocks).toEqual([]);
    expect(cluster({ endpointAccess: undefined, allowedCidrs: [] }).private_cluster_config.enable_private_endpoint).toBe(true);
  });

  it('opens the IAM-gated DNS endpoint of a private cluster and points clients at it without a CA', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const c = new GkeCluster(scope, 'cluster', { ...base, endpointAccess: 'private', allowedCidrs: [] });
        expect(c.dnsEndpointEnabled).toBe(true);
        expect(c.clientEndpoint.caCertificate).toBeUndefined();
        new TerraformOutput(scope, 'host', { value: c.clientEndpoint.host });
      }),
    );
    const c: any = Object.values(json.resource.google_container_cluster)[0];
    expect(c.control_plane_endpoints_config).toEqual({ dns_endpoint_config: { allow_external_traffic: true } });
    // The IP endpoint stays private.
    expect(c.private_cluster_config.enable_private_endpoint).toBe(true);
    expect(json.output.host.value).toMatch(
      /^\$\{google_container_cluster\.[^.]+\.control_plane_endpoints_config\[0\]\.dns_endpoint_config\[0\]\.endpoint\}$/,
    );
  });

  it('keeps user traffic off the DNS endpoint of a public cluster, whose clients use the IP endpoint and the cluster CA', () => {
    Testing.synthScope((scope) => {
      const c = new GkeCluster(scope, 'cluster', base);
      expect(c.dnsEndpointEnabled).toBe(false);
      expect(c.clientEndpoint).toEqual({ host: c.endpoint, caCertificate: c.caCertificate });
    });
    expect(cluster().control_plane_endpoints_config).toEqual({ dns_endpoint_config: { allow_external_traffic: false } });
    expect(cluster({ dnsEndpoint: true }).control_plane_endpoints_config.dns_endpoint_config.allow_external_traffic).toBe(true);
  });

  it('turns on Workload Identity, shielded nodes, the PD CSI driver and HTTP load balancing; no client certificate or ABAC', () => {
    const c = cluster();
    expect(c.workload_identity_config).toEqual({ workload_pool: 'acme-sandbox.svc.id.goog' });
    expect(c.enable_shielded_nodes).toBe(true);
    expect(c.enable_legacy_abac).toBe(false);
    expect(c.master_auth).toEqual({ client_certificate_config: { issue_client_certificate: false } });
    expect(c.addons_config).toEqual({
      gce_persistent_disk_csi_driver_config: { enabled: true },
      http_load_balancing: { disabled: false },
      horizontal_pod_autoscaling: { disabled: false },
      network_policy_config: { disabled: true },
    });
  });

  it('uses Dataplane V2 by default and Calico network policy on the legacy datapath', () => {
    expect(cluster().datapath_provider).toBe('ADVANCED_DATAPATH');
    expect(cluster().network_policy).toBeUndefined();
    const legacy = cluster({ dataplaneV2: false });
    expect(legacy.datapath_provider).toBe('LEGACY_DATAPATH');
    expect(legacy.network_policy).toEqual({ enabled: true, provider: 'CALICO' });
    expect(legacy.addons_config.network_policy_config).toEqual({ disabled: false });
  });

  it('logs and monitors system components and the control plane, in GKE\'s order', () => {
    const c = cluster();
    expect(c.logging_config.enable_components).toEqual(['SYSTEM_COMPONENTS', 'WORKLOADS', 'APISERVER', 'SCHEDULER', 'CONTROLLER_MANAGER']);
    expect(c.monitoring_config.enable_components).toEqual(['SYSTEM_COMPONENTS', 'APISERVER', 'SCHEDULER', 'CONTROLLER_MANAGER']);
    expect(c.monitoring_config.managed_prometheus).toEqual({ enabled: false });
    expect(cluster({ loggingComponents: ['APISERVER', 'SYSTEM_COMPONENTS'] }).logging_config.enable_components).toEqual([
      'SYSTEM_COMPONENTS',
      'APISERVER',
    ]);
  });

  it('monitors nothing that needs managed Prometheus, which is off (GKE would refuse it or diff forever)', () => {
    expect(cluster().monitoring_config.enable_components).not.toContain('STORAGE');
    for (const component of MANAGED_PROMETHEUS_COMPONENTS) {
      expect(cluster().monitoring_config.enable_components).not.toContain(component);
      expect(() => synth({ monitoringComponents: ['SYSTEM_COMPONENTS', component] })).toThrow(
        `monitoring components ${component} need Managed Service for Prometheus`,
      );
    }
    expect(() => synth({ monitoringComponents: ['SYSTEM_COMPONENTS', 'WORKLOADS'] })).toThrow('unknown component "WORKLOADS"');
    expect(() => synth({ loggingComponents: ['APISERVER', 'APISERVER'] })).toThrow('component "APISERVER" is listed twice');
  });

  it('removes the default pool, which until then runs hardened as the node service account', () => {
    const c = cluster();
    expect(c.remove_default_node_pool).toBe(true);
    expect(c.node_pool).toHaveLength(1);
    expect(c.node_pool[0].initial_node_count).toBe(1);
    expect(c.node_pool[0].node_config).toMatchObject({
      service_account: base.nodeServiceAccountEmail,
      oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
      shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      workload_metadata_config: { mode: 'GKE_METADATA' },
    });
    expect(c.lifecycle).toEqual({ ignore_changes: ['node_pool', 'initial_node_count'] });
  });

  it('labels the cluster and sets long timeouts', () => {
    const c = cluster();
    expect(c.resource_labels).toEqual({ 'sg-replica-name': 'acme-prod' });
    expect(c.timeouts).toEqual({ create: '45m', update: '45m', delete: '45m' });
    expect(cluster({ labels: {} }).resource_labels).toBeUndefined();
  });

  it('exposes the endpoint, CA and id as references', () => {
    Testing.synthScope((scope) => {
      const c = new GkeCluster(scope, 'cluster', base);
      for (const v of [c.endpoint, c.caCertificate, c.clusterId, c.clusterName]) expect(Token.isUnresolved(v)).toBe(true);
      expect(c.workloadPool).toBe('acme-sandbox.svc.id.goog');
    });
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        const c = new GkeCluster(scope, 'cluster', base);
        new TerraformOutput(scope, 'ca', { value: c.caCertificate });
        new TerraformOutput(scope, 'endpoint', { value: c.endpoint });
      }),
    );
    expect(out.output.ca.value).toMatch(/^\$\{google_container_cluster\..*\.master_auth\[0\]\.cluster_ca_certificate\}$/);
    expect(out.output.endpoint.value).toMatch(/^\$\{google_container_cluster\..*\.endpoint\}$/);
  });

  it('refuses what GKE would refuse, naming the value', () => {
    expect(() => synth({ name: 'Acme' })).toThrow('GkeCluster "Acme": name must be');
    expect(() => synth({ name: 'a'.repeat(41) })).toThrow('name must be 1-40');
    expect(() => synth({ version: '1.33.2' })).toThrow('version "1.33.2" is not a Kubernetes minor version');
    expect(() => synth({ releaseChannel: 'FAST' as never })).toThrow('releaseChannel "FAST"');
    expect(() => synth({ zones: [] })).toThrow('zones is empty');
    expect(() => synth({ zones: ['us-east1-b'] })).toThrow('zone "us-east1-b" is not in region us-central1');
    expect(() => synth({ zones: ['us-central1-a', 'us-central1-a'] })).toThrow('repeat a zone');
    expect(() => synth({ controlPlaneCidr: '10.42.255.0/24' })).toThrow('controlPlaneCidr "10.42.255.0/24" must be a private (RFC 1918) /28');
    expect(() => synth({ controlPlaneCidr: '8.8.8.0/28' })).toThrow('must be a private');
    expect(() => synth({ allowedCidrs: [] })).toThrow('a public API endpoint needs allowedCidrs');
    expect(() => synth({ allowedCidrs: ['0.0.0.0/0'] })).toThrow('"0.0.0.0/0" opens the API endpoint to the whole internet');
    expect(() => synth({ allowedCidrs: ['nope'] })).toThrow('"nope" is not an IPv4 CIDR');
    expect(() => synth({ labels: { Bad: 'x' } })).toThrow("label key 'Bad'");
  });
});
