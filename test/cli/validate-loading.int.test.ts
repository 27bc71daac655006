/** `sg-replica validate` must stay fast: it loads no cdktf and no provider binding (checked in a child process). */
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

describe('sg-replica validate', () => {
  it('sg-replica validate loads no cdktf, provider or Kubernetes client code', () => {
    const { execFileSync } = require('child_process');
    const out = execFileSync(
      process.execPath,
      ['-r', 'tsx/cjs', '-e', `require('./lib/cli/main.ts').main(['validate', 'examples/designs/acme-prod.yaml'], {out(){}, err(){}}).then(() => console.log(JSON.stringify(Object.keys(require.cache))))`],
      { cwd: root, encoding: 'utf8' },
    );
    const loaded: string[] = JSON.parse(out.trim().split('\n').pop()!);
    expect(loaded.filter((m) => /node_modules[\\/](cdktf|@cdktf|constructs|@kubernetes)[\\/]/.test(m))).toEqual([]);
    expect(loaded.filter((m) => /lib[\\/](verify[\\/]|cli[\\/]verify-command)/.test(m))).toEqual([]);
  });

  it('would see the Kubernetes client: verify’s loader puts it in the module cache', () => {
    const { execFileSync } = require('child_process');
    const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', `require('./lib/verify/kubernetes-client.ts').kubernetesClient(); console.log(JSON.stringify(Object.keys(require.cache)))`], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!).some((m: string) => /node_modules[\\/]@kubernetes[\\/]/.test(m))).toBe(true);
  });
});
