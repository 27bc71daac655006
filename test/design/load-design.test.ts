/** The loader: YAML with positions, override files, problems located by file:line:col. No checks (see test/checks). */
import * as fs from 'fs';
import * as path from 'path';
import { checkOverlayPath, designObjectDocument, parseDesignFile, readOverrideFiles } from '../../lib/design/load-design';

const dir = path.join(__dirname, '..', '..', '.tmp', 'load-design-tests');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const DESIGN = 'name: acme\ncloud:\n  provider: aws\n  region: us-east-2\nkubernetes:\n  nodePools:\n    - name: general\n      minNodes: 3\n';

describe('parseDesignFile', () => {
  it('reads the document as plain data, with its source', () => {
    const file = write('design.yaml', DESIGN);
    const document = parseDesignFile(file);
    expect(document.problems).toEqual([]);
    expect(document.content?.value).toEqual({ name: 'acme', cloud: { provider: 'aws', region: 'us-east-2' }, kubernetes: { nodePools: [{ name: 'general', minNodes: 3 }] } });
    expect(document.source).toEqual({ file, baseDir: dir });
  });

  it('locates a problem at the value, at the key when asked, else at the closest ancestor that exists', () => {
    const file = write('design.yaml', DESIGN);
    const { locate } = parseDesignFile(file);
    const at = (p: (string | number)[], atKey = false) => {
      const [located] = locate([{ severity: 'error', path: p, message: 'm', ...(atKey && { atKey }) }]);
      return [located.line, located.col, located.field];
    };
    expect(at(['cloud', 'region'])).toEqual([4, 11, 'cloud.region']);
    expect(at(['cloud', 'region'], true)).toEqual([4, 3, 'cloud.region']);
    expect(at(['kubernetes', 'nodePools', 0, 'minNodes'])).toEqual([8, 17, 'kubernetes.nodePools[0].minNodes']);
    expect(at(['kubernetes', 'nodePools', 0, 'maxNodes'])).toEqual([7, 7, 'kubernetes.nodePools[0].maxNodes']);
    expect(at(['sourcegraph', 'hostname'])).toEqual([1, 1, 'sourcegraph.hostname']);
  });

  it('keeps got and allowed, and the severity', () => {
    const { locate } = parseDesignFile(write('design.yaml', DESIGN));
    expect(locate([{ severity: 'warning', path: ['name'], message: 'm', got: '"acme"', allowed: 'x' }])).toEqual([
      { severity: 'warning', file: path.join(dir, 'design.yaml'), line: 1, col: 7, field: 'name', message: 'm', got: '"acme"', allowed: 'x' },
    ]);
  });

  it('reports YAML errors with their position and no content; YAML warnings with the content', () => {
    const broken = parseDesignFile(write('broken.yaml', 'name: acme\ncloud: [unclosed\n'));
    expect(broken.content).toBeUndefined();
    expect(broken.problems[0]).toMatchObject({ severity: 'error', message: expect.stringMatching(/^YAML: /) });
    expect(broken.problems[0].line).toBeGreaterThanOrEqual(2);
    const duplicate = parseDesignFile(write('duplicate.yaml', 'name: a\nname: b\n'));
    expect(duplicate.problems).toEqual([
      expect.objectContaining({ severity: 'error', line: 2, field: 'name', message: 'YAML: duplicate key "name" (first at line 1): a key may appear once in a map; keep one' }),
    ]);
    const nested = parseDesignFile(write('duplicate-nested.yaml', 'name: a\nkubernetes:\n  nodePools:\n    - name: general\n      labels: {a: "1"}\n      name: search\n'));
    expect(nested.problems).toEqual([
      expect.objectContaining({ line: 6, col: 7, field: 'kubernetes.nodePools[0].name', message: expect.stringMatching(/^YAML: duplicate key "name" \(first at line 4\)/) }),
    ]);
  });

  it('reports a file it cannot read, saying what is allowed (not for a missing file)', () => {
    expect(parseDesignFile(path.join(dir, 'missing.yaml')).problems).toEqual([{ severity: 'error', file: path.join(dir, 'missing.yaml'), field: '', message: 'file not found' }]);
    fs.mkdirSync(path.join(dir, 'a-directory.yaml'), { recursive: true });
    expect(parseDesignFile(path.join(dir, 'a-directory.yaml')).problems).toEqual([expect.objectContaining({ message: 'file is a directory', allowed: 'a regular file' })]);
  });

  it('passes on a document that is not a map (the checks refuse it)', () => {
    expect(parseDesignFile(write('list.yaml', '- a\n- b\n')).content).toEqual({ value: ['a', 'b'] });
    expect(parseDesignFile(write('empty.yaml', '')).content).toEqual({ value: null });
  });
});

describe('designObjectDocument', () => {
  it('locates by field only, under the given label', () => {
    const document = designObjectDocument({ name: 'x' }, { file: 'in-code', baseDir: '/tmp' });
    expect(document.source).toEqual({ file: 'in-code', baseDir: '/tmp' });
    expect(document.locate([{ severity: 'error', path: ['name'], message: 'm' }])).toEqual([{ severity: 'error', file: 'in-code', field: 'name', message: 'm' }]);
    expect(designObjectDocument({}).source.file).toBe('<design>');
  });
});

describe('readOverrideFiles', () => {
  const design = (overrides: unknown) => ({ sourcegraph: { overrides } });

  it('reads the files in order, resolving YAML merge keys as Helm does', () => {
    write('o/first.yaml', 'frontend:\n  replicaCount: 2\n');
    write('o/second.yaml', 'base: &b\n  cpu: 1\nsearcher:\n  resources:\n    <<: *b\n');
    const read = readOverrideFiles(design(['first.yaml', 'second.yaml']), path.join(dir, 'o'));
    expect(read.problems).toEqual([]);
    expect(read.files.map((f) => [f.file.path, f.file.values])).toEqual([
      ['first.yaml', { frontend: { replicaCount: 2 } }],
      ['second.yaml', { base: { cpu: 1 }, searcher: { resources: { cpu: 1 } } }],
    ]);
    expect(read.files[0].file.resolvedPath).toBe(path.join(dir, 'o', 'first.yaml'));
    const [located] = read.files[1].locate([{ severity: 'error', path: ['searcher', 'resources'], message: 'm' }]);
    expect(located).toMatchObject({ file: path.relative(process.cwd(), path.join(dir, 'o', 'second.yaml')), line: 5 });
  });

  it('reports a file it may not read as a problem of the design, at the entry', () => {
    const read = readOverrideFiles(design(['../outside.yaml', 'missing.yaml']), path.join(dir, 'o'));
    expect(read.files).toEqual([]);
    expect(read.pathProblems.map((p) => [p.path, p.message])).toEqual([
      [['sourcegraph', 'overrides', 0], expect.stringMatching(/^override file is outside the design file’s directory/)],
      [['sourcegraph', 'overrides', 1], 'override file not found'],
    ]);
  });

  it('reports YAML errors and a document that is not a map in the override file', () => {
    write('o/broken.yaml', 'a: [\n');
    write('o/list.yaml', '- a\n');
    const read = readOverrideFiles(design(['broken.yaml', 'list.yaml']), path.join(dir, 'o'));
    expect(read.files).toEqual([]);
    expect(read.problems.map((p) => [path.basename(p.file), p.message])).toEqual([
      ['broken.yaml', expect.stringMatching(/^YAML: /)],
      ['list.yaml', 'a Helm override file must be a YAML map'],
    ]);
  });

  it('skips what the schema reports: entries that are not strings, a list that is not a list', () => {
    expect(readOverrideFiles(design([1, null]), dir)).toEqual({ files: [], problems: [], pathProblems: [] });
    expect(readOverrideFiles(design('first.yaml'), dir)).toEqual({ files: [], problems: [], pathProblems: [] });
    expect(readOverrideFiles({}, dir)).toEqual({ files: [], problems: [], pathProblems: [] });
  });
});

describe('checkOverlayPath', () => {
  it('checks a Kustomize design’s overlay directory at sourcegraph.overlay, and nothing for a Helm design', () => {
    write('kz/overlay/kustomization.yaml', 'resources: []\n');
    const base = path.join(dir, 'kz');
    expect(checkOverlayPath({ sourcegraph: { method: 'kustomize', overlay: 'overlay' } }, base)).toEqual([]);
    expect(checkOverlayPath({ sourcegraph: { method: 'kustomize', overlay: 'missing' } }, base)).toEqual([
      { severity: 'error', path: ['sourcegraph', 'overlay'], message: 'overlay directory not found', got: '"missing"', allowed: expect.stringMatching(/^a directory inside the design file’s directory/) },
    ]);
    expect(checkOverlayPath({ sourcegraph: { overlay: 'missing' } }, base)).toEqual([]);
    expect(checkOverlayPath({ sourcegraph: { method: 'kustomize', overlay: 3 } }, base)).toEqual([]);
  });
});
