import { Token } from 'cdktf';
import { awsManagedPolicyArn, checkIamRoleName, serviceTrustPolicy } from '../../lib/aws/iam-helpers';

describe('checkIamRoleName', () => {
  it('accepts valid names and unresolved tokens', () => {
    expect(() => checkIamRoleName('acme-node', 'X')).not.toThrow();
    expect(() => checkIamRoleName('a+b=c,d.e@f_g-h', 'X')).not.toThrow();
    expect(() => checkIamRoleName('x'.repeat(64), 'X')).not.toThrow();
    expect(() => checkIamRoleName(`${Token.asString({ ref: 1 })}-${'x'.repeat(70)}`, 'X')).not.toThrow();
  });

  it('rejects long or badly spelled names, naming them', () => {
    expect(() => checkIamRoleName('x'.repeat(65), 'NodeRole')).toThrow(/NodeRole: IAM role name "x{65}" is invalid.*got 65 characters/);
    expect(() => checkIamRoleName('', 'X')).toThrow(/""/);
    expect(() => checkIamRoleName('a/b', 'X')).toThrow(/"a\/b"/);
  });
});

describe('serviceTrustPolicy', () => {
  it('lets only the named service assume the role', () => {
    expect(JSON.parse(serviceTrustPolicy('ec2.amazonaws.com'))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  });
});

describe('awsManagedPolicyArn', () => {
  it('builds AWS managed policy ARNs', () => {
    expect(awsManagedPolicyArn('service-role/AmazonEBSCSIDriverPolicy')).toBe(
      'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
    );
  });
});
