import { kubernetesMinor, unservedReason } from '../../lib/render/served-apis';

describe('served APIs', () => {
  test('current APIs are served by every supported minor', () => {
    for (const v of ['1.32', '1.33', '1.36']) {
      expect(unservedReason('apps/v1', 'Deployment', v)).toBeUndefined();
      expect(unservedReason('policy/v1', 'PodDisruptionBudget', v)).toBeUndefined();
      expect(unservedReason('networking.k8s.io/v1', 'Ingress', v)).toBeUndefined();
    }
  });

  test('removed APIs are not, with the version they went and what to use', () => {
    expect(unservedReason('policy/v1beta1', 'PodSecurityPolicy', '1.33')).toBe(
      'policy/v1beta1 PodSecurityPolicy was removed in Kubernetes 1.25; the replica runs 1.33 (use policy/v1 (PodSecurityPolicy: none, use Pod Security Admission))',
    );
    expect(unservedReason('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.32')).toMatch(/removed in Kubernetes 1\.32/);
    expect(unservedReason('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31')).toBeUndefined();
    expect(unservedReason('storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.26')).toBeUndefined();
    expect(unservedReason('storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.27')).toMatch(/removed in Kubernetes 1\.27/);
  });

  test('reads 1.33, 1.33.2 and v1.33; refuses anything else', () => {
    expect([kubernetesMinor('1.33'), kubernetesMinor('1.33.2'), kubernetesMinor('v1.33')]).toEqual([33, 33, 33]);
    expect(() => kubernetesMinor('2.0')).toThrow(/not a Kubernetes 1\.x version/);
  });
});
