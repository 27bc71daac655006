import { TerraformStack, Testing } from 'cdktf';
import { API_TUNNEL_PORT_RANGE, apiTunnelCredentials, apiTunnelLocalPort } from '../../lib/kubernetes/api-tunnel-credentials';
import { ClusterProviders } from '../../lib/kubernetes/cluster-providers';

describe('apiTunnelLocalPort', () => {
  it('is the same for the same replica, in the range, and differs between replicas', () => {
    const names = ['acme-prod', 'globex-search', 'initech-trial', 'umbrella', 'hooli-private'];
    const ports = names.map(apiTunnelLocalPort);
    expect(names.map(apiTunnelLocalPort)).toEqual(ports);
    for (const p of ports) {
      expect(p).toBeGreaterThanOrEqual(API_TUNNEL_PORT_RANGE.first);
      expect(p).toBeLessThanOrEqual(API_TUNNEL_PORT_RANGE.last);
    }
    expect(new Set(ports).size).toBe(names.length);
  });
});

describe('apiTunnelCredentials', () => {
  const direct = {
    host: '${aws_eks_cluster.c.endpoint}',
    caCertificateBase64: 'Q0E=',
    exec: { command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'globex-search'] },
  };

  it('points the providers at the local end of the tunnel and verifies the certificate against the endpoint name', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new ClusterProviders(stack, 'cluster', {
      credentials: apiTunnelCredentials(direct, { endpointHost: 'ABC123.gr7.us-west-2.eks.amazonaws.com', localPort: 24111 }),
    });
    const provider = JSON.parse(Testing.synth(stack)).provider;
    expect(provider.kubernetes[0]).toMatchObject({
      host: 'https://127.0.0.1:24111',
      tls_server_name: 'ABC123.gr7.us-west-2.eks.amazonaws.com',
      cluster_ca_certificate: '${base64decode("Q0E=")}',
      exec: [expect.objectContaining({ command: 'aws', args: direct.exec.args })],
    });
    expect(provider.helm[0].kubernetes).toMatchObject({ host: 'https://127.0.0.1:24111', tls_server_name: 'ABC123.gr7.us-west-2.eks.amazonaws.com' });
    expect(provider.kubernetes[0]).not.toHaveProperty('insecure');
  });

  it('refuses a port that is not a user port', () => {
    expect(() => apiTunnelCredentials(direct, { endpointHost: 'x', localPort: 443 })).toThrow(/localPort 443 must be a whole number from 1024 to 65535/);
  });
});
