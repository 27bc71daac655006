import { App } from 'cdktf';
import { AwsDesign } from '../lib/design/model';
import { ReplicaMetadata } from '../lib/replica/metadata';
import { AwsInfraStack } from './aws-infra-stack';
import { SourcegraphStack } from './sourcegraph-stack';

/** The two stacks of an AWS replica, wired together: the Sourcegraph stack reads the cluster from the infra stack's outputs. */
export function addAwsReplica(app: App, design: AwsDesign, metadata: ReplicaMetadata, offline: boolean) {
  const infra = new AwsInfraStack(app, `${design.name}-infra`, { design, metadata, offline });
  const sourcegraph = new SourcegraphStack(app, `${design.name}-sourcegraph`, {
    design,
    metadata,
    credentials: {
      host: infra.cluster.endpoint,
      caCertificateBase64: infra.cluster.certificateAuthorityData,
      exec: { command: 'aws', args: ['eks', 'get-token', '--region', design.cloud.region, '--cluster-name', design.name, '--output', 'json'] },
    },
    ...(infra.loadBalancerControllerRole && {
      awsLoadBalancerController: {
        clusterName: design.name,
        region: design.cloud.region,
        vpcId: infra.network.vpcId,
        roleArn: infra.loadBalancerControllerRole.roleArn,
      },
    }),
  });
  sourcegraph.addDependency(infra);
  return { infra, sourcegraph };
}
