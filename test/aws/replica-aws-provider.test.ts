import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { isOfflineAwsStack, ReplicaAwsProvider } from '../../lib/aws/replica-aws-provider';

function synth(props: ConstructorParameters<typeof ReplicaAwsProvider>[2]) {
  const stack = new TerraformStack(Testing.app(), 's');
  new ReplicaAwsProvider(stack, 'aws', props);
  return JSON.parse(Testing.synth(stack)).provider.aws[0];
}

describe('ReplicaAwsProvider', () => {
  it('refuses every account but the sandbox and tags everything', () => {
    expect(synth({ region: 'us-east-2', accountId: '111122223333', tags: { a: 'b' } })).toEqual({
      region: 'us-east-2',
      allowed_account_ids: ['111122223333'],
      default_tags: [{ tags: { a: 'b' } }],
    });
  });

  it('rejects an account id that is not 12 digits', () => {
    expect(() => synth({ region: 'us-east-2', accountId: '1234', tags: {} })).toThrow(/accountId "1234" is not a 12-digit/);
  });

  it('offline: dummy credentials and skip flags, never real ones', () => {
    const p = synth({ region: 'us-east-2', accountId: '111122223333', tags: {}, offline: true });
    expect(p).toMatchObject({ access_key: 'AKIAOFFLINEDUMMY0000', skip_credentials_validation: true, skip_requesting_account_id: true, max_retries: 1 });
    expect(p).not.toHaveProperty('allowed_account_ids');
  });

  it('tells constructs whether their stack is offline (then they read nothing from AWS at plan time)', () => {
    const probe = (offline?: boolean) => {
      const stack = new TerraformStack(Testing.app(), 's');
      if (offline !== undefined) new ReplicaAwsProvider(stack, 'aws', { region: 'us-east-2', accountId: '111122223333', tags: {}, offline });
      return isOfflineAwsStack(new Construct(new Construct(stack, 'a'), 'b'));
    };
    expect(probe(true)).toBe(true);
    expect(probe(false)).toBe(false);
    expect(probe()).toBe(false);
  });
});
