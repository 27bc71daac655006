/**
 * The cloud table: one `CloudFacts` entry per provider. Code that varies by
 * cloud reads a table keyed by `CloudProvider` (this one, or a layer's own
 * `CloudTable`) instead of branching on `provider === 'aws'`: adding a
 * provider to `CloudProvider` (lib/design/model.ts) makes the compiler name
 * every table still missing its entry.
 */
import type { Cloud, CloudProvider } from '../design/model';
import { AWS_FACTS } from './aws-facts';
import type { CloudFacts } from './cloud-facts';
import { GCP_FACTS } from './gcp-facts';

/** A table with one entry per cloud provider: the compiler refuses one that misses a provider. */
export type CloudTable<T> = Readonly<Record<CloudProvider, T>>;

export const CLOUDS: CloudTable<CloudFacts> = {
  aws: AWS_FACTS,
  gcp: GCP_FACTS,
};

/** Every provider, in the table's order. */
export const CLOUD_PROVIDERS = Object.keys(CLOUDS) as readonly CloudProvider[];

/** Whether `value` names a provider of the table. */
export function isCloudProvider(value: unknown): value is CloudProvider {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CLOUDS, value);
}

/** The facts of `provider`. */
export function cloudFacts(provider: CloudProvider): CloudFacts {
  return CLOUDS[provider];
}

/** The sandbox a design's cloud names: the AWS account id or the GCP project. */
export function sandboxOf(cloud: Cloud): string {
  return (cloud as unknown as Readonly<Record<string, string>>)[CLOUDS[cloud.provider].sandbox.field];
}
