import { parsePositioned, positionOf, problemAt } from '../../lib/kustomize/yaml-positions';

describe('yaml positions', () => {
  const { yaml } = parsePositioned('resources:\n  - a\n  - b\npatches:\n  - path: p.yaml\n', 'k.yaml');

  it('places list items, map values and keys', () => {
    expect(positionOf(yaml!, ['resources', 1])).toEqual({ line: 3, col: 5 });
    expect(positionOf(yaml!, ['patches', 0, 'path'])).toEqual({ line: 5, col: 11 });
    expect(positionOf(yaml!, ['patches'], true)).toEqual({ line: 4, col: 1 });
    expect(positionOf(yaml!, ['missing', 3])).toEqual({ line: 1, col: 1 });
  });

  it('makes design problems with file, line, column and field', () => {
    expect(problemAt(yaml!, ['resources', 0], { severity: 'error', message: 'm', got: '"a"', allowed: 'x' })).toEqual({ severity: 'error', file: 'k.yaml', line: 2, col: 5, field: 'resources[0]', message: 'm', got: '"a"', allowed: 'x' });
  });

  it('reports YAML errors at their position, duplicate keys included', () => {
    expect(parsePositioned('a: 1\na: 2\n', 'd.yaml').problems).toEqual([expect.objectContaining({ severity: 'error', file: 'd.yaml', line: 2, col: 1, message: expect.stringMatching(/^YAML: Map keys must be unique/) })]);
  });
});
