import type { V1Node } from '@kubernetes/client-node';
import { instanceTypeOf, isTransientTaint, nodesByPool, poolOfNode, someNames, taintsOf } from '../../lib/verify/node-pools';
import { awsDesign, gcpDesign } from '../support/design-fixture';

const node = (labels: Record<string, string>, taints: { key: string; value?: string; effect: string }[] = []) => ({ metadata: { name: 'n', labels }, spec: { taints } }) as unknown as V1Node;

describe('node pools of real nodes', () => {
  it('EKS nodes by node group <design>-<pool>; GKE nodes by node pool name', () => {
    const aws = awsDesign();
    expect(poolOfNode(aws, node({ 'eks.amazonaws.com/nodegroup': 'acme-prod-general' }))?.name).toBe('general');
    expect(poolOfNode(aws, node({ 'eks.amazonaws.com/nodegroup': 'general' }))).toBeUndefined();
    const gcp = gcpDesign();
    const pool = gcp.kubernetes.nodePools[0].name;
    expect(poolOfNode(gcp, node({ 'cloud.google.com/gke-nodepool': pool }))?.name).toBe(pool);
    const { byPool, outside } = nodesByPool(aws, [node({ 'eks.amazonaws.com/nodegroup': 'acme-prod-general' }), node({})]);
    expect([byPool.get('general')?.length, outside.length]).toEqual([1, 1]);
  });

  it('instance type (and the legacy label), taints, transient taints, short name lists', () => {
    expect(instanceTypeOf(node({ 'node.kubernetes.io/instance-type': 'm6a.4xlarge' }))).toBe('m6a.4xlarge');
    expect(instanceTypeOf(node({ 'beta.kubernetes.io/instance-type': 'm5.large' }))).toBe('m5.large');
    expect(taintsOf(node({}, [{ key: 'dedicated', value: 'search', effect: 'NoSchedule' }, { key: 'x', effect: 'NoExecute' }]))).toEqual([
      { key: 'dedicated', value: 'search', effect: 'NoSchedule' },
      { key: 'x', value: '', effect: 'NoExecute' },
    ]);
    expect(['node.kubernetes.io/not-ready', 'ToBeDeletedByClusterAutoscaler', 'dedicated'].map(isTransientTaint)).toEqual([true, true, false]);
    expect(someNames(['a', 'b', 'c', 'd', 'e'])).toBe('a, b, c and 2 more');
  });
});
