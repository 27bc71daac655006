import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { EbsCsiDriver } from '../../lib/aws/ebs-csi-driver';
import { DataAwsIamPolicyDocument, EksAddon, IamRole, IamRolePolicyAttachment, Vpc } from '../../lib/providers/aws';

const cluster = {
  clusterName: 'acme',
  oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-2.amazonaws.com/id/ABC',
  oidcIssuer: 'oidc.eks.us-east-2.amazonaws.com/id/ABC',
};

describe('EbsCsiDriver', () => {
  const out = Testing.synthScope((scope) => {
    const nodes = new Vpc(scope, 'stand-in-nodes', { cidrBlock: '10.0.0.0/16' });
    new EbsCsiDriver(scope, 'ebs', { clusterName: 'acme', cluster, dependsOn: [nodes] });
  });

  it('installs the aws-ebs-csi-driver add-on with its IRSA role', () => {
    expect(out).toHaveResourceWithProperties(EksAddon, {
      addon_name: 'aws-ebs-csi-driver',
      cluster_name: 'acme',
      service_account_role_arn: expect.stringMatching(/^\$\{aws_iam_role\..*\.arn\}$/),
      resolve_conflicts_on_create: 'OVERWRITE',
      resolve_conflicts_on_update: 'OVERWRITE',
    });
  });

  it('waits for the nodes and for the role policy', () => {
    const addon: any = Object.values(JSON.parse(out).resource.aws_eks_addon)[0];
    expect(addon.depends_on).toEqual([
      expect.stringMatching(/^aws_iam_role_policy_attachment\./),
      expect.stringMatching(/^aws_vpc\.stand-in-nodes/),
    ]);
  });

  it('gives the controller service account only AmazonEBSCSIDriverPolicy', () => {
    expect(out).toHaveResourceWithProperties(IamRole, { name: 'acme-ebs-csi' });
    expect(out).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    });
    expect(Object.keys(JSON.parse(out).resource.aws_iam_role_policy_attachment)).toHaveLength(1);
    expect(out).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        expect.objectContaining({
          condition: expect.arrayContaining([
            expect.objectContaining({ values: ['system:serviceaccount:kube-system:ebs-csi-controller-sa'] }),
          ]),
        }),
      ],
    });
  });

  it('takes a custom role name', () => {
    const custom = Testing.synthScope((scope) => {
      new EbsCsiDriver(scope, 'ebs', { clusterName: 'acme', cluster, roleName: 'my-ebs' });
    });
    expect(custom).toHaveResourceWithProperties(IamRole, { name: 'my-ebs' });
  });

  it('is named by clusterName like the other constructs, and depended on through .resource (addon stays as an alias)', () => {
    const synthesized = Testing.synthScope((scope) => {
      const driver = new EbsCsiDriver(scope, 'ebs', { clusterName: 'acme', cluster });
      expect(driver.resource).toBeInstanceOf(EksAddon);
      expect(driver.addon).toBe(driver.resource);
      new Vpc(scope, 'after', { cidrBlock: '10.1.0.0/16', dependsOn: [driver.resource] });
    });
    const json = JSON.parse(synthesized).resource;
    expect(json.aws_vpc.after.depends_on).toEqual([`aws_eks_addon.${Object.keys(json.aws_eks_addon)[0]}`]);
  });
});
