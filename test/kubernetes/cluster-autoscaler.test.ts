import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { CLUSTER_AUTOSCALER_RESOURCES, ClusterAutoscaler, type ClusterAutoscalerProps } from '../../lib/kubernetes/cluster-autoscaler';
import { systemPods } from '../../lib/capacity/system-pods';
import { awsDesign } from '../support/design-fixture';

const base: ClusterAutoscalerProps = {
  clusterName: 'acme',
  kubernetesVersion: '1.35',
  region: 'us-east-2',
  roleArn: 'arn:aws:iam::111122223333:role/acme-cluster-autoscaler',
};

function release(props: Partial<ClusterAutoscalerProps> = {}): any {
  const out = JSON.parse(Testing.synthScope((scope) => void new ClusterAutoscaler(scope, 'ca', { ...base, ...props })));
  return Object.values(out.resource.helm_release)[0];
}

describe('ClusterAutoscaler', () => {
  it('installs the pinned chart in kube-system and waits for it', () => {
    expect(release()).toMatchObject({
      name: 'cluster-autoscaler',
      repository: 'https://kubernetes.github.io/autoscaler',
      chart: 'cluster-autoscaler',
      version: '9.59.0',
      namespace: 'kube-system',
      wait: true,
    });
  });

  it("discovers the cluster's node groups by the tags EKS puts on their ASGs, in the given region", () => {
    const values = parse(release().values[0]);
    expect(values).toMatchObject({
      cloudProvider: 'aws',
      awsRegion: 'us-east-2',
      autoDiscovery: { clusterName: 'acme', tags: ['k8s.io/cluster-autoscaler/enabled', 'k8s.io/cluster-autoscaler/acme'] },
      extraArgs: { expander: 'least-waste' },
    });
  });

  it("runs the autoscaler release of the cluster's minor version", () => {
    expect(parse(release().values[0]).image).toEqual({ repository: 'registry.k8s.io/autoscaling/cluster-autoscaler', tag: 'v1.35.2' });
    expect(parse(release({ kubernetesVersion: '1.33' }).values[0]).image.tag).toBe('v1.33.6');
    expect(() => release({ kubernetesVersion: '1.29' })).toThrow(/No Cluster Autoscaler release for Kubernetes 1\.29/);
  });

  it('runs under its IRSA role, as the service account the role trusts', () => {
    expect(parse(release().values[0]).rbac.serviceAccount).toEqual({
      create: true,
      name: 'cluster-autoscaler',
      annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/acme-cluster-autoscaler' },
    });
  });

  it('requests what the capacity simulation counts for it', () => {
    expect(parse(release().values[0]).resources).toEqual(CLUSTER_AUTOSCALER_RESOURCES);
    const counted = systemPods(awsDesign()).clusterWide.find((p) => p.name === 'cluster-autoscaler')!;
    expect(`${counted.cpuMillis}m`).toBe(CLUSTER_AUTOSCALER_RESOURCES.requests.cpu);
    expect(`${counted.memoryBytes / 1024 / 1024}Mi`).toBe(CLUSTER_AUTOSCALER_RESOURCES.requests.memory);
  });

  it.each([
    [{ clusterName: '{{ .Values.x }}' }, /is not an EKS cluster name/],
    [{ region: 'us-east' }, /is not an AWS region/],
    [{ roleArn: 'role/x' }, /is not an IAM role ARN/],
  ])('refuses %j (the chart runs clusterName and awsRegion through tpl)', (bad, message) => {
    expect(() => release(bad)).toThrow(message);
  });
});
