import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { CLUSTER_ADMIN_ACCESS_POLICY, ClusterAdminAccess, principalKey, type ClusterAdminAccessProps } from '../../lib/aws/cluster-admin-access';

const A = 'arn:aws:iam::123456789012';

function synth(props: Partial<ClusterAdminAccessProps>): any {
  return JSON.parse(Testing.synthScope((scope) => void new ClusterAdminAccess(scope, 'access', { clusterName: 'acme', ...props })));
}

describe('principalKey', () => {
  test.each([
    [`${A}:role/Admin`, `${A}:role/Admin`],
    [`${A}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123`, `${A}:role/AWSReservedSSO_Admin_0123`],
    [`${A}:user/team/jane`, `${A}:user/jane`],
    ['arn:aws-us-gov:iam::123456789012:role/x/Y', 'arn:aws-us-gov:iam::123456789012:role/Y'],
    [`arn:aws:sts::123456789012:assumed-role/Admin/jane`, `arn:aws:sts::123456789012:assumed-role/Admin/jane`],
  ])('%s -> %s', (arn, key) => expect(principalKey(arn)).toBe(key));
});

describe('ClusterAdminAccess', () => {
  it('keys static principals by principalKey; a named deployer listed with another path gets one entry with its own ARN', () => {
    const out = synth({ admins: [`${A}:role/Deployer`, `${A}:user/jane`], deployer: `${A}:role/ci/Deployer` });
    const [entry] = Object.values(out.resource.aws_eks_access_entry) as any[];
    expect(entry.for_each).toEqual({ [`${A}:role/Deployer`]: `${A}:role/ci/Deployer`, [`${A}:user/jane`]: `${A}:user/jane` });
    expect(entry).toMatchObject({ cluster_name: 'acme', principal_arn: '${each.value}', type: 'STANDARD' });
    const [policy] = Object.values(out.resource.aws_eks_access_policy_association) as any[];
    expect(policy).toMatchObject({ for_each: entry.for_each, policy_arn: CLUSTER_ADMIN_ACCESS_POLICY, access_scope: { type: 'cluster' } });
    expect(policy.depends_on).toEqual([expect.stringMatching(/^aws_eks_access_entry\./)]);
  });

  it('reads the caller at plan time and merges it into the same map, the caller last so its ARN wins', () => {
    const out = synth({ admins: [`${A}:role/Admin`] });
    const caller = Object.keys(out.data.aws_caller_identity)[0];
    const session = Object.keys(out.data.aws_iam_session_context)[0];
    expect(out.data.aws_iam_session_context[session]).toEqual({ arn: `\${data.aws_caller_identity.${caller}.arn}` });
    const [entry] = Object.values(out.resource.aws_eks_access_entry) as any[];
    const issuer = `data.aws_iam_session_context.${session}.issuer_arn`;
    expect(entry.for_each).toBe(
      `\${zipmap(["${A}:role/Admin", replace(${issuer}, "/^(arn:[^:]+:iam::[0-9]{12}:(?:role|user))/(?:.*/)?([^/]+)$/", "$1/$2")], ["${A}:role/Admin", ${issuer}])}`,
    );
  });

  it('refuses the same principal twice, whatever the path, and deployers that are not principals', () => {
    expect(() => synth({ admins: [`${A}:role/A`, `${A}:role/A`] })).toThrow(/listed twice/);
    expect(() => synth({ admins: [`${A}:role/A`, `${A}:role/p/A`] })).toThrow(/"arn:aws:iam::123456789012:role\/A" and "arn:aws:iam::123456789012:role\/p\/A" are the same principal/);
    expect(() => synth({ admins: ['arn:aws:sts::123456789012:assumed-role/A/me'] })).toThrow(/is not an IAM user or role ARN/);
    expect(() => synth({ deployer: 'me' })).toThrow(/deployer "me" must be 'caller', 'none' or an IAM user or role ARN/);
  });
});
