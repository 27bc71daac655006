/**
 * Import boundaries:
 * - provider bindings are imported in one place only (lib/providers/*), from
 *   deep module paths; the package roots cost ~10x in compile time and memory;
 * - folders form one-way layers (docs/ARCHITECTURE.md, "Layers"): a module
 *   imports at run time only from its own folder or from a folder of a lower
 *   rank, so there is no folder cycle and pure code never loads constructs.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return rel.endsWith('.ts') ? [rel] : [];
  });
}

const ALL = ['lib', 'stacks', 'test', 'scripts'].flatMap(sources).concat(['main.ts']);

/**
 * The ranks, lowest first. A folder may import at run time from folders of a
 * lower rank only; folders of one rank do not import each other. `stacks` is
 * the top-level stacks/ folder, `index` lib/index.ts, `main` main.ts.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['terraform', 'catalog', 'helm'], // facts and utilities with no domain: catalogs, Terraform literals, Helm's merge rules
  ['network', 'cloud'], // subnet math; what varies by cloud, as one table
  ['design'], // the design file -> Design: model, schema, shape and cross-field rules, loader
  ['replica', 'sizing', 'chart'], // pure derivations: tags and expiry; chart defaults, presets, workloads; chart key checks
  ['capacity'], // scheduling simulation, placement rules
  ['sourcegraph'], // the Helm values of the release and of its ingress controllers
  ['pricing', 'render'], // cost; the release rendered by the real chart and helm, and its objects checked
  ['kustomize'], // Kustomize replicas: the customer's overlay, the replica's layer, rendered with kubectl
  ['assessment'], // values + capacity + cost of a design
  ['report', 'checks'], // the Markdown report; the check pipeline (validate, synth, report, the app)
  ['providers'], // constructs from here on: the provider bindings
  ['aws', 'gcp'], // cloud constructs
  ['kubernetes', 'policy'], // in-cluster constructs; the policy pack (Aspects)
  ['stacks', 'lifecycle', 'verify'], // stacks compose constructs; expired/leftovers call the clouds; verify reads the running replica
  ['cli'], // the sg-replica command
  ['index', 'main'], // the package entry point; the cdktf app
];

const RANK = new Map(LAYERS.flatMap((folders, rank) => folders.map((folder) => [folder, rank] as const)));

/** The layer a source file belongs to: its folder under lib/, `stacks`, `index` or `main`. */
function unitOf(file: string): string | undefined {
  const parts = file.split(path.sep);
  if (parts[0] === 'main.ts') return 'main';
  if (parts[0] === 'stacks') return 'stacks';
  if (parts[0] !== 'lib') return undefined;
  return parts.length === 2 ? (parts[1] === 'index.ts' ? 'index' : undefined) : parts[1];
}

interface Import {
  readonly from: string;
  readonly to: string;
  /** `import type` / `export type`: erased at compile time, so no run-time edge. */
  readonly typeOnly: boolean;
}

/** Relative imports, re-exports and `require`s of a file, resolved to paths from the repository root. */
function relativeImports(file: string, source: string): Import[] {
  const dir = path.dirname(file);
  const resolve = (spec: string) => path.normalize(path.join(dir, spec));
  const statics = [...source.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm)].map((m) => ({
    from: file,
    to: resolve(m[2]),
    typeOnly: m[1] !== undefined,
  }));
  const requires = [...source.matchAll(/\brequire\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => ({ from: file, to: resolve(m[1]), typeOnly: false }));
  return [...statics, ...requires];
}

function targetUnit(target: string): string | undefined {
  if (target === 'main' || target === 'main.ts') return 'main';
  return unitOf(target.endsWith('.ts') || target.endsWith('.json') ? target : `${target}.ts`);
}

const RUNTIME_CROSS_FOLDER = ALL.flatMap((file) => {
  const from = unitOf(file);
  if (from === undefined) return [];
  return relativeImports(file, fs.readFileSync(path.join(root, file), 'utf8'))
    .filter((i) => !i.typeOnly)
    .map((i) => ({ ...i, fromUnit: from, toUnit: targetUnit(i.to) }))
    .filter((i) => i.toUnit !== undefined && i.toUnit !== from);
});

describe('provider import boundaries', () => {
  it('only lib/providers/* imports @cdktf/provider-* (tests included)', () => {
    const offenders = ALL.filter((f) => !f.startsWith(path.join('lib', 'providers')) && /from '@cdktf\/provider-/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('no file imports a provider package root', () => {
    const offenders = ALL.filter((f) => /from '@cdktf\/provider-[a-z]+'/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('layers', () => {
  it('ranks every folder of lib/ exactly once', () => {
    const folders = fs
      .readdirSync(path.join(root, 'lib'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    const ranked = LAYERS.flat();
    expect(new Set(ranked).size).toBe(ranked.length);
    expect([...folders, 'stacks', 'index', 'main'].sort()).toEqual([...ranked].sort());
  });

  it('imports at run time only from the same folder or a lower rank', () => {
    const upward = RUNTIME_CROSS_FOLDER.filter((i) => RANK.get(i.toUnit!)! >= RANK.get(i.fromUnit)!).map(
      (i) => `${i.from} -> ${i.to} (${i.fromUnit} rank ${RANK.get(i.fromUnit)}, ${i.toUnit} rank ${RANK.get(i.toUnit!)})`,
    );
    expect(upward).toEqual([]);
  });

  it('is the table docs/ARCHITECTURE.md shows', () => {
    const doc = fs.readFileSync(path.join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (\d+) \| ((?:`[a-z]+`(?:, )?)+) \|/gm)].map((m) => [Number(m[1]), [...m[2].matchAll(/`([a-z]+)`/g)].map((f) => f[1])]);
    expect(rows).toEqual(LAYERS.map((folders, rank) => [rank, [...folders]]));
  });

  it('reads type-only and run-time imports apart', () => {
    const imports = relativeImports(
      path.join('lib', 'x', 'a.ts'),
      [
        "import type { Design } from '../design/model';",
        "import { checkRules } from '../design/rules';",
        "export type { Waiver } from '../design/model';",
        "export { mergeValues } from '../helm/merge-values';",
        'import {',
        '  a,',
        '  b,',
        "} from './local';",
        "const lazy = require('../stacks/x') as typeof import('../ignored');",
      ].join('\n'),
    );
    expect(imports.map((i) => [i.to, i.typeOnly])).toEqual([
      [path.join('lib', 'design', 'model'), true],
      [path.join('lib', 'design', 'rules'), false],
      [path.join('lib', 'design', 'model'), true],
      [path.join('lib', 'helm', 'merge-values'), false],
      [path.join('lib', 'x', 'local'), false],
      [path.join('lib', 'stacks', 'x'), false],
    ]);
  });
});
