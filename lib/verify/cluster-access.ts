/**
 * Getting at the replica's cluster: the command that writes its kubeconfig
 * entry (what the infra stack's `kubeconfig-command` output says), and
 * whether the cluster verify reached is this replica's. Pure.
 */
import type { V1Namespace } from '@kubernetes/client-node';
import { CLOUD_PROVIDERS, CLOUDS, CloudTable, sandboxOf } from '../cloud/clouds';
import type { Design } from '../design/model';

/** The label `ReplicaNamespace` puts on the release's namespace (stacks/sourcegraph-stack.ts): which replica it belongs to. */
export const REPLICA_NAME_LABEL = 'sg-replica/name';

/** A cluster as a kubeconfig context names it: where it is, in which sandbox, and its name. */
interface NamedCluster {
  readonly location: string;
  readonly sandbox: string;
  readonly name: string;
}

/** How each cloud's CLI gives kubectl access, and how it names the context it writes. */
interface ClusterAccessConvention {
  /** The command that writes the kubeconfig entry of the replica's cluster (cluster name = design name). */
  command(design: Design): string;
  /** The cluster a context name of this cloud's CLI stands for, or undefined when the name is not one. */
  parseContext(contextName: string): NamedCluster | undefined;
  /** What the sandbox and location are called in messages. */
  readonly sandboxNoun: string;
}

const ACCESS: CloudTable<ClusterAccessConvention> = {
  aws: {
    command: (design) => `aws eks update-kubeconfig --region ${design.cloud.region} --name ${design.name}`,
    parseContext: (contextName) => {
      const m = /^arn:aws[a-z-]*:eks:([a-z0-9-]+):(\d{12}):cluster\/(.+)$/.exec(contextName);
      return m ? { location: m[1], sandbox: m[2], name: m[3] } : undefined;
    },
    sandboxNoun: 'account',
  },
  gcp: {
    command: (design) => {
      const internal = design.network.endpointAccess === 'private' ? ' --internal-ip' : '';
      return `gcloud container clusters get-credentials ${design.name} --region ${design.cloud.region} --project ${sandboxOf(design.cloud)}${internal}`;
    },
    parseContext: (contextName) => {
      const m = /^gke_([^_]+)_([^_]+)_(.+)$/.exec(contextName);
      return m ? { location: m[2], sandbox: m[1], name: m[3] } : undefined;
    },
    sandboxNoun: 'project',
  },
};

/**
 * The command that gives kubectl (and verify) access to the replica's
 * cluster: `aws eks update-kubeconfig` or `gcloud container clusters
 * get-credentials`, as the infra stacks print it (cluster name = design name).
 */
export function accessCommand(design: Design): string {
  return ACCESS[design.cloud.provider].command(design);
}

/**
 * A warning when the context's name says it is another cluster than the
 * replica's (the names `aws eks update-kubeconfig` and `gcloud ... get-credentials`
 * give); undefined when it matches or says nothing (a custom alias).
 */
export function contextMismatch(design: Design, contextName: string): string | undefined {
  for (const provider of CLOUD_PROVIDERS) {
    const named = ACCESS[provider].parseContext(contextName);
    if (!named) continue;
    const service = CLOUDS[provider].kubernetesService;
    if (provider !== design.cloud.provider) return `context ${contextName} is ${/^[AEIOU]/.test(service) ? 'an' : 'a'} ${service} cluster, but ${design.name} is on ${CLOUDS[design.cloud.provider].label}`;
    const noun = ACCESS[provider].sandboxNoun;
    const sandbox = sandboxOf(design.cloud);
    if (named.name !== design.name || named.location !== design.cloud.region || named.sandbox !== sandbox) {
      return `context ${contextName} is ${service} cluster ${named.name} in ${named.location}, ${noun} ${named.sandbox}; the replica is ${design.name} in ${design.cloud.region}, ${noun} ${sandbox}`;
    }
    return undefined;
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
