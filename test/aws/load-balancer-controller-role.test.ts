import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { LOAD_BALANCER_CONTROLLER_POLICY } from '../../lib/aws/load-balancer-controller-policy';
import { LoadBalancerControllerRole } from '../../lib/aws/load-balancer-controller-role';
import { DataAwsIamPolicyDocument, IamRole, IamRolePolicy } from '../../lib/providers/aws';

const cluster = {
  clusterName: 'acme',
  oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-2.amazonaws.com/id/ABC',
  oidcIssuer: 'oidc.eks.us-east-2.amazonaws.com/id/ABC',
};

describe('LoadBalancerControllerRole', () => {
  it('is assumable by kube-system/aws-load-balancer-controller and carries the upstream policy', () => {
    const out = Testing.synthScope((scope) => {
      const role = new LoadBalancerControllerRole(scope, 'lbc', { clusterName: cluster.clusterName, cluster });
      expect(role.roleArn).toBe(role.role.roleArn);
      expect(role.grants).toEqual([role.role.inlinePolicy]);
    });
    expect(out).toHaveResourceWithProperties(IamRole, { name: 'acme-aws-lb-controller' });
    expect(out).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({
          condition: expect.arrayContaining([
            expect.objectContaining({
              variable: 'oidc.eks.us-east-2.amazonaws.com/id/ABC:sub',
              values: ['system:serviceaccount:kube-system:aws-load-balancer-controller'],
            }),
          ]),
        }),
      ],
    });
    const inline: any = Object.values(JSON.parse(out).resource.aws_iam_role_policy)[0];
    expect(JSON.parse(inline.policy)).toEqual(LOAD_BALANCER_CONTROLLER_POLICY);
    expect(out).toHaveResource(IamRolePolicy);
  });

  it('follows a custom namespace, service account and role name', () => {
    const out = Testing.synthScope((scope) => {
      new LoadBalancerControllerRole(scope, 'lbc', { clusterName: cluster.clusterName, cluster, namespace: 'ingress', serviceAccount: 'lbc', roleName: 'lbc-role' });
    });
    expect(out).toHaveResourceWithProperties(IamRole, { name: 'lbc-role' });
    expect(out).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({
          condition: expect.arrayContaining([expect.objectContaining({ values: ['system:serviceaccount:ingress:lbc'] })]),
        }),
      ],
    });
  });
});
