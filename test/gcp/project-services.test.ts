import { TerraformStack, Testing } from 'cdktf';
import { dependable } from 'cdktf/lib/tfExpression';
import { ControlPlaneFirewall } from '../../lib/gcp/control-plane-firewall';
import { GkeNetwork } from '../../lib/gcp/gke-network';
import { NodeServiceAccount } from '../../lib/gcp/node-service-account';
import { ProjectServices } from '../../lib/gcp/project-services';
import { requiredGcpApis } from '../../lib/gcp/required-apis';
import { unresolvedReferences } from '../support/terraform-references';

function synth(order = true): any {
  const stack = new TerraformStack(Testing.app(), 'acme-prod-infra');
  const apis = new ProjectServices(stack, 'apis', { project: 'acme-sandbox', apis: requiredGcpApis({ redis: true }) });
  const network = new GkeNetwork(stack, 'network', { name: 'acme-prod', region: 'us-central1', cidr: '10.42.0.0/16' });
  const nodes = new NodeServiceAccount(stack, 'nodes', { project: 'acme-sandbox', accountId: 'acme-prod-nodes' });
  new ControlPlaneFirewall(stack, 'webhooks', {
    name: 'acme-prod-webhooks',
    networkSelfLink: network.networkSelfLink,
    controlPlaneCidr: '10.42.255.240/28',
    ports: [8443],
    targetServiceAccounts: [nodes.email],
  }).rule.dependsOn = [dependable(network.nat)];
  if (order) apis.before(stack);
  return JSON.parse(Testing.synth(stack));
}

describe('ProjectServices', () => {
  it('enables every API and never disables one on destroy', () => {
    const services = Object.values(synth().resource.google_project_service) as any[];
    expect(services.map((s) => s.service).sort()).toEqual(requiredGcpApis({ redis: true }).map((a) => a.service).sort());
    for (const s of services) {
      expect(s).toMatchObject({ project: 'acme-sandbox', disable_on_destroy: false, disable_dependent_services: false });
    }
  });

  it('orders every other resource of the stack after the APIs, and every reference resolves', () => {
    const json = synth();
    const serviceRefs = Object.keys(json.resource.google_project_service).map((k) => `google_project_service.${k}`);
    let others = 0;
    for (const [type, blocks] of Object.entries(json.resource)) {
      for (const block of Object.values(blocks as Record<string, any>)) {
        if (type === 'google_project_service') {
          expect(block.depends_on).toBeUndefined();
          continue;
        }
        others++;
        expect(block.depends_on).toEqual(expect.arrayContaining(serviceRefs));
      }
    }
    expect(others).toBeGreaterThan(5);
    expect(unresolvedReferences(json)).toEqual([]);
  });

  it('keeps the dependencies a resource already had', () => {
    const rule: any = Object.values(synth().resource.google_compute_firewall)[0];
    expect(rule.depends_on).toHaveLength(requiredGcpApis({ redis: true }).length + 1);
    expect(rule.depends_on.filter((d: string) => d.startsWith('google_compute_router_nat.'))).toHaveLength(1);
  });

  it('adds no ordering unless asked', () => {
    const json = synth(false);
    expect(Object.values(json.resource.google_compute_network)[0]).not.toHaveProperty('depends_on');
  });

  it('refuses an empty, repeated or malformed list', () => {
    const make = (apis: { service: string }[]) =>
      Testing.synthScope((s) => void new ProjectServices(s, 'apis', { project: 'p-123456', apis: apis.map((a) => ({ ...a, why: 'x', neededFor: 'always', bootstrap: false })) }));
    expect(() => make([])).toThrow('no APIs given');
    expect(() => make([{ service: 'compute.googleapis.com' }, { service: 'compute.googleapis.com' }])).toThrow('listed twice');
    expect(() => make([{ service: 'compute' }])).toThrow('"compute" is not a service name');
  });
});
