/** `sg-replica validate` must stay fast: it loads no cdktf and no provider binding (checked in a child process). */
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

describe('sg-replica validate', () => {
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
