/**
 * The replica's metadata as each cloud spells it on resources: AWS tags, GCP
 * labels (lowercase, restricted characters). Pure.
 */
import type { CloudTable } from '../cloud/clouds';
import { gcpLabels } from './gcp-labels';
import { awsTags, ReplicaMetadata } from './metadata';

export const REPLICA_TAGS: CloudTable<(metadata: ReplicaMetadata) => Record<string, string>> = {
  aws: awsTags,
  gcp: gcpLabels,
};
