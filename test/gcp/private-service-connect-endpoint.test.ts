import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { PrivateServiceConnectEndpoint } from '../../lib/gcp/private-service-connect-endpoint';

describe('PrivateServiceConnectEndpoint', () => {
  const props = {
    name: 'acme-sourcegraph-psc',
    region: 'us-central1',
    networkSelfLink: 'projects/p/global/networks/acme',
    subnetworkSelfLink: 'projects/p/regions/us-central1/subnetworks/acme-nodes',
    serviceAttachment: 'projects/t/regions/us-central1/serviceAttachments/a',
  };

  it('reserves an internal address in the subnet and forwards it to the service attachment', () => {
    const json = JSON.parse(Testing.synthScope((scope) => void new PrivateServiceConnectEndpoint(scope, 'ep', props)));
    const address: any = Object.values(json.resource.google_compute_address)[0];
    expect(address).toEqual(expect.objectContaining({ name: props.name, address_type: 'INTERNAL', subnetwork: props.subnetworkSelfLink, region: 'us-central1' }));
    const rule: any = Object.values(json.resource.google_compute_forwarding_rule)[0];
    expect(rule).toEqual(
      expect.objectContaining({
        name: props.name,
        target: props.serviceAttachment,
        load_balancing_scheme: '',
        network: props.networkSelfLink,
        allow_psc_global_access: false,
      }),
    );
    expect(rule.ip_address).toMatch(/^\$\{google_compute_address\.[^.]+\.id\}$/);
    expect(rule.labels).toBeUndefined();
  });

  it('refuses a name GCP would refuse', () => {
    expect(() => Testing.synthScope((scope) => void new PrivateServiceConnectEndpoint(scope, 'ep', { ...props, name: 'Bad_Name' }))).toThrow(
      /name "Bad_Name"/,
    );
  });
});
