import { App } from 'cdktf';
import { GcpDesign } from '../lib/design/model';
import { GkeCredentials } from '../lib/gcp/gke-credentials';
import { ReplicaMetadata } from '../lib/replica/metadata';
import { ExternalServiceWiring } from '../lib/kubernetes/external-service-wiring';
import { gcpExternalServiceFacts } from './gcp-external-services';
import { GcpInfraStack } from './gcp-infra-stack';
import type { ReplicaBuildOptions } from './replica-app';
import { SourcegraphStack } from './sourcegraph-stack';

/**
 * The two stacks of a GCP replica, wired together: the Sourcegraph stack
 * reads the cluster's endpoint and CA from the infra stack's outputs and
 * authenticates with the deploying identity's access token.
 *
 * `offline` is ignored: no Google provider binary is available offline, so
 * GKE stacks cannot be planned offline whatever their configuration.
 */
export function addGcpReplica(app: App, design: GcpDesign, metadata: ReplicaMetadata, { state }: ReplicaBuildOptions) {
  const infra = new GcpInfraStack(app, `${design.name}-infra`, { design, metadata, stateBackend: state('infra') });
  const sourcegraph = new SourcegraphStack(app, `${design.name}-sourcegraph`, {
    design,
    metadata,
    stateBackend: state('sourcegraph'),
    ...(Object.keys(infra.externalServices.connections).length && {
      externalServices: (stack, namespace) =>
        new ExternalServiceWiring(stack, 'external-services', {
          design,
          namespace: namespace.name,
          facts: gcpExternalServiceFacts(infra.externalServices.connections),
          dependsOn: [namespace.resource],
        }),
    }),
    credentials: (stack) =>
      new GkeCredentials(stack, 'gke', {
        project: design.cloud.project,
        region: design.cloud.region,
        endpoint: infra.cluster.endpoint,
        caCertificate: infra.cluster.caCertificate,
      }).credentials,
  });
  sourcegraph.addDependency(infra);
  return { infra, sourcegraph };
}
