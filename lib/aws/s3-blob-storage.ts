import { Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  S3Bucket,
  S3BucketOwnershipControls,
  S3BucketPolicy,
  S3BucketPublicAccessBlock,
  S3BucketServerSideEncryptionConfigurationA,
} from '../providers/aws';

/** What Sourcegraph does with its bucket when it does not manage it (`SOURCEGRAPH_UPLOAD_MANAGE_BUCKET=false`). */
export const BLOB_STORAGE_OBJECT_ACTIONS: readonly string[] = [
  's3:GetObject',
  's3:PutObject',
  's3:DeleteObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
];
/** Bucket-level actions Sourcegraph needs: listing (also what `HeadBucket` checks) and finding the region. */
export const BLOB_STORAGE_BUCKET_ACTIONS: readonly string[] = ['s3:ListBucket', 's3:ListBucketMultipartUploads', 's3:GetBucketLocation'];

/** Properties of an {@link S3BlobStorage}. */
export interface S3BlobStorageProps {
  /** Bucket name: 3-63 lowercase letters, digits, `-` and `.`, globally unique, e.g. `<replica>-uploads-<account>-<region>`. */
  readonly bucketName: string;
  /**
   * Let `destroy` delete the bucket with whatever objects are in it (a
   * replica's uploads are disposable).
   * @default true
   */
  readonly forceDestroy?: boolean;
}

/**
 * The S3 bucket Sourcegraph stores uploads and search job results in,
 * instead of its bundled blobstore: every kind of public access blocked,
 * ACLs off (`BucketOwnerEnforced`), encrypted at rest with S3-managed keys
 * (so readers need no KMS grant), TLS-only access enforced by the bucket
 * policy, and emptied by `destroy`.
 *
 * Access is through IAM roles for service accounts: give the workloads a
 * role with {@link accessPolicyJson}; there are no access keys.
 */
export class S3BlobStorage extends Construct {
  /** The `aws_s3_bucket`. */
  public readonly bucket: S3Bucket;
  /** Name of the bucket. */
  public readonly bucketName: string;
  /** ARN of the bucket. */
  public readonly bucketArn: string;
  /** The public access block. */
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  /** The default encryption configuration. */
  public readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  /** The ownership controls (ACLs disabled). */
  public readonly ownershipControls: S3BucketOwnershipControls;
  /** The bucket policy (TLS only). */
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: S3BlobStorageProps) {
    super(scope, id);
    validate(props);
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? true,
    });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;

    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.ownershipControls = new S3BucketOwnershipControls(this, 'ownership-controls', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
      // A bucket policy is refused while the public access block is being applied.
      dependsOn: [this.publicAccessBlock],
    });
  }

  /** An IAM policy (JSON) with exactly what Sourcegraph needs on this bucket: read, write, delete and list objects. */
  public get accessPolicyJson(): string {
    return JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Bucket', Effect: 'Allow', Action: [...BLOB_STORAGE_BUCKET_ACTIONS], Resource: this.bucketArn },
        { Sid: 'Objects', Effect: 'Allow', Action: [...BLOB_STORAGE_OBJECT_ACTIONS], Resource: `${this.bucketArn}/*` },
      ],
    });
  }
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function validate(props: S3BlobStorageProps): void {
  const name = props.bucketName;
  if (Token.isUnresolved(name)) return;
  const what = `S3BlobStorage "${name}"`;
  if (!BUCKET_NAME.test(name)) {
    throw new Error(`${what}: bucket names are 3-63 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (got ${name.length} characters)`);
  }
  if (name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name) || name.startsWith('xn--') || name.endsWith('-s3alias')) {
    throw new Error(`${what}: not a valid bucket name (no '..', no IP address form, no xn-- prefix or -s3alias suffix)`);
  }
}
