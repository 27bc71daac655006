import { GcsBackend, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { StackStateBackend } from '../lib/replica/state-backend';

/**
 * Configures a stack's state backend. Local state is a path relative to the
 * stack's working directory (`cdktf.out/stacks/<stack>/`), so synthesized
 * output does not depend on where the checkout lives. S3 state is encrypted
 * and locked with Terraform's native lockfile (`use_lockfile`, which cdktf's
 * S3Backend does not know yet: set by override) or a DynamoDB table.
 */
export function useStateBackend(stack: TerraformStack, backend: StackStateBackend): void {
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
