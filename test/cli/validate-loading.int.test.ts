/** `sg-replica validate` must stay fast: it loads no cdktf, no provider binding and, without --render, nothing of the render tier (checked in a child process). */
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

function loadedModules(args: readonly string[]): string[] {
  const { execFileSync } = require('child_process');
  const out = execFileSync(
    process.execPath,
    ['-r', 'tsx/cjs', '-e', `require('./lib/cli/main.ts').main(${JSON.stringify(args)}, {out(){}, err(){}}).then(() => console.log(JSON.stringify(Object.keys(require.cache))))`],
    { cwd: root, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('sg-replica validate', () => {
  it('loads no cdktf, provider or Kubernetes client code, and without --render no helm, chart or schema code', () => {
    const loaded = loadedModules(['validate', 'examples/designs/acme-prod.yaml']);
    expect(loaded.filter((m) => /node_modules[\\/](cdktf|@cdktf|constructs|@kubernetes)[\\/]/.test(m))).toEqual([]);
    expect(loaded.filter((m) => /lib[\\/](verify[\\/]|cli[\\/]verify-command)/.test(m))).toEqual([]);
    expect(loaded.filter((m) => /[\\/]lib[\\/]render[\\/]|render-command|node_modules[\\/](kubernetes-models|@kubernetes-models|@aws-cdk)[\\/]/.test(m))).toEqual([]);
    // A Helm design loads no Kustomize code (the overlay reader, kubectl): only a Kustomize design's check requires it.
    expect(loaded.filter((m) => /[\\/]lib[\\/]kustomize[\\/]|kustomize-assessment/.test(m))).toEqual([]);
    // the check is meaningful: the loader does see the CLI's own modules
    expect(loaded.some((m) => /lib[\\/]cli[\\/]main\.ts$/.test(m))).toBe(true);
  });

  it('would see the Kubernetes client: verify’s loader puts it in the module cache', () => {
    const { execFileSync } = require('child_process');
    const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', `require('./lib/verify/kubernetes-client.ts').kubernetesClient(); console.log(JSON.stringify(Object.keys(require.cache)))`], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!).some((m: string) => /node_modules[\\/]@kubernetes[\\/]/.test(m))).toBe(true);
  });

  it('a Kustomize design loads the Kustomize render (kubectl, the overlay reader) and still no cdktf or Kubernetes client', () => {
    const loaded = loadedModules(['validate', 'examples/designs/wonka-gke.yaml']);
    expect(loaded.some((m) => /lib[\\/]kustomize[\\/]render-kustomize\.ts$/.test(m))).toBe(true);
    expect(loaded.filter((m) => /node_modules[\\/](cdktf|@cdktf|constructs|@kubernetes)[\\/]/.test(m))).toEqual([]);
    expect(loaded.filter((m) => /lib[\\/]kubernetes[\\/]|lib[\\/]verify[\\/]/.test(m))).toEqual([]);
  });

  it('with --render loads the render tier (and still no cdktf)', () => {
    const loaded = loadedModules(['validate', '--render', 'examples/designs/initech-minimal.yaml']);
    expect(loaded.some((m) => /lib[\\/]render[\\/]helm-template\.ts$/.test(m))).toBe(true);
    expect(loaded.filter((m) => /node_modules[\\/](cdktf|@cdktf|constructs)[\\/]/.test(m))).toEqual([]);
  });
});
