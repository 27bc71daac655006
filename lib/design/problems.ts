/**
 * Problems found in a design, and how they are shown: one line each,
 * `file:line:col field: message (got X; allowed …)`.
 */

export type Severity = 'error' | 'warning';

/** A path into a design document, e.g. `['kubernetes', 'nodePools', 0, 'minNodes']`. */
export type FieldPath = readonly (string | number)[];

export interface DesignProblem {
  readonly severity: Severity;
  /** The file the problem is in (the design, or one of its override files). */
  readonly file: string;
  /** 1-based; absent for designs built in code. */
  readonly line?: number;
  readonly col?: number;
  /** Dotted field path, e.g. `kubernetes.nodePools[0].minNodes`. Empty for whole-file problems. */
  readonly field: string;
  readonly message: string;
  /** The offending value, already formatted for display. */
  readonly got?: string;
  /** What would be accepted. */
  readonly allowed?: string;
}

/** `kubernetes.nodePools[0].minNodes` */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

/** Shows a value the way the user wrote it, shortened. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const s = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(s);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return 'a map';
}

export function formatProblem(p: DesignProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.col ?? 1}` : p.file;
  const field = p.field ? ` ${p.field}:` : '';
  const detail = [p.got !== undefined ? `got ${p.got}` : undefined, p.allowed !== undefined ? `allowed: ${p.allowed}` : undefined]
    .filter((x) => x !== undefined)
    .join('; ');
  const level = p.severity === 'warning' ? ' warning:' : '';
  return `${where}${level}${field} ${p.message}${detail ? ` (${detail})` : ''}`;
}

/** Sorts problems by file, then position, errors before warnings at the same place. */
export function sortProblems(problems: readonly DesignProblem[]): DesignProblem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.col ?? 0) - (b.col ?? 0) ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
  );
}

/** Thrown by `loadDesign` when a design has errors. Its message lists every problem, one per line. */
export class DesignValidationError extends Error {
  constructor(public readonly problems: readonly DesignProblem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(
      `design has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n` +
        sortProblems(problems)
          .map((p) => `  ${formatProblem(p)}`)
          .join('\n'),
    );
    this.name = 'DesignValidationError';
  }
}

export function isDesignValidationError(e: unknown): e is DesignValidationError {
  return e instanceof Error && e.name === 'DesignValidationError' && Array.isArray((e as DesignValidationError).problems);
}
