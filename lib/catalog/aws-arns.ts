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
