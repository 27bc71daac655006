import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { ServiceAccountsRole, type ServiceAccountsRoleProps } from '../../lib/aws/service-accounts-role';
import { DataAwsIamPolicyDocument, IamRole, IamRolePolicy, IamRolePolicyAttachment } from '../../lib/providers/aws';

const cluster = {
  oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-2.amazonaws.com/id/ABC',
  oidcIssuer: 'oidc.eks.us-east-2.amazonaws.com/id/ABC',
};
const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
const base: ServiceAccountsRoleProps = {
  cluster,
  roleName: 'acme-blob-storage',
  namespace: 'sourcegraph',
  serviceAccounts: ['sourcegraph-frontend', 'worker'],
  inlinePolicyJson: policy,
};

function synth(props: Partial<ServiceAccountsRoleProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ServiceAccountsRole(scope, 'role', { ...base, ...props });
  });
}

describe('ServiceAccountsRole', () => {
  it('trusts exactly the listed service accounts, with the STS audience', () => {
    expect(synth()).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: [cluster.oidcProviderArn] }],
          condition: [
            {
              test: 'StringEquals',
              variable: 'oidc.eks.us-east-2.amazonaws.com/id/ABC:sub',
              values: ['system:serviceaccount:sourcegraph:sourcegraph-frontend', 'system:serviceaccount:sourcegraph:worker'],
            },
            { test: 'StringEquals', variable: 'oidc.eks.us-east-2.amazonaws.com/id/ABC:aud', values: ['sts.amazonaws.com'] },
          ],
        },
      ],
    });
  });

  it('has the inline policy and nothing else', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(IamRole, { name: 'acme-blob-storage' });
    expect(out).toHaveResourceWithProperties(IamRolePolicy, { name: 'acme-blob-storage', policy });
    expect(out).not.toHaveResource(IamRolePolicyAttachment);
    Testing.synthScope((scope) => {
      const role = new ServiceAccountsRole(scope, 'role', base);
      expect(role.grants).toEqual([role.inlinePolicy]);
      expect(role.subjects).toEqual(['system:serviceaccount:sourcegraph:sourcegraph-frontend', 'system:serviceaccount:sourcegraph:worker']);
    });
  });

  it.each([
    [{ serviceAccounts: [] }, /serviceAccounts is empty/],
    [{ serviceAccounts: ['worker', 'worker'] }, /"worker" is listed twice/],
    [{ serviceAccounts: ['Bad SA'] }, /"Bad SA" is not a Kubernetes service account name/],
    [{ namespace: 'Bad_NS' }, /namespace "Bad_NS"/],
    [{ roleName: 'x'.repeat(65) }, /IAM role name/],
  ])('refuses %j', (props, message) => {
    expect(() => synth(props as Partial<ServiceAccountsRoleProps>)).toThrow(message);
  });
});
