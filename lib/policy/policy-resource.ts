/**
 * What a policy check sees of a Terraform resource: its type, provider,
 * construct path and its configuration as it will be synthesized
 * (snake_case keys, overrides merged, tokens resolved in the resource's
 * stack). Values only known at apply time (references, functions) resolve
 * to Terraform expressions such as `${aws_vpc.x.id}`: checks treat them as
 * unknown, never as a violation.
 */
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Tokenization,
} from 'cdktf';
import { IConstruct } from 'constructs';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** A resource configuration: snake_case keys, as in the synthesized JSON. */
export type ResourceConfig = Readonly<Record<string, unknown>>;

/** One Terraform resource as policy checks see it. */
export interface PolicyResource {
  /** The resource construct. */
  readonly construct: TerraformResource;
  /** Terraform resource type, e.g. `aws_launch_template`. */
  readonly type: string;
  /** Provider name from the binding, e.g. `aws`, `google`, `kubernetes`. */
  readonly provider: string;
  /** Construct path, e.g. `acme-prod-infra/pool-general/launch-template`. */
  readonly path: string;
  /** Terraform address, `<type>.<logical id>`: what references to it resolve to (`${<address>.id}`). */
  readonly address: string;
  /** The configuration as it will be synthesized, tokens resolved. */
  readonly config: ResourceConfig;
  /** The other resources of the same stack. */
  readonly stack: PolicyStack;
}

/** The resources and providers of one stack, for checks that relate resources (a bucket and its public access block). */
export interface PolicyStack {
  /** The stack's resources of one type. */
  resources(type: string): readonly PolicyResource[];
  /** The resolved configuration of the provider a resource uses (its own, or the stack's default of that provider). */
  providerConfig(resource: TerraformResource): ResourceConfig | undefined;
}

/** Whether a resolved value is only known at apply time (a Terraform expression). */
export function isUnknown(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/**
 * A resolved boolean: `true`/`false` (also the strings `"true"`/`"false"`
 * some attributes use), `undefined` when unset, `'unknown'` for expressions.
 */
export function boolValue(value: unknown): boolean | undefined | 'unknown' {
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return 'unknown';
}

/** A resolved number, or `undefined` when unset or unknown. */
export function numberValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

/** A nested block or list of blocks as a list of objects (Terraform JSON gives single blocks either way). */
export function blocks(value: unknown): ResourceConfig[] {
  if (value === undefined || value === null || isUnknown(value)) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is ResourceConfig => typeof v === 'object' && v !== null && !Array.isArray(v));
}

/** The first block of a nested block attribute, or `undefined`. */
export function block(value: unknown): ResourceConfig | undefined {
  return blocks(value)[0];
}

/** A list of strings; `'unknown'` when the list itself is an expression. Unknown elements stay as expressions. */
export function stringList(value: unknown): string[] | undefined | 'unknown' {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return 'unknown';
  if (!Array.isArray(value)) return typeof value === 'string' ? [value] : 'unknown';
  return value.map(String);
}

/** A map of strings; `'unknown'` when the map is an expression. */
export function stringMap(value: unknown): Record<string, string> | undefined | 'unknown' {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) return 'unknown';
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

/** Resolves a value the way synthesis does, in the scope of `construct` (no cross-stack preparation). */
export function resolveIn(construct: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: construct, resolver: RESOLVER, preparing: false });
}

/** The provider name of a resource binding (`aws`, `google`, ...), or '' when the binding does not say. */
export function providerName(resource: TerraformResource): string {
  return resource.terraformGeneratorMetadata?.providerName ?? '';
}

/** The resolved configuration of a resource: its block in the synthesized JSON. */
export function resourceConfig(resource: TerraformResource): ResourceConfig {
  const tf = resource.toTerraform() as { resource?: Record<string, Record<string, unknown>> };
  const raw = tf.resource?.[resource.terraformResourceType]?.[resource.friendlyUniqueId] ?? {};
  return resolveIn(resource, raw) as ResourceConfig;
}

/** The resolved configuration of a provider: its block in the synthesized JSON. */
function providerBlock(provider: TerraformProvider): ResourceConfig {
  const tf = provider.toTerraform() as { provider?: Record<string, unknown[]> };
  const raw = tf.provider?.[provider.terraformResourceType]?.[0] ?? {};
  return resolveIn(provider, raw) as ResourceConfig;
}

/**
 * A fresh policy view of a stack's resources. It caches each resource's
 * resolved configuration: make a new one for each evaluation (policies run
 * at synthesis, when the tree is complete).
 */
export function policyStack(stack: TerraformStack): PolicyStack & { resource(construct: TerraformResource): PolicyResource } {
  return new StackView(stack);
}

class StackView implements PolicyStack {
  private readonly byConstruct = new Map<TerraformResource, PolicyResource>();
  private byType?: Map<string, PolicyResource[]>;
  private readonly providerConfigs = new Map<TerraformProvider, ResourceConfig>();

  constructor(private readonly stack: TerraformStack) {}

  public resource(construct: TerraformResource): PolicyResource {
    let view = this.byConstruct.get(construct);
    if (!view) {
      view = {
        construct,
        type: construct.terraformResourceType,
        provider: providerName(construct),
        path: construct.node.path,
        address: `${construct.terraformResourceType}.${construct.friendlyUniqueId}`,
        config: resourceConfig(construct),
        stack: this,
      };
      this.byConstruct.set(construct, view);
    }
    return view;
  }

  public resources(type: string): readonly PolicyResource[] {
    if (!this.byType) {
      this.byType = new Map();
      for (const c of this.stack.node.findAll()) {
        if (!TerraformResource.isTerraformResource(c)) continue;
        const list = this.byType.get(c.terraformResourceType) ?? [];
        list.push(this.resource(c));
        this.byType.set(c.terraformResourceType, list);
      }
    }
    return this.byType.get(type) ?? [];
  }

  public providerConfig(resource: TerraformResource): ResourceConfig | undefined {
    const name = providerName(resource);
    const provider =
      resource.provider ??
      this.stack.node
        .findAll()
        .filter(TerraformProvider.isTerraformProvider)
        .find((p) => p.terraformResourceType === name && p.alias === undefined);
    if (!provider) return undefined;
    let config = this.providerConfigs.get(provider);
    if (!config) {
      config = providerBlock(provider);
      this.providerConfigs.set(provider, config);
    }
    return config;
  }
}
