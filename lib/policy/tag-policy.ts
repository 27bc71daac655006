/**
 * The `required-tags` check: every AWS resource that takes tags and every
 * GCP resource that takes labels carries the replica's name, customer,
 * owner, expires-at and design fingerprint, counting what its provider adds
 * (`default_tags`, `default_labels`). What providers cannot reach is
 * checked where it is tagged: instances and volumes of EKS node groups
 * through their launch template's `tag_specifications`, GKE node VMs
 * through the node pool's `node_config.resource_labels`, Cloud SQL through
 * `settings.user_labels`.
 *
 * "Takes tags" is read from the binding: a resource class with a `tags`
 * attribute (`tagsInput`), or `labels` / `resource_labels` on GCP. Kubernetes
 * and Helm resources are not cloud resources and are skipped.
 */
import { TerraformResource } from 'cdktf';
import { CLOUD_PROVIDERS, CloudTable } from '../cloud/clouds';
import type { CloudProvider } from '../design/model';
import { REPLICA_TAGS } from '../replica/cloud-tags';
import { GCP_LABEL_KEYS } from '../replica/gcp-labels';
import { ReplicaMetadata, TAG_KEYS } from '../replica/metadata';
import { PolicyAspect, PolicyAspectOptions, PolicyCheck } from './policy-aspect';
import { block, blocks, isUnknown, PolicyResource, ResourceConfig, stringMap } from './policy-resource';
import { POLICY_RULE_INFO, TAG_POLICY_ID } from '../catalog/policy-rules';

/** The metadata every resource must carry, by the key names of `TAG_KEYS`. */
const REQUIRED = ['name', 'customer', 'owner', 'expiresAt', 'design'] as const;

/** The tag keys (AWS) and label keys (GCP) every taggable resource must carry. */
export const REQUIRED_TAG_KEYS: CloudTable<readonly string[]> = {
  aws: REQUIRED.map((k) => TAG_KEYS[k]),
  gcp: REQUIRED.map((k) => GCP_LABEL_KEYS[k]),
};

/** Options of the tag check. */
export interface TagPolicyOptions {
  /**
   * The replica's metadata: tags must then have exactly these values (as
   * `awsTags` / `gcpLabels` spell them), not only be present.
   * @default only presence (and a non-empty value) is checked
   */
  readonly metadata?: ReplicaMetadata;
}

/** Launch template `tag_specifications` resource types that must carry the tags (what a node group launches). */
export const LAUNCHED_RESOURCE_TYPES: readonly string[] = ['instance', 'volume'];

/** GCP resources whose labels sit in a nested block that provider `default_labels` do not reach. */
const GCP_NESTED_LABELS = ['google_container_node_pool', 'google_sql_database_instance'];

/** The cloud of each Terraform provider whose resources carry the replica's tags; others (kubernetes, helm) are skipped. */
const TERRAFORM_PROVIDER_CLOUD: Readonly<Record<string, CloudProvider>> = { aws: 'aws', google: 'gcp' };

/** Reports the required keys missing from `tags` (or with the wrong value), as found at `where`. */
type Missing = (where: string, tags: Record<string, string> | 'unknown') => string[];

/** Which resources of a cloud carry tags, and where their tags are. */
interface CloudTagRules {
  applies(resource: TerraformResource): boolean;
  check(r: PolicyResource, missing: Missing): string[];
}

const CLOUD_TAG_RULES: CloudTable<CloudTagRules> = {
  aws: {
    applies: (resource) => 'tagsInput' in resource || resource.terraformResourceType === 'aws_eks_node_group',
    check(r, missing) {
      const problems: string[] = [];
      if ('tagsInput' in r.construct) {
        const defaults = block(block(r.stack.providerConfig(r.construct)?.default_tags)?.tags);
        problems.push(...missing('tags (with the provider\'s default_tags)', merge(defaults, r.config.tags)));
      }
      if (r.type === 'aws_launch_template') {
        const specs = blocks(r.config.tag_specifications);
        for (const type of LAUNCHED_RESOURCE_TYPES) {
          const spec = specs.find((s) => s.resource_type === type);
          if (!spec) problems.push(`tag_specifications has no "${type}" entry: launched ${type}s are untagged`);
          else problems.push(...missing(`tag_specifications "${type}"`, merge(undefined, spec.tags)));
        }
      }
      if (r.type === 'aws_eks_node_group' && !block(r.config.launch_template)) {
        problems.push('has no launch_template: the instances it launches get none of the replica\'s tags');
      }
      return problems;
    },
  },
  gcp: {
    applies: (resource) => 'labelsInput' in resource || 'resourceLabelsInput' in resource || GCP_NESTED_LABELS.includes(resource.terraformResourceType),
    check(r, missing) {
      if (r.type === 'google_container_node_pool') {
        return missing('node_config.resource_labels', merge(undefined, block(r.config.node_config)?.resource_labels));
      }
      if (r.type === 'google_sql_database_instance') {
        return missing('settings.user_labels', merge(undefined, block(r.config.settings)?.user_labels));
      }
      const own = r.config.labels ?? r.config.resource_labels;
      // Resources with terraform_labels get the provider's default_labels.
      const defaults = 'terraformLabels' in r.construct ? r.stack.providerConfig(r.construct)?.default_labels : undefined;
      return missing('labels (with the provider\'s default_labels)', merge(block(defaults), own));
    },
  },
};

/** The cloud whose tags a resource's Terraform provider carries, if any. */
function cloudOf(resource: TerraformResource): CloudProvider | undefined {
  const provider = resource.terraformGeneratorMetadata?.providerName ?? '';
  return Object.prototype.hasOwnProperty.call(TERRAFORM_PROVIDER_CLOUD, provider) ? TERRAFORM_PROVIDER_CLOUD[provider] : undefined;
}

/**
 * The `required-tags` check over one resource. Pure apart from reading the
 * configuration; {@link TagPolicy} and `PolicyPack` run it.
 */
export class RequiredTagsCheck implements PolicyCheck {
  public readonly id = TAG_POLICY_ID;
  public readonly title = POLICY_RULE_INFO[TAG_POLICY_ID].title;
  public readonly reason = POLICY_RULE_INFO[TAG_POLICY_ID].reason;
  public readonly fix = POLICY_RULE_INFO[TAG_POLICY_ID].fix;
  public readonly clouds = POLICY_RULE_INFO[TAG_POLICY_ID].clouds;
  private readonly expected?: CloudTable<Readonly<Record<string, string>>>;

  constructor(options: TagPolicyOptions = {}) {
    const metadata = options.metadata;
    if (metadata) this.expected = Object.fromEntries(CLOUD_PROVIDERS.map((cloud) => [cloud, REPLICA_TAGS[cloud](metadata)])) as CloudTable<Record<string, string>>;
  }

  /** Whether the check looks at this resource at all. */
  public applies(resource: TerraformResource): boolean {
    const cloud = cloudOf(resource);
    return cloud !== undefined && CLOUD_TAG_RULES[cloud].applies(resource);
  }

  /** The missing or wrong tags of one resource, one sentence each; `[]` when it complies or is not checked. */
  public check(r: PolicyResource): string[] {
    const cloud = cloudOf(r.construct);
    if (cloud === undefined || !CLOUD_TAG_RULES[cloud].applies(r.construct)) return [];
    return CLOUD_TAG_RULES[cloud].check(r, (where, tags) => this.missing(cloud, where, tags));
  }

  private missing(cloud: CloudProvider, where: string, tags: Record<string, string> | 'unknown'): string[] {
    if (tags === 'unknown') return [];
    const problems: string[] = [];
    for (const key of REQUIRED_TAG_KEYS[cloud]) {
      const value = tags[key];
      const expected = this.expected?.[cloud][key];
      if (value === undefined || value === '') problems.push(`${where}: missing ${key}`);
      else if (expected !== undefined && !isUnknown(value) && value !== expected) {
        problems.push(`${where}: ${key} is ${JSON.stringify(value)}, expected ${JSON.stringify(expected)}`);
      }
    }
    return problems;
  }
}

/** Provider defaults overlaid with a resource's own tags (the resource's win, as in the providers). */
function merge(defaults: ResourceConfig | undefined, own: unknown): Record<string, string> | 'unknown' {
  const base = stringMap(defaults);
  const mine = stringMap(own);
  if (base === 'unknown' || mine === 'unknown') return 'unknown';
  return { ...(base ?? {}), ...(mine ?? {}) };
}

/**
 * The tag check as a cdktf Aspect of its own (`PolicyPack` includes it):
 * add it to a stack and synthesis fails, naming the resource path, when a
 * taggable resource lacks one of the replica's tags.
 *
 *   Aspects.of(stack).add(new TagPolicy({ metadata }));
 */
export class TagPolicy extends PolicyAspect {
  constructor(options: TagPolicyOptions & Omit<PolicyAspectOptions, 'waivers'> = {}) {
    super([new RequiredTagsCheck(options)], { annotate: options.annotate });
  }
}
