/** HTTPS for the frontend: the source a design names (or its ingress kind's default), one at most, and where problems point. */
import { checkDesignObject } from '../../lib/checks/check-design';
import { buildFrontendTls, checkTlsSources, frontendTlsSchema } from '../../lib/design/frontend-tls';

const ACM = 'arn:aws:acm:us-east-2:111122223333:certificate/2f9c1c7e-6a57-4c55-9a3e-1d2b3c4d5e6f';
const SECRET = 'arn:aws:secretsmanager:us-east-2:111122223333:secret:sourcegraph-tls-AbCdEf';

describe('buildFrontendTls', () => {
  it('gives gce a Google-managed certificate by default, the other kinds HTTP only', () => {
    expect(buildFrontendTls({}, 'gce')).toEqual({ certificate: 'google-managed' });
    for (const kind of ['alb', 'nginx', 'none'] as const) expect(buildFrontendTls({}, kind)).toEqual({ certificate: 'none' });
    expect(buildFrontendTls({ tls: { managedCertificate: false } }, 'gce')).toEqual({ certificate: 'none' });
  });

  it('reads the source the design names, the older tlsCertificateArn included', () => {
    expect(buildFrontendTls({ tls: { gcpCertificates: ['a', 'b'] } }, 'gce')).toEqual({ certificate: 'gcp-ssl-certificates', names: ['a', 'b'] });
    expect(buildFrontendTls({ tls: { acmCertificateArn: ACM } }, 'alb')).toEqual({ certificate: 'acm', arn: ACM });
    expect(buildFrontendTls({ tlsCertificateArn: ACM }, 'alb')).toEqual({ certificate: 'acm', arn: ACM });
    expect(buildFrontendTls({ tls: { secret: 'sourcegraph-tls' } }, 'nginx')).toEqual({ certificate: 'secret', secret: 'sourcegraph-tls' });
    expect(buildFrontendTls({ tls: { managedCertificate: true } }, 'nginx')).toEqual({ certificate: 'google-managed' });
  });
});

describe('checkTlsSources', () => {
  it('refuses a second source, at the second', () => {
    expect(checkTlsSources({ sourcegraph: { tls: { acmCertificateArn: ACM, secret: SECRET } } })).toEqual([
      { severity: 'error', path: ['sourcegraph', 'tls', 'secret'], message: 'a second certificate source (sourcegraph.tls.acmCertificateArn is given): name one' },
    ]);
    expect(checkTlsSources({ sourcegraph: { tlsCertificateArn: ACM, tls: { acmCertificateArn: ACM } } })).toEqual([
      { severity: 'error', path: ['sourcegraph', 'tlsCertificateArn'], message: 'tlsCertificateArn is the older name of tls.acmCertificateArn: give one' },
    ]);
    expect(checkTlsSources({ sourcegraph: { tls: { managedCertificate: false, gcpCertificates: ['a'] } } })).toEqual([]);
    expect(checkTlsSources({})).toEqual([]);
  });

  it('takes secret references that cannot carry template syntax', () => {
    const pattern = frontendTlsSchema.properties.secret.kind === 'string' ? frontendTlsSchema.properties.secret.pattern! : /never/;
    expect([SECRET, 'sourcegraph-tls', 'a_b-1'].map((s) => pattern.test(s))).toEqual([true, true, true]);
    expect(['${file("/etc/passwd")}', 'a b', 'arn:aws:secretsmanager:us-east-2:111122223333:secret:x${y}', ''].map((s) => pattern.test(s))).toEqual([false, false, false, false]);
  });
});

describe('the TLS rules through the check pipeline', () => {
  const design = (sourcegraph: Record<string, unknown>, cloud: Record<string, unknown> = { provider: 'aws', region: 'us-east-2', accountId: '111122223333' }) => ({
    name: 'acme-prod',
    customer: 'Acme',
    owner: 'a@example.com',
    cloud,
    network: { allowedCidrs: ['203.0.113.0/24'] },
    kubernetes: { version: '1.35', nodePools: [{ name: 'general', machineType: cloud.provider === 'gcp' ? 'n2-standard-16' : 'm6a.4xlarge', minNodes: 3, maxNodes: 6 }] },
    sourcegraph: { version: '7.6.0', size: 'S', hostname: 'sourcegraph.acme.example.com', ...sourcegraph },
  });
  const errors = (input: unknown) =>
    checkDesignObject(input)
      .problems.filter((p) => p.severity === 'error')
      .map((p) => `${p.field}: ${p.message}`);

  it('points at the field the certificate was named in', () => {
    expect(errors(design({ ingress: 'nginx', tlsCertificateArn: ACM }))).toEqual([
      'sourcegraph.tlsCertificateArn: only used with ingress: alb; the nginx ingress takes no certificate (HTTP only) or tls.secret',
    ]);
    expect(errors(design({ ingress: 'nginx', tls: { acmCertificateArn: ACM } }))).toEqual([
      'sourcegraph.tls.acmCertificateArn: only used with ingress: alb; the nginx ingress takes no certificate (HTTP only) or tls.secret',
    ]);
  });

  it('accepts each supported combination', () => {
    expect(errors(design({ ingress: 'alb', tls: { acmCertificateArn: ACM } }))).toEqual([]);
    expect(errors(design({ ingress: 'nginx', tls: { secret: SECRET } }))).toEqual([]);
    const gcp = { provider: 'gcp', region: 'us-central1', project: 'acme-sandbox' };
    expect(errors(design({ ingress: 'gce' }, gcp))).toEqual([]);
    expect(errors(design({ ingress: 'gce', tls: { gcpCertificates: ['acme-2026'] } }, gcp))).toEqual([]);
    expect(errors(design({ ingress: 'nginx', tls: { secret: 'sourcegraph-tls' } }, gcp))).toEqual([]);
    expect(checkDesignObject(design({ ingress: 'gce' }, gcp)).design?.sourcegraph.tls).toEqual({ certificate: 'google-managed' });
  });
});
