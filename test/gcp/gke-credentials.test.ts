import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { GkeCredentials } from '../../lib/gcp/gke-credentials';
import { ClusterProviders } from '../../lib/kubernetes/cluster-providers';
import { unresolvedReferences } from '../support/terraform-references';

const props = { project: 'acme-sandbox', region: 'us-central1', endpoint: '34.1.2.3', caCertificate: 'Q0EK' };

describe('GkeCredentials', () => {
  it('declares a Google provider and client config in the stack and returns host, CA and access token', () => {
    const out = Testing.synthScope((scope) => {
      const gke = new GkeCredentials(scope, 'gke', props);
      expect(gke.credentials.host).toBe('https://34.1.2.3');
      expect(gke.credentials.caCertificateBase64).toBe('Q0EK');
      expect(gke.credentials.exec).toBeUndefined();
      new ClusterProviders(scope, 'cluster', { credentials: gke.credentials });
    });
    const json = JSON.parse(out);
    expect(json.provider.google).toEqual([{ project: 'acme-sandbox', region: 'us-central1' }]);
    expect(Object.keys(json.data.google_client_config)).toHaveLength(1);
    const [kubernetes] = json.provider.kubernetes;
    expect(kubernetes.host).toBe('https://34.1.2.3');
    expect(kubernetes.cluster_ca_certificate).toBe('${base64decode("Q0EK")}');
    expect(kubernetes.token).toMatch(/^\$\{data\.google_client_config\..*\.access_token\}$/);
    expect(json.provider.helm[0].kubernetes.token).toBe(kubernetes.token);
    expect(unresolvedReferences(json)).toEqual([]);
  });

  it('refuses an empty project or region', () => {
    expect(() => Testing.synthScope((scope) => new GkeCredentials(scope, 'gke', { ...props, project: '' }))).toThrow(
      'project and region must not be empty',
    );
  });
});

describe('GkeCredentials through the DNS-based endpoint', () => {
  it('gives the providers the DNS host and no CA, so the public certificate of the endpoint verifies', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const gke = new GkeCredentials(scope, 'gke', { project: 'acme-sandbox', region: 'us-central1', endpoint: 'gke-0123abcd.us-central1.gke.goog' });
        expect(gke.credentials.caCertificateBase64).toBeUndefined();
        new ClusterProviders(scope, 'cluster', { credentials: gke.credentials });
      }),
    );
    const [kubernetes] = json.provider.kubernetes;
    expect(kubernetes.host).toBe('https://gke-0123abcd.us-central1.gke.goog');
    expect(kubernetes).not.toHaveProperty('cluster_ca_certificate');
    expect(json.provider.helm[0].kubernetes).not.toHaveProperty('cluster_ca_certificate');
    expect(kubernetes.token).toMatch(/^\$\{data\.google_client_config\..*\.access_token\}$/);
    expect(unresolvedReferences(json)).toEqual([]);
  });
});
