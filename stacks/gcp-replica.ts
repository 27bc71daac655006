import { App } from 'cdktf';
import { GcpDesign } from '../lib/design/model';
import { restrictsClients } from '../lib/catalog/gce-load-balancing';
import { INGRESS_KINDS } from '../lib/cloud/ingress-kinds';
import { GkeCredentials } from '../lib/gcp/gke-credentials';
import { GkeDestroyWait } from '../lib/gcp/gke-destroy-wait';
import { DataGoogleSecretManagerSecretVersion } from '../lib/providers/google';
import { GCP_LABEL_KEYS, gcpLabels } from '../lib/replica/gcp-labels';
import { gceIngressNames } from '../lib/replica/gce-ingress-names';
import { ReplicaMetadata } from '../lib/replica/metadata';
import { ExternalServiceWiring } from '../lib/kubernetes/external-service-wiring';
import { gcpExternalServiceFacts } from './gcp-external-services';
import { GcpInfraStack } from './gcp-infra-stack';
import type { ReplicaBuildOptions } from './replica-app';
import { SourcegraphStack } from './sourcegraph-stack';

/**
 * The two stacks of a GCP replica, wired together: the Sourcegraph stack
 * reads the cluster's endpoint from the infra stack's outputs and
 * authenticates with the deploying identity's access token. A private
 * cluster is reached through its DNS-based endpoint (IAM-gated, publicly
 * trusted certificate, so no cluster CA), a public one through its IP
 * endpoint with the cluster CA (`GkeCluster.clientEndpoint`).
 *
 * On destroy, the Sourcegraph stack waits last (`GkeDestroyWait`, gcloud)
 * until the disks of the replica's volumes and the load balancer parts the
 * GKE controllers made are gone, so the infra stack never deletes the
 * cluster or the network under them.
 *
 * `offline` is ignored: no Google provider binary is available offline, so
 * GKE stacks cannot be planned offline whatever their configuration.
 */
export function addGcpReplica(app: App, design: GcpDesign, metadata: ReplicaMetadata, { state }: ReplicaBuildOptions) {
  const infra = new GcpInfraStack(app, `${design.name}-infra`, { design, metadata, stateBackend: state('infra') });
  const tls = design.sourcegraph.tls;
  const sourcegraph = new SourcegraphStack(app, `${design.name}-sourcegraph`, {
    design,
    metadata,
    stateBackend: state('sourcegraph'),
    // Read with the stack's Google provider (GkeCredentials'), latest version.
    ...(tls.certificate === 'secret' && {
      frontendTlsPem: (stack) => ({
        pem: new DataGoogleSecretManagerSecretVersion(stack, 'frontend-tls-pem', { project: design.cloud.project, secret: tls.secret }).secretData,
        source: `Secret Manager secret ${tls.secret} of project ${design.cloud.project}`,
      }),
    }),
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
        endpoint: infra.cluster.clientEndpoint.host,
        ...(infra.cluster.clientEndpoint.caCertificate !== undefined && { caCertificate: infra.cluster.clientEndpoint.caCertificate }),
      }).credentials,
    cloudResourcesWait: (stack) => {
      const sg = design.sourcegraph;
      const names = gceIngressNames(design.name);
      const gce = INGRESS_KINDS[sg.ingress].restrictsClientsWith === 'cloud-armor';
      const wait = new GkeDestroyWait(stack, 'cloud-resources-gone', {
        project: design.cloud.project,
        // GkeNetwork names the VPC after the replica.
        networkName: design.name,
        replicaLabel: gcpLabels(metadata)[GCP_LABEL_KEYS.name],
        ...(gce && restrictsClients(sg.allowedClientCidrs) && { securityPolicyName: names.securityPolicy }),
        ...(gce && { staticAddressName: names.address }),
      });
      return { construct: wait, resource: wait.command.resource };
    },
  });
  sourcegraph.addDependency(infra);
  return { infra, sourcegraph };
}
