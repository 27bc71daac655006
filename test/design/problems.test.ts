import { DesignValidationError, formatFieldPath, formatProblem, formatValue, sortProblems } from '../../lib/design/problems';

describe('problem formatting', () => {
  it('formats field paths with indexes', () => {
    expect(formatFieldPath(['kubernetes', 'nodePools', 0, 'taints', 1, 'effect'])).toBe('kubernetes.nodePools[0].taints[1].effect');
    expect(formatFieldPath([])).toBe('');
  });

  it('formats values as written, shortened', () => {
    expect(formatValue('gp3')).toBe('"gp3"');
    expect(formatValue(1.3)).toBe('1.3');
    expect(formatValue(null)).toBe('nothing');
    expect(formatValue([1, 2])).toBe('a list of 2');
    expect(formatValue({ a: 1 })).toBe('a map');
    expect(formatValue('x'.repeat(100))).toHaveLength(62);
  });

  it('prints file:line:col field: message (got X; allowed Y)', () => {
    expect(
      formatProblem({ severity: 'error', file: 'd.yaml', line: 3, col: 5, field: 'storage.diskType', message: 'bad', got: '"x"', allowed: 'a | b' }),
    ).toBe('d.yaml:3:5 storage.diskType: bad (got "x"; allowed: a | b)');
    expect(formatProblem({ severity: 'warning', file: 'd.yaml', field: 'x', message: 'careful' })).toBe('d.yaml warning: x: careful');
  });

  it('sorts by file and position, errors first', () => {
    const a = { severity: 'warning' as const, file: 'a', line: 2, field: '', message: 'w' };
    const b = { severity: 'error' as const, file: 'a', line: 2, field: '', message: 'e' };
    const c = { severity: 'error' as const, file: 'a', line: 1, field: '', message: 'first' };
    expect(sortProblems([a, b, c]).map((p) => p.message)).toEqual(['first', 'e', 'w']);
  });

  it('DesignValidationError counts errors only and lists everything', () => {
    const e = new DesignValidationError([
      { severity: 'error', file: 'd.yaml', line: 1, col: 1, field: 'name', message: 'bad' },
      { severity: 'warning', file: 'd.yaml', line: 2, col: 1, field: 'x', message: 'careful' },
    ]);
    expect(e.message).toBe('design has 1 error:\n  d.yaml:1:1 name: bad\n  d.yaml:2:1 warning: x: careful');
  });
});
