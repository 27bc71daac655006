import { GcsBackend, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { localStateBackend, StackStateBackend } from '../lib/replica/state-backend';
import { MIN_TERRAFORM_VERSION, requireTerraformVersion } from '../lib/terraform/required-version';

/**
 * Configures a stack's state backend and the Terraform it needs: every
 * replica stack requires Terraform {@link MIN_TERRAFORM_VERSION} or later
 * (write-only arguments keep database passwords out of state), so an older
 * binary stops at `init` naming the constraint instead of failing half-way
 * through an apply. By default local state in the project
 * directory (`localStateBackend`). S3 state is encrypted
 * and locked with Terraform's native lockfile (`use_lockfile`, which cdktf's
 * S3Backend does not know yet: set by override) or a DynamoDB table.
 */
export function useStateBackend(stack: TerraformStack, backend: StackStateBackend = localStateBackend(stack.node.id)): void {
  requireTerraformVersion(stack, MIN_TERRAFORM_VERSION);
  switch (backend.kind) {
    case 'local':
      new LocalBackend(stack, { path: backend.path });
      return;
    case 's3': {
      const s3 = new S3Backend(stack, {
        bucket: backend.bucket,
        key: backend.key,
        region: backend.region,
        encrypt: backend.encrypt,
        ...(backend.dynamodbTable && { dynamodbTable: backend.dynamodbTable }),
      });
      if (backend.useLockfile) s3.addOverride('use_lockfile', true);
      return;
    }
    case 'gcs':
      new GcsBackend(stack, { bucket: backend.bucket, prefix: backend.prefix });
  }
}
