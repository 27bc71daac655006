import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { IrsaRole, type IrsaRoleProps } from '../../lib/aws/irsa-role';
import { DataAwsIamPolicyDocument, IamRole, IamRolePolicy, IamRolePolicyAttachment } from '../../lib/providers/aws';

const cluster = {
  oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-2.amazonaws.com/id/ABC',
  oidcIssuer: 'oidc.eks.us-east-2.amazonaws.com/id/ABC',
};
const base: IrsaRoleProps = { cluster, roleName: 'acme-app', namespace: 'sourcegraph', serviceAccount: 'app' };

function synth(props: Partial<IrsaRoleProps> = {}): string {
  return Testing.synthScope((scope) => {
    new IrsaRole(scope, 'irsa', { ...base, ...props });
  });
}

describe('IrsaRole', () => {
  it('trusts only the given service account, with the STS audience, through the OIDC provider', () => {
    const out = synth();
    expect(out).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        {
          effect: 'Allow',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: [cluster.oidcProviderArn] }],
          condition: [
            {
              test: 'StringEquals',
              variable: 'oidc.eks.us-east-2.amazonaws.com/id/ABC:sub',
              values: ['system:serviceaccount:sourcegraph:app'],
            },
            { test: 'StringEquals', variable: 'oidc.eks.us-east-2.amazonaws.com/id/ABC:aud', values: ['sts.amazonaws.com'] },
          ],
        },
      ],
    });
    expect(out).toHaveResourceWithProperties(IamRole, {
      name: 'acme-app',
      assume_role_policy: expect.stringMatching(/^\$\{data\.aws_iam_policy_document\..*\.json\}$/),
      description: 'IRSA role of sourcegraph/app',
    });
  });

  it('attaches managed policies and an inline policy when given', () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    const out = synth({
      managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/x'],
      inlinePolicyJson: policy,
    });
    expect(out).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expect(out).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: 'arn:aws:iam::123456789012:policy/x' });
    expect(out).toHaveResourceWithProperties(IamRolePolicy, { name: 'acme-app', policy });
  });

  it('has no policies unless given', () => {
    const out = synth();
    expect(out).not.toHaveResource(IamRolePolicyAttachment);
    expect(out).not.toHaveResource(IamRolePolicy);
  });

  it('exposes what grants its permissions', () => {
    Testing.synthScope((scope) => {
      const role = new IrsaRole(scope, 'irsa', { ...base, managedPolicyArns: ['arn:aws:iam::aws:policy/A', 'arn:aws:iam::aws:policy/B'] });
      expect(role.attachments).toHaveLength(2);
      expect(role.inlinePolicy).toBeUndefined();
      expect(role.grants).toEqual(role.attachments);
      const inline = new IrsaRole(scope, 'inline', { ...base, roleName: 'other', inlinePolicyJson: '{}' });
      expect(inline.grants).toEqual([inline.inlinePolicy]);
      expect(inline.inlinePolicy).toBeDefined();
    });
  });

  describe('validation', () => {
    it.each([
      [{ roleName: 'x'.repeat(65) }, /IAM role name "x{65}" is invalid/],
      [{ roleName: 'has space' }, /"has space"/],
      [{ namespace: 'Bad_NS' }, /namespace "Bad_NS"/],
      [{ serviceAccount: 'Bad SA' }, /serviceAccount "Bad SA"/],
      [{ serviceAccount: 'two..dots' }, /serviceAccount "two\.\.dots" is not a Kubernetes service account name/],
      [{ namespace: 'n'.repeat(64) }, /namespace "n{64}"/],
      [{ managedPolicyArns: ['ReadOnlyAccess'] }, /"ReadOnlyAccess" is not an ARN/],
      [{ inlinePolicyJson: '{not json' }, /inlinePolicyJson is not valid JSON/],
    ])('rejects %j', (props, message) => {
      expect(() => synth(props)).toThrow(message);
    });
  });
});
