/**
 * fast-check arbitraries for hostile and careless input: designs (as objects
 * and as YAML text) and Helm override files, made by mutating the example
 * designs, so that most cases get past the first checks and reach the deep
 * ones (rules, override keys, capacity); YAML text that stresses the parser;
 * and objects only a library caller can hand over (throwing getters, proxies,
 * cycles, class instances). Valid designs for "validate => synth" are in
 * valid-designs.ts.
 *
 * Used by test/fuzz/hostile-input.test.ts (a bounded number of cases in
 * `npm test`) and scripts/fuzz.ts (many more, with timings).
 */
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples', 'designs');

/** The example designs, parsed (override files left out). */
export const SEED_DESIGNS: ReadonlyArray<{ readonly name: string; readonly value: Record<string, unknown> }> = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml') && !f.endsWith('-override.yaml'))
  .sort()
  .map((f) => ({ name: f, value: parse(fs.readFileSync(path.join(EXAMPLES, f), 'utf8')) as Record<string, unknown> }));

/** The example override file, parsed. */
export const SEED_OVERRIDE = parse(fs.readFileSync(path.join(EXAMPLES, 'acme-override.yaml'), 'utf8')) as Record<string, unknown>;

/** Strings a careless or hostile user writes. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '-',
  'a-',
  'a--b',
  'google-bucket',
  '${file("/etc/hostname")}',
  '%{ if true }x%{ endif }',
  '${TfToken[TOKEN.1]}',
  '#{TfToken[TOKEN.1]}',
  '__proto__',
  'constructor',
  'toString',
  '0.0.0.0/0',
  '::/0',
  '010.042.0.0/16',
  '10.0.0.1/16',
  '192.168.0.0/33',
  'garbage',
  '1e308',
  '-1',
  '500',
  '2147483648',
  '1.5Gi',
  '-4',
  '4G',
  'db.zz9.huge',
  'db-custom-0-0',
  '127.0.0.1',
  'example.123',
  'kube-system',
  'default',
  'kubernetes.io/role',
  'k8s.io/x',
  `${'a'.repeat(254)}/key`,
  'x'.repeat(10_000),
  'é\u0000\u202e',
  'm6a.4xlage',
  'NoSchedule',
  '1.33',
  '7.6.0',
  '6.12.5040',
  'us-east-2',
  'europe-west4',
  'db.m7g.large',
  'cache.r7g.large',
  'db-custom-4-16384',
  '0.0.0.0/1',
  '128.0.0.0/1',
  'sourcegraph.example.com',
  '1.2.3.4',
  'gke-managed-system',
  'ingress-nginx',
  '-1Gi',
  '500m',
  '1e3',
  '<<',
  '*alias',
  '&anchor',
  '!!set',
  '? x',
  '- a',
  'a: b',
  '\t',
  '\n',
  '#',
];

const scalar = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -3, max: 10 }),
  fc.constantFrom(0, -1, 2147483648, 1e308, Number.MAX_SAFE_INTEGER, 0.5, -0.0, 1e-9, 200, 201, 100000),
  fc.boolean(),
  fc.constant(null),
);

/** Any value a YAML document can hold, shallow enough to generate quickly. */
export const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 3 }),
  map: fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'name', 'enabled', 'value', 'replicaCount', 'nodeSelector', 'resources', 'requests', 'cpu', 'memory', 'storageSize', 'env', 'affinity', 'labels'), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 3 }),
})).value;

type Mutable = Record<string, unknown> | unknown[];

function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => leafPaths(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]))];
  return [prefix];
}

/** A deep copy of plain data, keeping keys such as `__proto__` as own keys; never shares a map or list with `value`. */
function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => clone(item)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: clone(v), enumerable: true, writable: true, configurable: true });
    return out as T;
  }
  return value;
}

/** One change to a document: set a path to a value, delete it, or add an unknown key beside it. */
export interface Mutation {
  readonly kind: 'set' | 'delete' | 'add';
  readonly pick: number;
  readonly value: unknown;
  readonly key: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('set', 'set', 'set', 'delete', 'add'),
  pick: fc.nat(),
  value: anyValue,
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'extra'), fc.string({ maxLength: 8 })),
});

/** Applies mutations to a copy of `doc`. */
export function mutate(doc: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  const out = clone(doc);
  for (const m of mutations) {
    const paths = leafPaths(out).filter((p) => p.length > 0);
    if (!paths.length) break;
    const p = paths[m.pick % paths.length];
    let parent: Mutable = out;
    for (const seg of p.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[seg] as Mutable;
    const last = p[p.length - 1];
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last as string];
    } else if (m.kind === 'set') {
      // A copy: fast-check reuses a mutation's value while shrinking, and a later mutation may write into it.
      Object.defineProperty(parent, last, { value: clone(m.value), enumerable: true, writable: true, configurable: true });
    } else if (!Array.isArray(parent)) {
      Object.defineProperty(parent, m.key, { value: clone(m.value), enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}

/** A design object: an example design with a few mutations. */
export const designObject: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(fc.constantFrom(...SEED_DESIGNS), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([seed, ms]) => mutate(seed.value, ms));

/** A Helm override file: the example override with a few mutations. */
export const overrideObject: fc.Arbitrary<Record<string, unknown>> = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => mutate(SEED_OVERRIDE, ms));

/** YAML snippets that stress the parser: tags, anchors, aliases, duplicate keys, deep nesting. */
export const hostileYaml: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'name: !!set {a, b}\n',
    'name: !!omap [{a: 1}]\n',
    'name: !!timestamp 2026-11-28\n',
    'name: !!binary aGVsbG8=\n',
    'name: !!js/function "function(){}"\n',
    'a: &a [*a]\n',
    'name: *undefined\n',
    'a: &a {b: 1}\nb: *a\n<<: *a\n',
    'name: x\nname: y\n',
    `${'['.repeat(1200)}${']'.repeat(1200)}\n`,
    `${'{a: '.repeat(1200)}1${'}'.repeat(1200)}\n`,
    '? [a, b]\n: c\n',
    '? {a: 1}\n: c\n',
    '---\nname: a\n---\nname: b\n',
    '\uFEFFname: x\n',
    'name: "\\x00"\n',
  ),
  fc.integer({ min: 10_000, max: 30_000 }).map((n) => `${Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n')}\n`),
  fc.integer({ min: 60, max: 200 }).map((n) => `${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`),
  fc.integer({ min: 2, max: 12 }).map((n) => {
    // A "billion laughs" alias bomb of n levels.
    const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= n; i++) lines.push(`l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
    return `${lines.join('\n')}\n`;
  }),
);

/** What only a library caller can put into a design object. */
export type HostileKind = 'throwing getter' | 'changing getter' | 'proxy' | 'revoked proxy' | 'cycle' | 'date' | 'map' | 'set' | 'function' | 'symbol' | 'bigint' | 'nan' | 'class' | 'null prototype' | 'array with holes';

const HOSTILE_KINDS: readonly HostileKind[] = ['throwing getter', 'changing getter', 'proxy', 'revoked proxy', 'cycle', 'date', 'map', 'set', 'function', 'symbol', 'bigint', 'nan', 'class', 'null prototype', 'array with holes'];

class Widget {
  readonly size = 1;
}

function hostileValue(kind: HostileKind, root: Record<string, unknown>, original: unknown): { value?: unknown; getter?: () => unknown } {
  switch (kind) {
    case 'throwing getter':
      return {
        getter: () => {
          throw new Error('getter threw');
        },
      };
    case 'changing getter': {
      let reads = 0;
      return { getter: () => (++reads === 1 ? original : { changed: reads }) };
    }
    case 'proxy':
      return {
        value: new Proxy(
          {},
          {
            ownKeys: () => {
              throw new Error('ownKeys trap');
            },
            get: () => {
              throw new Error('get trap');
            },
          },
        ),
      };
    case 'revoked proxy': {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return { value: proxy };
    }
    case 'cycle':
      return { value: root };
    case 'date':
      return { value: new Date(0) };
    case 'map':
      return { value: new Map([['a', 1]]) };
    case 'set':
      return { value: new Set([1]) };
    case 'function':
      return { value: () => 1 };
    case 'symbol':
      return { value: Symbol('s') };
    case 'bigint':
      return { value: BigInt(1) };
    case 'nan':
      return { value: NaN };
    case 'class':
      return { value: new Widget() };
    case 'null prototype':
      return { value: Object.assign(Object.create(null) as object, { toString: 1, a: { valueOf: 2 } }) };
    case 'array with holes':
      // eslint-disable-next-line no-sparse-arrays
      return { value: [1, , 3] };
  }
}

/** A design object (an example, mutated) with one value only a library caller can give, at a random place. */
export const hostileDesignObject: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(designObject, fc.constantFrom(...HOSTILE_KINDS), fc.nat())
  .map(([source, kind, pick]) => {
    // A copy: fast-check reuses the source value while shrinking.
    const doc = clone(source);
    const paths = leafPaths(doc).filter((p) => p.length > 0);
    const at = paths[pick % paths.length];
    let parent: Mutable = doc;
    for (const seg of at.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[seg] as Mutable;
    const last = at[at.length - 1];
    const original = (parent as Record<string | number, unknown>)[last];
    const { value, getter } = hostileValue(kind, doc, original);
    Object.defineProperty(parent, last, getter ? { get: getter, enumerable: true, configurable: true } : { value, enumerable: true, writable: true, configurable: true });
    return doc;
  });
