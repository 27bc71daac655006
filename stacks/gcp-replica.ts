import { App, Lazy } from 'cdktf';
import { GcpDesign } from '../lib/design/model';
import { GkeCredentials } from '../lib/gcp/gke-credentials';
import { ReplicaMetadata } from '../lib/replica/metadata';
import { GcpInfraStack } from './gcp-infra-stack';
import { SourcegraphStack } from './sourcegraph-stack';

/**
 * The two stacks of a GCP replica, wired together: the Sourcegraph stack
 * reads the cluster's endpoint and CA from the infra stack's outputs and
 * authenticates with the deploying identity's access token.
 *
 * `offline` is accepted for symmetry with `addAwsReplica` and ignored: no
 * Google provider binary is available offline, so GKE stacks cannot be planned
 * offline whatever their configuration.
 */
export function addGcpReplica(app: App, design: GcpDesign, metadata: ReplicaMetadata, _offline: boolean) {
  const infra = new GcpInfraStack(app, `${design.name}-infra`, { design, metadata });
  // The access token comes from a data source that must live in the Sourcegraph stack, which
  // does not exist yet when its props are built: the token is a Lazy filled in below.
  // TODO(lead): once SourcegraphStack accepts a credentials factory `(scope) => ClusterCredentials`,
  // build GkeCredentials there and drop the Lazy.
  let gke: GkeCredentials | undefined;
  const token = Lazy.stringValue({
    produce: () => {
      if (!gke) throw new Error('addGcpReplica: GKE credentials were not created');
      return gke.clientConfig.accessToken;
    },
  });
  const sourcegraph = new SourcegraphStack(app, `${design.name}-sourcegraph`, {
    design,
    metadata,
    credentials: {
      host: `https://${infra.cluster.endpoint}`,
      caCertificateBase64: infra.cluster.caCertificate,
      token,
    },
  });
  gke = new GkeCredentials(sourcegraph, 'gke', {
    project: design.cloud.project,
    region: design.cloud.region,
    endpoint: infra.cluster.endpoint,
    caCertificate: infra.cluster.caCertificate,
  });
  sourcegraph.addDependency(infra);
  return { infra, sourcegraph };
}
