/**
 * Checking the design files of one run (`sg-replica validate|synth|report`,
 * the cdktf app): each file through the check pipeline, every problem
 * printed, and names that would make stack ids collide refused.
 */
import type { Design } from '../design/model';
import { DesignProblem, formatProblem } from '../design/problems';
import type { DesignAssessment } from '../assessment/assess-design';
import { checkDesignFile } from './check-design';

/** Where the problems go: warnings to `out`, errors to `err`. */
export interface ProblemOutput {
  out(line: string): void;
  err(line: string): void;
}

/** One file, checked. */
export interface CheckedDesign {
  readonly file: string;
  readonly design?: Design;
  readonly unfitDesign?: Design;
  readonly assessment?: DesignAssessment;
  readonly problems: readonly DesignProblem[];
}

/** Checks every design file and prints every problem; `ok` when none has errors and no two share a name. */
export function checkDesignFiles(files: readonly string[], io: ProblemOutput): { ok: boolean; checked: CheckedDesign[] } {
  const checked = files.map((file) => ({ file, ...checkDesignFile(file) }));
  for (const c of checked) for (const p of c.problems) (p.severity === 'error' ? io.err : io.out)(formatProblem(p));
  const names = new Map<string, string>();
  let ok = checked.every((c) => c.design);
  for (const c of checked) {
    if (!c.design) continue;
    const other = names.get(c.design.name);
    if (other) {
      io.err(`${c.file}: name "${c.design.name}" is also used by ${other}: stack ids would collide`);
      ok = false;
    }
    names.set(c.design.name, c.file);
  }
  return { ok, checked };
}
