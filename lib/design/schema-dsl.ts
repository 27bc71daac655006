/**
 * A small schema language for design files. One schema value drives three
 * things: shape validation with precise messages (validate-shape.ts), the
 * JSON Schema editors use for completion (json-schema.ts), and the field
 * reference in the docs. Cross-field rules live in rules.ts.
 */

interface NodeBase {
  /** One line: what the field means. */
  readonly description: string;
  /** The default written in docs and JSON Schema (the model applies it in build-design.ts). */
  readonly default?: unknown;
  /** Example values for docs. */
  readonly examples?: readonly unknown[];
}

export interface StringNode extends NodeBase {
  readonly kind: 'string';
  readonly enum?: readonly string[];
  readonly pattern?: RegExp;
  /** What the pattern means, for messages: "3-24 chars: lowercase letters, digits, '-'". */
  readonly patternHint?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
}

export interface IntegerNode extends NodeBase {
  readonly kind: 'integer';
  readonly minimum?: number;
  readonly maximum?: number;
}

export interface BooleanNode extends NodeBase {
  readonly kind: 'boolean';
}

export interface ObjectNode extends NodeBase {
  readonly kind: 'object';
  readonly properties: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
}

export interface ArrayNode extends NodeBase {
  readonly kind: 'array';
  readonly items: SchemaNode;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** A map with free keys and typed values (node labels). */
export interface MapNode extends NodeBase {
  readonly kind: 'map';
  readonly values: SchemaNode;
}

/** Any map at all: Helm values, checked elsewhere against the chart's key catalog. */
export interface FreeformNode extends NodeBase {
  readonly kind: 'freeform';
}

export type SchemaNode = StringNode | IntegerNode | BooleanNode | ObjectNode | ArrayNode | MapNode | FreeformNode;

type Opts<T extends SchemaNode> = Omit<T, 'kind' | 'description'>;

export const string = (description: string, opts: Opts<StringNode> = {}): StringNode => ({ kind: 'string', description, ...opts });
export const integer = (description: string, opts: Opts<IntegerNode> = {}): IntegerNode => ({ kind: 'integer', description, ...opts });
export const boolean = (description: string, opts: Opts<BooleanNode> = {}): BooleanNode => ({ kind: 'boolean', description, ...opts });
export const object = (
  description: string,
  properties: Record<string, SchemaNode>,
  opts: Omit<Opts<ObjectNode>, 'properties'> = {},
): ObjectNode => ({ kind: 'object', description, properties, ...opts });
export const array = (description: string, items: SchemaNode, opts: Omit<Opts<ArrayNode>, 'items'> = {}): ArrayNode => ({
  kind: 'array',
  description,
  items,
  ...opts,
});
export const map = (description: string, values: SchemaNode, opts: Omit<Opts<MapNode>, 'values'> = {}): MapNode => ({
  kind: 'map',
  description,
  values,
  ...opts,
});
export const freeform = (description: string, opts: Opts<FreeformNode> = {}): FreeformNode => ({ kind: 'freeform', description, ...opts });
