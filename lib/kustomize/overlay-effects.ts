/**
 * What one entry of a kustomization does to the objects, read from the
 * files (no build): the objects a resource or component adds, the ones its
 * patches delete, and the ones they change. Entries that point into the
 * release (a Sourcegraph component) are followed through the release's
 * tree, nested components included. Pure reads; no network.
 *
 * The checks (check-overlay.ts) use it to say which line of the customer's
 * overlay fights the replica: `components/services/pgsql` changes only the
 * in-cluster pgsql, `components/remove/redis` deletes redis-cache and
 * redis-store, `components/storage-class/aws/ebs-csi` adds a StorageClass.
 * Kind and name selectors of patch targets are regular expressions, as in
 * kustomize.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KUSTOMIZATION_FILE_NAMES } from './locate-release';

/** Objects by kind and name; either may be a regular expression (`StatefulSet|Deployment`, `.*`). */
export interface ObjectSelector {
  readonly kind: string;
  readonly name: string;
}

/** What an entry does. */
export interface Effects {
  /** Objects it adds (resources, generators). */
  readonly adds: readonly ObjectSelector[];
  /** Objects its patches delete (`$patch: delete`). */
  readonly deletes: readonly ObjectSelector[];
  /** Objects its patches, replacements, generators with `behavior: merge|replace` and `replicas` change. */
  readonly patches: readonly ObjectSelector[];
  /** Secrets it generates (secretGenerator), by name. */
  readonly secrets: readonly string[];
}

const NONE: Effects = { adds: [], deletes: [], patches: [], secrets: [] };

function merge(...all: readonly Effects[]): Effects {
  return {
    adds: all.flatMap((e) => e.adds),
    deletes: all.flatMap((e) => e.deletes),
    patches: all.flatMap((e) => e.patches),
    secrets: all.flatMap((e) => e.secrets),
  };
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function docs(text: string): unknown[] {
  try {
    return parseAllDocuments(text).flatMap((d) => ('errors' in d && d.errors.length > 0 ? [] : [d.toJS({ maxAliasCount: 100 }) as unknown]));
  } catch {
    return [];
  }
}

function kindOf(dir: string): 'dir' | 'file' | undefined {
  try {
    const st = statSync(dir);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Kind and name of each document of a plain manifest file, read line by line
 * (`kind:` and `metadata.name` at their usual indentation); undefined when a
 * document does not look plain, to fall back to a full parse. The release's
 * manifests are all plain: reading them this way keeps the checks fast.
 */
function quickAdds(text: string): ObjectSelector[] | undefined {
  const out: ObjectSelector[] = [];
  for (const doc of text.split(/^---[ \t]*$/m)) {
    if (doc.trim() === '' || /^\s*(#.*)?$/.test(doc.replace(/^\s*#.*$/gm, '').trim())) continue;
    const kind = /^kind:[ \t]*["']?([A-Za-z]+)["']?[ \t]*$/m.exec(doc)?.[1];
    const name = /^metadata:[ \t]*\n(?:[ \t]+.*\n|[ \t]*#.*\n|[ \t]*\n)*?[ \t]{2}name:[ \t]*["']?([a-z0-9][-a-z0-9.]*)["']?[ \t]*$/m.exec(doc)?.[1];
    if (!kind || !name || kind === 'List' || /[&*!|>]/.test(/^metadata:.*$/m.exec(doc)?.[0] ?? '')) return undefined;
    out.push({ kind, name });
  }
  return out;
}

/** The objects a file of Kubernetes objects adds. */
export function fileAdds(text: string): ObjectSelector[] {
  const quick = quickAdds(text);
  if (quick) return quick;
  return docs(text).flatMap((d) => {
    if (!isMap(d) || !str(d.kind)) return [];
    const items = d.kind === 'List' && Array.isArray(d.items) ? d.items : [d];
    return items.filter(isMap).flatMap((o) => (str(o.kind) && isMap(o.metadata) && str(o.metadata.name) ? [{ kind: o.kind, name: o.metadata.name }] : []));
  });
}

/** Effects of one patch (text of a strategic merge patch or a JSON 6902 patch) with an optional target. */
export function patchEffects(text: string, target: unknown): Effects {
  const parsed = docs(text);
  const deletes = parsed.some((d) => isMap(d) && d.$patch === 'delete');
  if (isMap(target)) {
    const selector = { kind: str(target.kind) ? target.kind : '.*', name: str(target.name) ? target.name : '.*' };
    return deletes ? { ...NONE, deletes: [selector] } : { ...NONE, patches: [selector] };
  }
  const out: { adds: ObjectSelector[]; deletes: ObjectSelector[]; patches: ObjectSelector[]; secrets: string[] } = { adds: [], deletes: [], patches: [], secrets: [] };
  for (const d of parsed) {
    if (!isMap(d) || !str(d.kind) || !isMap(d.metadata) || !str(d.metadata.name)) continue;
    (d.$patch === 'delete' ? out.deletes : out.patches).push({ kind: d.kind, name: d.metadata.name });
  }
  return out;
}

/** How to read a file an entry names: relative to the kustomization, and only inside `root`. */
interface Reader {
  /** Directory of the kustomization (absolute). */
  readonly dir: string;
  /** Files outside it are not read. */
  readonly root: string;
}

function inRoot(reader: Reader, rel: string): string | undefined {
  const abs = posix.normalize(join(reader.dir, rel));
  return abs === reader.root || abs.startsWith(`${reader.root}/`) ? abs : undefined;
}

/**
 * Effects of the entry `index` of `field` in the kustomization `content` at
 * `reader.dir`. `resolveDir` says which directory a resources/components
 * entry leads to (absolute, only for directories to follow: the release's),
 * or undefined to not follow it.
 */
export function entryEffects(
  content: Readonly<Record<string, unknown>>,
  field: string,
  index: number,
  reader: Reader,
  resolveDir: (entry: string) => { dir: string; root: string } | undefined,
  depth = 0,
): Effects {
  const items = content[field];
  const item = Array.isArray(items) ? items[index] : undefined;
  if (item === undefined) return NONE;
  const fromFile = (rel: unknown): string | undefined => (str(rel) ? (inRoot(reader, rel) ? readText(inRoot(reader, rel)!) : undefined) : undefined);
  switch (field) {
    case 'resources':
    case 'components':
    case 'bases': {
      if (!str(item)) return NONE;
      const followed = resolveDir(item);
      if (followed) return kustomizationEffects(followed.dir, followed.root, depth + 1);
      const file = inRoot(reader, item);
      if (file && kindOf(file) === 'file') return { ...NONE, adds: fileAdds(readText(file) ?? '') };
      return NONE;
    }
    case 'patches':
    case 'patchesJson6902': {
      if (!isMap(item)) return NONE;
      const text = str(item.patch) ? item.patch : fromFile(item.path);
      return text === undefined ? NONE : patchEffects(text, item.target);
    }
    case 'patchesStrategicMerge': {
      if (!str(item)) return NONE;
      const text = item.includes('\n') || /^\s*[\w$-]+:/.test(item) ? item : fromFile(item);
      return text === undefined ? NONE : patchEffects(text, undefined);
    }
    case 'replacements': {
      if (!isMap(item)) return NONE;
      const text = str(item.path) ? fromFile(item.path) : undefined;
      const replacements = text !== undefined ? docs(text).flatMap((d) => (Array.isArray(d) ? d : [d])) : [item];
      const patches = replacements.filter(isMap).flatMap((r) =>
        (Array.isArray(r.targets) ? r.targets : []).filter(isMap).flatMap((t) => (isMap(t.select) ? [{ kind: str(t.select.kind) ? t.select.kind : '.*', name: str(t.select.name) ? t.select.name : '.*' }] : [])),
      );
      return { ...NONE, patches };
    }
    case 'configMapGenerator':
    case 'secretGenerator': {
      if (!isMap(item) || !str(item.name)) return NONE;
      const kind = field === 'configMapGenerator' ? 'ConfigMap' : 'Secret';
      const selector = { kind, name: item.name };
      const merges = item.behavior === 'merge' || item.behavior === 'replace';
      return {
        adds: merges ? [] : [selector],
        deletes: [],
        patches: merges ? [selector] : [],
        secrets: kind === 'Secret' ? [item.name] : [],
      };
    }
    case 'replicas':
      return isMap(item) && str(item.name) ? { ...NONE, patches: [{ kind: 'Deployment|StatefulSet', name: item.name }] } : NONE;
    default:
      return NONE;
  }
}

/** Fields whose entries have effects. */
export const EFFECT_FIELDS = ['resources', 'components', 'bases', 'patches', 'patchesStrategicMerge', 'patchesJson6902', 'replacements', 'configMapGenerator', 'secretGenerator', 'replicas'] as const;

/**
 * Everything the kustomization in `dir` does (its entries, nested
 * kustomizations followed while they stay inside `root`).
 */
export function kustomizationEffects(dir: string, root: string, depth = 0): Effects {
  if (depth > 10) return NONE;
  const name = KUSTOMIZATION_FILE_NAMES.find((n) => kindOf(join(dir, n)) === 'file');
  if (!name) return NONE;
  const parsed = docs(readText(join(dir, name)) ?? '')[0];
  if (!isMap(parsed)) return NONE;
  const reader: Reader = { dir, root };
  const follow = (entry: string) => {
    const abs = inRoot(reader, entry);
    return abs && kindOf(abs) === 'dir' ? { dir: abs, root } : undefined;
  };
  const all: Effects[] = [];
  for (const field of EFFECT_FIELDS) {
    const items = parsed[field];
    if (!Array.isArray(items)) continue;
    items.forEach((_, i) => all.push(entryEffects(parsed, field, i, reader, follow, depth)));
  }
  return merge(...all);
}

const compiled = new Map<string, RegExp | undefined>();

function pattern(text: string): RegExp | undefined {
  if (!compiled.has(text)) {
    let re: RegExp | undefined;
    if (text.length <= 200) {
      try {
        re = new RegExp(`^(?:${text})$`);
      } catch {
        re = undefined;
      }
    }
    compiled.set(text, re);
  }
  return compiled.get(text);
}

/** True when `selector` (regular expressions, anchored as kustomize anchors them) selects `kind`/`name`. */
export function selects(selector: ObjectSelector, kind: string, name: string): boolean {
  const test = (p: string, value: string) => p === value || (pattern(p)?.test(value) ?? false);
  return test(selector.kind, kind) && test(selector.name, name);
}
