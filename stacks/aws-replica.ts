import { App, Fn } from 'cdktf';
import { Construct } from 'constructs';
import { AwsDesign } from '../lib/design/model';
import { ReplicaAwsProvider } from '../lib/aws/replica-aws-provider';
import { awsTags, ReplicaMetadata } from '../lib/replica/metadata';
import { apiTunnelCredentials, apiTunnelLocalPort } from '../lib/kubernetes/api-tunnel-credentials';
import type { ClusterCredentials } from '../lib/kubernetes/cluster-providers';
import { ExternalServiceWiring } from '../lib/kubernetes/external-service-wiring';
import { DataAwsSecretsmanagerSecretVersion } from '../lib/providers/aws';
import { awsExternalServiceFacts } from './aws-external-services';
import { AwsInfraStack } from './aws-infra-stack';
import type { ReplicaBuildOptions } from './replica-app';
import { SourcegraphStack } from './sourcegraph-stack';

/**
 * The two stacks of an AWS replica, wired together: the Sourcegraph stack
 * reads the cluster from the infra stack's outputs. Its Kubernetes and Helm
 * providers (and the destroy-time volume wait) reach a public endpoint
 * directly and a private one through the tunnel `sg-replica tunnel` opens:
 * `https://127.0.0.1:<port>` with the endpoint's host name as TLS server
 * name (`apiTunnelCredentials`), the port derived from the replica name.
 */
export function addAwsReplica(app: App, design: AwsDesign, metadata: ReplicaMetadata, { offline, state }: ReplicaBuildOptions) {
  const infra = new AwsInfraStack(app, `${design.name}-infra`, { design, metadata, offline, stateBackend: state('infra') });
  const direct: ClusterCredentials = {
    host: infra.cluster.endpoint,
    caCertificateBase64: infra.cluster.certificateAuthorityData,
    exec: { command: 'aws', args: ['eks', 'get-token', '--region', design.cloud.region, '--cluster-name', design.name, '--output', 'json'] },
  };
  // The Sourcegraph stack's one AWS provider, made when something there reads from AWS (the database password, the frontend's certificate).
  let awsProvider: ReplicaAwsProvider | undefined;
  const aws = (stack: Construct) =>
    (awsProvider ??= new ReplicaAwsProvider(stack, 'aws', { region: design.cloud.region, accountId: design.cloud.accountId, tags: awsTags(metadata), offline }));
  const tls = design.sourcegraph.tls;
  const credentials = infra.apiTunnelHost
    ? apiTunnelCredentials(direct, { endpointHost: Fn.replace(infra.cluster.endpoint, 'https://', ''), localPort: apiTunnelLocalPort(design.name) })
    : direct;
  const sourcegraph = new SourcegraphStack(app, `${design.name}-sourcegraph`, {
    design,
    metadata,
    stateBackend: state('sourcegraph'),
    credentials,
    clusterAutoscaler: {
      clusterName: design.name,
      kubernetesVersion: design.kubernetes.version,
      region: design.cloud.region,
      roleArn: infra.clusterAutoscalerRole.roleArn,
    },
    volumeDeletionWait: { credentials },
    ...(tls.certificate === 'secret' && {
      frontendTlsPem: (stack) => ({
        pem: new DataAwsSecretsmanagerSecretVersion(stack, 'frontend-tls-pem', { secretId: tls.secret, provider: aws(stack) }).secretString,
        source: `Secrets Manager secret ${tls.secret}`,
      }),
    }),
    ...(Object.keys(infra.externalServices.connections).length && {
      externalServices: (stack, namespace) => {
        const connections = infra.externalServices.connections;
        // The RDS master password lives in Secrets Manager: this stack reads it (into state, never into the JSON).
        return new ExternalServiceWiring(stack, 'external-services', {
          design,
          namespace: namespace.name,
          facts: awsExternalServiceFacts(connections, connections.postgres ? aws(stack) : undefined),
          dependsOn: [namespace.resource],
        });
      },
    }),
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
