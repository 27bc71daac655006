import { TerraformStack, Testing } from 'cdktf';
import { ClusterProviders } from '../../lib/kubernetes/cluster-providers';

function synth(credentials: ConstructorParameters<typeof ClusterProviders>[2]['credentials']) {
  const stack = new TerraformStack(Testing.app(), 's');
  new ClusterProviders(stack, 'cluster', { credentials });
  return JSON.parse(Testing.synth(stack)).provider;
}

describe('ClusterProviders', () => {
  it('points Kubernetes and Helm at one cluster with an exec credential plugin', () => {
    const p = synth({ host: 'https://k8s.example', caCertificateBase64: 'Q0E=', exec: { command: 'aws', args: ['eks', 'get-token'] } });
    expect(p.kubernetes[0]).toEqual({
      host: 'https://k8s.example',
      cluster_ca_certificate: '${base64decode("Q0E=")}',
      exec: [{ api_version: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token'] }],
    });
    expect(p.helm[0].kubernetes).toEqual({
      host: 'https://k8s.example',
      cluster_ca_certificate: '${base64decode("Q0E=")}',
      exec: { api_version: 'client.authentication.k8s.io/v1beta1', command: 'aws', args: ['eks', 'get-token'] },
    });
  });

  it('uses a bearer token when given one', () => {
    const p = synth({ host: 'https://k8s.example', caCertificateBase64: 'Q0E=', token: 'tok' });
    expect(p.kubernetes[0].token).toBe('tok');
    expect(p.helm[0].kubernetes.token).toBe('tok');
    expect(p.kubernetes[0]).not.toHaveProperty('exec');
  });

  it('verifies the certificate against tlsServerName when the host is a tunnel on 127.0.0.1', () => {
    const p = synth({
      host: 'https://127.0.0.1:18443',
      caCertificateBase64: 'Q0E=',
      tlsServerName: 'ABC.gr7.us-east-2.eks.amazonaws.com',
      exec: { command: 'aws', args: ['eks', 'get-token'] },
    });
    expect(p.kubernetes[0]).toMatchObject({ host: 'https://127.0.0.1:18443', tls_server_name: 'ABC.gr7.us-east-2.eks.amazonaws.com' });
    expect(p.helm[0].kubernetes).toMatchObject({ host: 'https://127.0.0.1:18443', tls_server_name: 'ABC.gr7.us-east-2.eks.amazonaws.com' });
    // Unchanged without one: the public-endpoint path.
    const direct = synth({ host: 'https://k8s.example', caCertificateBase64: 'Q0E=', token: 't' });
    expect(direct.kubernetes[0]).not.toHaveProperty('tls_server_name');
    expect(direct.helm[0].kubernetes).not.toHaveProperty('tls_server_name');
  });

  it('refuses both or neither credential', () => {
    expect(() => synth({ host: 'h', caCertificateBase64: 'c' })).toThrow(/exactly one of credentials.exec and credentials.token/);
    expect(() => synth({ host: 'h', caCertificateBase64: 'c', token: 't', exec: { command: 'x', args: [] } })).toThrow(/exactly one/);
  });
});

describe('ClusterProviders without a cluster CA (GKE DNS endpoint)', () => {
  it('leaves cluster_ca_certificate out of both providers, so they trust the system roots', () => {
    // The DNS endpoint's certificate is publicly trusted; the cluster CA would be the only root and fail the handshake.
    const p = synth({ host: 'https://gke-0123.us-central1.gke.goog', token: 'tok' });
    expect(p.kubernetes[0]).toEqual({ host: 'https://gke-0123.us-central1.gke.goog', token: 'tok' });
    expect(p.helm[0].kubernetes).toEqual({ host: 'https://gke-0123.us-central1.gke.goog', token: 'tok' });
  });
});
