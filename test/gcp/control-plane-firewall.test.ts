import { Testing } from 'cdktf';
import { ControlPlaneFirewall, type ControlPlaneFirewallProps } from '../../lib/gcp/control-plane-firewall';
import { NodeServiceAccount } from '../../lib/gcp/node-service-account';
import { INGRESS_NGINX_WEBHOOK_PORT } from '../../lib/kubernetes/ingress-nginx';
import { unresolvedReferences } from '../support/terraform-references';

const base: ControlPlaneFirewallProps = {
  name: 'hooli-private-control-plane-webhooks',
  networkSelfLink: 'projects/hooli-sg-replica/global/networks/hooli-private',
  controlPlaneCidr: '10.96.255.240/28',
  ports: [INGRESS_NGINX_WEBHOOK_PORT],
  targetServiceAccounts: ['hooli-private-nodes@hooli-sg-replica.iam.gserviceaccount.com'],
};

function rule(props: Partial<ControlPlaneFirewallProps> = {}): any {
  const json = JSON.parse(Testing.synthScope((scope) => void new ControlPlaneFirewall(scope, 'fw', { ...base, ...props })));
  const all = Object.values(json.resource.google_compute_firewall);
  expect(all).toHaveLength(1);
  return all[0];
}

describe('ControlPlaneFirewall', () => {
  it('admits the control plane range to the nodes on the ingress-nginx webhook port only', () => {
    expect(rule()).toMatchObject({
      name: 'hooli-private-control-plane-webhooks',
      network: base.networkSelfLink,
      direction: 'INGRESS',
      source_ranges: ['10.96.255.240/28'],
      allow: [{ protocol: 'tcp', ports: ['8443'] }],
      target_service_accounts: ['hooli-private-nodes@hooli-sg-replica.iam.gserviceaccount.com'],
    });
    expect(rule()).not.toHaveProperty('target_tags');
    expect(rule()).not.toHaveProperty('log_config');
  });

  it('targets network tags instead when asked, and sorts and de-duplicates ports', () => {
    const r = rule({ targetServiceAccounts: undefined, targetTags: ['hooli-private-node'], ports: [9443, 8443, 9443] });
    expect(r.target_tags).toEqual(['hooli-private-node']);
    expect(r).not.toHaveProperty('target_service_accounts');
    expect(r.allow).toEqual([{ protocol: 'tcp', ports: ['8443', '9443'] }]);
  });

  it('targets the node service account by reference, and every reference resolves', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const nodes = new NodeServiceAccount(scope, 'nodes', { project: 'hooli-sg-replica', accountId: 'hooli-private-nodes' });
        new ControlPlaneFirewall(scope, 'fw', { ...base, targetServiceAccounts: [nodes.email] });
      }),
    );
    const r: any = Object.values(json.resource.google_compute_firewall)[0];
    expect(r.target_service_accounts).toEqual([expect.stringMatching(/^\$\{google_service_account\.[^.]+\.email\}$/)]);
    expect(unresolvedReferences(json)).toEqual([]);
  });

  it('refuses rules that would be too wide or that GCP would refuse', () => {
    expect(() => rule({ targetServiceAccounts: undefined })).toThrow('give exactly one of targetServiceAccounts and targetTags');
    expect(() => rule({ targetTags: ['x-node'] })).toThrow('give exactly one of targetServiceAccounts and targetTags');
    expect(() => rule({ targetServiceAccounts: [] })).toThrow('0 targets');
    expect(() => rule({ controlPlaneCidr: '0.0.0.0/0' })).toThrow('controlPlaneCidr "0.0.0.0/0" must be the control plane\'s private /28');
    expect(() => rule({ controlPlaneCidr: '10.96.255.0/24' })).toThrow('must be the control plane\'s private /28');
    expect(() => rule({ ports: [] })).toThrow('ports is empty');
    expect(() => rule({ ports: [70000] })).toThrow('port 70000 is not a TCP port');
    expect(() => rule({ name: 'Bad_Name' })).toThrow('name must be 1-63 lowercase letters');
    expect(() => rule({ targetServiceAccounts: undefined, targetTags: ['Bad Tag'] })).toThrow('network tag "Bad Tag"');
  });
});
