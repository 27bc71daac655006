import { INPUT_LIMITS, MAX_LIMIT_PROBLEMS } from '../../lib/design/input-limits';
import { plainData, thrownText } from '../../lib/design/plain-data';

const problemsOf = (input: unknown) => plainData(input).problems.map((p) => [p.path.join('.'), p.message]);

describe('plainData', () => {
  it('copies plain data: maps, lists, strings, finite numbers, booleans, null', () => {
    const input = { a: [1, 'x', true, null, { b: -0.5 }], c: {} };
    const { value, problems } = plainData(input);
    expect(problems).toEqual([]);
    expect(value).toEqual(input);
    expect(value).not.toBe(input);
    expect((value as typeof input).a).not.toBe(input.a);
  });

  it('keeps the order of keys, and drops keys whose value is undefined (a library caller\'s "not set")', () => {
    const { value } = plainData({ b: 1, a: undefined, c: 2 });
    expect(Object.keys(value as object)).toEqual(['b', 'c']);
  });

  it('accepts maps without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(plainData({ bare }).value).toEqual({ bare: { a: 1 } });
  });

  describe('what is not plain data is a problem at its path', () => {
    class Custom {
      x = 1;
    }
    it.each([
      ['a Date (YAML !!timestamp)', new Date(0), /a date or time/],
      ['a Map (YAML !!omap)', new Map([['a', 1]]), /a Map/],
      ['a Set (YAML !!set)', new Set([1]), /a Set/],
      ['a Buffer (YAML !!binary)', Buffer.from('x'), /binary data/],
      ['a class instance', new Custom(), /an instance of Custom, not plain data/],
      ['a function', () => 1, /a function, not data/],
      ['a symbol', Symbol('s'), /a symbol, not data/],
      ['a BigInt', BigInt(1), /a BigInt/],
      ['NaN', NaN, /not a finite number/],
      ['Infinity', Infinity, /not a finite number/],
    ])('%s', (_, bad, message) => {
      expect(problemsOf({ spec: { field: bad } })).toEqual([['spec.field', expect.stringMatching(message)]]);
    });

    it('undefined in a list', () => {
      expect(problemsOf({ list: [1, undefined] })).toEqual([['list.1', 'is missing: a list item that is a hole or not set']]);
    });

    it('__proto__ as a key (reported as an unknown key, never followed)', () => {
      const input = JSON.parse('{"a": {"__proto__": {"polluted": true}}}');
      const { problems, value } = plainData(input);
      expect(problems).toEqual([expect.objectContaining({ path: ['a', '__proto__'], atKey: true, message: expect.stringMatching(/^unknown key "__proto__"/) })]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf((value as { a: object }).a)).toBe(Object.prototype);
    });

    it('keeps constructor and toString as ordinary keys (the checks report them as unknown)', () => {
      expect(plainData({ constructor: 1, toString: 'x' }).value).toEqual({ constructor: 1, toString: 'x' });
    });
  });

  describe('hostile objects from library callers', () => {
    it('a cycle', () => {
      const a: Record<string, unknown> = { name: 'x' };
      a.self = { back: a };
      expect(problemsOf(a)).toEqual([['self.back', expect.stringMatching(/refers back to a map or list that contains it/)]]);
    });

    it('a shared (not cyclic) object is copied twice, not refused', () => {
      const shared = { cpu: 1 };
      expect(plainData({ a: shared, b: shared })).toEqual({ value: { a: { cpu: 1 }, b: { cpu: 1 } }, problems: [], fatal: false });
    });

    it('a getter that throws', () => {
      const input = {
        get name(): string {
          throw new Error('boom');
        },
      };
      expect(problemsOf(input)).toEqual([['name', 'cannot be read: boom']]);
    });

    it('a getter is read exactly once: the checks and the build see the same value', () => {
      let reads = 0;
      const input = {
        get name() {
          reads++;
          return reads === 1 ? 'first' : 'second';
        },
      };
      expect(plainData(input).value).toEqual({ name: 'first' });
      expect(reads).toBe(1);
    });

    it('a Proxy whose traps throw', () => {
      const trap = () => {
        throw new Error('trap');
      };
      const hostile = new Proxy({}, { ownKeys: trap });
      expect(problemsOf({ a: hostile })).toEqual([['a', 'cannot be read: trap']]);
      const noProto = new Proxy({}, { getPrototypeOf: trap });
      expect(problemsOf({ a: noProto })).toEqual([['a', expect.stringMatching(/cannot be read: trap/)]]);
    });

    it('a revoked Proxy', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      expect(problemsOf({ a: proxy })).toEqual([['a', expect.stringMatching(/cannot be read/)]]);
    });

    it('a Proxy of a plain object is read through its traps, once', () => {
      const proxy = new Proxy({ a: 1 }, {});
      expect(plainData({ p: proxy }).value).toEqual({ p: { a: 1 } });
    });

    it('something thrown that is not an Error', () => {
      expect(thrownText({ message: 5 })).toBe('an unknown error');
      expect(thrownText('text')).toBe('text');
    });
  });

  describe('limits', () => {
    it('depth', () => {
      let deep: unknown = 1;
      for (let i = 0; i < 10_000; i++) deep = [deep];
      expect(problemsOf(deep)).toEqual([[expect.any(String), `is nested deeper than ${INPUT_LIMITS.depth} levels`]]);
    });

    it('keys per map', () => {
      const big = Object.fromEntries(Array.from({ length: INPUT_LIMITS.keysPerMap + 1 }, (_, i) => [`k${i}`, 1]));
      expect(problemsOf({ big })).toEqual([['big', `is a map of ${INPUT_LIMITS.keysPerMap + 1} keys, more than sg-replica reads`]]);
    });

    it('items per list', () => {
      expect(problemsOf({ list: new Array(100_000).fill(1) })).toEqual([['list', 'is a list of 100000 items, more than sg-replica reads']]);
    });

    it('string length, of values and keys', () => {
      const long = 'x'.repeat(INPUT_LIMITS.stringLength + 1);
      expect(problemsOf({ a: long, [long]: 1 })).toEqual([
        ['', `has a key of ${long.length} characters, longer than sg-replica reads`],
        ['a', `is a string of ${long.length} characters, longer than sg-replica reads`],
      ]);
    });

    it('values in the whole document', () => {
      const wide = Array.from({ length: 100 }, () => new Array(999).fill(0));
      expect(problemsOf({ wide })).toEqual([['', expect.stringMatching(`holds more than ${INPUT_LIMITS.values} values`)]]);
    });

    it('reports at most MAX_LIMIT_PROBLEMS problems, then counts the rest', () => {
      const many = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, NaN]));
      const { problems } = plainData(many);
      expect(problems).toHaveLength(MAX_LIMIT_PROBLEMS + 1);
      expect(problems[MAX_LIMIT_PROBLEMS].message).toBe(`and ${80 - MAX_LIMIT_PROBLEMS} more problems of the kinds above`);
    });
  });
});
