/**
 * How a design names a secret in a cloud's secret store (the frontend's
 * certificate, `sourcegraph.tls.secret`), as patterns: one definition for
 * the design schema, the rules and the constructs that read the secret.
 * Neither lets template syntax (`${`, `%{`) through.
 */

/** An AWS Secrets Manager secret ARN (names hold letters, digits and `/_+=.@-`). */
export const SECRETS_MANAGER_SECRET_ARN = /^arn:aws(-[a-z]+)*:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$/;

/** A GCP Secret Manager secret id in the replica's project (letters, digits, '_' and '-', at most 255). */
export const SECRET_MANAGER_SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;
