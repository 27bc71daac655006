import type { V1Namespace } from '@kubernetes/client-node';
import { accessCommand, contextMismatch, foreignReplica } from '../../lib/verify/cluster-access';
import { awsDesign, gcpDesign } from '../support/design-fixture';

describe('access to the replica’s cluster', () => {
  const aws = awsDesign();
  const gcp = gcpDesign();

  it('the command that writes its kubeconfig entry, as the infra stacks print it', () => {
    expect(accessCommand(aws)).toBe('aws eks update-kubeconfig --region us-east-2 --name acme-prod');
    expect(accessCommand(gcp)).toBe(`gcloud container clusters get-credentials ${gcp.name} --region ${gcp.cloud.region} --project ${gcp.cloud.provider === 'gcp' ? gcp.cloud.project : ''}`);
    expect(accessCommand(gcpDesign({ network: { endpointAccess: 'private' } }))).toMatch(/ --internal-ip$/);
  });

  it('warns when the context is named after another cluster; says nothing for a matching or custom name', () => {
    expect(contextMismatch(aws, 'arn:aws:eks:us-east-2:111122223333:cluster/acme-prod')).toBeUndefined();
    expect(contextMismatch(aws, 'arn:aws:eks:us-east-2:111122223333:cluster/other')).toBe('context arn:aws:eks:us-east-2:111122223333:cluster/other is EKS cluster other in us-east-2, account 111122223333; the replica is acme-prod in us-east-2, account 111122223333');
    expect(contextMismatch(aws, 'gke_p_r_acme-prod')).toBe('context gke_p_r_acme-prod is a GKE cluster, but acme-prod is on AWS');
    expect(contextMismatch(aws, 'my-alias')).toBeUndefined();
    if (gcp.cloud.provider === 'gcp') expect(contextMismatch(gcp, `gke_${gcp.cloud.project}_${gcp.cloud.region}_${gcp.name}`)).toBeUndefined();
  });

  it('another replica’s namespace label: this is not the replica', () => {
    const ns = (owner?: string) => ({ metadata: { name: 'sourcegraph', labels: owner ? { 'sg-replica/name': owner } : {} } }) as V1Namespace;
    expect(foreignReplica(aws, ns('acme-prod'))).toBeUndefined();
    expect(foreignReplica(aws, ns())).toBeUndefined();
    expect(foreignReplica(aws, undefined)).toBeUndefined();
    expect(foreignReplica(aws, ns('initech-trial'))).toMatch(/^namespace sourcegraph belongs to replica initech-trial/);
  });
});
