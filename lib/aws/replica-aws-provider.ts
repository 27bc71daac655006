import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { AwsProvider } from '../providers/aws';

/** Properties of {@link ReplicaAwsProvider}. */
export interface ReplicaAwsProviderProps {
  readonly region: string;
  /** The only account Terraform may act in (`allowed_account_ids`). */
  readonly accountId: string;
  /** Tags on every resource the provider creates (`default_tags`). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Plan without any AWS credentials or API call: dummy static credentials,
   * no STS/IAM account lookup, one retry. For offline `terraform plan` in
   * tests and benchmarks only; such a configuration cannot apply. The account
   * guard is left out then: without the account lookup the provider compares
   * an empty id and refuses every plan ("AWS account ID not allowed").
   * @default false
   */
  readonly offline?: boolean;
}

/** Dummy credentials and skip flags that let `terraform plan` run with no network (see docs/VERIFICATION.md). */
export const OFFLINE_AWS_PROVIDER_SETTINGS = {
  accessKey: 'AKIAOFFLINEDUMMY0000',
  secretKey: 'offline-dummy-secret-key-not-real-00000000',
  skipCredentialsValidation: true,
  skipRequestingAccountId: true,
  skipMetadataApiCheck: 'true',
  skipRegionValidation: true,
  maxRetries: 1,
} as const;

/**
 * The AWS provider of a replica stack: pinned to the sandbox account (any
 * other account is refused before anything is created) and tagging
 * everything it creates.
 */
export class ReplicaAwsProvider extends AwsProvider {
  /** True when configured for an offline plan: nothing may ask AWS anything, not even at plan time. */
  public readonly offline: boolean;

  constructor(scope: Construct, id: string, props: ReplicaAwsProviderProps) {
    if (!/^\d{12}$/.test(props.accountId)) {
      throw new Error(`ReplicaAwsProvider: accountId "${props.accountId}" is not a 12-digit AWS account id`);
    }
    super(scope, id, {
      region: props.region,
      ...(props.offline ? OFFLINE_AWS_PROVIDER_SETTINGS : { allowedAccountIds: [props.accountId] }),
      defaultTags: [{ tags: { ...props.tags } }],
    });
    this.offline = props.offline ?? false;
  }
}

/**
 * Whether the stack `scope` is in has an offline `ReplicaAwsProvider`. Constructs
 * that read AWS at plan time (data sources such as the deployer's identity)
 * leave those reads out then: an offline plan has no credentials and no network.
 */
export function isOfflineAwsStack(scope: IConstruct): boolean {
  return TerraformStack.of(scope)
    .node.children.some((child) => child instanceof ReplicaAwsProvider && child.offline);
}
