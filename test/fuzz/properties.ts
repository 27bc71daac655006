/**
 * The properties hostile and careless input must keep (issue 17), as plain
 * functions that return what went wrong (an empty list when nothing did), so
 * that test/fuzz/hostile-input.test.ts can assert them on a bounded number of
 * cases and scripts/fuzz.ts can count and time them over many more:
 *
 * - nothing throws: `checkDesignFile` and `checkDesignObject` never, and
 *   `designFromObject` only a `DesignValidationError`;
 * - sg-replica never fails inside ("sg-replica failed while checking"), which
 *   the pipeline would otherwise turn into a problem;
 * - every problem of a design file is positioned (file:line:col), and no
 *   message shows `[object Object]`, "a map a map" or a function's source;
 * - nothing is printed on stderr (the yaml library's warnings);
 * - validate passes => synth passes: the design synthesizes with the real
 *   `synthesizeReplicas` of `sg-replica synth`, policies included.
 */
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { checkDesignFile, checkDesignObject, designFromObject, DesignCheck } from '../../lib/checks/check-design';
import { DesignProblem, formatProblem, isDesignValidationError } from '../../lib/design/problems';
import type { Design } from '../../lib/design/model';
import type { DesignAssessment } from '../../lib/assessment/assess-design';
import { thrownText } from '../../lib/design/plain-data';

/** Text no message may show: JavaScript's view of a value instead of the user's. */
export const BAD_MESSAGE = /\[object Object\]|a map a map|a list a list|function \w*\s*\(|native code|(?<!["*&])\bundefined\b(?!")|Symbol\(/;

/** The message of a failure inside sg-replica, which the pipeline turns into a problem (lib/checks/check-design.ts). */
export const INTERNAL_ERROR = /sg-replica failed while checking this file/;

function messageFailures(problems: readonly DesignProblem[], positioned: boolean): string[] {
  const out: string[] = [];
  for (const p of problems) {
    const text = formatProblem(p);
    if (INTERNAL_ERROR.test(p.message)) out.push(`internal error: ${text}`);
    else if ([p.message, p.got, p.allowed].some((part) => part !== undefined && BAD_MESSAGE.test(part))) out.push(`bad message: ${text}`);
    if (positioned && p.line === undefined && !/ file (not found|is |has |cannot )/.test(` ${p.message}`)) out.push(`unpositioned: ${text}`);
  }
  return out;
}

/** Runs `body`, catching what it prints as a Node warning (the yaml library's "Keys with collection values..."). */
export function withoutWarnings<T>(body: () => T): { result: T; warnings: string[] } {
  const warnings: string[] = [];
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error) => {
    warnings.push(typeof warning === 'string' ? warning : warning.message);
  }) as typeof process.emitWarning;
  try {
    return { result: body(), warnings };
  } finally {
    process.emitWarning = emit;
  }
}

/** What went wrong checking a design given as an object (a library caller's). */
export function objectCaseFailures(input: unknown): { failures: string[]; check?: DesignCheck } {
  const failures: string[] = [];
  let check: DesignCheck | undefined;
  const { warnings } = withoutWarnings(() => {
    try {
      check = checkDesignObject(input);
      failures.push(...messageFailures(check.problems, false));
    } catch (e) {
      failures.push(`checkDesignObject threw: ${thrownText(e)}`);
    }
    try {
      designFromObject(input as never);
    } catch (e) {
      if (!isDesignValidationError(e)) failures.push(`designFromObject threw something other than a DesignValidationError: ${thrownText(e)}`);
    }
  });
  failures.push(...warnings.map((w) => `warning printed: ${w}`));
  return { failures, check };
}

/** What went wrong checking a design file (and its override files, already written next to it). */
export function fileCaseFailures(file: string): { failures: string[]; check?: DesignCheck } {
  const failures: string[] = [];
  let check: DesignCheck | undefined;
  const { warnings } = withoutWarnings(() => {
    try {
      check = checkDesignFile(file);
      failures.push(...messageFailures(check.problems, true));
    } catch (e) {
      failures.push(`checkDesignFile threw: ${thrownText(e)}`);
    }
  });
  failures.push(...warnings.map((w) => `warning printed: ${w}`));
  return { failures, check };
}

let synthRuns = 0;

/**
 * What went wrong synthesizing a design validation accepted, as `sg-replica
 * synth` does it (into a fresh directory under `workDir`, removed after).
 */
export function synthFailures(design: Design, assessment: DesignAssessment | undefined, workDir: string): string[] {
  // Loaded on first use: the other properties need no cdktf.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesizeReplicas } = require('../../lib/cli/synthesize') as typeof import('../../lib/cli/synthesize');
  const outdir = path.join(workDir, `synth-${process.pid}-${++synthRuns}`);
  const previous = process.env.SG_REPLICA_CREATED_AT;
  process.env.SG_REPLICA_CREATED_AT = '2026-11-27T00:00:00Z';
  try {
    synthesizeReplicas([{ file: design.source.file, design, assessment }], { outdir, offline: true });
    return [];
  } catch (e) {
    return [`validate passed but synth failed: ${thrownText(e)}`];
  } finally {
    if (previous === undefined) delete process.env.SG_REPLICA_CREATED_AT;
    else process.env.SG_REPLICA_CREATED_AT = previous;
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** A design file (its sourcegraph.overrides naming the override file) and the override file, as YAML, each sometimes with hostile YAML in front. */
export function writeCase(dir: string, design: Record<string, unknown>, override: Record<string, unknown>, snippet: string, where: number): string {
  fs.mkdirSync(dir, { recursive: true });
  const sg = design.sourcegraph && typeof design.sourcegraph === 'object' && !Array.isArray(design.sourcegraph) ? design.sourcegraph : {};
  let text: string;
  try {
    text = stringify({ ...design, sourcegraph: { ...sg, overrides: ['override.yaml'] } });
  } catch {
    text = 'name: x\n';
  }
  let overrideText: string;
  try {
    overrideText = stringify(override);
  } catch {
    overrideText = 'a: 1\n';
  }
  if (where % 4 === 0) text = snippet + text;
  if (where % 4 === 1) overrideText = snippet + overrideText;
  fs.writeFileSync(path.join(dir, 'design.yaml'), text);
  fs.writeFileSync(path.join(dir, 'override.yaml'), overrideText);
  return path.join(dir, 'design.yaml');
}
