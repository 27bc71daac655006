// `sg-replica validate` loads the catalogs and must stay fast: catalog modules
// (and the generator) may import only node built-ins, each other and their data.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const files = [
  ...readdirSync(join(root, 'lib', 'catalog')).filter((name) => name.endsWith('.ts')).map((name) => join('lib', 'catalog', name)),
  join('scripts', 'generate-aws-instance-types.ts'),
];

test.each(files)('%s imports only node built-ins and sibling catalog modules', (file) => {
  const source = readFileSync(join(root, file), 'utf8');
  const specifiers = [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]);
  for (const specifier of specifiers) {
    expect(specifier).toMatch(file.startsWith('lib') ? /^(node:|\.\/)/ : /^node:/);
  }
});
