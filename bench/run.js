#!/usr/bin/env node
// `npm run bench`: measures synth, validate and the test suites on this
// machine and writes bench/results.md. Public tools only: node, the project's
// own scripts, and a preload (bench/peak.js) that records each process's peak
// resident memory. Medians of several runs; the machine is described in the
// results. Options: --quick (fewer runs, no test suites), --runs N.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const work = path.join(root, '.tmp', 'bench');
const peakFile = path.join(work, 'peak.txt');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : quick ? 3 : 5;

fs.mkdirSync(work, { recursive: true });
const baseEnv = {
  ...process.env,
  CHECKPOINT_DISABLE: '1',
  DISABLE_VERSION_CHECK: '1',
  SG_REPLICA_CREATED_AT: '2026-11-27T00:00:00Z',
  BENCH_PEAK_FILE: peakFile,
  NODE_OPTIONS: '',
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs a command `runs` times; returns median wall seconds and median peak MB (largest node process of each run). */
function measure(label, command, argv, { env = {}, cwd = root, runs = RUNS, before = () => {} } = {}) {
  const walls = [];
  const peaks = [];
  const loadBefore = os.loadavg()[0];
  for (let i = 0; i < runs; i++) {
    before();
    fs.writeFileSync(peakFile, '');
    const started = process.hrtime.bigint();
    const r = spawnSync(command, argv, { cwd, env: { ...baseEnv, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    if (r.status !== 0) {
      throw new Error(`${label}: ${command} ${argv.join(' ')} exited ${r.status}\n${(r.stderr || '').slice(-3000)}`);
    }
    walls.push(wall);
    const kb = fs.readFileSync(peakFile, 'utf8').split('\n').filter(Boolean).map(Number);
    if (kb.length) peaks.push(Math.max(...kb) / 1024);
  }
  const result = { label, runs, wall: median(walls), min: Math.min(...walls), peakMb: peaks.length ? median(peaks) : undefined, load: [loadBefore, os.loadavg()[0]] };
  console.log(`${label.padEnd(58)} ${result.wall.toFixed(2).padStart(7)} s  ${result.peakMb ? `${result.peakMb.toFixed(0).padStart(5)} MB` : ''}  (median of ${runs})`);
  return result;
}

const node = process.execPath;
const peak = ['-r', path.join(__dirname, 'peak.js')];
const examples = fs
  .readdirSync(path.join(root, 'examples', 'designs'))
  .filter((f) => f.endsWith('.yaml') && !f.endsWith('-override.yaml'))
  .map((f) => path.join('examples', 'designs', f));
const providerOf = (f) => (/provider:\s*gcp/.test(fs.readFileSync(path.join(root, f), 'utf8')) ? 'gcp' : 'aws');
const awsDesign = path.join('examples', 'designs', 'acme-prod.yaml');
const gcpDesign = examples.find((f) => providerOf(f) === 'gcp');

// 20 designs: copies of the AWS example under different names (one app, one process).
const manyDir = path.join(work, 'designs');
fs.rmSync(manyDir, { recursive: true, force: true });
fs.mkdirSync(manyDir, { recursive: true });
fs.copyFileSync(path.join(root, 'examples', 'designs', 'acme-override.yaml'), path.join(manyDir, 'acme-override.yaml'));
const many = Array.from({ length: 20 }, (_, i) => {
  const file = path.join(manyDir, `replica-${i + 1}.yaml`);
  fs.writeFileSync(file, fs.readFileSync(path.join(root, awsDesign), 'utf8').replace(/^name: .*$/m, `name: replica-${i + 1}`));
  return file;
});

console.log('building dist/ (tsc -p tsconfig.build.json) ...');
spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

// The kubectl kustomize build cache (lib/kustomize/build-cache.ts): emptied where a row is measured cold.
const cache = process.env.SG_REPLICA_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'sg-replica');
const cold = () => fs.rmSync(path.join(cache, 'kustomize-builds'), { recursive: true, force: true });

const synthVia = (designs, out) => ({ env: { REPLICA_DESIGN: designs.join(','), CDKTF_OUTDIR: path.join(work, out) } });
const results = {};
results.validate = measure('sg-replica validate (1 design)', node, [...peak, 'bin/sg-replica', 'validate', awsDesign]);
const kustomizeDesign = path.join('examples', 'designs', 'stark-kustomize.yaml');
results.validateKustomize = measure('sg-replica validate (1 Kustomize design, no build cached: kubectl kustomize twice)', node, [...peak, 'bin/sg-replica', 'validate', kustomizeDesign], { before: cold });
results.validateKustomizeCached = measure('sg-replica validate (1 Kustomize design, both builds cached)', node, [...peak, 'bin/sg-replica', 'validate', kustomizeDesign]);
results.validateRender = measure('sg-replica validate --render (1 design: real chart + helm)', node, [...peak, 'bin/sg-replica', 'validate', '--render', awsDesign]);
results.synthAwsTsx = measure('synth 1 AWS design: tsx main.ts (the cdktf.json app)', node, [...peak, '-r', 'tsx/cjs', 'main.ts'], synthVia([awsDesign], 'aws'));
results.synthAwsNode = measure('synth 1 AWS design: node dist/main.js (compiled)', node, [...peak, 'dist/main.js'], synthVia([awsDesign], 'aws-node'));
if (gcpDesign) {
  results.synthGcpTsx = measure('synth 1 GKE design: tsx main.ts', node, [...peak, '-r', 'tsx/cjs', 'main.ts'], synthVia([gcpDesign], 'gcp'));
}
results.cdktfCli = measure(
  'cdktf synth 1 AWS design (the cdktf CLI running the app)',
  'npx',
  ['cdktf', 'synth', '--output', path.join(work, 'cli-out')],
  { env: { REPLICA_DESIGN: awsDesign, NODE_OPTIONS: `-r ${path.join(__dirname, 'peak.js')}`, CDKTF_HOME: path.join(work, 'cdktf-home') }, runs: quick ? 1 : 3 },
);
results.synth20 = measure('synth 20 AWS designs in one app: tsx main.ts', node, [...peak, '-r', 'tsx/cjs', 'main.ts'], synthVia(many, 'many'));

console.log('building the naive baseline (package-root imports, ts-node with type checking) ...');
const { out: naiveDir } = require('./make-naive');
results.naive = measure(
  'naive baseline: synth 1 AWS design, ts-node (type-checked), barrel imports',
  node,
  [...peak, '-r', 'ts-node/register', 'main.ts'],
  { env: { REPLICA_DESIGN: awsDesign, CDKTF_OUTDIR: path.join(work, 'naive-out'), TS_NODE_PROJECT: path.join(naiveDir, 'tsconfig.json') }, cwd: naiveDir, runs: quick ? 1 : 3 },
);

if (!quick) {
  // Every suite run starts without the kubectl kustomize build cache, as on a fresh machine: within a run, test
  // files still share the builds they make.
  results.unit = measure('unit tests: jest --selectProjects unit', 'npx', ['jest', '--selectProjects', 'unit', '--silent'], { runs: 3, before: cold });
  results.renderTier = measure('render tier: examples + 24-design matrix (jest)', 'npx', ['jest', 'test/render/render-tier.int.test.ts', '--selectProjects', 'integration', '--silent'], { runs: 1, before: cold });
  results.full = measure('full suite: npm test (tsc + unit + integration with offline plans)', 'npm', ['test', '--silent'], { runs: 3, before: cold });
}

// In-process steps of the pure pipeline (bench/micro.js, on the dist/ built above).
const microRun = spawnSync(node, [path.join(__dirname, 'micro.js')], { cwd: root, env: baseEnv, encoding: 'utf8' });
if (microRun.status !== 0) throw new Error(`bench/micro.js failed:\n${microRun.stderr}`);
const micro = JSON.parse(microRun.stdout);
for (const [label, m] of Object.entries(micro)) console.log(`${label.padEnd(58)} ${m.ms.toFixed(1).padStart(7)} ms (median of ${m.runs}, in one process)`);

const ratio = results.synthAwsTsx.wall / results.naive.wall;
const targets = [
  ['validate one design', '< 0.5 s, < 150 MB', results.validate.wall < 0.5 && results.validate.peakMb < 150, `${results.validate.wall.toFixed(2)} s, ${results.validate.peakMb.toFixed(0)} MB`],
  ['synth one design vs naive baseline', '≤ 1/4 of baseline wall, < 500 MB', ratio <= 0.25 && results.synthAwsTsx.peakMb < 500, `${(ratio * 100).toFixed(0)} % of baseline (${results.synthAwsTsx.wall.toFixed(2)} s vs ${results.naive.wall.toFixed(2)} s), ${results.synthAwsTsx.peakMb.toFixed(0)} MB`],
  ['20 designs', '< 6 × one design', results.synth20.wall < 6 * results.synthAwsTsx.wall, `${(results.synth20.wall / results.synthAwsTsx.wall).toFixed(1)} × (${results.synth20.wall.toFixed(2)} s)`],
];
// A Kustomize design's validate runs kubectl kustomize twice (the customer's overlay, then the replica's layer over
// it): the target is judged on the cold row (nothing cached), the first validate on a machine.
targets.push(['validate one Kustomize design (cold)', '< 3 s', results.validateKustomize.wall < 3, `${results.validateKustomize.wall.toFixed(2)} s, ${results.validateKustomize.peakMb?.toFixed(0) ?? 'n/a'} MB`]);
const reportStep = micro['assess + report one design (values, capacity simulation, cost, Markdown)'];
targets.push(['assess + report one design', '< 300 ms', reportStep.ms < 300, `${reportStep.ms.toFixed(1)} ms`]);
const catalogStep = micro['parse and index both chart key catalogs'];
targets.push(['parse both chart key catalogs', '< 50 ms', catalogStep.ms < 50, `${catalogStep.ms.toFixed(1)} ms`]);
if (results.unit) targets.push(['unit tests', '< 30 s', results.unit.wall < 30, `${results.unit.wall.toFixed(1)} s`]);
if (results.renderTier) targets.push(['render tier', '< 60 s', results.renderTier.wall < 60, `${results.renderTier.wall.toFixed(1)} s`]);
if (results.full) targets.push(['full suite with offline plans', '< 3 min', results.full.wall < 180, `${results.full.wall.toFixed(1)} s`]);

const cpu = os.cpus();
const row = (r) => `| ${r.label} | ${r.wall.toFixed(2)} s | ${r.peakMb ? `${r.peakMb.toFixed(0)} MB` : 'n/a'} | ${r.runs} | ${r.load[0].toFixed(2)} → ${r.load[1].toFixed(2)} |`;
// Hand-written notes below this marker in results.md survive a new run.
const NOTES_MARKER = '<!-- Notes below are kept by bench/run.js -->';
const resultsFile = path.join(__dirname, 'results.md');
const previous = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
const notes = previous.includes(NOTES_MARKER) ? previous.slice(previous.indexOf(NOTES_MARKER)) : `${NOTES_MARKER}\n`;
const md = `# Benchmark results

Written by \`npm run bench\` (bench/run.js) on ${new Date().toISOString().slice(0, 16)}Z.

Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}.
Wall time is the median of the runs; memory is the median over runs of the largest node process's peak RSS
(\`process.resourceUsage().maxRSS\`, recorded by bench/peak.js). Synth runs write \`cdktf.out\`-style output, as
\`cdktf synth\` does; the \`cdktf synth\` row is the CLI itself running the same app (its start-up comes on top).

The last column is the 1-minute load average (\`os.loadavg()\`) before the first run and after the last: on this
2-core machine anything above 2 means the measurement shared the CPUs.

| measurement | wall (median) | peak memory | runs | load before → after |
| --- | --- | --- | --- | --- |
${Object.values(results).map(row).join('\n')}

In-process steps (bench/micro.js: one warm process, median):

| step | median | runs |
| --- | --- | --- |
${Object.entries(micro).map(([label, m]) => `| ${label} | ${m.ms.toFixed(1)} ms | ${m.runs} |`).join('\n')}

## Targets

| target | goal | measured | met |
| --- | --- | --- | --- |
${targets.map(([t, g, ok, m]) => `| ${t} | ${g} | ${m} | ${ok ? 'yes' : '**no**'} |`).join('\n')}

The naive baseline is the same app (bench/make-naive.js copies lib/, stacks/ and main.ts and rewrites
lib/providers/*.ts to \`import * as aws from '@cdktf/provider-aws'\`) run with type-checking ts-node: the way
cdktf's project template runs an app.

${notes}`;
fs.writeFileSync(resultsFile, md);
console.log(`\nwrote bench/results.md`);
for (const [t, g, ok, m] of targets) console.log(`${ok ? 'met ' : 'MISS'}  ${t}: ${m} (goal ${g})`);
