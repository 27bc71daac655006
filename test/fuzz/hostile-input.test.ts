/**
 * Property-based tests for hostile and careless input (issue 17), on a
 * bounded number of generated cases with a fixed seed (FUZZ_SEED and
 * FUZZ_RUNS=<factor> change them); `npx tsx scripts/fuzz.ts --runs 25000`
 * runs many more and times each call. What the properties are:
 * test/fuzz/properties.ts.
 */
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { designObject, hostileDesignObject, hostileYaml, overrideObject } from './design-arbitraries';
import { fileCaseFailures, objectCaseFailures, synthFailures, writeCase } from './properties';
import { validDesign } from './valid-designs';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const FACTOR = Number(process.env.FUZZ_RUNS ?? 1);
const WORK = path.join(__dirname, '..', '..', '.tmp', 'fuzz-tests');

beforeAll(() => fs.mkdirSync(WORK, { recursive: true }));

describe('hostile and careless input (property-based, issue 17)', () => {
  it('design files and override files, mutated and with hostile YAML: no exception, no internal error, every problem positioned, no JavaScript in messages, nothing on stderr', () => {
    let n = 0;
    fc.assert(
      fc.property(designObject, overrideObject, hostileYaml, fc.nat(), (design, override, snippet, where) => {
        const file = writeCase(path.join(WORK, `file-${n++ % 20}`), design, override, snippet, where);
        expect(fileCaseFailures(file).failures).toEqual([]);
      }),
      { seed: SEED, numRuns: 150 * FACTOR },
    );
  });

  it('designs built in code, mutated, with throwing getters, proxies, cycles and class instances: only DesignValidationError, no internal error, no JavaScript in messages', () => {
    fc.assert(
      fc.property(fc.oneof(designObject, hostileDesignObject), (input) => {
        expect(objectCaseFailures(input).failures).toEqual([]);
      }),
      { seed: SEED, numRuns: 250 * FACTOR },
    );
  });

  it('validate passes => synth passes (sg-replica synth, policies included), for generated designs that are mostly valid', () => {
    let valid = 0;
    let runs = 0;
    fc.assert(
      fc.property(validDesign, (input) => {
        runs++;
        const { failures, check } = objectCaseFailures(input);
        expect(failures).toEqual([]);
        if (!check?.design) return;
        valid++;
        expect(synthFailures(check.design, check.assessment, WORK)).toEqual([]);
      }),
      { seed: SEED, numRuns: 20 * FACTOR },
    );
    // The property proves little if the generator rarely makes a valid design.
    expect(valid / runs).toBeGreaterThan(0.5);
  });
});
