import {
  CLUSTER_AUTOSCALER_CHART_VERSION,
  CLUSTER_AUTOSCALER_IMAGE_TAGS,
  CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
  clusterAutoscalerImageTag,
} from '../../lib/catalog/cluster-autoscaler-versions';
import { kubernetesVersions } from '../../lib/catalog/kubernetes-versions';

describe('Cluster Autoscaler versions', () => {
  test('every Kubernetes version EKS supports has an autoscaler release of the same minor', () => {
    for (const { version } of kubernetesVersions('aws')) {
      const tag = clusterAutoscalerImageTag(version);
      expect(tag.startsWith(`v${version}.`)).toBe(true);
      expect(tag).toMatch(/^v\d+\.\d+\.\d+$/);
    }
  });

  test('the table has no tag for another minor under a key', () => {
    for (const [minor, tag] of Object.entries(CLUSTER_AUTOSCALER_IMAGE_TAGS)) expect(tag).toMatch(new RegExp(`^v${minor.replace('.', '\\.')}\\.\\d+$`));
  });

  test('an unknown minor is refused with the ones known', () => {
    expect(() => clusterAutoscalerImageTag('1.29')).toThrow(/No Cluster Autoscaler release for Kubernetes 1\.29 .*known: 1\.32, 1\.33, 1\.34, 1\.35, 1\.36/);
  });

  test('pins the chart and the service account the IRSA role trusts', () => {
    expect(CLUSTER_AUTOSCALER_CHART_VERSION).toBe('9.59.0');
    expect(CLUSTER_AUTOSCALER_SERVICE_ACCOUNT).toEqual({ namespace: 'kube-system', name: 'cluster-autoscaler' });
  });
});
