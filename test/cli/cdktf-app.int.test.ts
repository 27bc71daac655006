/**
 * `cdktf synth` through cdktf.json and `sg-replica synth` give the same
 * stacks. Runs the real cdktf CLI and the sg-replica bin as child processes,
 * offline (CHECKPOINT_DISABLE, DISABLE_VERSION_CHECK: the CLI makes no call).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { exampleDesignFiles } from '../support/synth-replica';

const root = path.join(__dirname, '..', '..');
const tmp = path.join(root, '.tmp', 'cdktf-app-test');

function stacksOf(outdir: string): Record<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  return Object.fromEntries(
    Object.entries(manifest.stacks as Record<string, { synthesizedStackPath: string }>).map(([id, s]) => [
      id,
      JSON.parse(fs.readFileSync(path.join(outdir, s.synthesizedStackPath), 'utf8')),
    ]),
  );
}

describe('cdktf.json app', () => {
  const env = {
    ...process.env,
    CHECKPOINT_DISABLE: '1',
    DISABLE_VERSION_CHECK: '1',
    CDKTF_HOME: path.join(tmp, 'cdktf-home'),
    SG_REPLICA_CREATED_AT: '2026-11-27T00:00:00Z',
    REPLICA_DESIGN: exampleDesignFiles().join(','),
    FORCE_COLOR: '0',
    // The TypeScript sources: jest may run without a fresh dist/ (npm test builds it first).
    SG_REPLICA_FROM_SOURCE: '1',
  };

  beforeAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
  });

  it('synthesizes the same stacks as sg-replica synth', () => {
    const viaCdktf = path.join(tmp, 'cdktf-out');
    const viaCli = path.join(tmp, 'cli-out');
    execFileSync('npx', ['cdktf', 'synth', '--output', viaCdktf], { cwd: root, env, stdio: 'pipe', timeout: 120_000 });
    execFileSync('node', ['bin/sg-replica', 'synth', '--out', viaCli, ...exampleDesignFiles()], { cwd: root, env, stdio: 'pipe', timeout: 120_000 });
    const a = stacksOf(viaCdktf);
    const b = stacksOf(viaCli);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(Object.keys(a)).toHaveLength(exampleDesignFiles().length * 2);
    expect(a).toEqual(b);
    // cdktf synth writes each replica's Helm values and report too, the same as sg-replica synth.
    const names = Object.keys(a).filter((id) => id.endsWith('-sourcegraph')).map((id) => id.replace(/-sourcegraph$/, ''));
    for (const name of names) {
      // helm-values.yaml for a Helm release only (a Kustomize replica has none).
      const written = (dir: string) => ['helm-values.yaml', 'report.md'].filter((f) => fs.existsSync(path.join(dir, 'replicas', name, f)));
      expect([name, written(viaCdktf)]).toEqual([name, written(viaCli)]);
      expect([name, written(viaCli).includes('helm-values.yaml')]).toEqual([name, !/kustomize|wonka/.test(name)]);
      for (const file of written(viaCli)) {
        expect([name, file, fs.readFileSync(path.join(viaCdktf, 'replicas', name, file), 'utf8')]).toEqual([name, file, fs.readFileSync(path.join(viaCli, 'replicas', name, file), 'utf8')]);
      }
    }
  }, 180_000);

  it('synthesizes the bundled example when REPLICA_DESIGN is unset', () => {
    const out = path.join(tmp, 'default-out');
    const { REPLICA_DESIGN: _unused, ...noDesign } = env;
    execFileSync('npx', ['tsx', 'main.ts'], { cwd: root, env: { ...noDesign, CDKTF_OUTDIR: out }, stdio: 'pipe', timeout: 120_000 });
    expect(Object.keys(stacksOf(out)).sort()).toEqual(['acme-prod-infra', 'acme-prod-sourcegraph']);
  }, 120_000);

  it('fails with the design errors and no stack trace when a design is invalid', () => {
    const bad = path.join(tmp, 'bad.yaml');
    fs.mkdirSync(tmp, { recursive: true });
    fs.writeFileSync(bad, 'name: X\n');
    let stderr = '';
    try {
      execFileSync('npx', ['tsx', 'main.ts'], { cwd: root, env: { ...env, REPLICA_DESIGN: bad, CDKTF_OUTDIR: path.join(tmp, 'bad-out') }, stdio: 'pipe', timeout: 120_000 });
    } catch (e) {
      stderr = String((e as { stderr: Buffer }).stderr);
    }
    expect(stderr).toMatch(/bad\.yaml:1:7 name: invalid format/);
    expect(stderr).toMatch(/nothing synthesized/);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
