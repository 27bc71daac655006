import * as fs from 'fs';
import { parse } from 'yaml';
import { designJsonSchema, toJsonSchema } from '../../lib/design/json-schema';
import { designSchema } from '../../lib/design/design-schema';
import { renderSchema, SCHEMA_PATH } from '../../scripts/generate-json-schema';

describe('design JSON Schema', () => {
  it('is committed up to date (regenerate: npx tsx scripts/generate-json-schema.ts)', () => {
    expect(fs.readFileSync(SCHEMA_PATH, 'utf8')).toBe(renderSchema());
  });

  it('closes every object so editors flag unknown keys', () => {
    const schema = designJsonSchema() as any;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.kubernetes.properties.nodePools.items.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name', 'customer', 'owner', 'cloud', 'kubernetes', 'sourcegraph']);
  });

  it('carries enums, defaults and patterns from the one schema source', () => {
    const schema = designJsonSchema() as any;
    expect(schema.properties.cloud.properties.provider.enum).toEqual(['aws', 'gcp']);
    expect(schema.properties.network.properties.cidr.default).toBe('10.0.0.0/16');
    expect(schema.properties.kubernetes.properties.nodePools.items.properties.diskGb).toMatchObject({ default: 100, minimum: 20 });
    expect(new RegExp(schema.properties.name.pattern).test('acme-prod')).toBe(true);
    expect(new RegExp(schema.properties.name.pattern).test('Acme')).toBe(false);
  });

  it('omits defaults that are not values (diskType depends on the cloud)', () => {
    expect(toJsonSchema(designSchema.properties.storage) as any).not.toHaveProperty('properties.diskType.default');
  });

  it('is referenced by every example design for editor completion', () => {
    for (const f of fs.readdirSync('examples/designs').filter((f) => f.endsWith('.yaml') && !f.endsWith('-override.yaml'))) {
      const text = fs.readFileSync(`examples/designs/${f}`, 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/design.schema.json');
      expect(parse(text)).toHaveProperty('name');
    }
  });
});
