import { designHelmValues } from '../../lib/sourcegraph/design-values';
import { awsDesign, gcpDesign } from '../support/design-fixture';

describe('designHelmValues', () => {
  it('is the final values with placeholders for what exists only after deploy (AWS, S3)', () => {
    const v = designHelmValues(awsDesign({ externalServices: { postgres: { instanceClass: 'db.m6g.large', storageGb: 100, highAvailability: false }, objectStorage: {} } })) as any;
    expect(v.pgsql.enabled).toBe(false);
    expect(v.blobstore.enabled).toBe(false);
    expect(v.frontend.env.SOURCEGRAPH_UPLOAD_BACKEND.value).toBe('S3');
    expect(v.frontend.env.SOURCEGRAPH_UPLOAD_BUCKET.value).toBe('<set at deploy>');
  });

  it('wires GCS on GCP', () => {
    const v = designHelmValues(gcpDesign({ externalServices: { objectStorage: {} } })) as any;
    expect(v.frontend.env.SOURCEGRAPH_UPLOAD_BACKEND.value).toBe('GCS');
  });

  it('leaves everything in the cluster for a design without external services', () => {
    const v = designHelmValues(awsDesign()) as any;
    expect(v.pgsql).not.toHaveProperty('enabled');
    expect(v.storageClass).toEqual({ create: false, name: 'sourcegraph' });
  });
});
