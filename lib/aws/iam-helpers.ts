/**
 * Small IAM helpers shared by the AWS constructs: role-name checks and trust
 * policies for AWS service principals.
 */
import { Token } from 'cdktf';

/** IAM role names: 1-64 characters of letters, digits and `+=,.@_-`. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * Throws when `name` is not a valid IAM role name (tokens are not checked).
 * `what` names the construct for the message, e.g. `NodeRole`.
 */
export function checkIamRoleName(name: string, what: string): void {
  if (Token.isUnresolved(name)) return;
  if (!ROLE_NAME.test(name)) {
    throw new Error(
      `${what}: IAM role name "${name}" is invalid: it must be 1-64 characters of letters, digits and +=,.@_- (got ${name.length} characters)`,
    );
  }
}

/** The trust (assume-role) policy that lets one AWS service, e.g. `eks.amazonaws.com`, assume a role. */
export function serviceTrustPolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
}

/** ARN of an AWS managed IAM policy in the commercial partition, e.g. `AmazonEKSClusterPolicy`. */
export function awsManagedPolicyArn(name: string): string {
  return `arn:aws:iam::aws:policy/${name}`;
}
