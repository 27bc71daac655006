import { CLOUD_PROVIDERS } from '../../lib/cloud/clouds';
import { REPLICA_TAGS } from '../../lib/replica/cloud-tags';
import { gcpLabels } from '../../lib/replica/gcp-labels';
import { awsTags, replicaMetadata } from '../../lib/replica/metadata';
import { awsDesign } from '../support/design-fixture';

describe('REPLICA_TAGS', () => {
  const metadata = replicaMetadata(awsDesign(), new Date('2026-11-27T00:00:00Z'));

  it('spells the metadata as each cloud takes it: AWS tags, GCP labels', () => {
    expect(Object.keys(REPLICA_TAGS)).toEqual([...CLOUD_PROVIDERS]);
    expect(REPLICA_TAGS.aws(metadata)).toEqual(awsTags(metadata));
    expect(REPLICA_TAGS.gcp(metadata)).toEqual(gcpLabels(metadata));
    expect(REPLICA_TAGS.aws(metadata)['sg-replica:owner']).toBe('jane.doe@example.com');
    expect(REPLICA_TAGS.gcp(metadata)['sg-replica-owner']).toBe('jane_doe_example_com');
  });
});
