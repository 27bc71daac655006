/**
 * Getting at the replica's cluster: the command that writes its kubeconfig
 * entry (what the infra stack's `kubeconfig-command` output says), and
 * whether the cluster verify reached is this replica's. Pure.
 */
import type { V1Namespace } from '@kubernetes/client-node';
import type { Design } from '../design/model';

/** The label `ReplicaNamespace` puts on the release's namespace (stacks/sourcegraph-stack.ts): which replica it belongs to. */
export const REPLICA_NAME_LABEL = 'sg-replica/name';

/**
 * The command that gives kubectl (and verify) access to the replica's
 * cluster: `aws eks update-kubeconfig` or `gcloud container clusters
 * get-credentials`, as the infra stacks print it (cluster name = design name).
 */
export function accessCommand(design: Design): string {
  if (design.cloud.provider === 'aws') return `aws eks update-kubeconfig --region ${design.cloud.region} --name ${design.name}`;
  const internal = design.network.endpointAccess === 'private' ? ' --internal-ip' : '';
  return `gcloud container clusters get-credentials ${design.name} --region ${design.cloud.region} --project ${design.cloud.project}${internal}`;
}

/**
 * A warning when the context's name says it is another cluster than the
 * replica's (the names `aws eks update-kubeconfig` and `gcloud ... get-credentials`
 * give); undefined when it matches or says nothing (a custom alias).
 */
export function contextMismatch(design: Design, contextName: string): string | undefined {
  const eks = /^arn:aws[a-z-]*:eks:([a-z0-9-]+):(\d{12}):cluster\/(.+)$/.exec(contextName);
  if (eks) {
    const [, region, account, name] = eks;
    if (design.cloud.provider !== 'aws') return `context ${contextName} is an EKS cluster, but ${design.name} is on GCP`;
    if (name !== design.name || region !== design.cloud.region || account !== design.cloud.accountId) {
      return `context ${contextName} is EKS cluster ${name} in ${region}, account ${account}; the replica is ${design.name} in ${design.cloud.region}, account ${design.cloud.accountId}`;
    }
    return undefined;
  }
  const gke = /^gke_([^_]+)_([^_]+)_(.+)$/.exec(contextName);
  if (gke) {
    const [, project, location, name] = gke;
    if (design.cloud.provider !== 'gcp') return `context ${contextName} is a GKE cluster, but ${design.name} is on AWS`;
    if (name !== design.name || project !== design.cloud.project || location !== design.cloud.region) {
      return `context ${contextName} is GKE cluster ${name} in ${location}, project ${project}; the replica is ${design.name} in ${design.cloud.region}, project ${design.cloud.project}`;
    }
  }
  return undefined;
}

/**
 * Why the cluster reached is not this replica's, from the namespace's
 * replica label; undefined when it is (or when the namespace does not exist
 * yet, which the Sourcegraph checks report).
 */
export function foreignReplica(design: Design, namespace: V1Namespace | undefined): string | undefined {
  const owner = namespace?.metadata?.labels?.[REPLICA_NAME_LABEL];
  if (!namespace || owner === undefined || owner === design.name) return undefined;
  return `namespace ${design.sourcegraph.namespace} belongs to replica ${owner} (label ${REPLICA_NAME_LABEL}), not ${design.name}: this is another replica's cluster`;
}
