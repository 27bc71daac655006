import * as fs from 'fs';
import * as path from 'path';
import { main, Output } from '../../lib/cli/main';

const root = path.join(__dirname, '..', '..');
const tmp = path.join(root, '.tmp', 'cli-tests');
const example = path.join(root, 'examples', 'designs', 'acme-prod.yaml');

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

function brokenDesign(): string {
  fs.mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, 'broken.yaml');
  fs.writeFileSync(
    file,
    fs.readFileSync(example, 'utf8').replace('minNodes: 3', 'minNodes: 9').replace('diskType: gp3', 'diskType: pd-ssd').replace('overrides: [acme-override.yaml]', 'overrides: []'),
  );
  return file;
}

describe('sg-replica validate', () => {
  it('exits 0 and prints a one-line summary for a valid design', async () => {
    const io = capture();
    expect(await main(['validate', example], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/✓ .*acme-prod\.yaml: acme-prod \(aws us-east-2, Kubernetes 1\.35, general 3-6× m6a\.4xlarge; Sourcegraph 7\.6\.0 size S\)/);
    expect(io.stderr).toEqual([]);
  });

  it('exits 1 listing every error with file:line:col, and writes nothing', async () => {
    const io = capture();
    const file = brokenDesign();
    const before = fs.readdirSync(tmp).sort();
    expect(await main(['validate', file], io)).toBe(1);
    expect(io.stderr).toEqual([
      expect.stringMatching(/broken\.yaml:\d+:\d+ kubernetes\.nodePools\[0\]\.minNodes: minNodes \(9\) is greater than maxNodes \(6\) \(got 9; allowed: 0 to 6\)$/),
      expect.stringMatching(/broken\.yaml:\d+:\d+ storage\.diskType: not a disk type on aws/),
      expect.stringMatching(/✗ .*broken\.yaml: 2 errors$/),
    ]);
    expect(io.stderr.join('\n')).not.toMatch(/at .*\.ts:\d+/);
    expect(fs.readdirSync(tmp).sort()).toEqual(before);
  });

  it('validates several designs and fails when any fails', async () => {
    const io = capture();
    expect(await main(['validate', example, brokenDesign()], io)).toBe(1);
    expect(io.stdout.some((l) => l.startsWith('✓'))).toBe(true);
  });

  it('refuses two designs with the same name', async () => {
    const io = capture();
    expect(await main(['validate', example, example], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/name "acme-prod" is also used by/);
  });
});

describe('usage', () => {
  it.each([
    [[], 2, /Usage:/],
    [['--help'], 0, /sg-replica validate/],
    [['frobnicate', 'x.yaml'], 2, /unknown command "frobnicate"/],
    [['validate'], 2, /give at least one design file/],
    [['validate', '--bogus', 'x.yaml'], 2, /sg-replica validate: unknown option '--bogus'\n\nUsage: sg-replica validate \[--render\] <design\.yaml\.\.\.>/],
    [['validate', '--offline', 'x.yaml'], 2, /unknown option '--offline'/],
    [['synth', '--out'], 2, /--out needs a value/],
    [['synth', '--out=', 'x.yaml'], 2, /--out needs a value/],
    [['synth', '--offline=yes', 'x.yaml'], 2, /--offline takes no value/],
    [['report', '--help'], 0, /Usage: sg-replica report \[--out DIR\] <design\.yaml\.\.\.>[\s\S]*--out DIR +where to write the reports \(default: reports\)/],
    [['--offline', 'synth', 'x.yaml'], 2, /give a command before the options \(got '--offline'\)/],
    [['leftovers', 'a.yaml', 'b.yaml'], 2, /give exactly one design file, got 2/],
    [['expired', 'extra'], 2, /unexpected argument 'extra'/],
  ])('%j exits %i', async (argv, code, message) => {
    const io = capture();
    expect(await main(argv as string[], io)).toBe(code);
    expect([...io.stdout, ...io.stderr].join('\n')).toMatch(message);
  });
});

describe('sg-replica synth', () => {
  const out = path.join(tmp, 'synth-out');

  beforeAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('writes the stacks, the rendered values and a summary', async () => {
    const io = capture();
    expect(await main(['synth', '--out', out, example], io)).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual(['acme-prod-infra', 'acme-prod-sourcegraph']);
    expect(manifest.stacks['acme-prod-sourcegraph'].dependencies).toEqual(['acme-prod-infra']);
    expect(fs.readFileSync(path.join(out, 'replicas', 'acme-prod', 'helm-values.yaml'), 'utf8')).toMatch(/storageClass:\n {2}create: false/);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/acme-prod-infra +\d+ resources/);
    expect(text).toMatch(/acme-prod-sourcegraph +\d+ resources/);
    expect(text).toMatch(/next: cdktf deploy --skip-synth --output \S+ 'acme-prod-\*'/);
  });

  it('writes nothing when a design is invalid, leaving the previous output alone', async () => {
    const io = capture();
    expect(await main(['synth', '--out', out, example], capture())).toBe(0);
    const before = fs.readFileSync(path.join(out, 'manifest.json'), 'utf8');
    expect(await main(['synth', '--out', out, brokenDesign()], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/nothing written/);
    expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect([...fs.readdirSync(path.dirname(out)), ...fs.readdirSync(out)].filter((f) => f.includes('staging'))).toEqual([]);
  });

  it.each([
    ['the current directory', '.'],
    ['the designs directory', 'designs'],
  ])('refuses --out %s: exit 2, every file left as it was', async (_what, rel) => {
    const project = path.join(tmp, 'user-project');
    fs.rmSync(project, { recursive: true, force: true });
    fs.mkdirSync(path.join(project, 'designs'), { recursive: true });
    fs.copyFileSync(example, path.join(project, 'designs', 'acme-prod.yaml'));
    fs.copyFileSync(path.join(root, 'examples', 'designs', 'acme-override.yaml'), path.join(project, 'designs', 'acme-override.yaml'));
    fs.writeFileSync(path.join(project, 'notes.md'), 'my notes');
    const listing = () => fs.readdirSync(project, { recursive: true }).map(String).sort();
    const before = listing();
    const io = capture();
    const cwd = process.cwd();
    process.chdir(project);
    try {
      expect(await main(['synth', '--out', rel, path.join('designs', 'acme-prod.yaml')], io)).toBe(2);
    } finally {
      process.chdir(cwd);
    }
    expect(io.stderr.join('\n')).toMatch(/holds files sg-replica did not write/);
    expect(listing()).toEqual(before);
    expect(fs.readFileSync(path.join(project, 'notes.md'), 'utf8')).toBe('my notes');
  });

  it('replaces a previous output in place and leaves no staging directory', async () => {
    expect(await main(['synth', '--out', out, example], capture())).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['.sg-replica-output', 'manifest.json', 'replicas', 'stacks']);
  });

  it('synthesizes a gcp design into the same two stacks', async () => {
    const io = capture();
    const out = path.join(tmp, 'gcp-out');
    expect(await main(['synth', '--out', out, path.join(root, 'examples', 'designs', 'hooli-private-gke.yaml')], io)).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks).sort()).toEqual(['hooli-private-infra', 'hooli-private-sourcegraph']);
    expect(io.stdout.join('\n')).toMatch(/cluster: GKE 1\.34, private API, 3 zones in europe-west4/);
  });
});

describe('sg-replica report', () => {
  const out = path.join(tmp, 'reports');

  it('writes the Markdown report and prints its summary', async () => {
    const io = capture();
    expect(await main(['report', '--out', out, example], io)).toBe(0);
    const md = fs.readFileSync(path.join(out, 'acme-prod.md'), 'utf8');
    expect(md).toMatch(/^# Sourcegraph replica `acme-prod` for Acme Corp/);
    expect(md).toContain('```mermaid');
    expect(io.stdout.join('\n')).toMatch(/Capacity ok: general 3×m6a\.4xlarge/);
    expect(io.stdout.join('\n')).toMatch(/wrote .*acme-prod\.md/);
  });

  it('reports a design that does not fit, and exits 1', async () => {
    const file = path.join(tmp, 'tiny.yaml');
    fs.copyFileSync(path.join(root, 'examples', 'designs', 'acme-override.yaml'), path.join(tmp, 'acme-override.yaml'));
    fs.writeFileSync(file, fs.readFileSync(example, 'utf8').replace('m6a.4xlarge', 'm6a.large').replace('minNodes: 3', 'minNodes: 1').replace('maxNodes: 6', 'maxNodes: 1'));
    const io = capture();
    expect(await main(['report', '--out', out, file], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/capacity: .* cannot be scheduled even at maxNodes/);
    expect(fs.readFileSync(path.join(out, 'acme-prod.md'), 'utf8')).toMatch(/\*\*Capacity:\*\* Does not hold/);
  });
});
