import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { NodeRole } from '../../lib/aws/node-role';
import { IamRole } from '../../lib/providers/aws';

describe('NodeRole', () => {
  const out = Testing.synthScope((scope) => {
    new NodeRole(scope, 'nodes', { roleName: 'acme-node' });
  });
  const parsed = JSON.parse(out).resource;

  it('is assumable by EC2 only', () => {
    expect(out).toHaveResourceWithProperties(IamRole, { name: 'acme-node' });
    const role: any = Object.values(parsed.aws_iam_role)[0];
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  it('has exactly the three node policies, nothing administrative', () => {
    const arns = Object.values(parsed.aws_iam_role_policy_attachment).map((a: any) => a.policy_arn).sort();
    expect(arns).toEqual([
      'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
      'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
      'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
    ]);
    expect(parsed.aws_iam_role_policy).toBeUndefined();
  });

  it('exposes the attachments for node groups to depend on', () => {
    Testing.synthScope((scope) => {
      expect(new NodeRole(scope, 'nodes', { roleName: 'acme-node' }).attachments).toHaveLength(3);
    });
  });

  it('rejects an invalid role name', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        new NodeRole(scope, 'nodes', { roleName: 'acme node' });
      }),
    ).toThrow(/NodeRole: IAM role name "acme node" is invalid/);
  });
});
