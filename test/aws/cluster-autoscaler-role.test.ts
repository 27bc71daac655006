import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { ClusterAutoscalerRole } from '../../lib/aws/cluster-autoscaler-role';
import { clusterAutoscalerPolicy } from '../../lib/aws/cluster-autoscaler-policy';

const cluster = { oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-2.amazonaws.com/id/ABC', oidcIssuer: 'oidc.eks.us-east-2.amazonaws.com/id/ABC' };

describe('ClusterAutoscalerRole', () => {
  const out = JSON.parse(
    Testing.synthScope((scope) => void new ClusterAutoscalerRole(scope, 'ca', { cluster, clusterName: 'acme', region: 'us-east-2', accountId: '111122223333' })),
  );

  it('is trusted by kube-system/cluster-autoscaler only', () => {
    const [trust] = Object.values(out.data.aws_iam_policy_document) as any[];
    expect(trust.statement[0].condition).toEqual([
      { test: 'StringEquals', variable: 'oidc.eks.us-east-2.amazonaws.com/id/ABC:sub', values: ['system:serviceaccount:kube-system:cluster-autoscaler'] },
      { test: 'StringEquals', variable: 'oidc.eks.us-east-2.amazonaws.com/id/ABC:aud', values: ['sts.amazonaws.com'] },
    ]);
  });

  it('carries the scoped policy inline (nothing left behind on destroy) and no managed policy', () => {
    const [role] = Object.values(out.resource.aws_iam_role) as any[];
    expect(role.name).toBe('acme-cluster-autoscaler');
    const [inline] = Object.values(out.resource.aws_iam_role_policy) as any[];
    expect(JSON.parse(inline.policy)).toEqual(clusterAutoscalerPolicy({ clusterName: 'acme', region: 'us-east-2', accountId: '111122223333' }));
    expect(out.resource.aws_iam_role_policy_attachment).toBeUndefined();
  });
});
