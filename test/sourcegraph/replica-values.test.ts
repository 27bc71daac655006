import { awsDesign, gcpDesign } from '../support/design-fixture';
import {
  ALB_SSL_POLICY,
  FRONTEND_TLS_SECRET_NAME,
  GCE_BACKEND_CONFIG_NAME,
  ReplicaValuesContext,
  replicaValues,
  storageClassValues,
} from '../../lib/sourcegraph/replica-values';

const context: ReplicaValuesContext = {
  storageClassName: 'sourcegraph-replica',
  tags: { 'sg-replica': 'acme-prod', owner: 'jane.doe@example.com', note: 'a,b=c' },
};

const ingressOf = (values: Record<string, unknown>): any => (values.frontend as any).ingress;

describe('replicaValues: storage class', () => {
  it('switches the chart StorageClass off and points volumes at ours', () => {
    expect(replicaValues(awsDesign(), context).storageClass).toEqual({ create: false, name: 'sourcegraph-replica' });
  });

  it('refuses a name Kubernetes would refuse', () => {
    expect(() => storageClassValues('Not_Valid')).toThrow("Storage class name 'Not_Valid'");
  });
});

describe('replicaValues: alb', () => {
  it('wires an internet-facing HTTP ALB to the frontend pods, removing the nginx defaults', () => {
    const ingress = ingressOf(replicaValues(awsDesign(), context));
    expect(ingress.enabled).toBe(true);
    expect(ingress.ingressClassName).toBe('alb');
    expect(ingress.host).toBe('sourcegraph.acme.example.com');
    expect(ingress.annotations).toEqual({
      'kubernetes.io/ingress.class': null,
      'nginx.ingress.kubernetes.io/proxy-body-size': null,
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/healthcheck-path': '/healthz',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80}]',
      'alb.ingress.kubernetes.io/load-balancer-attributes':
        'idle_timeout.timeout_seconds=600,routing.http.drop_invalid_header_fields.enabled=true',
      'alb.ingress.kubernetes.io/inbound-cidrs': '203.0.113.0/24',
      'alb.ingress.kubernetes.io/tags': 'sg-replica=acme-prod,owner=jane.doe@example.com,note=a_b_c',
    });
  });

  it('adds HTTPS with the ACM certificate, a redirect and a TLS 1.2+ policy when a certificate is given', () => {
    const arn = 'arn:aws:acm:us-east-2:111122223333:certificate/0a1b2c3d';
    const { annotations } = ingressOf(replicaValues(awsDesign({ sourcegraph: { tlsCertificateArn: arn } }), context));
    expect(annotations['alb.ingress.kubernetes.io/listen-ports']).toBe('[{"HTTP":80},{"HTTPS":443}]');
    expect(JSON.parse(annotations['alb.ingress.kubernetes.io/listen-ports'])).toEqual([{ HTTP: 80 }, { HTTPS: 443 }]);
    expect(annotations['alb.ingress.kubernetes.io/certificate-arn']).toBe(arn);
    expect(annotations['alb.ingress.kubernetes.io/ssl-redirect']).toBe('443');
    expect(annotations['alb.ingress.kubernetes.io/ssl-policy']).toBe(ALB_SSL_POLICY);
  });

  it('has no HTTPS annotations without a certificate', () => {
    const { annotations } = ingressOf(replicaValues(awsDesign(), context));
    expect(annotations).not.toHaveProperty(['alb.ingress.kubernetes.io/certificate-arn']);
    expect(annotations).not.toHaveProperty(['alb.ingress.kubernetes.io/ssl-redirect']);
  });

  it('restricts clients to the design allowedClientCidrs with inbound-cidrs', () => {
    const design = awsDesign({ sourcegraph: { allowedClientCidrs: ['203.0.113.0/24', '198.51.100.7/32'] } });
    const { annotations } = ingressOf(replicaValues(design, context));
    expect(annotations['alb.ingress.kubernetes.io/inbound-cidrs']).toBe('203.0.113.0/24,198.51.100.7/32');
  });

  it('takes client CIDRs from the context over the design', () => {
    const { annotations } = ingressOf(replicaValues(awsDesign(), { ...context, allowedClientCidrs: ['198.51.100.0/24'] }));
    expect(annotations['alb.ingress.kubernetes.io/inbound-cidrs']).toBe('198.51.100.0/24');
  });

  it('omits inbound-cidrs when the design lists no client CIDRs', () => {
    const { annotations } = ingressOf(replicaValues(awsDesign({ sourcegraph: { allowedClientCidrs: [] } }), context));
    expect(annotations).not.toHaveProperty(['alb.ingress.kubernetes.io/inbound-cidrs']);
  });

  it('omits the tags annotation when there are no tags', () => {
    const { annotations } = ingressOf(replicaValues(awsDesign(), { storageClassName: 'sourcegraph', tags: {} }));
    expect(annotations).not.toHaveProperty(['alb.ingress.kubernetes.io/tags']);
  });

  it('refuses alb on GCP', () => {
    expect(() => replicaValues(gcpDesign({ sourcegraph: { ingress: 'alb' } }), context)).toThrow(
      "Ingress 'alb' needs cloud 'aws', but design 'acme-prod' is on 'gcp'",
    );
  });
});

describe('replicaValues: nginx', () => {
  it('uses class nginx with 10-minute proxy timeouts and the chart body size', () => {
    const ingress = ingressOf(replicaValues(awsDesign({ sourcegraph: { ingress: 'nginx' } }), context));
    expect(ingress).toEqual({
      enabled: true,
      ingressClassName: 'nginx',
      annotations: {
        'kubernetes.io/ingress.class': null,
        'nginx.ingress.kubernetes.io/proxy-body-size': '150m',
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '600',
        'nginx.ingress.kubernetes.io/proxy-send-timeout': '600',
      },
      host: 'sourcegraph.acme.example.com',
    });
  });

  it('refuses an ACM certificate (it is only for the ALB)', () => {
    const design = awsDesign({ sourcegraph: { ingress: 'nginx', tlsCertificateArn: 'arn:aws:acm:us-east-2:111122223333:certificate/x' } });
    expect(() => replicaValues(design, context)).toThrow("a certificate from 'acm' is only used with ingress 'alb'");
  });

  it('serves TLS from the Kubernetes Secret the stack makes from the design\'s certificate secret', () => {
    const design = awsDesign({ sourcegraph: { ingress: 'nginx', tls: { certificate: 'secret', secret: 'arn:aws:secretsmanager:us-east-2:111122223333:secret:tls-AbCdEf' } } });
    expect((replicaValues(design, context).frontend as any).ingress.tlsSecret).toBe(FRONTEND_TLS_SECRET_NAME);
    expect((replicaValues(awsDesign({ sourcegraph: { ingress: 'nginx' } }), context).frontend as any).ingress).not.toHaveProperty('tlsSecret');
  });
});

describe('replicaValues: gce', () => {
  it('uses the gce class, NEG and a BackendConfig checking /ready on 6060 with a 10-minute timeout; the reserved address, a managed certificate and HTTPS by default', () => {
    const values = replicaValues(gcpDesign(), context);
    const frontend = values.frontend as any;
    expect(frontend.ingress.annotations).toEqual({
      'kubernetes.io/ingress.class': 'gce',
      'nginx.ingress.kubernetes.io/proxy-body-size': null,
      'kubernetes.io/ingress.global-static-ip-name': 'acme-prod-sourcegraph',
      'ingress.gcp.kubernetes.io/pre-shared-cert': 'acme-prod-sourcegraph',
      'networking.gke.io/v1beta1.FrontendConfig': 'sourcegraph-frontend',
    });
    expect(frontend.ingress.host).toBe('sourcegraph.acme.example.com');
    expect(frontend.ingress).not.toHaveProperty('ingressClassName');
    expect(frontend.serviceAnnotations['cloud.google.com/neg']).toBe('{"ingress": true}');
    expect(JSON.parse(frontend.serviceAnnotations['cloud.google.com/backend-config'])).toEqual({
      default: GCE_BACKEND_CONFIG_NAME,
    });
    expect(values.extraResources).toEqual([
      expect.objectContaining({
        apiVersion: 'cloud.google.com/v1',
        kind: 'BackendConfig',
        metadata: { name: GCE_BACKEND_CONFIG_NAME },
        spec: expect.not.objectContaining({ securityPolicy: expect.anything() }),
      }),
      expect.objectContaining({ kind: 'FrontendConfig', spec: { redirectToHttps: { enabled: true, responseCodeName: 'MOVED_PERMANENTLY_DEFAULT' }, sslPolicy: 'acme-prod-sourcegraph-tls' } }),
    ]);
    expect((values.extraResources as any[])[0].spec).toMatchObject({ timeoutSec: 600, healthCheck: { requestPath: '/ready', port: 6060 } });
  });

  it('restricts clients with the replica\'s Cloud Armor policy (no /0: a policy; none when any client may connect)', () => {
    const restricted = replicaValues(gcpDesign({ sourcegraph: { allowedClientCidrs: ['203.0.113.0/24'] } }), context) as any;
    expect(restricted.extraResources[0].spec.securityPolicy).toEqual({ name: 'acme-prod-sourcegraph-clients' });
    const open = replicaValues(gcpDesign({ sourcegraph: { allowedClientCidrs: ['203.0.113.0/24'] } }), { ...context, allowedClientCidrs: [] }) as any;
    expect(open.extraResources[0].spec).not.toHaveProperty('securityPolicy');
  });

  it('serves named certificates, or plain HTTP when the design turns HTTPS off', () => {
    const named = replicaValues(gcpDesign({ sourcegraph: { tls: { certificate: 'gcp-ssl-certificates', names: ['a', 'b'] } } }), context) as any;
    expect(named.frontend.ingress.annotations['ingress.gcp.kubernetes.io/pre-shared-cert']).toBe('a,b');
    const plain = replicaValues(gcpDesign({ sourcegraph: { tls: { certificate: 'none' } } }), context) as any;
    expect(plain.frontend.ingress.annotations).not.toHaveProperty('ingress.gcp.kubernetes.io/pre-shared-cert');
    expect(plain.extraResources.map((r: any) => r.kind)).toEqual(['BackendConfig']);
  });

  it('refuses gce on AWS', () => {
    expect(() => replicaValues(awsDesign({ sourcegraph: { ingress: 'gce', tls: { certificate: 'none' } } }), context)).toThrow(
      "Ingress 'gce' needs cloud 'gcp'",
    );
  });
});

describe('replicaValues: none', () => {
  it('disables the ingress and generates nothing else for it', () => {
    const values = replicaValues(awsDesign({ sourcegraph: { ingress: 'none' } }), context);
    expect(values).toEqual({
      storageClass: { create: false, name: 'sourcegraph-replica' },
      frontend: { ingress: { enabled: false } },
    });
  });
});
