import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { EndpointAccess } from '../design/model';
import { parseCidr } from '../network/subnet-plan';
import { ConditionalImport } from '../terraform/conditional-import';
import { requireTerraformVersion } from '../terraform/required-version';
import {
  CloudwatchLogGroup,
  DataAwsCloudwatchLogGroups,
  EksCluster as EksClusterResource,
  IamOpenidConnectProvider,
  IamRole,
  IamRolePolicy,
  IamRolePolicyAttachment,
  KmsAlias,
  KmsKey,
} from '../providers/aws';
import { ClusterAdminAccess, type ClusterDeployer } from './cluster-admin-access';
import { awsManagedPolicyArn, checkIamRoleName, serviceTrustPolicy } from './iam-helpers';
import { isOfflineAwsStack } from './replica-aws-provider';

export { CLUSTER_ADMIN_ACCESS_POLICY } from './cluster-admin-access';

/** Every EKS control plane log type. */
export const EKS_CONTROL_PLANE_LOG_TYPES: readonly string[] = [
  'api',
  'audit',
  'authenticator',
  'controllerManager',
  'scheduler',
];

/** Retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = new Set([
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
]);

/** Properties of an {@link EksCluster}. */
export interface EksClusterProps {
  /** Cluster name: 1-100 letters, digits, `-` and `_`, starting with a letter or digit. Also prefixes the cluster's IAM role and KMS alias. */
  readonly name: string;
  /** Kubernetes minor version, e.g. `1.33`. */
  readonly version: string;
  /** Subnets for the control plane's network interfaces (the private subnets), in at least two zones. */
  readonly subnetIds: string[];
  /**
   * Whether the API server is reachable from the internet (only from `allowedCidrs`)
   * or only from inside the VPC. The private endpoint is always on.
   * @default 'private'
   */
  readonly endpointAccess?: EndpointAccess;
  /**
   * IPv4 CIDRs allowed to reach a public API endpoint. Required and non-empty when
   * `endpointAccess` is `public`; `0.0.0.0/0` is refused. Ignored for a private endpoint.
   * @default []
   */
  readonly allowedCidrs?: readonly string[];
  /**
   * IAM user or role ARNs given cluster-admin through EKS access entries, besides the
   * deployer. Listing the deploying identity too is fine: every distinct principal
   * gets exactly one entry (see `ClusterAdminAccess`).
   * @default []
   */
  readonly admins?: readonly string[];
  /**
   * The identity that deploys (and runs the Kubernetes and Helm providers), given
   * cluster-admin through its own access entry: `'caller'` reads it at plan time
   * (`aws_caller_identity` and `aws_iam_session_context`, two read-only API calls);
   * an IAM role or user ARN names it (offline plans, a known CI role); `'none'`
   * gives access to `admins` only. EKS's creator bootstrap is always off.
   * @default 'caller'; 'none' in a stack whose `ReplicaAwsProvider` is offline (no AWS call at plan time)
   */
  readonly deployer?: ClusterDeployer;
  /**
   * Adopt a control plane log group left from an earlier cluster of the same name
   * instead of failing with ResourceAlreadyExistsException. EKS (its service-linked
   * role) writes logs after the cluster is deleted and recreates the group Terraform
   * just deleted (terraform-aws-modules/terraform-aws-eks#920, #2486, #2763). At plan
   * time an `aws_cloudwatch_log_groups` lookup finds it and a conditional `import`
   * block adopts it. Needs Terraform 1.7+.
   * @default true; false in a stack whose `ReplicaAwsProvider` is offline (no AWS call at plan time)
   */
  readonly adoptLeftoverLogGroup?: boolean;
  /** Retention of the control plane log group, in days (a value CloudWatch accepts). @default 7 */
  readonly logRetentionDays?: number;
}

/**
 * An EKS control plane hardened for a replica: secrets envelope-encrypted
 * with a dedicated, rotating KMS key; all control plane logs kept in a log
 * group this construct owns (so `destroy` removes it, and a group EKS
 * recreated after an earlier cluster of the same name is adopted); API-only
 * access entries, one per distinct principal, the deployer included
 * (`ClusterAdminAccess`); an IAM OIDC provider for IAM roles for service
 * accounts (IRSA).
 *
 * EKS installs no self-managed add-ons (`bootstrap_self_managed_addons`
 * false): vpc-cni, kube-proxy and coredns come as managed add-ons from
 * `EksCoreAddons`, which the replica must deploy alongside.
 */
export class EksCluster extends Construct {
  /** The `aws_eks_cluster` resource. */
  public readonly resource: EksClusterResource;
  /** Cluster name (a reference, so dependents wait for the cluster). */
  public readonly clusterName: string;
  /** API server endpoint URL. */
  public readonly endpoint: string;
  /** Base64-encoded certificate authority data of the API server. */
  public readonly certificateAuthorityData: string;
  /** The OIDC identity provider used by IRSA. */
  public readonly oidcProvider: IamOpenidConnectProvider;
  /** ARN of the IAM OIDC provider, the federated principal of IRSA trust policies. */
  public readonly oidcProviderArn: string;
  /** The cluster's OIDC issuer without `https://` (e.g. `oidc.eks.us-east-2.amazonaws.com/id/ABC`), the prefix of IRSA condition keys. */
  public readonly oidcIssuer: string;
  /** ID of the security group EKS creates for the control plane and managed nodes. */
  public readonly clusterSecurityGroupId: string;
  /** ARN of the KMS key that encrypts Kubernetes secrets. */
  public readonly secretsKeyArn: string;
  /** The cluster's IAM role. */
  public readonly role: IamRole;
  /** The control plane log group. */
  public readonly logGroup: CloudwatchLogGroup;
  /** The access entries of the deployer and the admins. */
  public readonly adminAccess: ClusterAdminAccess;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const endpointAccess = props.endpointAccess ?? 'private';
    const allowedCidrs = props.allowedCidrs ?? [];
    const logRetentionDays = props.logRetentionDays ?? 7;
    validate(props, endpointAccess, allowedCidrs, logRetentionDays);
    // An offline plan has no credentials: nothing may be read from AWS at plan time.
    const offline = isOfflineAwsStack(this);
    const deployer = props.deployer ?? (offline ? 'none' : 'caller');
    const adoptLeftoverLogGroup = props.adoptLeftoverLogGroup ?? !offline;
    if (offline && (deployer === 'caller' || adoptLeftoverLogGroup)) {
      throw new Error(
        `EksCluster ${props.name}: the stack's AWS provider is offline, so nothing can be read from AWS at plan time; ` +
          "set deployer to an ARN or 'none' and adoptLeftoverLogGroup to false (or leave both unset)",
      );
    }
    const name = props.name;

    const key = new KmsKey(this, 'secrets-key', {
      description: `Envelope encryption of Kubernetes secrets of EKS cluster ${name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 7,
    });
    new KmsAlias(this, 'secrets-key-alias', { name: `alias/${name}-eks`, targetKeyId: key.keyId });
    this.secretsKeyArn = key.arn;

    const roleName = `${name}-cluster`;
    checkIamRoleName(roleName, 'EksCluster');
    this.role = new IamRole(this, 'role', {
      name: roleName,
      description: `EKS control plane of ${name}`,
      assumeRolePolicy: serviceTrustPolicy('eks.amazonaws.com'),
    });
    const clusterPolicy = new IamRolePolicyAttachment(this, 'cluster-policy', {
      role: this.role.name,
      policyArn: awsManagedPolicyArn('AmazonEKSClusterPolicy'),
    });

    // The control plane uses the secrets key through this role.
    const keyAccess = new IamRolePolicy(this, 'secrets-key-access', {
      name: 'secrets-encryption',
      role: this.role.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'],
            Resource: key.arn,
          },
        ],
      }),
    });

    // Created before the cluster: otherwise EKS creates it, and it outlives `destroy`.
    const logGroupName = `/aws/eks/${name}/cluster`;
    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: logGroupName,
      retentionInDays: logRetentionDays,
    });
    if (adoptLeftoverLogGroup) {
      requireTerraformVersion(this, '1.7.0'); // import blocks with for_each
      const existing = new DataAwsCloudwatchLogGroups(this, 'leftover-log-group', { logGroupNamePrefix: logGroupName });
      new ConditionalImport(this, 'adopt-log-group', {
        resource: this.logGroup,
        id: logGroupName,
        when: Fn.contains(existing.logGroupNames, logGroupName),
      });
    }

    const isPublic = endpointAccess === 'public';
    this.resource = new EksClusterResource(this, 'cluster', {
      name,
      version: props.version,
      roleArn: this.role.arn,
      vpcConfig: {
        subnetIds: props.subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: isPublic,
        publicAccessCidrs: isPublic ? [...allowedCidrs] : undefined,
      },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: key.arn } },
      enabledClusterLogTypes: [...EKS_CONTROL_PLANE_LOG_TYPES],
      // The deployer gets its entry from ClusterAdminAccess like every admin: one entry per principal.
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      bootstrapSelfManagedAddons: false,
      dependsOn: [this.logGroup, clusterPolicy, keyAccess],
    });

    this.clusterName = this.resource.name;
    this.endpoint = this.resource.endpoint;
    this.certificateAuthorityData = this.resource.certificateAuthority.get(0).data;
    this.clusterSecurityGroupId = this.resource.vpcConfig.clusterSecurityGroupId;

    const issuerUrl = this.resource.identity.get(0).oidc.get(0).issuer;
    this.oidcProvider = new IamOpenidConnectProvider(this, 'oidc-provider', {
      url: issuerUrl,
      clientIdList: ['sts.amazonaws.com'],
      // thumbprint_list is optional since provider 5.x: IAM trusts the EKS issuer's CA itself.
    });
    this.oidcProviderArn = this.oidcProvider.arn;
    this.oidcIssuer = Fn.replace(issuerUrl, 'https://', '');

    this.adminAccess = new ClusterAdminAccess(this, 'admin-access', {
      clusterName: this.resource.name,
      admins: props.admins,
      deployer,
    });
  }
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;
const VERSION = /^\d+\.\d+$/;

function validate(
  props: EksClusterProps,
  endpointAccess: string,
  allowedCidrs: readonly string[],
  logRetentionDays: number,
): void {
  if (!CLUSTER_NAME.test(props.name)) {
    throw new Error(
      `EksCluster: name "${props.name}" is invalid: 1-100 letters, digits, '-' and '_', starting with a letter or digit`,
    );
  }
  if (!VERSION.test(props.version)) {
    throw new Error(`EksCluster: version "${props.version}" is not a Kubernetes minor version such as 1.33`);
  }
  if (props.subnetIds.length === 0) {
    throw new Error('EksCluster: subnetIds is empty; the control plane needs subnets in at least two zones');
  }
  if (endpointAccess !== 'public' && endpointAccess !== 'private') {
    throw new Error(`EksCluster: endpointAccess must be 'public' or 'private', got "${endpointAccess}"`);
  }
  if (endpointAccess === 'public') {
    if (allowedCidrs.length === 0) {
      throw new Error(
        'EksCluster: a public API endpoint needs allowedCidrs (who may reach it); got none. Use endpointAccess private, or list the CIDRs',
      );
    }
    for (const cidr of allowedCidrs) {
      if (Token.isUnresolved(cidr)) continue;
      const parsed = parseCidr(cidr);
      if (!parsed) throw new Error(`EksCluster: allowedCidrs entry "${cidr}" is not an IPv4 CIDR such as 203.0.113.0/24`);
      if (parsed.prefix === 0) {
        throw new Error(`EksCluster: allowedCidrs entry "${cidr}" opens the API endpoint to the whole internet; list narrower ranges`);
      }
    }
  }
  if (!LOG_RETENTION_DAYS.has(logRetentionDays)) {
    throw new Error(
      `EksCluster: logRetentionDays ${logRetentionDays} is not a CloudWatch retention period (${[...LOG_RETENTION_DAYS].join(', ')})`,
    );
  }
}
