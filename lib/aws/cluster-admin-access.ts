/**
 * Cluster-admin access to an EKS cluster: one access entry, with the
 * `AmazonEKSClusterAdminPolicy` association, per distinct IAM principal,
 * the deploying identity included.
 *
 * EKS allows one access entry per principal ("An IAM principal can't be
 * included in more than one access entry", docs.aws.amazon.com/eks/latest/
 * userguide/creating-access-entries.html). With
 * `bootstrap_cluster_creator_admin_permissions = true` EKS makes an entry for
 * the creator itself, so listing the creator among the admins fails with
 * ResourceInUseException. Here EKS's bootstrap is off (see `EksCluster`) and
 * the deployer's entry is one more key of the same `for_each` map as the
 * admins', so a principal listed twice, or listed and deploying, gets one
 * entry: the terraform-aws-eks module does the same
 * (`bootstrap_cluster_creator_admin_permissions = false` plus an entry from
 * `aws_iam_session_context`).
 *
 * Principals are keyed by account, kind and name without the IAM path:
 * role names are unique in an account whatever their path, and a role ARN
 * with and without its path names the same principal. The deployer's own ARN
 * (with its path, as `aws_iam_session_context.issuer_arn` gives it) wins
 * over a design's spelling of it.
 */
import { Fn, TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { IAM_PRINCIPAL_ARN, principalKey } from '../catalog/aws-arns';
import { DataAwsCallerIdentity, DataAwsIamSessionContext, EksAccessEntry, EksAccessPolicyAssociation } from '../providers/aws';

/** The EKS access policy that grants cluster-admin. */
export const CLUSTER_ADMIN_ACCESS_POLICY = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

/**
 * Who deploys the cluster, and so needs cluster-admin to run the Kubernetes
 * and Helm providers: `'caller'`, the identity Terraform runs as, read at
 * plan time (`aws_caller_identity`, then `aws_iam_session_context` turns an
 * assumed-role session into its role's ARN); an IAM role or user ARN; or
 * `'none'` (only `admins` get access).
 */
export type ClusterDeployer = 'caller' | 'none' | string;

/** The same principal-key rule as {@link principalKey}, as a Terraform RE2 regex for `replace()`. */
const PRINCIPAL_KEY_REGEX = '/^(arn:[^:]+:iam::[0-9]{12}:(?:role|user))/(?:.*/)?([^/]+)$/';

export { principalKey };

/** Properties of {@link ClusterAdminAccess}. */
export interface ClusterAdminAccessProps {
  /** Name of the cluster (pass the cluster's reference so the entries wait for it). */
  readonly clusterName: string;
  /** IAM role or user ARNs given cluster-admin (literal; the same principal twice is refused). @default [] */
  readonly admins?: readonly string[];
  /** The deploying identity, which gets cluster-admin too. @default 'caller' */
  readonly deployer?: ClusterDeployer;
}

/**
 * `aws_eks_access_entry` and `aws_eks_access_policy_association` (cluster
 * scope, cluster-admin) for every distinct principal among `admins` and the
 * deployer, as one `for_each` map keyed by {@link principalKey}.
 */
export class ClusterAdminAccess extends Construct {
  /** The access entries (`for_each` over the principals). */
  public readonly entries: EksAccessEntry;
  /** The cluster-admin policy associations (`for_each` over the same principals). */
  public readonly policies: EksAccessPolicyAssociation;
  /** ARN of the deployer as Terraform sees it (a reference for `'caller'`), or undefined for `'none'`. */
  public readonly deployerArn?: string;
  /** The `principalKey -> ARN` map the entries are made from (a token when the deployer is `'caller'`). */
  public readonly principals: Record<string, string>;

  constructor(scope: Construct, id: string, props: ClusterAdminAccessProps) {
    super(scope, id);
    const admins = props.admins ?? [];
    const deployer = props.deployer ?? 'caller';
    const staticPrincipals = validate(admins, deployer);

    let principals: Record<string, string>;
    if (deployer === 'caller') {
      const caller = new DataAwsCallerIdentity(this, 'caller');
      const session = new DataAwsIamSessionContext(this, 'caller-session', { arn: caller.arn });
      this.deployerArn = session.issuerArn;
      const deployerKey = Fn.replace(session.issuerArn, PRINCIPAL_KEY_REGEX, '$1/$2');
      // zipmap keeps the last value of a repeated key: the deployer's own ARN wins.
      principals = Token.asAny(
        Fn.zipmap(
          [...Object.keys(staticPrincipals), deployerKey],
          [...Object.values(staticPrincipals), session.issuerArn],
        ),
      ) as unknown as Record<string, string>;
    } else {
      if (deployer !== 'none') {
        this.deployerArn = deployer;
        staticPrincipals[principalKey(deployer)] = deployer;
      }
      principals = staticPrincipals;
    }
    this.principals = principals;

    const iterator = TerraformIterator.fromMap(principals);
    this.entries = new EksAccessEntry(this, 'entry', {
      forEach: iterator,
      clusterName: props.clusterName,
      principalArn: Token.asString(iterator.value),
      type: 'STANDARD',
    });
    const policyIterator = TerraformIterator.fromMap(principals);
    this.policies = new EksAccessPolicyAssociation(this, 'cluster-admin', {
      forEach: policyIterator,
      clusterName: props.clusterName,
      principalArn: Token.asString(policyIterator.value),
      policyArn: CLUSTER_ADMIN_ACCESS_POLICY,
      accessScope: { type: 'cluster' },
      dependsOn: [this.entries],
    });
  }
}

/** Checks the admins and the deployer; returns the admins keyed by principal. */
function validate(admins: readonly string[], deployer: ClusterDeployer): Record<string, string> {
  const byKey: Record<string, string> = {};
  for (const arn of admins) {
    if (Token.isUnresolved(arn)) {
      throw new Error('EksCluster: admins must be literal ARNs (they are the keys of the access entries), got an unresolved token');
    }
    if (!IAM_PRINCIPAL_ARN.test(arn)) {
      throw new Error(`EksCluster: admins entry "${arn}" is not an IAM user or role ARN (arn:aws:iam::<account>:role/<name>)`);
    }
    const key = principalKey(arn);
    if (byKey[key] !== undefined) {
      throw new Error(
        byKey[key] === arn
          ? `EksCluster: admins entry "${arn}" is listed twice`
          : `EksCluster: admins entries "${byKey[key]}" and "${arn}" are the same principal (IAM names are unique whatever the path); list it once`,
      );
    }
    byKey[key] = arn;
  }
  if (deployer !== 'caller' && deployer !== 'none' && (Token.isUnresolved(deployer) || !IAM_PRINCIPAL_ARN.test(deployer))) {
    throw new Error(`EksCluster: deployer "${deployer}" must be 'caller', 'none' or an IAM user or role ARN`);
  }
  return byKey;
}
