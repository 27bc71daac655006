import { Construct } from 'constructs';
import { isNetworkAddress, parseCidr } from '../network/subnet-plan';
import { ComputeSecurityPolicy, type ComputeSecurityPolicyRule } from '../providers/google';

import {
  CLOUD_ARMOR_RANGES_PER_RULE,
  MAX_CLOUD_ARMOR_ALLOW_RULES,
  MAX_CLOUD_ARMOR_ALLOWED_CIDRS,
} from '../catalog/gce-load-balancing';

export { CLOUD_ARMOR_RANGES_PER_RULE, MAX_CLOUD_ARMOR_ALLOW_RULES, MAX_CLOUD_ARMOR_ALLOWED_CIDRS };

/** Priority of the first allow rule; the next ones follow (lower numbers are evaluated first). */
export const FIRST_ALLOW_PRIORITY = 1000;
/** Priority of the default rule every policy must have (match `*`). */
export const DEFAULT_RULE_PRIORITY = 2147483647;

/** One rule of the policy, as plain data. */
export interface CloudArmorRule {
  readonly priority: number;
  readonly action: 'allow' | 'deny(403)';
  readonly srcIpRanges: readonly string[];
  readonly description: string;
}

/**
 * The rules of a policy that admits exactly `cidrs`: allow rules of at most
 * 10 ranges each, in the order given (duplicates dropped), then the default
 * rule that denies everyone else with 403. Pure.
 *
 * @throws Error naming the value for an empty list, a range that is not an
 *   IPv4 network address, a `/0` (that is no restriction: attach no
 *   policy), or more ranges than {@link MAX_CLOUD_ARMOR_ALLOWED_CIDRS}.
 */
export function cloudArmorAllowListRules(cidrs: readonly string[], what = 'Cloud Armor allow-list'): CloudArmorRule[] {
  const unique = [...new Set(cidrs)];
  if (unique.length === 0) throw new Error(`${what}: no client CIDRs; a policy that admits nobody is a mistake, and no restriction means no policy`);
  for (const cidr of unique) {
    const parsed = parseCidr(cidr);
    if (!parsed || !isNetworkAddress(parsed)) throw new Error(`${what}: "${cidr}" is not an IPv4 network in CIDR notation, such as 203.0.113.0/24`);
    if (parsed.prefix === 0) throw new Error(`${what}: "${cidr}" admits every client; leave the policy out instead of allowing everyone`);
  }
  if (unique.length > MAX_CLOUD_ARMOR_ALLOWED_CIDRS) {
    throw new Error(
      `${what}: ${unique.length} client CIDRs; at most ${MAX_CLOUD_ARMOR_ALLOWED_CIDRS} (${MAX_CLOUD_ARMOR_ALLOW_RULES} rules of ${CLOUD_ARMOR_RANGES_PER_RULE}). Merge ranges`,
    );
  }
  const rules: CloudArmorRule[] = [];
  for (let i = 0; i < unique.length; i += CLOUD_ARMOR_RANGES_PER_RULE) {
    const n = i / CLOUD_ARMOR_RANGES_PER_RULE;
    rules.push({
      priority: FIRST_ALLOW_PRIORITY + n,
      action: 'allow',
      srcIpRanges: unique.slice(i, i + CLOUD_ARMOR_RANGES_PER_RULE),
      description: `allowed clients ${n + 1} of ${Math.ceil(unique.length / CLOUD_ARMOR_RANGES_PER_RULE)}`,
    });
  }
  rules.push({ priority: DEFAULT_RULE_PRIORITY, action: 'deny(403)', srcIpRanges: ['*'], description: 'everyone else' });
  return rules;
}

/** Properties of a {@link CloudArmorAllowList}. */
export interface CloudArmorAllowListProps {
  /** Policy name: 1-63 lowercase letters, digits and '-', starting with a letter, e.g. `acme-prod-sourcegraph-clients`. */
  readonly name: string;
  /** The client CIDRs admitted (design `sourcegraph.allowedClientCidrs`). */
  readonly allowedCidrs: readonly string[];
  /** The project of the policy. @default the provider's */
  readonly project?: string;
}

/**
 * A Cloud Armor backend security policy that admits exactly the given
 * client ranges and answers everyone else 403, for the GCE ingress's
 * backend service (attached by name in the frontend's BackendConfig,
 * `spec.securityPolicy.name`). What `alb.ingress.kubernetes.io/inbound-cidrs`
 * is on AWS and `loadBalancerSourceRanges` for nginx.
 *
 * Rules are a set in the provider (order in the configuration does not
 * matter, priorities decide); the default rule is declared, since every
 * policy has one and the API would otherwise add an `allow` default.
 * Security policies take no labels (the provider has no `labels` field):
 * the name says whose it is.
 */
export class CloudArmorAllowList extends Construct {
  public readonly policy: ComputeSecurityPolicy;
  /** Name of the policy, for the BackendConfig (a reference, so dependents wait for it). */
  public readonly policyName: string;
  /** The rules, as data. */
  public readonly rules: readonly CloudArmorRule[];

  constructor(scope: Construct, id: string, props: CloudArmorAllowListProps) {
    super(scope, id);
    const what = `CloudArmorAllowList "${props.name}"`;
    if (!/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(props.name)) {
      throw new Error(`${what}: name must be 1-63 lowercase letters, digits and '-', starting with a letter and not ending with '-'`);
    }
    this.rules = cloudArmorAllowListRules(props.allowedCidrs, what);
    this.policy = new ComputeSecurityPolicy(this, 'policy', {
      name: props.name,
      project: props.project,
      description: 'Sourcegraph replica clients, managed by sg-replica',
      type: 'CLOUD_ARMOR',
      rule: this.rules.map(
        (r): ComputeSecurityPolicyRule => ({
          priority: r.priority,
          action: r.action,
          description: r.description,
          match: { versionedExpr: 'SRC_IPS_V1', config: { srcIpRanges: [...r.srcIpRanges] } },
        }),
      ),
    });
    this.policyName = this.policy.name;
  }
}
