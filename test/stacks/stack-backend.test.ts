import { TerraformStack, Testing } from 'cdktf';
import { useStateBackend } from '../../stacks/stack-backend';

const synth = (backend: Parameters<typeof useStateBackend>[1]) => {
  const stack = new TerraformStack(Testing.app(), 'x-infra');
  useStateBackend(stack, backend);
  return JSON.parse(Testing.synth(stack)).terraform.backend;
};

describe('useStateBackend', () => {
  it('keeps local state in the project root, relative to the stack working directory', () => {
    expect(synth({ kind: 'local', path: '../../../terraform.x-infra.tfstate' })).toEqual({ local: { path: '../../../terraform.x-infra.tfstate' } });
  });

  it('writes encrypted S3 state locked with the native lockfile', () => {
    expect(synth({ kind: 's3', bucket: 'b', key: 'sg-replica/x/x-infra.tfstate', region: 'us-east-2', encrypt: true, useLockfile: true })).toEqual({
      s3: { bucket: 'b', key: 'sg-replica/x/x-infra.tfstate', region: 'us-east-2', encrypt: true, use_lockfile: true },
    });
  });

  it('locks S3 state with DynamoDB when asked', () => {
    const s3 = synth({ kind: 's3', bucket: 'b', key: 'k', region: 'us-east-2', encrypt: true, useLockfile: false, dynamodbTable: 'locks' }).s3;
    expect(s3).toMatchObject({ dynamodb_table: 'locks' });
    expect(s3).not.toHaveProperty('use_lockfile');
  });

  it('requires Terraform 1.11 or later on every stack (write-only arguments)', () => {
    const stack = new TerraformStack(Testing.app(), 'x-sourcegraph');
    useStateBackend(stack);
    expect(JSON.parse(Testing.synth(stack)).terraform.required_version).toBe('>= 1.11.0');
  });

  it('writes GCS state under a per-replica, per-stack prefix', () => {
    expect(synth({ kind: 'gcs', bucket: 'b', prefix: 'sg-replica/x/x-infra' })).toEqual({ gcs: { bucket: 'b', prefix: 'sg-replica/x/x-infra' } });
  });
});
