import * as fs from 'fs';
import { REFERENCE_PATH, renderFieldTable, renderReference } from '../../scripts/generate-design-reference';

describe('docs/DESIGN-FILE.md', () => {
  it('has the field table generated from the schema (regenerate: npx tsx scripts/generate-design-reference.ts)', () => {
    const current = fs.readFileSync(REFERENCE_PATH, 'utf8');
    expect(current).toBe(renderReference(current));
  });

  it('lists nested fields with their defaults and marks required ones', () => {
    const table = renderFieldTable();
    expect(table).toContain('| `kubernetes.nodePools[].diskGb` | integer 20–2000 | `100` |');
    expect(table).toContain('| `sourcegraph.hostname` | string | **required** |');
  });
});
