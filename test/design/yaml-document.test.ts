import { readYaml, scanText } from '../../lib/design/yaml-document';
import { INPUT_LIMITS } from '../../lib/design/input-limits';

const read = (text: string, merge = false) => readYaml(text, 'f.yaml', { merge });
const errors = (text: string, merge = false) => read(text, merge).problems.filter((p) => p.severity === 'error');

describe('readYaml', () => {
  it('reads a plain document with positions', () => {
    const doc = read('name: x\nlist: [1, 2]\n');
    expect(doc.problems).toEqual([]);
    expect(doc.content?.value).toEqual({ name: 'x', list: [1, 2] });
    expect(doc.doc).toBeDefined();
  });

  it('reads an empty file as null (the caller says what a document must be)', () => {
    expect(read('').content?.value).toBeNull();
    expect(read('# only a comment\n').content?.value).toBeNull();
  });

  describe('nesting deeper than the limit: one positioned error, no stack overflow, nothing composed', () => {
    const deep = INPUT_LIMITS.depth + 1;
    it.each([
      ['flow lists, 1,200 deep', `${'['.repeat(1200)}${']'.repeat(1200)}\n`, 1],
      ['flow maps, 1,200 deep', `${'{a: '.repeat(1200)}1${'}'.repeat(1200)}\n`, 1],
      // refused at the first line the text estimate puts beyond 8 x 64 (indentation 512)
      ['block maps, 1,200 deep', `${Array.from({ length: 1200 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`, 513],
      ['compact sequences, 100,000 deep', `${'- '.repeat(100_000)}1\n`, 1],
      ['block maps just over the limit (the CST check)', `${Array.from({ length: deep }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`, deep],
      ['flow lists just over the limit', `x: ${'['.repeat(deep)}${']'.repeat(deep)}\n`, 1],
    ])('%s', (_, text, line) => {
      const found = errors(text);
      expect(found).toEqual([expect.objectContaining({ file: 'f.yaml', line, message: expect.stringMatching(/nested deeper than 64 levels/) })]);
    });

    it('reads a document exactly as deep as the limit', () => {
      const text = `${Array.from({ length: INPUT_LIMITS.depth }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`;
      expect(read(text).problems).toEqual([]);
    });

    it('estimates from the text before parsing: indentation, leading indicators and open brackets', () => {
      expect(scanText('a:\n  b: [1, {c: 2}]\n', 10, 1000)).toEqual({});
      expect(scanText(`ok: 1\n${'- '.repeat(20)}x\n`, 10, 1000)).toEqual({ tooDeepAt: 6 });
      expect(scanText(`${'['.repeat(11)}\n`, 10, 1000)).toEqual({ tooDeepAt: 0 });
      // a flow map with many keys on one line is wide, not deep
      expect(scanText(`{${Array.from({ length: 500 }, (_, i) => `k${i}: 1`).join(', ')}}\n`, 10, 10_000)).toEqual({});
    });
  });

  describe('text with more values than the limit is refused before parsing (the parser costs microseconds per token)', () => {
    it.each([
      ['a map of 12,000 keys', `${Array.from({ length: 12_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`],
      ['a flow list of 25,000 items', `a: [${new Array(25_000).fill('1').join(', ')}]\n`],
      ['a list of 25,000 items', `a:\n${new Array(25_000).fill('  - x').join('\n')}\n`],
    ])('%s', (_, text) => {
      expect(errors(text)).toEqual([expect.objectContaining({ message: `YAML: holds more than ${INPUT_LIMITS.values} values (maps, lists and scalars): too large to be a design or a Helm values file` })]);
    });

    it('counts a file like the chart\'s own values.yaml (comments, nesting) far below the limit', () => {
      const text = `${Array.from({ length: 2000 }, (_, i) => `# comment: ${i}, with punctuation\nkey${i}:\n  nested: [a, b]`).join('\n')}\n`;
      expect(scanText(text, 1000, INPUT_LIMITS.values * 2)).toEqual({});
    });
  });

  describe('tags other than the plain ones are errors at the tag, not Sets, Maps, Dates or Buffers', () => {
    it.each([
      ['!!set', 'x: 1\nname: !!set {a, b}\n'],
      ['!!omap', 'x: 1\nname: !!omap [{a: 1}]\n'],
      ['!!pairs', 'x: 1\nname: !!pairs [{a: 1}]\n'],
      ['!!timestamp', 'x: 1\nname: !!timestamp 2026-11-28\n'],
      ['!!binary', 'x: 1\nname: !!binary aGVsbG8=\n'],
      ['!!js/function', 'x: 1\nname: !!js/function "function(){}"\n'],
      ['!custom', 'x: 1\nname: !custom x\n'],
    ])('%s', (tag, text) => {
      const doc = read(text);
      expect(doc.content).toBeUndefined();
      expect(doc.problems).toEqual([expect.objectContaining({ severity: 'error', line: 2, message: expect.stringContaining(`the tag ${tag} is not supported`) })]);
    });

    it('accepts the plain tags (!!str, !!int, !!map ...)', () => {
      expect(read('a: !!str 5\nb: !!int "7"\nc: !!map {x: 1}\nd: !!seq [1]\ne: !!null ""\nf: !!bool true\n').content?.value).toEqual({
        a: '5',
        b: 7,
        c: { x: 1 },
        d: [1],
        e: null,
        f: true,
      });
    });
  });

  describe('aliases', () => {
    it('an alias inside its own anchor (a cycle) is an error at the alias', () => {
      expect(errors('a: &a [1, *a]\n')).toEqual([expect.objectContaining({ line: 1, col: 11, message: expect.stringMatching(/alias \*a is inside its own anchor &a/) })]);
    });

    it('an alias with no anchor before it is an error at the alias, not an exception', () => {
      expect(errors('x: 1\nname: *undefined\n')).toEqual([expect.objectContaining({ line: 2, col: 7, message: expect.stringMatching(/alias \*undefined has no anchor/) })]);
      expect(errors('a: *later\nb: &later 1\n')).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/no anchor &later before it/) })]);
    });

    it('an alias bomb ("billion laughs") is an error at the alias that expands the most, and is never expanded', () => {
      const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i <= 30; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
      const found = errors(`${lines.join('\n')}\n`);
      expect(found).toEqual([expect.objectContaining({ line: 31, message: expect.stringMatching(/aliases expand the document to more than 10000 values \(alias \*l29 alone to billions\)/) })]);
    });

    it('reads ordinary anchors and aliases, expanded', () => {
      expect(read('base: &b {cpu: 1}\nfrontend: *b\ngitserver: *b\n').content?.value).toEqual({ base: { cpu: 1 }, frontend: { cpu: 1 }, gitserver: { cpu: 1 } });
    });

    it('uses the latest anchor of a name, as YAML says', () => {
      expect(read('a: &x 1\nb: &x 2\nc: *x\n').content?.value).toEqual({ a: 1, b: 2, c: 2 });
    });
  });

  describe('keys', () => {
    it('reports duplicate keys at the second one, also when YAML would tell them apart but JavaScript would not', () => {
      expect(errors('name: x\nname: y\n')).toEqual([expect.objectContaining({ line: 2, col: 1, field: 'name', message: 'YAML: duplicate key "name" (first at line 1): a key may appear once in a map; keep one' })]);
      expect(errors('a:\n  list:\n    - {k: 1, k: 2}\n')).toEqual([expect.objectContaining({ line: 3, field: 'a.list[0].k', message: expect.stringMatching(/^YAML: duplicate key "k" \(first at line 3\)/) })]);
      expect(errors('1: x\n"1": y\n')).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/duplicate key "1"/) })]);
    });

    it('finds duplicates among many keys in linear time (the library\'s own check is quadratic)', () => {
      const text = `${Array.from({ length: 4_000 }, (_, i) => `k${i}: 1`).join('\n')}\nk7: 2\n`;
      expect(errors(text)).toEqual([expect.objectContaining({ line: 4_001, message: expect.stringMatching(/duplicate key "k7"/) })]);
    });

    it('a key that is a map, a list or an alias is an error, and nothing is printed on stderr', () => {
      const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
      try {
        expect(errors('? [a, b]\n: c\n')).toEqual([expect.objectContaining({ line: 1, col: 3, message: expect.stringMatching(/a key must be a plain value/) })]);
        expect(errors('? {a: 1}\n: c\n')).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/a key must be a plain value/) })]);
        expect(errors('a: &k x\n*k : y\n')).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/not an alias/) })]);
        expect(warn).not.toHaveBeenCalled();
      } finally {
        warn.mockRestore();
      }
    });

    it('keeps __proto__, constructor and toString as ordinary keys (plain-data.ts judges them)', () => {
      const value = read('__proto__: {a: 1}\nconstructor: 1\ntoString: 2\n').content?.value as Record<string, unknown>;
      expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'toString']);
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    });
  });

  describe('merge keys (override files)', () => {
    it('merges maps, as Helm does', () => {
      expect(read('a: &a {b: 1}\nc:\n  <<: *a\n  d: 2\n', true).content?.value).toEqual({ a: { b: 1 }, c: { b: 1, d: 2 } });
    });

    it.each([
      ['a scalar', 'a: 1\n<<: 5\n'],
      ['a list of scalars', 'a: 1\n<<: [5]\n'],
      ['an alias of a list', 'x: &x [1]\n<<: *x\n'],
    ])('a merge source that is %s is an error at the source, not an exception', (_, text) => {
      expect(errors(text, true)).toEqual([expect.objectContaining({ line: 2, col: 5, message: expect.stringMatching(/a merge key \(<<\) takes a map/) })]);
    });

    it('a design file (merge off) keeps << as an ordinary key', () => {
      expect(read('a: &a {b: 1}\n<<: *a\n').content?.value).toEqual({ a: { b: 1 }, '<<': { b: 1 } });
    });
  });

  it('reports syntax errors and a second document, positioned', () => {
    expect(errors('a: [1\n')).toEqual([expect.objectContaining({ line: expect.any(Number), message: expect.stringMatching(/^YAML: /) })]);
    expect(errors('---\nname: a\n---\nname: b\n')).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/more than one document/) })]);
  });
});
