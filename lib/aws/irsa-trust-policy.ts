import { Construct } from 'constructs';
import { DataAwsIamPolicyDocument } from '../providers/aws';

/** What an IRSA trust policy needs from a cluster. `EksCluster` satisfies it. */
export interface ClusterOidcIdentity {
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: string;
  /** The cluster's OIDC issuer without `https://`. */
  readonly oidcIssuer: string;
}

/** The subject a service account's tokens carry: `system:serviceaccount:<namespace>:<name>`. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
  return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

/**
 * The trust policy of an IAM role for service accounts (IRSA): the cluster's
 * OIDC provider may federate tokens whose subject is exactly one of
 * `subjects` and whose audience is `sts.amazonaws.com`. `IrsaRole` (one
 * service account) and `ServiceAccountsRole` (several) both use it.
 */
export function irsaTrustPolicy(scope: Construct, id: string, cluster: ClusterOidcIdentity, subjects: readonly string[]): DataAwsIamPolicyDocument {
  const issuer = cluster.oidcIssuer;
  return new DataAwsIamPolicyDocument(scope, id, {
    statement: [
      {
        effect: 'Allow',
        actions: ['sts:AssumeRoleWithWebIdentity'],
        principals: [{ type: 'Federated', identifiers: [cluster.oidcProviderArn] }],
        condition: [
          { test: 'StringEquals', variable: `${issuer}:sub`, values: [...subjects] },
          { test: 'StringEquals', variable: `${issuer}:aud`, values: ['sts.amazonaws.com'] },
        ],
      },
    ],
  });
}
