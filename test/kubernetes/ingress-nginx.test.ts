import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { INGRESS_NGINX_CHART_VERSION, INGRESS_NGINX_WEBHOOK_PORT, IngressNginx, IngressNginxProps } from '../../lib/kubernetes/ingress-nginx';
import { Release } from '../../lib/providers/helm';

function valuesOf(props: IngressNginxProps): any {
  const synth = Testing.synthScope((scope) => {
    new IngressNginx(scope, 'nginx', props);
  });
  const release: any = Object.values(JSON.parse(synth).resource.helm_release)[0];
  return parse(release.values[0]);
}

describe('IngressNginx', () => {
  it('installs the pinned chart into its own namespace', () => {
    const synth = Testing.synthScope((scope) => {
      new IngressNginx(scope, 'nginx', { cloud: 'aws' });
    });
    expect(synth).toHaveResourceWithProperties(Release, {
      name: 'ingress-nginx',
      repository: 'https://kubernetes.github.io/ingress-nginx',
      chart: 'ingress-nginx',
      version: INGRESS_NGINX_CHART_VERSION,
      namespace: 'ingress-nginx',
      create_namespace: true,
      wait: true,
    });
  });

  it('on AWS: a tagged NLB, 10-minute proxy timeouts, class nginx', () => {
    const values = valuesOf({ cloud: 'aws', tags: { 'sg-replica': 'acme-prod', owner: 'jane.doe@example.com' } });
    expect(values.controller.ingressClassResource.name).toBe('nginx');
    expect(values.controller.config).toEqual({
      'proxy-read-timeout': '600',
      'proxy-send-timeout': '600',
      'proxy-body-size': '150m',
    });
    expect(values.controller.service.annotations).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
      'service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags': 'sg-replica=acme-prod,owner=jane.doe@example.com',
    });
  });

  it('on GCP: no AWS annotations; source ranges on both clouds', () => {
    const values = valuesOf({ cloud: 'gcp', tags: { 'sg-replica': 'acme-prod' }, sourceRanges: ['203.0.113.0/24'] });
    expect(values.controller.service).toEqual({ loadBalancerSourceRanges: ['203.0.113.0/24'] });
    expect(valuesOf({ cloud: 'gcp' }).controller).not.toHaveProperty('service');
  });

  it('pins the admission webhook to the port a private GKE control plane is let through to', () => {
    // ControlPlaneFirewall opens exactly this port from the control plane's range; the chart reads
    // controller.admissionWebhooks.port for both the container port and the webhook Service.
    expect(INGRESS_NGINX_WEBHOOK_PORT).toBe(8443);
    expect(valuesOf({ cloud: 'gcp' }).controller.admissionWebhooks).toEqual({ port: INGRESS_NGINX_WEBHOOK_PORT });
    expect(valuesOf({ cloud: 'aws' }).controller.admissionWebhooks).toEqual({ port: INGRESS_NGINX_WEBHOOK_PORT });
  });

  it('refuses a source range that is not a CIDR', () => {
    expect(() => valuesOf({ cloud: 'aws', sourceRanges: ['office'] })).toThrow("source range 'office'");
  });
});
