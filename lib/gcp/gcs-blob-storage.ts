import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { StorageBucket, StorageBucketIamMember } from '../providers/google';
import { checkGcpLabels } from '../replica/gcp-labels';

/**
 * The role Sourcegraph's services get on the bucket, and only on it: read,
 * write, delete and list objects (what `SOURCEGRAPH_UPLOAD_MANAGE_BUCKET=false`
 * needs), no bucket administration.
 */
export const BLOB_STORAGE_OBJECT_ROLE = 'roles/storage.objectAdmin';

/** Properties of a {@link GcsBlobStorage}. */
export interface GcsBlobStorageProps {
  /**
   * Bucket name: 3-63 lowercase letters, digits, `-` and `_`, starting and
   * ending with a letter or digit, globally unique, e.g. `<replica>-uploads-<project>`.
   */
  readonly bucketName: string;
  /** Location of the bucket: the replica's region. */
  readonly location: string;
  /** Let `destroy` delete the bucket with whatever objects are in it (a replica's uploads are disposable). @default true */
  readonly forceDestroy?: boolean;
  /** Labels on the bucket, following GCP's label rules (besides the provider's default labels). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The GCS bucket Sourcegraph stores uploads and search job results in,
 * instead of its bundled blobstore: regional, uniform bucket-level access
 * (no ACLs), public access prevention enforced, encrypted at rest with
 * Google-managed keys, no versioning and no soft delete (deleted objects are
 * gone, nothing is retained after `destroy`), and emptied by `destroy`.
 *
 * Access is through IAM on this bucket only: {@link grantObjectAccess} to a
 * Workload Identity service account; there are no keys.
 */
export class GcsBlobStorage extends Construct {
  /** The `google_storage_bucket`. */
  public readonly bucket: StorageBucket;
  /** Name of the bucket (a reference, so users wait for it). */
  public readonly bucketName: string;
  private readonly grants: StorageBucketIamMember[] = [];

  constructor(scope: Construct, id: string, props: GcsBlobStorageProps) {
    super(scope, id);
    validate(props);
    const labels = props.labels ?? {};
    checkGcpLabels(labels, `GcsBlobStorage "${props.bucketName}"`);
    this.bucket = new StorageBucket(this, 'bucket', {
      name: props.bucketName,
      location: props.location,
      storageClass: 'STANDARD',
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      forceDestroy: props.forceDestroy ?? true,
      versioning: { enabled: false },
      softDeletePolicy: { retentionDurationSeconds: 0 },
      labels: Object.keys(labels).length > 0 ? { ...labels } : undefined,
    });
    this.bucketName = this.bucket.name;
  }

  /**
   * Grants `member` (e.g. `serviceAccount:<email>`) {@link BLOB_STORAGE_OBJECT_ROLE}
   * on this bucket (a non-authoritative `google_storage_bucket_iam_member`).
   */
  public grantObjectAccess(id: string, member: string): StorageBucketIamMember {
    const grant = new StorageBucketIamMember(this, id, { bucket: this.bucket.name, role: BLOB_STORAGE_OBJECT_ROLE, member });
    this.grants.push(grant);
    return grant;
  }

  /** The grants made so far: what users of the bucket should wait for. */
  public get accessGrants(): readonly StorageBucketIamMember[] {
    return [...this.grants];
  }
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$/;

function validate(props: GcsBlobStorageProps): void {
  const name = props.bucketName;
  if (Token.isUnresolved(name)) return;
  const what = `GcsBlobStorage "${name}"`;
  if (!BUCKET_NAME.test(name)) {
    throw new Error(`${what}: bucket names are 3-63 lowercase letters, digits, '-' and '_', starting and ending with a letter or digit (got ${name.length} characters)`);
  }
  if (name.startsWith('goog') || name.includes('google') || name.includes('g00gle')) {
    throw new Error(`${what}: bucket names may not start with "goog" or contain "google"`);
  }
}
