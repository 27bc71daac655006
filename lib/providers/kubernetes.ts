/**
 * The Kubernetes provider bindings sg-replica uses, re-exported from their
 * deep module paths. Import Kubernetes bindings from here, never from the
 * `@cdktf/provider-kubernetes` package root (it loads every resource module).
 *
 * Kubernetes provider 2.x: `exec` is a list (`exec: [{ apiVersion, command, args }]`),
 * unlike the Helm provider's single object.
 */

export { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
export type { KubernetesProviderConfig, KubernetesProviderExec } from '@cdktf/provider-kubernetes/lib/provider';

export { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
export type { NamespaceV1Config, NamespaceV1Metadata } from '@cdktf/provider-kubernetes/lib/namespace-v1';

export { StorageClassV1 } from '@cdktf/provider-kubernetes/lib/storage-class-v1';
export type { StorageClassV1Config, StorageClassV1Metadata } from '@cdktf/provider-kubernetes/lib/storage-class-v1';

export { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
export type { SecretV1Config } from '@cdktf/provider-kubernetes/lib/secret-v1';

export { JobV1 } from '@cdktf/provider-kubernetes/lib/job-v1';
export type { JobV1Config, JobV1SpecTemplateSpecContainerEnv } from '@cdktf/provider-kubernetes/lib/job-v1';
