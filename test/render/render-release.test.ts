import { ingressControllerRelease } from '../../lib/render/render-release';
import { awsDesign, gcpDesign } from '../support/design-fixture';

describe('ingressControllerRelease', () => {
  test('alb: the AWS Load Balancer Controller 1.17.1 in kube-system, with the values the construct installs', () => {
    const release = ingressControllerRelease(awsDesign())!;
    expect(release).toMatchObject({ chart: 'aws-load-balancer-controller', version: '1.17.1', namespace: 'kube-system' });
    expect(release.values).toMatchObject({ clusterName: 'acme-prod', region: 'us-east-2', enableServiceMutatorWebhook: false, serviceAccount: { create: true } });
  });

  test('nginx: ingress-nginx 4.15.1 with the client CIDRs; gce and none: no controller chart', () => {
    const release = ingressControllerRelease(awsDesign({ sourcegraph: { ingress: 'nginx' } }))!;
    expect(release).toMatchObject({ chart: 'ingress-nginx', version: '4.15.1', namespace: 'ingress-nginx' });
    expect((release.values as any).controller.service.loadBalancerSourceRanges).toEqual(['203.0.113.0/24']);
    expect(ingressControllerRelease(gcpDesign())).toBeUndefined();
    expect(ingressControllerRelease(awsDesign({ sourcegraph: { ingress: 'none' } }))).toBeUndefined();
  });
});
