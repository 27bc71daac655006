/**
 * Writes schema/design.schema.json from lib/design/design-schema.ts.
 * Run: npx tsx scripts/generate-json-schema.ts   (test/design/json-schema.test.ts fails when it is stale)
 */
import * as fs from 'fs';
import * as path from 'path';
import { designJsonSchema } from '../lib/design/json-schema';

export const SCHEMA_PATH = path.join(__dirname, '..', 'schema', 'design.schema.json');

export function renderSchema(): string {
  return `${JSON.stringify(designJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  fs.writeFileSync(SCHEMA_PATH, renderSchema());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_PATH)}`);
}
