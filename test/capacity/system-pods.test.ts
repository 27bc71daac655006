import { systemPods } from '../../lib/capacity/system-pods';
import { awsDesign, gcpDesign } from '../support/design-fixture';

describe('systemPods', () => {
  test('EKS: kube-proxy, aws-node, ebs-csi-node per node; the ingress controller of the design', () => {
    const alb = systemPods(awsDesign());
    expect(alb.perNode.map((p) => p.name)).toEqual(['kube-proxy', 'aws-node', 'ebs-csi-node']);
    expect(alb.clusterWide.map((p) => p.name)).toEqual(['coredns', 'ebs-csi-controller', 'cluster-autoscaler', 'aws-load-balancer-controller']);
    expect(systemPods(awsDesign({ sourcegraph: { ingress: 'nginx' } })).clusterWide.map((p) => p.name)).toContain('ingress-nginx-controller');
  });
  test('EKS runs the Cluster Autoscaler with 100m / 600Mi; GKE autoscales without a pod of ours', () => {
    const autoscaler = systemPods(awsDesign({ sourcegraph: { ingress: 'none' } })).clusterWide.find((p) => p.name === 'cluster-autoscaler');
    expect(autoscaler).toMatchObject({ cpuMillis: 100, memoryBytes: 600 * 1024 * 1024, replicas: 1 });
    expect(systemPods(gcpDesign()).clusterWide.map((p) => p.name)).not.toContain('cluster-autoscaler');
  });
  test('GKE: fluentbit, metadata server, PD CSI and kube-proxy per node', () => {
    const gke = systemPods(gcpDesign({ sourcegraph: { ingress: 'gce' } }));
    expect(gke.perNode.map((p) => p.name)).toEqual(expect.arrayContaining(['kube-proxy', 'fluentbit-gke', 'gke-metadata-server', 'pdcsi-node']));
    expect(gke.clusterWide.every((p) => p.source.length > 0)).toBe(true);
  });
});
