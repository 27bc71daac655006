import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, Testing } from 'cdktf';
import { GkeNetwork, type GkeNetworkProps } from '../../lib/gcp/gke-network';
import { ComputeNetwork, ComputeRouter, ComputeRouterNat, ComputeSubnetwork } from '../../lib/providers/google';

const base: GkeNetworkProps = { name: 'acme-prod', region: 'us-central1', cidr: '10.42.0.0/16' };

function synth(props: Partial<GkeNetworkProps> = {}): string {
  return Testing.synthScope((scope) => {
    new GkeNetwork(scope, 'network', { ...base, ...props });
  });
}

function only(out: string, type: string): any {
  const all = Object.values(JSON.parse(out).resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0];
}

describe('GkeNetwork', () => {
  it('creates a custom-mode regional VPC that keeps its default internet route', () => {
    expect(synth()).toHaveResourceWithProperties(ComputeNetwork, {
      name: 'acme-prod',
      auto_create_subnetworks: false,
      routing_mode: 'REGIONAL',
      delete_default_routes_on_create: false,
    });
  });

  it('creates one node subnet with pod and service secondary ranges and Private Google Access', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(ComputeSubnetwork, {
      name: 'acme-prod-nodes',
      region: 'us-central1',
      ip_cidr_range: '10.42.128.0/19',
      private_ip_google_access: true,
      stack_type: 'IPV4_ONLY',
      secondary_ip_range: [
        { range_name: 'pods', ip_cidr_range: '10.42.0.0/17' },
        { range_name: 'services', ip_cidr_range: '10.42.160.0/19' },
      ],
    });
    expect(only(out, 'google_compute_subnetwork').network).toMatch(/^\$\{google_compute_network\..*\.id\}$/);
    expect(only(out, 'google_compute_subnetwork').log_config).toBeUndefined();
  });

  it('turns on flow logs when asked', () => {
    expect(only(synth({ flowLogs: true }), 'google_compute_subnetwork').log_config).toEqual({
      aggregation_interval: 'INTERVAL_5_SEC',
      flow_sampling: 0.5,
      metadata: 'INCLUDE_ALL_METADATA',
    });
  });

  it('sends the subnet (nodes and pods) out through Cloud NAT with dynamic ports and error logs', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(ComputeRouter, { name: 'acme-prod-router', region: 'us-central1' });
    const nat = only(out, 'google_compute_router_nat');
    expect(nat).toMatchObject({
      name: 'acme-prod-nat',
      region: 'us-central1',
      nat_ip_allocate_option: 'AUTO_ONLY',
      source_subnetwork_ip_ranges_to_nat: 'LIST_OF_SUBNETWORKS',
      enable_dynamic_port_allocation: true,
      enable_endpoint_independent_mapping: false,
      min_ports_per_vm: 64,
      max_ports_per_vm: 4096,
      log_config: { enable: true, filter: 'ERRORS_ONLY' },
    });
    expect(nat.router).toMatch(/^\$\{google_compute_router\..*\.name\}$/);
    expect(nat.subnetwork).toEqual([
      { name: expect.stringMatching(/^\$\{google_compute_subnetwork\..*\.id\}$/), source_ip_ranges_to_nat: ['ALL_IP_RANGES'] },
    ]);
    expect(out).toHaveResourceWithProperties(ComputeRouterNat, { max_ports_per_vm: 4096 });
  });

  it('exposes the plan, the range names and self links', () => {
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        const network = new GkeNetwork(scope, 'network', base);
        expect(network.plan.controlPlaneRange).toBe('10.42.255.240/28');
        expect(network.podRangeName).toBe('pods');
        expect(network.serviceRangeName).toBe('services');
        new TerraformOutput(scope, 'subnet', { value: network.subnetworkSelfLink });
        new TerraformOutput(scope, 'network-link', { value: network.networkSelfLink });
      }),
    );
    expect(out.output.subnet.value).toMatch(/^\$\{google_compute_subnetwork\..*\.self_link\}$/);
    expect(out.output['network-link'].value).toMatch(/^\$\{google_compute_network\..*\.self_link\}$/);
  });

  it('refuses bad names, public or badly sized ranges and bad NAT port counts', () => {
    expect(() => synth({ name: 'Acme' })).toThrow('GkeNetwork: name "Acme"');
    expect(() => synth({ cidr: '10.0.0/16' })).toThrow('not an IPv4 CIDR');
    expect(() => synth({ cidr: '8.8.0.0/16' })).toThrow('not a private (RFC 1918) range');
    expect(() => synth({ cidr: '10.0.0.0/24' })).toThrow('/16 to /22');
    expect(() => synth({ minNatPortsPerVm: 100 })).toThrow('minNatPortsPerVm 100 must be a power of two');
    expect(() => synth({ maxNatPortsPerVm: 64 })).toThrow('maxNatPortsPerVm 64 must be a power of two above');
  });
});
