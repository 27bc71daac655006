/**
 * JSON Schema (draft-07) of the design file, generated from design-schema.ts
 * so editors can complete and check design files:
 * `# yaml-language-server: $schema=../../schema/design.schema.json`.
 * Cross-field rules are not expressible here; `sg-replica validate` checks them.
 */
import { designSchema } from './design-schema';
import { SchemaNode } from './schema-dsl';

type Json = Record<string, unknown>;

function defaultFits(node: SchemaNode): boolean {
  if (node.default === undefined) return false;
  if (node.kind === 'string') return typeof node.default === 'string' && (!node.enum || node.enum.includes(node.default));
  return true;
}

export function toJsonSchema(node: SchemaNode): Json {
  const common: Json = { description: node.description };
  if (defaultFits(node)) common.default = node.default;
  if (node.examples) common.examples = node.examples;
  switch (node.kind) {
    case 'string':
      return {
        type: 'string',
        ...common,
        ...(node.enum && { enum: node.enum }),
        ...(node.pattern && { pattern: node.pattern.source }),
        ...(node.minLength !== undefined && { minLength: node.minLength }),
        ...(node.maxLength !== undefined && { maxLength: node.maxLength }),
      };
    case 'integer':
      return {
        type: 'integer',
        ...common,
        ...(node.minimum !== undefined && { minimum: node.minimum }),
        ...(node.maximum !== undefined && { maximum: node.maximum }),
      };
    case 'boolean':
      return { type: 'boolean', ...common };
    case 'array':
      return {
        type: 'array',
        ...common,
        items: toJsonSchema(node.items),
        ...(node.minItems !== undefined && { minItems: node.minItems }),
        ...(node.maxItems !== undefined && { maxItems: node.maxItems }),
      };
    case 'map':
      return { type: 'object', ...common, additionalProperties: toJsonSchema(node.values) };
    case 'freeform':
      return { type: 'object', ...common };
    case 'object':
      return {
        type: 'object',
        ...common,
        properties: Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, toJsonSchema(v)])),
        ...(node.required?.length && { required: node.required }),
        additionalProperties: false,
      };
  }
}

/** The full JSON Schema document for design files. */
export function designJsonSchema(): Json {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'urn:sg-replica:design',
    title: 'sg-replica design',
    ...toJsonSchema(designSchema),
  };
}
