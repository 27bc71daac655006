/** `sg-replica validate --render` and `synth --render`: the real chart and helm, as an IE runs them. */
import * as fs from 'fs';
import * as path from 'path';
import { main, Output } from '../../lib/cli/main';

const root = path.join(__dirname, '..', '..');
const tmp = path.join(root, '.tmp', 'cli-render-tests');
const examples = path.join(root, 'examples', 'designs');

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** initech-minimal whose frontend asks for a PriorityClass nothing creates: valid values, a release whose pods would never be admitted. */
function misplacedDesign(): string {
  fs.mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, 'misplaced.yaml');
  fs.writeFileSync(file, `${fs.readFileSync(path.join(examples, 'initech-minimal.yaml'), 'utf8')}  values:\n    frontend:\n      priorityClassName: gold\n`);
  return file;
}

describe('--render', () => {
  it('validate --render renders the design with the real chart, runs every check and exits 0', async () => {
    const io = capture();
    expect(await main(['validate', '--render', path.join(examples, 'initech-minimal.yaml')], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/✓ .*initech-minimal\.yaml: rendered \d+ objects from sourcegraph 6\.12\.5040 \(\w+\) with helm .*; every render check passed/);
    expect(io.stderr).toEqual([]);
  });

  it('validate --render fails (exit 1) on what only the render shows, naming the object', async () => {
    const io = capture();
    expect(await main(['validate', '--render', misplacedDesign()], io)).toBe(1);
    expect(io.stderr).toEqual([
      expect.stringMatching(/misplaced\.yaml: error: render references: Deployment\/sourcegraph-frontend: priorityClassName refers to PriorityClass "gold", which neither the chart renders nor the replica creates$/),
      expect.stringMatching(/✗ .*misplaced\.yaml: render: 1 error$/),
    ]);
  });

  it('synth --render writes nothing when a render check fails', async () => {
    const io = capture();
    const out = path.join(tmp, 'out');
    fs.rmSync(out, { recursive: true, force: true });
    expect(await main(['synth', '--render', '--out', out, misplacedDesign()], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/nothing written/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('says how to provide helm when there is none', async () => {
    const io = capture();
    const before = process.env.SG_REPLICA_HELM;
    process.env.SG_REPLICA_HELM = path.join(tmp, 'no-such-helm');
    try {
      expect(await main(['validate', '--render', path.join(examples, 'initech-minimal.yaml')], io)).toBe(1);
    } finally {
      if (before === undefined) delete process.env.SG_REPLICA_HELM;
      else process.env.SG_REPLICA_HELM = before;
    }
    expect(io.stderr).toEqual([expect.stringMatching(/^sg-replica validate: SG_REPLICA_HELM=.*no-such-helm is not an executable file$/)]);
  });
});
