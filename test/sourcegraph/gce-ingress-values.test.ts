import { gceIngressNames } from '../../lib/replica/gce-ingress-names';
import { GCE_FRONTEND_CONFIG_NAME, gceIngressValues } from '../../lib/sourcegraph/gce-ingress-values';
import { replicaValues } from '../../lib/sourcegraph/replica-values';
import { gcpDesign } from '../support/design-fixture';

const names = gceIngressNames('umbrella-gke');
const HOST = 'sourcegraph.umbrella.example.com';

function kinds(values: any): string[] {
  return values.extraResources.map((r: any) => r.kind);
}

describe('gceIngressValues', () => {
  it('is what replicaValues gives a gce design: the replica\'s address, certificate and SSL policy by name', () => {
    const design = gcpDesign({ name: 'umbrella-gke', sourcegraph: { hostname: HOST } });
    const { storageClass: _storageClass, ...ingress } = replicaValues(design, { storageClassName: 'sourcegraph', tags: {} });
    expect(gceIngressValues({ hostname: HOST, staticIpName: names.address, tls: { certificateNames: [names.certificate], sslPolicyName: names.sslPolicy } })).toEqual(ingress);
  });

  it('without options: HTTP on an ephemeral address, any client (what a gce ingress got before issue 11)', () => {
    const values: any = gceIngressValues({ hostname: HOST });
    expect(Object.keys(values.frontend.ingress.annotations).sort()).toEqual(['kubernetes.io/ingress.class', 'nginx.ingress.kubernetes.io/proxy-body-size']);
    expect(values.extraResources.map((r: any) => r.kind)).toEqual(['BackendConfig']);
  });

  it('attaches the Cloud Armor policy to the frontend backend through the BackendConfig', () => {
    const values: any = gceIngressValues({ hostname: HOST, securityPolicyName: names.securityPolicy });
    const backend = values.extraResources.find((r: any) => r.kind === 'BackendConfig');
    expect(backend.spec.securityPolicy).toEqual({ name: 'umbrella-gke-sourcegraph-clients' });
    expect(backend.spec.healthCheck).toMatchObject({ requestPath: '/ready', port: 6060 });
    expect(values.frontend.serviceAnnotations['cloud.google.com/backend-config']).toBe(JSON.stringify({ default: backend.metadata.name }));
  });

  it('serves on the reserved address with the certificates, redirecting HTTP to HTTPS through a FrontendConfig', () => {
    const values: any = gceIngressValues({
      hostname: HOST,
      staticIpName: names.address,
      securityPolicyName: names.securityPolicy,
      tls: { certificateNames: [names.certificate], sslPolicyName: names.sslPolicy },
    });
    expect(values.frontend.ingress.annotations).toEqual({
      'kubernetes.io/ingress.class': 'gce',
      'nginx.ingress.kubernetes.io/proxy-body-size': null,
      'kubernetes.io/ingress.global-static-ip-name': 'umbrella-gke-sourcegraph',
      'ingress.gcp.kubernetes.io/pre-shared-cert': 'umbrella-gke-sourcegraph',
      'networking.gke.io/v1beta1.FrontendConfig': GCE_FRONTEND_CONFIG_NAME,
    });
    expect(kinds(values)).toEqual(['BackendConfig', 'FrontendConfig']);
    expect(values.extraResources[1]).toEqual({
      apiVersion: 'networking.gke.io/v1beta1',
      kind: 'FrontendConfig',
      metadata: { name: GCE_FRONTEND_CONFIG_NAME },
      spec: { redirectToHttps: { enabled: true, responseCodeName: 'MOVED_PERMANENTLY_DEFAULT' }, sslPolicy: 'umbrella-gke-sourcegraph-tls' },
    });
    expect(values.frontend.ingress.host).toBe(HOST);
  });

  it('lists several pre-shared certificates comma-separated, and refuses TLS without one', () => {
    const values: any = gceIngressValues({ hostname: HOST, tls: { certificateNames: ['a', 'b'] } });
    expect(values.frontend.ingress.annotations['ingress.gcp.kubernetes.io/pre-shared-cert']).toBe('a,b');
    expect(values.extraResources[1].spec).not.toHaveProperty('sslPolicy');
    expect(() => gceIngressValues({ hostname: HOST, tls: { certificateNames: [] } })).toThrow('TLS needs at least one certificate name');
  });

  it('adds no FrontendConfig and no TLS annotation for plain HTTP', () => {
    const values: any = gceIngressValues({ hostname: HOST, staticIpName: names.address });
    expect(kinds(values)).toEqual(['BackendConfig']);
    expect(values.frontend.ingress.annotations).not.toHaveProperty('ingress.gcp.kubernetes.io/pre-shared-cert');
    expect(values.frontend.ingress.annotations).not.toHaveProperty('networking.gke.io/v1beta1.FrontendConfig');
  });
});
