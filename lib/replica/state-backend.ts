/**
 * Which Terraform state backend a replica's stacks use: the design's `state`
 * section, overridden by the environment (CI sets the bucket once for every
 * replica). Pure.
 *
 *   SG_REPLICA_STATE_BACKEND   local | s3 | gcs
 *   SG_REPLICA_STATE_BUCKET    bucket name
 *   SG_REPLICA_STATE_REGION    S3 bucket region
 *   SG_REPLICA_STATE_LOCK      s3 | dynamodb
 *   SG_REPLICA_STATE_LOCK_TABLE  DynamoDB table (lock dynamodb)
 *   SG_REPLICA_STATE_PREFIX    key prefix
 */
import { Design, StateBackend } from '../design/model';

/** A resolved backend for one stack. */
export type StackStateBackend =
  | { readonly kind: 'local'; readonly path: string }
  | {
      readonly kind: 's3';
      readonly bucket: string;
      readonly key: string;
      readonly region: string;
      readonly encrypt: true;
      readonly useLockfile: boolean;
      readonly dynamodbTable?: string;
    }
  | { readonly kind: 'gcs'; readonly bucket: string; readonly prefix: string };

/**
 * Local state of a stack: `terraform.<stack>.tfstate` in the project root,
 * given relative to the stack's working directory (`cdktf.out/stacks/<stack>/`)
 * so synthesized output does not depend on where the checkout lives.
 */
export function localStateBackend(stackId: string): StackStateBackend {
  return { kind: 'local', path: `../../../terraform.${stackId}.tfstate` };
}

/** The design's state settings with the environment's overrides applied. Throws when the result is incomplete. */
export function effectiveStateBackend(design: Design, env: NodeJS.ProcessEnv = {}): StateBackend {
  const fromEnv = env.SG_REPLICA_STATE_BACKEND;
  if (fromEnv !== undefined && !['local', 's3', 'gcs'].includes(fromEnv)) {
    throw new Error(`SG_REPLICA_STATE_BACKEND must be local, s3 or gcs (got ${JSON.stringify(fromEnv)})`);
  }
  const lock = env.SG_REPLICA_STATE_LOCK;
  if (lock !== undefined && !['s3', 'dynamodb'].includes(lock)) {
    throw new Error(`SG_REPLICA_STATE_LOCK must be s3 or dynamodb (got ${JSON.stringify(lock)})`);
  }
  const merged: StateBackend = {
    ...design.state,
    ...(fromEnv && { backend: fromEnv as StateBackend['backend'] }),
    ...(env.SG_REPLICA_STATE_BUCKET && { bucket: env.SG_REPLICA_STATE_BUCKET }),
    ...(env.SG_REPLICA_STATE_REGION && { region: env.SG_REPLICA_STATE_REGION }),
    ...(lock && { lock: lock as 's3' | 'dynamodb' }),
    ...(env.SG_REPLICA_STATE_LOCK_TABLE && { dynamodbTable: env.SG_REPLICA_STATE_LOCK_TABLE }),
    ...(env.SG_REPLICA_STATE_PREFIX && { prefix: env.SG_REPLICA_STATE_PREFIX }),
  };
  if (merged.backend !== 'local' && !merged.bucket) {
    throw new Error(`${design.name}: the ${merged.backend} state backend needs a bucket (state.bucket or SG_REPLICA_STATE_BUCKET)`);
  }
  if (merged.backend === 's3' && merged.lock === 'dynamodb' && !merged.dynamodbTable) {
    throw new Error(`${design.name}: S3 state with lock dynamodb needs a table (state.dynamodbTable or SG_REPLICA_STATE_LOCK_TABLE)`);
  }
  return merged;
}

/** The backend of one stack, keyed by replica and stack. */
export function stackStateBackend(design: Design, stackId: string, env: NodeJS.ProcessEnv = {}): StackStateBackend {
  const state = effectiveStateBackend(design, env);
  const prefix = (state.prefix ?? 'sg-replica').replace(/\/+$/, '');
  switch (state.backend) {
    case 'local':
      return localStateBackend(stackId);
    case 's3': {
      const dynamo = state.lock === 'dynamodb';
      return {
        kind: 's3',
        bucket: state.bucket!,
        key: `${prefix}/${design.name}/${stackId}.tfstate`,
        region: state.region ?? design.cloud.region,
        encrypt: true,
        useLockfile: !dynamo,
        ...(dynamo && { dynamodbTable: state.dynamodbTable }),
      };
    }
    case 'gcs':
      return { kind: 'gcs', bucket: state.bucket!, prefix: `${prefix}/${design.name}/${stackId}` };
  }
}
