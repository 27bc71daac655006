import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { BLOB_STORAGE_OBJECT_ROLE, GcsBlobStorage } from '../../lib/gcp/gcs-blob-storage';

describe('GcsBlobStorage', () => {
  it('is private, uniform, unversioned, without soft delete, and emptied by destroy', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        const b = new GcsBlobStorage(scope, 'b', { bucketName: 'acme-uploads-acme-sandbox', location: 'us-central1', labels: { a: 'b' } });
        b.grantObjectAccess('grant', 'serviceAccount:x@acme-sandbox.iam.gserviceaccount.com');
        expect(b.accessGrants).toHaveLength(1);
      }),
    );
    expect(Object.values(json.resource.google_storage_bucket)[0]).toEqual(
      expect.objectContaining({
        name: 'acme-uploads-acme-sandbox',
        location: 'us-central1',
        uniform_bucket_level_access: true,
        public_access_prevention: 'enforced',
        force_destroy: true,
        versioning: { enabled: false },
        soft_delete_policy: { retention_duration_seconds: 0 },
        labels: { a: 'b' },
      }),
    );
    const grant: any = Object.values(json.resource.google_storage_bucket_iam_member)[0];
    expect(grant.role).toBe(BLOB_STORAGE_OBJECT_ROLE);
    expect(grant.role).toBe('roles/storage.objectAdmin');
    expect(grant.bucket).toMatch(/^\$\{google_storage_bucket\./);
    expect(json.resource.google_project_iam_member).toBeUndefined();
  });

  it('refuses names GCS refuses', () => {
    const make = (bucketName: string) => () =>
      Testing.synthScope((scope) => void new GcsBlobStorage(scope, 'b', { bucketName, location: 'us-central1' }));
    expect(make('Acme')).toThrow(/bucket names are 3-63/);
    expect(make('a'.repeat(64))).toThrow(/got 64 characters/);
    expect(make('google-uploads')).toThrow(/goog/);
  });
});
