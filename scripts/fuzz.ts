/**
 * Fuzzes sg-replica's input handling with many more cases than `npm test`
 * runs (test/fuzz/hostile-input.test.ts), timing every call:
 *
 *   npx tsx scripts/fuzz.ts --runs 25000 [--seed 42] [--synth 300] [--only file|object|valid]
 *
 * - file: mutated example designs and override files written as YAML, with
 *   hostile YAML in front, through `checkDesignFile`;
 * - object: mutated designs and designs with throwing getters, proxies,
 *   cycles... through `checkDesignObject` and `designFromObject`;
 * - valid: generated designs that are mostly valid; each one validation
 *   accepts is synthesized like `sg-replica synth` (at most --synth of them,
 *   default runs / 50).
 *
 * Reports the cases, the share of valid designs, every kind of failure with
 * an example, and the slowest calls. Exits 1 when anything failed. The
 * properties are in test/fuzz/properties.ts. Case files go to .tmp/fuzz/.
 */
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { designObject, hostileDesignObject, hostileYaml, overrideObject } from '../test/fuzz/design-arbitraries';
import { fileCaseFailures, objectCaseFailures, synthFailures, writeCase } from '../test/fuzz/properties';
import { validDesign } from '../test/fuzz/valid-designs';

interface Options {
  readonly runs: number;
  readonly seed: number;
  readonly synth: number;
  readonly only?: 'file' | 'object' | 'valid';
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(value('runs') ?? 2000);
  const seed = Number(value('seed') ?? Math.floor(Math.random() * 2 ** 31));
  const only = value('only') as Options['only'];
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || (only && !['file', 'object', 'valid'].includes(only))) {
    console.error('usage: npx tsx scripts/fuzz.ts [--runs N] [--seed S] [--synth K] [--only file|object|valid]');
    process.exit(2);
  }
  return { runs, seed, only, synth: Number(value('synth') ?? Math.ceil(runs / 50)) };
}

/** Failures by kind (first line, numbers and paths blurred), with a count and one example. */
class Tally {
  readonly kinds = new Map<string, { count: number; example: string; input: string }>();
  readonly times: Array<{ ms: number; what: string }> = [];

  fail(failures: readonly string[], input: () => string): void {
    for (const f of failures) {
      const key = f.split('\n')[0].replace(/\d+/g, 'N').replace(/\S*\.tmp\/\S*/g, '<file>').slice(0, 140);
      const kind = this.kinds.get(key) ?? { count: 0, example: f.slice(0, 400), input: input().slice(0, 600) };
      kind.count++;
      this.kinds.set(key, kind);
    }
  }

  /** Keeps what a slow call was about (calls under 20 ms are only counted in the percentiles). */
  time(ms: number, what: () => string): void {
    if (ms >= 20) this.times.push({ ms, what: what().slice(0, 160) });
  }
}

function describeInput(value: unknown): string {
  try {
    return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value);
  } catch {
    return '(not serializable: a cycle, a proxy or a throwing getter)';
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

function report(name: string, cases: number, tally: Tally, allTimes: number[], extra = ''): void {
  allTimes.sort((a, b) => a - b);
  console.log(`\n${name}: ${cases} cases${extra}; per call p50 ${percentile(allTimes, 50).toFixed(1)} ms, p99 ${percentile(allTimes, 99).toFixed(1)} ms, max ${percentile(allTimes, 100).toFixed(1)} ms`);
  const slowest = [...tally.times].sort((a, b) => b.ms - a.ms).slice(0, 3);
  for (const s of slowest) console.log(`  slow ${s.ms.toFixed(0)} ms  ${s.what}`);
  if (tally.kinds.size === 0) console.log('  failures: none');
  for (const [kind, { count, example, input }] of [...tally.kinds].sort((a, b) => b[1].count - a[1].count)) {
    console.log(`  FAIL x${count}: ${kind}\n    e.g. ${example}\n    input ${input}`);
  }
}

function main(): number {
  const options = parseOptions(process.argv.slice(2));
  const work = path.join(__dirname, '..', '.tmp', 'fuzz');
  fs.mkdirSync(work, { recursive: true });
  console.log(`seed ${options.seed}, runs ${options.runs} per kind (reproduce: npx tsx scripts/fuzz.ts --runs ${options.runs} --seed ${options.seed})`);
  let failed = 0;

  if (!options.only || options.only === 'file') {
    const tally = new Tally();
    const times: number[] = [];
    let valid = 0;
    const samples = fc.sample(fc.tuple(designObject, overrideObject, hostileYaml, fc.nat()), { numRuns: options.runs, seed: options.seed });
    samples.forEach(([design, override, snippet, where], i) => {
      const file = writeCase(path.join(work, `file-${i % 50}`), design, override, snippet, where);
      const t0 = performance.now();
      const { failures, check } = fileCaseFailures(file);
      const ms = performance.now() - t0;
      times.push(ms);
      if (check?.design) valid++;
      // What was written (read back only for a slow or failing case; the callbacks run at once).
      const text = () => fs.readFileSync(file, 'utf8');
      const overrideText = () => fs.readFileSync(path.join(path.dirname(file), 'override.yaml'), 'utf8');
      tally.time(ms, () => `${text().length} + ${overrideText().length} bytes: ${text().slice(0, 80).replace(/\n/g, '\\n')}`);
      tally.fail(failures, () => `design.yaml:\n${text()}\noverride.yaml:\n${overrideText()}`);
    });
    report('design files (checkDesignFile)', options.runs, tally, times, `, ${valid} valid`);
    failed += tally.kinds.size;
  }

  if (!options.only || options.only === 'object') {
    const tally = new Tally();
    const times: number[] = [];
    const samples = fc.sample(fc.oneof(designObject, hostileDesignObject), { numRuns: options.runs, seed: options.seed + 1 });
    for (const input of samples) {
      const t0 = performance.now();
      const { failures } = objectCaseFailures(input);
      const ms = performance.now() - t0;
      times.push(ms);
      tally.time(ms, () => describeInput(input));
      tally.fail(failures, () => describeInput(input));
    }
    report('designs built in code (checkDesignObject, designFromObject)', options.runs, tally, times);
    failed += tally.kinds.size;
  }

  if (!options.only || options.only === 'valid') {
    const tally = new Tally();
    const times: number[] = [];
    const synthTimes: number[] = [];
    let valid = 0;
    let synthesized = 0;
    const samples = fc.sample(validDesign, { numRuns: options.runs, seed: options.seed + 2 });
    for (const input of samples) {
      const t0 = performance.now();
      const { failures, check } = objectCaseFailures(input);
      const ms = performance.now() - t0;
      times.push(ms);
      tally.time(ms, () => describeInput(input));
      tally.fail(failures, () => describeInput(input));
      if (!check?.design) continue;
      valid++;
      if (synthesized >= options.synth) continue;
      synthesized++;
      const s0 = performance.now();
      tally.fail(synthFailures(check.design, check.assessment, work), () => describeInput(input));
      synthTimes.push(performance.now() - s0);
    }
    synthTimes.sort((a, b) => a - b);
    report(
      'generated designs (validate, then synth)',
      options.runs,
      tally,
      times,
      `, ${valid} valid (${((100 * valid) / options.runs).toFixed(0)} %), ${synthesized} synthesized (synth p50 ${percentile(synthTimes, 50).toFixed(0)} ms, max ${percentile(synthTimes, 100).toFixed(0)} ms)`,
    );
    failed += tally.kinds.size;
  }
  console.log(failed ? `\n${failed} kinds of failure` : '\nno failures');
  return failed ? 1 : 0;
}

process.exitCode = main();
