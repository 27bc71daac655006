import { Testing } from 'cdktf';
import { irsaTrustPolicy, serviceAccountSubject } from '../../lib/aws/irsa-trust-policy';

const cluster = { oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-2.amazonaws.com/id/ABC', oidcIssuer: 'oidc.eks.us-east-2.amazonaws.com/id/ABC' };

describe('irsaTrustPolicy', () => {
  it('lets the cluster’s OIDC provider federate exactly the given subjects, audience sts.amazonaws.com', () => {
    const json = JSON.parse(Testing.synthScope((scope) => void irsaTrustPolicy(scope, 'trust', cluster, [serviceAccountSubject('sourcegraph', 'worker'), serviceAccountSubject('sourcegraph', 'frontend')])));
    const [doc] = Object.values(json.data.aws_iam_policy_document) as any[];
    expect(doc.statement).toEqual([
      {
        effect: 'Allow',
        actions: ['sts:AssumeRoleWithWebIdentity'],
        principals: [{ type: 'Federated', identifiers: [cluster.oidcProviderArn] }],
        condition: [
          { test: 'StringEquals', variable: `${cluster.oidcIssuer}:sub`, values: ['system:serviceaccount:sourcegraph:worker', 'system:serviceaccount:sourcegraph:frontend'] },
          { test: 'StringEquals', variable: `${cluster.oidcIssuer}:aud`, values: ['sts.amazonaws.com'] },
        ],
      },
    ]);
  });
});
