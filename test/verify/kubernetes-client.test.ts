import { kubernetesClient } from '../../lib/verify/kubernetes-client';

// Loading the Kubernetes client (and running plugin processes) takes seconds on a busy 2-core machine.
jest.setTimeout(30_000);
describe('kubernetesClient', () => {
  it('loads @kubernetes/client-node once', () => {
    const k8s = kubernetesClient();
    expect(typeof k8s.KubeConfig).toBe('function');
    expect(kubernetesClient()).toBe(k8s);
  });
});
