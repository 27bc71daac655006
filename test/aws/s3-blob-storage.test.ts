import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { BLOB_STORAGE_BUCKET_ACTIONS, BLOB_STORAGE_OBJECT_ACTIONS, S3BlobStorage } from '../../lib/aws/s3-blob-storage';
import {
  S3Bucket,
  S3BucketOwnershipControls,
  S3BucketPolicy,
  S3BucketPublicAccessBlock,
  S3BucketServerSideEncryptionConfigurationA,
} from '../../lib/providers/aws';

/** The Terraform expressions the given values synthesize to (through outputs). */
function synthesized(build: (scope: Construct) => Record<string, string>): Record<string, string> {
  const out = JSON.parse(
    Testing.synthScope((scope) => {
      for (const [key, value] of Object.entries(build(scope))) new TerraformOutput(scope, `out-${key}`, { value });
    }),
  );
  return Object.fromEntries(Object.entries(out.output as Record<string, { value: string }>).map(([k, v]) => [k.replace(/^out-/, ''), v.value]));
}

function synth(props: { bucketName?: string; forceDestroy?: boolean } = {}): string {
  return Testing.synthScope((scope) => {
    new S3BlobStorage(scope, 'blob', { bucketName: 'acme-uploads-111122223333-us-east-2', ...props });
  });
}

describe('S3BlobStorage', () => {
  it('creates a force-destroyed bucket with every public access blocked', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(S3Bucket, { bucket: 'acme-uploads-111122223333-us-east-2', force_destroy: true });
    expect(out).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(synth({ forceDestroy: false })).toHaveResourceWithProperties(S3Bucket, { force_destroy: false });
  });

  it('disables ACLs and encrypts with S3-managed keys', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: 'BucketOwnerEnforced' } });
    expect(out).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
  });

  it('denies every request that is not TLS, after the public access block', () => {
    const out = synth();
    const policyResource = Object.values(JSON.parse(out).resource.aws_s3_bucket_policy)[0] as { policy: string; depends_on: string[] };
    const policy = JSON.parse(policyResource.policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
    expect(policyResource.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_public_access_block\./)]);
    expect(out).toHaveResource(S3BucketPolicy);
  });

  it('gives an access policy with object read/write/delete and listing on this bucket only', () => {
    {
      const policy = JSON.parse(
        synthesized((scope) => ({ policy: new S3BlobStorage(scope, 'blob', { bucketName: 'acme-uploads' }).accessPolicyJson })).policy,
      );
      expect(policy.Statement).toEqual([
        { Sid: 'Bucket', Effect: 'Allow', Action: [...BLOB_STORAGE_BUCKET_ACTIONS], Resource: expect.stringMatching(/aws_s3_bucket\..*\.arn/) },
        { Sid: 'Objects', Effect: 'Allow', Action: [...BLOB_STORAGE_OBJECT_ACTIONS], Resource: expect.stringMatching(/\.arn\}\/\*$/) },
      ]);
      expect(JSON.stringify(policy)).not.toMatch(/"s3:\*"|"\*"/);
    }
  });

  it.each(['ab', 'Acme-uploads', 'acme..uploads', '-acme', '192.168.1.1', 'x'.repeat(64), 'acme-s3alias', 'xn--acme'])(
    'refuses bucket name %s',
    (bucketName) => {
      expect(() => synth({ bucketName })).toThrow(/S3BlobStorage/);
    },
  );
});
