/**
 * package.json as a consumer's npm sees it: installing the package runs no
 * script (npm 11 warned about `prepare`), the bin is the extension-less
 * CommonJS script README's PATH points at, and what it runs is packed.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json', () => {
  it('has no script npm runs when the package is installed; dist/ is built when it is packed', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect([hook, pkg.scripts[hook]]).toEqual([hook, undefined]);
    expect(pkg.scripts.prepack).toBe('tsc -p tsconfig.build.json');
    expect(pkg.files).toEqual(expect.arrayContaining(['dist/lib', 'dist/stacks', 'bin', 'schema']));
  });

  it('names bin/sg-replica, an executable CommonJS node script, as the sg-replica command', () => {
    expect(pkg.bin).toEqual({ 'sg-replica': 'bin/sg-replica' });
    const bin = path.join(root, 'bin', 'sg-replica');
    expect(fs.readFileSync(bin, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(fs.statSync(bin).mode & 0o111).not.toBe(0);
    expect(pkg.type).toBeUndefined(); // CommonJS: no "type": "module"
    expect(pkg.main).toBe('dist/lib/index.js');
  });
});
