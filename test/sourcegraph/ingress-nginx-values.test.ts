import { INGRESS_NGINX_CHART_VERSION, ingressNginxValues } from '../../lib/sourcegraph/ingress-nginx-values';

test('ingress-nginx values: class nginx, 10-minute timeouts, an NLB with tags on AWS, client CIDRs', () => {
  expect(INGRESS_NGINX_CHART_VERSION).toBe('4.15.1');
  const aws = ingressNginxValues({ cloud: 'aws', tags: { owner: 'a' }, sourceRanges: ['192.0.2.0/24'] }) as any;
  expect(aws.controller.ingressClassResource).toEqual({ name: 'nginx' });
  expect(aws.controller.config).toEqual({ 'proxy-read-timeout': '600', 'proxy-send-timeout': '600', 'proxy-body-size': '150m' });
  expect(aws.controller.service.annotations['service.beta.kubernetes.io/aws-load-balancer-type']).toBe('nlb');
  expect(aws.controller.service.loadBalancerSourceRanges).toEqual(['192.0.2.0/24']);
  expect((ingressNginxValues({ cloud: 'gcp' }) as any).controller.service).toBeUndefined();
});
