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
import { GCP_LABEL_KEYS, gcpLabels } from '../gcp/gcp-labels';
import { awsTags, ReplicaMetadata, TAG_KEYS } from '../replica/metadata';
import { PolicyAspect, PolicyAspectOptions, PolicyCheck } from './policy-aspect';
import { block, blocks, isUnknown, PolicyResource, ResourceConfig, stringMap } from './policy-resource';
import { POLICY_RULE_INFO, TAG_POLICY_ID } from '../catalog/policy-rules';

/** The metadata every resource must carry, by the key names of `TAG_KEYS`. */
const REQUIRED = ['name', 'customer', 'owner', 'expiresAt', 'design'] as const;

/** The tag keys (AWS) and label keys (GCP) every taggable resource must carry. */
export const REQUIRED_TAG_KEYS: Readonly<Record<'aws' | 'gcp', readonly string[]>> = {
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

/** Providers whose resources are not cloud resources. */
const NOT_CLOUD = ['kubernetes', 'helm'];

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
  private readonly expected?: Readonly<Record<'aws' | 'gcp', Readonly<Record<string, string>>>>;

  constructor(options: TagPolicyOptions = {}) {
    if (options.metadata) this.expected = { aws: awsTags(options.metadata), gcp: gcpLabels(options.metadata) };
  }

  /** Whether the check looks at this resource at all. */
  public applies(resource: TerraformResource): boolean {
    const provider = resource.terraformGeneratorMetadata?.providerName ?? '';
    if (NOT_CLOUD.includes(provider)) return false;
    if (provider === 'aws') return 'tagsInput' in resource || resource.terraformResourceType === 'aws_eks_node_group';
    if (provider === 'google') {
      return 'labelsInput' in resource || 'resourceLabelsInput' in resource || GCP_NESTED_LABELS.includes(resource.terraformResourceType);
    }
    return false;
  }

  /** The missing or wrong tags of one resource, one sentence each; `[]` when it complies or is not checked. */
  public check(r: PolicyResource): string[] {
    if (!this.applies(r.construct)) return [];
    return r.provider === 'aws' ? this.checkAws(r) : this.checkGcp(r);
  }

  private checkAws(r: PolicyResource): string[] {
    const problems: string[] = [];
    if ('tagsInput' in r.construct) {
      const defaults = block(block(r.stack.providerConfig(r.construct)?.default_tags)?.tags);
      problems.push(...this.missing('aws', 'tags (with the provider\'s default_tags)', merge(defaults, r.config.tags)));
    }
    if (r.type === 'aws_launch_template') {
      const specs = blocks(r.config.tag_specifications);
      for (const type of LAUNCHED_RESOURCE_TYPES) {
        const spec = specs.find((s) => s.resource_type === type);
        if (!spec) problems.push(`tag_specifications has no "${type}" entry: launched ${type}s are untagged`);
        else problems.push(...this.missing('aws', `tag_specifications "${type}"`, merge(undefined, spec.tags)));
      }
    }
    if (r.type === 'aws_eks_node_group' && !block(r.config.launch_template)) {
      problems.push('has no launch_template: the instances it launches get none of the replica\'s tags');
    }
    return problems;
  }

  private checkGcp(r: PolicyResource): string[] {
    if (r.type === 'google_container_node_pool') {
      return this.missing('gcp', 'node_config.resource_labels', merge(undefined, block(r.config.node_config)?.resource_labels));
    }
    if (r.type === 'google_sql_database_instance') {
      return this.missing('gcp', 'settings.user_labels', merge(undefined, block(r.config.settings)?.user_labels));
    }
    const own = r.config.labels ?? r.config.resource_labels;
    // Resources with terraform_labels get the provider's default_labels.
    const defaults = 'terraformLabels' in r.construct ? r.stack.providerConfig(r.construct)?.default_labels : undefined;
    return this.missing('gcp', 'labels (with the provider\'s default_labels)', merge(block(defaults), own));
  }

  private missing(cloud: 'aws' | 'gcp', where: string, tags: Record<string, string> | 'unknown'): string[] {
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
