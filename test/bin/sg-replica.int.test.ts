/**
 * bin/sg-replica chooses what to run: the compiled CLI in dist/, or the
 * TypeScript sources through tsx when there is no dist/ or, in a checkout,
 * when a source file is newer than dist/ (after a git pull or an edit: running
 * the old build would silently run old code). Run on a scratch copy of the
 * bin with stand-ins for both entry points, so the test sees which one ran.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const repo = path.join(__dirname, '..', '..');

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-replica-bin-'));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.copyFileSync(path.join(repo, 'bin', 'sg-replica'), path.join(dir, 'bin', 'sg-replica'));
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  fs.mkdirSync(path.join(dir, 'lib', 'cli'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'lib', 'cli', 'main.ts'), "export async function main(args: string[]): Promise<number> { console.log(`sources ${args.join(' ')}`); return 0; }\n");
  fs.mkdirSync(path.join(dir, 'dist', 'lib', 'cli'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'lib', 'cli', 'main.js'), "exports.main = async (args) => { console.log(`compiled ${args.join(' ')}`); return 0; };\n");
  return dir;
}

function run(dir: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'sg-replica'), 'validate', 'x.yaml'], { encoding: 'utf8', env: { ...process.env, SG_REPLICA_FROM_SOURCE: '', ...env } });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

/** Sets a file's modification time `seconds` from now. */
function touch(file: string, seconds: number): void {
  const t = new Date(Date.now() + seconds * 1000);
  fs.utimesSync(file, t, t);
}

describe('bin/sg-replica', () => {
  let dir: string;
  beforeEach(() => {
    dir = scratch();
    touch(path.join(dir, 'lib', 'cli', 'main.ts'), -60);
    touch(path.join(dir, 'dist', 'lib', 'cli', 'main.js'), -30);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs dist/ when it is newer than every source, saying nothing', () => {
    expect(run(dir)).toEqual({ status: 0, stdout: 'compiled validate x.yaml', stderr: '' });
  });

  it('runs the sources, and says why, when a source is newer than dist/ (a checkout after git pull)', () => {
    fs.mkdirSync(path.join(dir, 'lib', 'design'));
    fs.writeFileSync(path.join(dir, 'lib', 'design', 'rules.ts'), 'export {};\n');
    const r = run(dir);
    expect(r.stdout).toBe('sources validate x.yaml');
    expect(r.stderr).toBe('sg-replica: dist/ is older than lib/design/rules.ts, running the TypeScript sources (about 1 s slower per command): `npm run build` compiles them again');
  });

  it('runs the sources without dist/, and with SG_REPLICA_FROM_SOURCE silently', () => {
    expect(run(dir, { SG_REPLICA_FROM_SOURCE: '1' })).toEqual({ status: 0, stdout: 'sources validate x.yaml', stderr: '' });
    fs.rmSync(path.join(dir, 'dist'), { recursive: true });
    expect(run(dir).stderr).toMatch(/^sg-replica: no dist\/ here/);
  });

  it('in an installed package (no TypeScript sources), runs dist/ whatever the times', () => {
    fs.rmSync(path.join(dir, 'lib'), { recursive: true });
    touch(path.join(dir, 'dist', 'lib', 'cli', 'main.js'), -3600);
    expect(run(dir)).toEqual({ status: 0, stdout: 'compiled validate x.yaml', stderr: '' });
  });
});
