/**
 * The AWS ARNs a design may name, as patterns: one definition for the design
 * schema and the constructs that take them.
 */

/**
 * An IAM user or role, as an EKS access entry takes it: partition, 12-digit
 * account, `role/` or `user/`, then path segments and a name of the
 * characters IAM allows in names (letters, digits, `+=,.@_-`). STS session
 * ARNs (`assumed-role`) are not principals EKS accepts. IAM would allow
 * more punctuation in paths; sg-replica does not, so an ARN can never carry
 * template syntax into Terraform.
 */
export const IAM_PRINCIPAL_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)(\/[\w+=,.@-]{1,128}){1,16}$/;

/** An ACM certificate: partition, region, 12-digit account, `certificate/` and a UUID. */
export const ACM_CERTIFICATE_ARN = /^arn:aws(-[a-z]+)*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The key that identifies an IAM principal whatever its path (IAM role and
 * user names are unique in an account, paths are not part of identity):
 * `arn:aws:iam::111122223333:role/a/b/Admin` -> `arn:aws:iam::111122223333:role/Admin`.
 * Other ARNs are returned unchanged. Pure. EKS takes one access entry per
 * principal, so two ARNs with the same key are one principal listed twice.
 */
export function principalKey(arn: string): string {
  const m = /^(arn:[^:]+:iam::\d{12}:(?:role|user))\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? `${m[1]}/${m[2]}` : arn;
}
