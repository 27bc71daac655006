/** Shape checks against the schema: every message, where it points, and the paths it marks invalid for the rules. */
import { designSchema } from '../../lib/design/design-schema';
import { array, boolean, freeform, integer, map, object, string } from '../../lib/design/schema-dsl';
import { DEFAULT_MAX_STRING_LENGTH, pathKey, validateShape } from '../../lib/design/validate-shape';

const schema = object('Root.', {
  name: string('A name.', { pattern: /^[a-z]+$/, patternHint: 'lowercase letters' }),
  code: string('A code.', { pattern: /^\d+$/ }),
  version: string('A version.', { pattern: /^\d+\.\d+$/ }),
  kind: string('A kind.', { enum: ['alpha', 'beta'] }),
  label: string('A label.', { minLength: 3, maxLength: 5 }),
  empty: string('Not empty.', { minLength: 1 }),
  count: integer('A count.', { minimum: 1, maximum: 5 }),
  floor: integer('At least 2.', { minimum: 2 }),
  flag: boolean('A flag.'),
  items: array('Items.', string('An item.'), { minItems: 1, maxItems: 2 }),
  one: array('One item.', string('An item.'), { minItems: 2 }),
  tags: map('Tags.', string('A tag.', { maxLength: 3 })),
  values: freeform('Anything.'),
  nested: object('Nested.', { inner: integer('Inner.') }, { required: ['inner'] }),
  closed: object('No fields.', {}),
}, { required: ['name'] });

function problems(value: unknown) {
  return validateShape(value, schema).problems.map((p) => [p.path.join('.'), p.message, p.got, p.allowed]);
}

describe('validateShape', () => {
  it('accepts a document that fits', () => {
    const result = validateShape({ name: 'ok', kind: 'beta', count: 3, flag: true, items: ['a'], tags: { a: 'b' }, values: { any: [1] }, nested: { inner: 1 } }, schema);
    expect(result).toEqual({ problems: [], invalid: new Set() });
  });

  it.each<[string, Record<string, unknown>, (string | undefined)[]]>([
    ['a number where a string goes', { name: 'ok', code: 12 }, ['code', 'expected a string; quote it', 'a number 12', undefined]],
    ['an unquoted version YAML read as a number', { name: 'ok', version: 1.3 }, ['version', 'expected a string; quote it, YAML reads an unquoted 1.3 as a number', 'a decimal number 1.3', undefined]],
    ['a map where a string goes', { name: 'ok', code: { a: 1 } }, ['code', 'expected a string', 'a map', undefined]],
    ['an enum typo', { name: 'ok', kind: 'alpah' }, ['kind', 'unknown value, did you mean "alpha"?', '"alpah"', 'alpha | beta']],
    ['an enum value far from any', { name: 'ok', kind: 'zzz' }, ['kind', 'unknown value', '"zzz"', 'alpha | beta']],
    ['an empty string', { name: 'ok', empty: '' }, ['empty', 'must not be empty', '""', undefined]],
    ['a string too short', { name: 'ok', label: 'ab' }, ['label', 'must be at least 3 characters', '"ab"', undefined]],
    ['a string too long', { name: 'ok', label: 'abcdef' }, ['label', 'must be at most 5 characters', '6 characters', undefined]],
    ['a pattern with a hint', { name: 'Ok' }, ['name', 'invalid format', '"Ok"', 'lowercase letters']],
    ['a pattern without a hint', { name: 'ok', code: 'x' }, ['code', 'invalid format', '"x"', '^\\d+$']],
    ['a decimal where a whole number goes', { name: 'ok', count: 2.5 }, ['count', 'expected a whole number', 'a decimal number 2.5', undefined]],
    ['a number out of range', { name: 'ok', count: 9 }, ['count', 'out of range', '9', '1 to 5']],
    ['a number below an open-ended range', { name: 'ok', floor: 1 }, ['floor', 'out of range', '1', '2 to ...']],
    ['a string where true/false goes', { name: 'ok', flag: 'yes' }, ['flag', 'expected true or false', 'a string "yes"', undefined]],
    ['a scalar where a list goes', { name: 'ok', items: 'a' }, ['items', 'expected a list', 'a string "a"', undefined]],
    ['too few items (one)', { name: 'ok', items: [] }, ['items', 'needs at least 1 item', '0', undefined]],
    ['too few items (several)', { name: 'ok', one: ['a'] }, ['one', 'needs at least 2 items', '1', undefined]],
    ['too many items', { name: 'ok', items: ['a', 'b', 'c'] }, ['items', 'allows at most 2 items', '3', undefined]],
    ['a bad item', { name: 'ok', items: [1] }, ['items.0', 'expected a string; quote it', 'a number 1', undefined]],
    ['a list where a map goes', { name: 'ok', tags: ['a'] }, ['tags', 'expected a map', 'a list of 1', undefined]],
    ['a bad map value', { name: 'ok', tags: { a: 'long' } }, ['tags.a', 'must be at most 3 characters', '4 characters', undefined]],
    ['a scalar where Helm values go', { name: 'ok', values: 'x' }, ['values', 'expected a map', 'a string "x"', undefined]],
    ['nothing where an object goes', { name: 'ok', nested: null }, ['nested', 'expected a map', 'nothing', undefined]],
    ['a required field missing below', { name: 'ok', nested: {} }, ['nested.inner', 'required field is missing', undefined, undefined]],
    ['a field of an object that has none', { name: 'ok', closed: { x: 1 } }, ['closed.x', 'unknown field', undefined, 'no fields']],
    ['a required field missing at the top', {}, ['name', 'required field is missing', undefined, undefined]],
  ])('%s', (_case, value, expected) => {
    expect(problems(value)).toEqual([expected]);
  });

  it('reports an unknown field at its key, with a did-you-mean and the known fields', () => {
    const [p] = validateShape({ name: 'ok', cuont: 1 }, schema).problems;
    expect(p).toEqual({
      severity: 'error',
      path: ['cuont'],
      atKey: true,
      message: 'unknown field, did you mean "count"?',
      allowed: 'name, code, version, kind, label, empty, count, floor, flag, items, one, tags, values, nested, closed',
    });
  });

  it('marks the refused paths for the rules, but not unknown fields (nothing reads them)', () => {
    const { invalid } = validateShape({ name: 'ok', count: 9, nested: { inner: 'x' }, stray: 1 }, schema);
    expect([...invalid]).toEqual([pathKey(['count']), pathKey(['nested', 'inner'])]);
  });

  it('refuses a root that is not a map', () => {
    expect(validateShape(['a'], schema).problems).toEqual([{ severity: 'error', path: [], message: 'expected a map', got: 'a list of 1' }]);
  });

  it('reports every problem of a design at once', () => {
    const { problems: found } = validateShape({ name: 'X', customer: '', cloud: { provider: 'azure' }, kubernetes: { version: 1.3 } }, designSchema);
    expect(found.map((p) => p.path.join('.'))).toEqual(['name', 'customer', 'cloud.provider', 'cloud.region', 'kubernetes.version', 'kubernetes.nodePools', 'owner', 'sourcegraph']);
  });
});

describe('pathKey', () => {
  it('keeps paths apart that a dotted string would mix up', () => {
    expect(pathKey(['a.b'])).not.toBe(pathKey(['a', 'b']));
    expect(pathKey(['nodePools', 0])).toBe(pathKey(['nodePools', '0']));
  });
});

describe('hostile keys and strings (issue 17)', () => {
  const schema = object('root', { name: string('n', { pattern: /^[a-z]+$/ }), nested: object('n', { a: integer('a') }) });

  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'])('%s is an unknown field, never accepted silently', (key) => {
    const input = JSON.parse(`{"name": "ok", "${key}": 1, "nested": {"${key}": 2}}`);
    expect(validateShape(input, schema).problems.map((p) => [p.path.join('.'), p.message, p.atKey])).toEqual([
      [key, 'unknown field', true],
      [`nested.${key}`, 'unknown field', true],
    ]);
  });

  it('a required field named like an Object.prototype member must be the map\'s own', () => {
    const required = object('root', { toString: string('t') }, { required: ['toString'] });
    expect(validateShape({}, required).problems.map((p) => p.message)).toEqual(['required field is missing']);
  });

  it('refuses a string longer than its field allows before matching patterns or suggesting (no quadratic work)', () => {
    const long = 'a'.repeat(40_000);
    expect(validateShape({ name: long }, schema).problems).toEqual([expect.objectContaining({ message: `must be at most ${DEFAULT_MAX_STRING_LENGTH} characters`, got: '40000 characters' })]);
    const owner = validateShape({ owner: `${'a'.repeat(40_000)}@b` }, designSchema).problems.find((p) => p.path[0] === 'owner');
    expect(owner).toMatchObject({ message: 'must be at most 254 characters' });
  });
});
