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

});
