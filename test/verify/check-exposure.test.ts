import { checkExposure, loadBalancerAddress } from '../../lib/verify/check-exposure';
import { Decision } from '../../lib/verify/decision';
import { FrontendHealth } from '../../lib/verify/frontend-health';
import { gcpDesign } from '../support/design-fixture';
import { openToTheWorld } from './support/breakages';
import { find, healthyReplica } from './support/replica-objects';
import { example, inputFor, stateFromCluster } from './support/test-cluster';

function byId(ds: readonly Decision[], id: string): Decision {
  return ds.find((x) => x.id === id)!;
}

describe('checkExposure', () => {
  const acme = example('acme-prod');
  const globex = example('globex-search');
  const umbrella = example('umbrella-gke');

  it('confirms the ALB: Ingress with an address, the allowed clients, TLS with the designed certificate, health', () => {
    const ds = checkExposure(inputFor(acme.design, acme.assessment, healthyReplica(acme.design, acme.assessment, { address: { hostname: 'k8s-sourcegr-sourcegr-0a1b2c3d4e-1234567890.us-east-2.elb.amazonaws.com' } })));
    expect(ds.map((d) => [d.id, d.status, d.summary])).toEqual([
      ['exposure.ingress', 'confirmed', 'Ingress sourcegraph-frontend (class alb) for sourcegraph.acme.example.com at k8s-sourcegr-sourcegr-0a1b2c3d4e-1234567890.us-east-2.elb.amazonaws.com'],
      ['exposure.clients', 'confirmed', 'the ALB admits 203.0.113.0/24'],
      ['exposure.tls', 'confirmed', 'HTTPS on 443 with the designed certificate, HTTP redirected'],
      ['exposure.health', 'confirmed', 'HTTP 200 in 4 ms through the API server’s service proxy'],
    ]);
  });

  it('an ALB open to 0.0.0.0/0 deviates as open to the world', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    openToTheWorld(cluster, acme.design);
    expect(byId(checkExposure(inputFor(acme.design, acme.assessment, cluster)), 'exposure.clients').reasons).toEqual([
      'open to the world: the ALB (alb.ingress.kubernetes.io/inbound-cidrs) admits 0.0.0.0/0; designed 203.0.113.0/24',
    ]);
  });

  it('an ALB without the inbound-cidrs annotation is open to the world (the controller’s default)', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    delete find(cluster, 'Ingress', 'sourcegraph-frontend').metadata.annotations!['alb.ingress.kubernetes.io/inbound-cidrs'];
    expect(byId(checkExposure(inputFor(acme.design, acme.assessment, cluster)), 'exposure.clients').reasons[0]).toMatch(/^open to the world: the ALB \(no alb\.ingress\.kubernetes\.io\/inbound-cidrs annotation: the controller's default\) admits 0\.0\.0\.0\/0/);
  });

  it('an ALB with custom security groups cannot be judged from Kubernetes', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    find(cluster, 'Ingress', 'sourcegraph-frontend').metadata.annotations!['alb.ingress.kubernetes.io/security-groups'] = 'sg-0123';
    expect(byId(checkExposure(inputFor(acme.design, acme.assessment, cluster)), 'exposure.clients').status).toBe('unchecked');
  });

  it('nginx: the controller Service without source ranges is open to the world; extra or missing ranges deviate', () => {
    const cluster = healthyReplica(globex.design, globex.assessment);
    expect(byId(checkExposure(inputFor(globex.design, globex.assessment, cluster)), 'exposure.clients').status).toBe('confirmed');
    const svc = find(cluster, 'Service', 'ingress-nginx-controller').spec as { loadBalancerSourceRanges?: string[] };
    svc.loadBalancerSourceRanges = ['192.0.2.0/24', '10.0.0.0/8'];
    expect(byId(checkExposure(inputFor(globex.design, globex.assessment, cluster)), 'exposure.clients').reasons).toEqual([
      'Service ingress-nginx/ingress-nginx-controller (loadBalancerSourceRanges) also admits 10.0.0.0/8 (not designed)',
    ]);
    openToTheWorld(cluster, globex.design);
    expect(byId(checkExposure(inputFor(globex.design, globex.assessment, cluster)), 'exposure.clients').reasons).toEqual([
      'open to the world: Service ingress-nginx/ingress-nginx-controller (loadBalancerSourceRanges) admits every client; designed 192.0.2.0/24',
    ]);
  });

  it('gce: a Cloud Armor policy on the BackendConfig confirms; none is open to the world unless the design opted in', () => {
    // umbrella-gke restricts its clients (network.allowedCidrs): the healthy replica's BackendConfig names the infra stack's policy.
    const cluster = healthyReplica(umbrella.design, umbrella.assessment);
    expect(byId(checkExposure(inputFor(umbrella.design, umbrella.assessment, cluster)), 'exposure.clients')).toMatchObject({
      status: 'confirmed',
      summary: expect.stringMatching(/^Cloud Armor policy umbrella-gke-sourcegraph-clients attached through BackendConfig sourcegraph-frontend/),
    });
    const backendConfig = find(cluster, 'BackendConfig', 'sourcegraph-frontend').spec as Record<string, unknown>;
    delete backendConfig.securityPolicy;
    expect(byId(checkExposure({ ...inputFor(umbrella.design, umbrella.assessment, cluster) }), 'exposure.clients')).toMatchObject({
      status: 'deviates',
      reasons: ['open to the world: BackendConfig sourcegraph-frontend references no securityPolicy, so the GCE load balancer admits every client; designed 203.0.113.0/24'],
    });
    const open = gcpDesign({ name: umbrella.design.name, sourcegraph: { ingress: 'gce', hostname: umbrella.design.sourcegraph.hostname, allowedClientCidrs: ['0.0.0.0/0'] } });
    expect(byId(checkExposure({ design: open, assessment: umbrella.assessment, state: stateFromCluster(open, cluster) }), 'exposure.clients').summary).toMatch(
      /^no Cloud Armor policy: the GCE load balancer admits every client, as designed/,
    );
  });

  it('no address yet: the controller’s warning event says why', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    find(cluster, 'Ingress', 'sourcegraph-frontend').status = { loadBalancer: {} };
    cluster.objects.push({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'ing.failed', namespace: 'sourcegraph' }, involvedObject: { kind: 'Ingress', name: 'sourcegraph-frontend' }, type: 'Warning', reason: 'FailedBuildModel', message: 'Failed build model due to couldn\'t auto-discover subnets: unable to resolve at least one subnet', lastTimestamp: '2026-11-27T09:10:00Z' });
    const input = inputFor(acme.design, acme.assessment, cluster);
    expect(loadBalancerAddress(input)).toBeUndefined();
    expect(byId(checkExposure(input), 'exposure.ingress').reasons).toEqual([
      "the Ingress has no address yet: FailedBuildModel: Failed build model due to couldn't auto-discover subnets: unable to resolve at least one subnet",
    ]);
  });

  it('TLS designed but the certificate or HTTPS listener missing deviates', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    const a = find(cluster, 'Ingress', 'sourcegraph-frontend').metadata.annotations!;
    delete a['alb.ingress.kubernetes.io/certificate-arn'];
    a['alb.ingress.kubernetes.io/listen-ports'] = '[{"HTTP":80}]';
    expect(byId(checkExposure(inputFor(acme.design, acme.assessment, cluster)), 'exposure.tls').reasons).toEqual([
      `certificate none, designed ${acme.design.sourcegraph.tlsCertificateArn}`,
      'listen ports [{"HTTP":80}] have no HTTPS 443',
    ]);
  });

  it('gce with its default Google-managed certificate: the pre-shared-cert annotation names it and the FrontendConfig redirects HTTP', () => {
    expect(umbrella.design.sourcegraph.tls).toEqual({ certificate: 'google-managed' });
    const cluster = healthyReplica(umbrella.design, umbrella.assessment);
    expect(byId(checkExposure(inputFor(umbrella.design, umbrella.assessment, cluster)), 'exposure.tls')).toMatchObject({
      status: 'confirmed',
      title: 'HTTPS with the Google-managed certificate umbrella-gke-sourcegraph',
    });
    const a = find(cluster, 'Ingress', 'sourcegraph-frontend').metadata.annotations!;
    a['ingress.gcp.kubernetes.io/pre-shared-cert'] = 'someone-elses-cert';
    delete a['networking.gke.io/v1beta1.FrontendConfig'];
    expect(byId(checkExposure(inputFor(umbrella.design, umbrella.assessment, cluster)), 'exposure.tls').reasons).toEqual([
      'certificates someone-elses-cert, designed umbrella-gke-sourcegraph',
      'HTTP is not redirected to HTTPS (networking.gke.io/v1beta1.FrontendConfig: unset, designed sourcegraph-frontend)',
    ]);
  });

  it('gce with existing SSL certificates, and nginx with a certificate from the secret store: judged by what the Ingress serves', () => {
    const cluster = healthyReplica(umbrella.design, umbrella.assessment);
    const named = { ...umbrella.design, sourcegraph: { ...umbrella.design.sourcegraph, tls: { certificate: 'gcp-ssl-certificates' as const, names: ['umbrella-gke-sourcegraph', 'extra'] } } };
    expect(byId(checkExposure({ ...inputFor(umbrella.design, umbrella.assessment, cluster), design: named }), 'exposure.tls').reasons).toEqual([
      'certificates umbrella-gke-sourcegraph, designed umbrella-gke-sourcegraph, extra',
    ]);
    const nginx = healthyReplica(globex.design, globex.assessment);
    const withSecret = { ...globex.design, sourcegraph: { ...globex.design.sourcegraph, tls: { certificate: 'secret' as const, secret: 'arn:aws:secretsmanager:us-west-2:111122223333:secret:globex-tls-AbCdEf' } } };
    const judge = () => byId(checkExposure({ ...inputFor(globex.design, globex.assessment, nginx), design: withSecret }), 'exposure.tls');
    expect(judge().reasons).toEqual([`no TLS entry for ${globex.design.sourcegraph.hostname} on the Ingress`]);
    (find(nginx, 'Ingress', 'sourcegraph-frontend').spec as { tls?: unknown }).tls = [{ hosts: [globex.design.sourcegraph.hostname], secretName: 'sourcegraph-frontend-tls' }];
    expect(judge()).toMatchObject({ status: 'confirmed', title: 'HTTPS with the certificate of Secret sourcegraph-frontend-tls' });
  });

  it('ingress none: confirmed when nothing is exposed, deviates on a LoadBalancer Service', () => {
    const initech = example('initech-minimal');
    const cluster = healthyReplica(initech.design, initech.assessment);
    const ds = checkExposure(inputFor(initech.design, initech.assessment, cluster));
    expect(ds.map((d) => d.id)).toEqual(['exposure.ingress', 'exposure.health']);
    expect(ds[0].status).toBe('confirmed');
    (find(cluster, 'Service', 'sourcegraph-frontend').spec as { type: string }).type = 'LoadBalancer';
    expect(byId(checkExposure(inputFor(initech.design, initech.assessment, cluster)), 'exposure.ingress').reasons).toEqual(['Service sourcegraph-frontend is of type LoadBalancer']);
  });

  it('health: an answer through the API server after the load balancer did not answer; a 503; a blocked route; no probe', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    const health = (h: FrontendHealth) => byId(checkExposure(inputFor(acme.design, acme.assessment, cluster, h)), 'exposure.health');
    const lb = { target: 'https://127.0.0.1/healthz (Host: sourcegraph.acme.example.com)', answer: { error: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:443', ms: 1 } };
    expect(health({ ok: true, via: 'api-server', target: '/proxy/ready', answer: { status: 200, ms: 3 }, loadBalancer: lb }).summary).toBe(
      'HTTP 200 in 3 ms through the API server’s service proxy; the load balancer did not let this machine through (https://127.0.0.1/healthz (Host: sourcegraph.acme.example.com): no answer (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:443)), as expected when it is not among the allowed clients',
    );
    expect(health({ ok: false, via: 'load-balancer', target: 'https://lb/healthz', answer: { status: 503, ms: 9 } })).toMatchObject({ status: 'deviates', reasons: ['GET https://lb/healthz: HTTP 503 in 9 ms'] });
    expect(health({ ok: false, via: 'api-server', target: '/proxy/ready', answer: { error: 'refused (403 Forbidden)', blocked: true, ms: 2 } }).status).toBe('unchecked');
    const input = inputFor(acme.design, acme.assessment, cluster);
    expect(byId(checkExposure({ ...input, state: { ...input.state, health: undefined } }), 'exposure.health').status).toBe('unchecked');
  });
});
