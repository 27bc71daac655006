// Builds the naive baseline: a copy of the project's app with every provider
// import rewritten to the package root (`import * as aws from '@cdktf/provider-aws'`),
// the way cdktf projects are commonly written, to run with type-checking ts-node.
// Output goes to .tmp/bench/naive (never part of the library).
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const out = path.join(root, '.tmp', 'bench', 'naive');

const camel = (s) => s.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

function rewriteProviders(source) {
  const packages = new Set();
  const lines = source.split('\n').map((line) => {
    const m = /^export (type )?\{([^}]+)\} from '@cdktf\/(provider-[a-z]+)\/lib\/([a-z0-9-]+)';$/.exec(line);
    if (!m) return line;
    const pkg = m[3];
    const ns = pkg.replace('provider-', '');
    packages.add(pkg);
    return m[2]
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => {
        // `Name as Alias` exports the provider's Name under our Alias.
        const [name, alias = name] = n.split(/\s+as\s+/);
        return `export import ${alias} = ${ns}.${camel(m[4])}.${name};`;
      })
      .join('\n');
  });
  const imports = [...packages].map((p) => `import * as ${p.replace('provider-', '')} from '@cdktf/${p}';`);
  return `${imports.join('\n')}\n${lines.join('\n')}`;
}

function copy(dir) {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) copy(rel);
    else {
      fs.mkdirSync(path.join(out, dir), { recursive: true });
      let text = fs.readFileSync(path.join(root, rel));
      if (rel.startsWith(path.join('lib', 'providers')) && rel.endsWith('.ts')) text = rewriteProviders(text.toString());
      fs.writeFileSync(path.join(out, rel), text);
    }
  }
}

fs.rmSync(out, { recursive: true, force: true });
for (const dir of ['lib', 'stacks', 'examples']) copy(dir);
fs.copyFileSync(path.join(root, 'main.ts'), path.join(out, 'main.ts'));
fs.writeFileSync(
  path.join(out, 'tsconfig.json'),
  JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, resolveJsonModule: true, skipLibCheck: false, types: ['node'], typeRoots: [path.join(root, 'node_modules', '@types')] }, include: ['main.ts', 'lib/**/*.ts', 'stacks/**/*.ts'] }, null, 2),
);
fs.symlinkSync(path.join(root, 'node_modules'), path.join(out, 'node_modules'));
module.exports = { out };
if (require.main === module) console.log(`naive baseline in ${path.relative(root, out)}`);
