import { kubernetesClient } from '../../lib/verify/kubernetes-client';

describe('kubernetesClient', () => {
  it('loads @kubernetes/client-node once', () => {
    const k8s = kubernetesClient();
    expect(typeof k8s.KubeConfig).toBe('function');
    expect(kubernetesClient()).toBe(k8s);
  });
});
