/**
 * The Kubernetes objects that exist in a replica's cluster besides what the
 * Sourcegraph chart renders: those the `<name>-sourcegraph` stack creates
 * (namespace, StorageClass, the external services' Secrets), and those
 * Kubernetes itself provides (the `default` ServiceAccount, the built-in
 * PriorityClasses). The render checks resolve a pod's references against
 * them. Pure.
 */
import { Design } from '../design/model';
import { EXTERNAL_DATABASE_SECRET_NAMES, EXTERNAL_REDIS_SECRET_NAMES } from '../sourcegraph/external-services-values';
import { REPLICA_STORAGE_CLASS_NAME } from '../sourcegraph/replica-values';

/** An object that exists without the chart rendering it. */
export interface ExistingObject {
  readonly kind: 'Namespace' | 'StorageClass' | 'Secret' | 'ServiceAccount' | 'PriorityClass';
  readonly name: string;
  /** Keys of a Secret's data. */
  readonly keys?: readonly string[];
  /** Who makes it. */
  readonly by: string;
}

/** Keys of the database Secrets (`PostgresConnectionSecret`). */
export const DATABASE_SECRET_KEYS: readonly string[] = ['database', 'host', 'password', 'port', 'sslmode', 'user'];
/** Keys of the Redis Secrets (`RedisEndpointSecret`). */
export const REDIS_SECRET_KEYS: readonly string[] = ['endpoint'];

/** Everything in the release's namespace (and cluster-scoped) that exists besides the chart's objects. */
export function existingObjects(design: Design): ExistingObject[] {
  const out: ExistingObject[] = [
    { kind: 'Namespace', name: design.sourcegraph.namespace, by: 'the sourcegraph stack (ReplicaNamespace)' },
    { kind: 'StorageClass', name: REPLICA_STORAGE_CLASS_NAME, by: 'the sourcegraph stack (SourcegraphStorageClass)' },
    { kind: 'ServiceAccount', name: 'default', by: 'Kubernetes (every namespace)' },
    { kind: 'PriorityClass', name: 'system-cluster-critical', by: 'Kubernetes' },
    { kind: 'PriorityClass', name: 'system-node-critical', by: 'Kubernetes' },
  ];
  if (design.externalServices.postgres) {
    for (const name of Object.values(EXTERNAL_DATABASE_SECRET_NAMES)) {
      out.push({ kind: 'Secret', name, keys: DATABASE_SECRET_KEYS, by: 'the sourcegraph stack (PostgresConnectionSecret)' });
    }
  }
  if (design.externalServices.redis) {
    for (const name of Object.values(EXTERNAL_REDIS_SECRET_NAMES)) {
      out.push({ kind: 'Secret', name, keys: REDIS_SECRET_KEYS, by: 'the sourcegraph stack (RedisEndpointSecret)' });
    }
  }
  return out;
}
