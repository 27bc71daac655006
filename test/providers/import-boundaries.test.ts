/**
 * Provider bindings are imported in one place only (lib/providers/*), from
 * deep module paths; the package roots cost ~10x in compile time and memory.
 * And `sg-replica validate` must not load cdktf or any binding.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return rel.endsWith('.ts') ? [rel] : [];
  });
}

const ALL = ['lib', 'stacks', 'test', 'scripts'].flatMap(sources).concat(['main.ts']);

describe('provider import boundaries', () => {
  it('only lib/providers/* imports @cdktf/provider-* (tests included)', () => {
    const offenders = ALL.filter((f) => !f.startsWith(path.join('lib', 'providers')) && /from '@cdktf\/provider-/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('no file imports a provider package root', () => {
    const offenders = ALL.filter((f) => /from '@cdktf\/provider-[a-z]+'/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('sg-replica validate loads no cdktf or provider code', () => {
    const { execFileSync } = require('child_process');
    const out = execFileSync(
      process.execPath,
      ['-r', 'tsx/cjs', '-e', `require('./lib/cli/main.ts').main(['validate', 'examples/designs/acme-prod.yaml'], {out(){}, err(){}}).then(() => console.log(JSON.stringify(Object.keys(require.cache))))`],
      { cwd: root, encoding: 'utf8' },
    );
    const loaded: string[] = JSON.parse(out.trim().split('\n').pop()!);
    expect(loaded.filter((m) => /node_modules[\\/](cdktf|@cdktf|constructs)[\\/]/.test(m))).toEqual([]);
  });
});
