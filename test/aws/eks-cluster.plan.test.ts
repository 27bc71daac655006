/**
 * EksCluster's plan-time reads, planned by the real hashicorp/aws 5.100.0
 * against a fake of STS, IAM and CloudWatch Logs on 127.0.0.1: the
 * deployer's identity (an assumed-role session turned into its role ARN)
 * and a log group EKS recreated after an earlier cluster of the same name.
 */
import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import { TerraformStack, Testing } from 'cdktf';
import { EksCluster } from '../../lib/aws/eks-cluster';
import { AwsProvider } from '../../lib/providers/aws';
import { startFakeAwsApi, type FakeAwsApi } from '../support/fake-aws-api';
import { offlineProviderBlock, planStack, plannedResources, stackDir, type TerraformPlan, describeWithTerraform } from '../support/terraform';

const ACCOUNT = '123456789012';

describeWithTerraform('EksCluster: offline terraform plan with the deployer read at plan time', () => {
  let fake: FakeAwsApi;
  let plan: TerraformPlan;
  let outdir: string;

  beforeAll(async () => {
    fake = await startFakeAwsApi({
      // Jane deploys through an SSO-style role with a path; the design lists the role without it.
      callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/jane@example.com`,
      rolePaths: { Admin: '/aws-reserved/sso.amazonaws.com/' },
      // A group EKS recreated after an earlier `acme` was destroyed.
      logGroups: ['/aws/eks/acme/cluster', '/aws/eks/acme-old/cluster'],
    });
    const app = Testing.app();
    const stack = new TerraformStack(app, 'clusters');
    new AwsProvider(stack, 'aws', { ...offlineProviderBlock('us-east-2'), endpoints: [fake.endpoints] });
    new EksCluster(stack, 'acme', {
      name: 'acme',
      version: '1.35',
      subnetIds: ['subnet-a', 'subnet-b'],
      admins: [`arn:aws:iam::${ACCOUNT}:role/Admin`, `arn:aws:iam::${ACCOUNT}:user/ops`],
    });
    // A CI role that deploys and is listed too; no leftover log group.
    new EksCluster(stack, 'globex', {
      name: 'globex',
      version: '1.35',
      subnetIds: ['subnet-a', 'subnet-b'],
      admins: [`arn:aws:iam::${ACCOUNT}:role/ci/Deployer`],
      deployer: `arn:aws:iam::${ACCOUNT}:role/ci/Deployer`,
    });
    outdir = Testing.fullSynth(stack);
    plan = planStack(stackDir(outdir));
  }, 600_000);

  afterAll(async () => {
    await fake?.stop();
    if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
  });

  const entriesOf = (cluster: string) =>
    plannedResources(plan, 'aws_eks_access_entry').filter((r) => r.address.includes(`${cluster}_admin-access`));

  it('plans exactly one access entry per distinct principal, the deployer included', () => {
    const acme = entriesOf('acme');
    // Admin is both listed and the deployer: one entry, with the ARN IAM knows (its path included).
    expect(Object.fromEntries(acme.map((r) => [r.address.replace(/^.*\[/, '['), r.change.after!.principal_arn]))).toEqual({
      [`["arn:aws:iam::${ACCOUNT}:role/Admin"]`]: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/Admin`,
      [`["arn:aws:iam::${ACCOUNT}:user/ops"]`]: `arn:aws:iam::${ACCOUNT}:user/ops`,
    });
    expect(entriesOf('globex').map((r) => r.change.after!.principal_arn)).toEqual([`arn:aws:iam::${ACCOUNT}:role/ci/Deployer`]);
    const policies = plannedResources(plan, 'aws_eks_access_policy_association');
    expect(policies).toHaveLength(3);
    for (const p of policies) {
      expect(p.change.after).toMatchObject({
        policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
        access_scope: [{ type: 'cluster', namespaces: null }],
      });
    }
  });

  it("turns EKS's creator bootstrap off, so no entry is made outside Terraform", () => {
    for (const cluster of plannedResources(plan, 'aws_eks_cluster')) {
      expect(cluster.change.after!.access_config).toEqual([{ authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false }]);
    }
  });

  it('adopts the log group EKS recreated after an earlier cluster of the same name, and creates the others', () => {
    const groups = plannedResources(plan, 'aws_cloudwatch_log_group');
    const acme = groups.find((g) => g.address.includes('acme'))!;
    const globex = groups.find((g) => g.address.includes('globex'))!;
    expect((acme.change as { importing?: { id: string } }).importing).toEqual({ id: '/aws/eks/acme/cluster' });
    expect(acme.change.actions).toEqual(['update']); // retention set on the adopted group
    expect(acme.change.after).toMatchObject({ name: '/aws/eks/acme/cluster', retention_in_days: 7 });
    expect((globex.change as { importing?: unknown }).importing).toBeUndefined();
    expect(globex.change.actions).toEqual(['create']);
  });

  it('asked AWS only read-only questions', () => {
    const asked = fake.requests().map((r) => r.target || new URLSearchParams(r.body).get('Action'));
    expect([...new Set(asked)].sort()).toEqual(['GetCallerIdentity', 'GetRole', 'Logs_20140328.DescribeLogGroups', 'Logs_20140328.ListTagsForResource']);
  });
});
