/**
 * Writes docs/DESIGN-FILE.md's field table from lib/design/design-schema.ts,
 * so the reference can never drift from what `sg-replica validate` checks.
 * Run: npx tsx scripts/generate-design-reference.ts
 * (test/scripts/generate-design-reference.test.ts fails when it is stale)
 */
import * as fs from 'fs';
import * as path from 'path';
import { designSchema } from '../lib/design/design-schema';
import { SchemaNode } from '../lib/design/schema-dsl';

export const REFERENCE_PATH = path.join(__dirname, '..', 'docs', 'DESIGN-FILE.md');
const BEGIN = '<!-- BEGIN GENERATED FIELD TABLE (scripts/generate-design-reference.ts) -->';
const END = '<!-- END GENERATED FIELD TABLE -->';

function typeOf(node: SchemaNode): string {
  switch (node.kind) {
    case 'string':
      return node.enum ? node.enum.map((e) => `\`${e}\``).join(' \\| ') : 'string';
    case 'integer':
      return `integer${node.minimum !== undefined || node.maximum !== undefined ? ` ${node.minimum ?? '…'}–${node.maximum ?? '…'}` : ''}`;
    case 'boolean':
      return 'boolean';
    case 'array':
      return `list of ${typeOf(node.items)}`;
    case 'map':
      return `map of ${typeOf(node.values)}`;
    case 'freeform':
      return 'map (Helm values)';
    case 'object':
      return 'section';
  }
}

function rows(node: SchemaNode, prefix: string, required: boolean, out: string[]): void {
  if (prefix) {
    const def = node.default === undefined ? (required ? '**required**' : '') : `\`${JSON.stringify(node.default)}\``;
    const hint = node.kind === 'string' && node.patternHint ? ` Format: ${node.patternHint}.` : '';
    out.push(`| \`${prefix}\` | ${typeOf(node)} | ${def} | ${node.description.replace(/\|/g, '\\|')}${hint} |`);
  }
  if (node.kind === 'object') {
    for (const [k, child] of Object.entries(node.properties)) rows(child, prefix ? `${prefix}.${k}` : k, (node.required ?? []).includes(k), out);
  } else if (node.kind === 'array' && node.items.kind === 'object') {
    for (const [k, child] of Object.entries(node.items.properties)) rows(child, `${prefix}[].${k}`, (node.items.required ?? []).includes(k), out);
  }
}

export function renderFieldTable(): string {
  const out = ['| field | type | default | meaning |', '| --- | --- | --- | --- |'];
  rows(designSchema, '', true, out);
  return out.join('\n');
}

export function renderReference(current: string): string {
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`${REFERENCE_PATH} lacks the generated-table markers`);
  return `${current.slice(0, start + BEGIN.length)}\n${renderFieldTable()}\n${current.slice(end)}`;
}

if (require.main === module) {
  fs.writeFileSync(REFERENCE_PATH, renderReference(fs.readFileSync(REFERENCE_PATH, 'utf8')));
  console.log(`wrote ${path.relative(process.cwd(), REFERENCE_PATH)}`);
}
