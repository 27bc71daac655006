/**
 * The Helm provider bindings sg-replica uses, re-exported from their deep
 * module paths. Import Helm bindings from here, never from the
 * `@cdktf/provider-helm` package root.
 *
 * Helm provider 3.x: `kubernetes` and its `exec` are single nested objects
 * (not block lists), and `set` is a list attribute.
 */

export { HelmProvider } from '@cdktf/provider-helm/lib/provider';
export type {
  HelmProviderConfig,
  HelmProviderKubernetes,
  HelmProviderKubernetesExec,
} from '@cdktf/provider-helm/lib/provider';

export { Release } from '@cdktf/provider-helm/lib/release';
export type { ReleaseConfig, ReleaseSet, ReleaseSetSensitive } from '@cdktf/provider-helm/lib/release';
