import { effectiveStateBackend, stackStateBackend } from '../../lib/replica/state-backend';
import { awsDesign, gcpDesign } from '../support/design-fixture';

describe('stackStateBackend', () => {
  it('is local by default, one file per stack in the project directory', () => {
    expect(stackStateBackend(awsDesign(), 'acme-prod-infra')).toEqual({ kind: 'local', path: '../../../terraform.acme-prod-infra.tfstate' });
  });

  it('keys S3 state by replica and stack, in the replica region unless told, with the native lockfile', () => {
    const design = awsDesign({ state: { backend: 's3', bucket: 'team-tfstate', lock: 's3', prefix: 'replicas' } });
    expect(stackStateBackend(design, 'acme-prod-sourcegraph')).toEqual({
      kind: 's3',
      bucket: 'team-tfstate',
      key: 'replicas/acme-prod/acme-prod-sourcegraph.tfstate',
      region: 'us-east-2',
      encrypt: true,
      useLockfile: true,
    });
  });

  it('keys GCS state by replica and stack', () => {
    expect(stackStateBackend(gcpDesign({ state: { backend: 'gcs', bucket: 'tfstate', prefix: 'sg-replica' } }), 'acme-prod-infra')).toEqual({
      kind: 'gcs',
      bucket: 'tfstate',
      prefix: 'sg-replica/acme-prod/acme-prod-infra',
    });
  });

  it('lets the environment override the design (CI sets the bucket once)', () => {
    const env = { SG_REPLICA_STATE_BACKEND: 's3', SG_REPLICA_STATE_BUCKET: 'ci-state', SG_REPLICA_STATE_REGION: 'eu-west-1', SG_REPLICA_STATE_LOCK: 'dynamodb', SG_REPLICA_STATE_LOCK_TABLE: 'locks' };
    expect(stackStateBackend(awsDesign(), 'acme-prod-infra', env)).toMatchObject({ kind: 's3', bucket: 'ci-state', region: 'eu-west-1', useLockfile: false, dynamodbTable: 'locks' });
    expect(stackStateBackend(awsDesign({ state: { backend: 's3', bucket: 'b' } }), 'x', { SG_REPLICA_STATE_BACKEND: 'local' })).toMatchObject({ kind: 'local' });
  });

  it('refuses incomplete or unknown settings, naming the variable', () => {
    expect(() => effectiveStateBackend(awsDesign(), { SG_REPLICA_STATE_BACKEND: 'consul' })).toThrow(/SG_REPLICA_STATE_BACKEND must be local, s3 or gcs \(got "consul"\)/);
    expect(() => effectiveStateBackend(awsDesign(), { SG_REPLICA_STATE_BACKEND: 's3' })).toThrow(/needs a bucket \(state\.bucket or SG_REPLICA_STATE_BUCKET\)/);
  });
});
