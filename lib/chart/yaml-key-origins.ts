/**
 * What a values file's YAML says about where its keys come from, which the
 * parsed values no longer show: keys that define anchors (`x: &common`) and
 * keys merged in through merge keys (`<<: *common`). `checkValueKeys` uses
 * it to tell typos from anchor holders and shared blocks.
 */
import { Document, isAlias, isMap, isScalar, isSeq, Node } from 'yaml';
import type { CheckValueKeysOptions } from './check-value-keys';

/** A key for a path in a values document (same encoding as lib/design's `pathKey`). */
export function valuePathKey(path: readonly (string | number)[]): string {
  return path.map(String).join('\u0000');
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && (key.value === '<<' || (typeof key.value === 'symbol' && key.source === '<<'));
}

function keyName(key: unknown): string {
  return String(isScalar(key) ? key.value : key);
}

/**
 * The anchors and merged keys of a parsed YAML document, for
 * `checkValueKeys(values, version, yamlKeyOrigins(doc))`. Works whether or
 * not the document was parsed with `merge: true`.
 */
export function yamlKeyOrigins(doc: Document): Required<CheckValueKeysOptions> {
  const anchors = new Map<string, string>();
  const merged = new Set<string>();

  const visit = (node: unknown, path: readonly (string | number)[]): void => {
    if (!node || isAlias(node)) return;
    const anchor = (node as Node).anchor;
    if (typeof anchor === 'string' && path.length > 0) anchors.set(valuePathKey(path), anchor);
    if (isMap(node)) {
      const explicit = new Set(node.items.filter((pair) => !isMergeKey(pair.key)).map((pair) => keyName(pair.key)));
      for (const pair of node.items) {
        if (isMergeKey(pair.key)) {
          const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
          for (const source of sources) {
            const resolved = isAlias(source) ? source.resolve(doc) : source;
            if (!isMap(resolved)) continue;
            for (const item of resolved.items) {
              const name = keyName(item.key);
              if (!explicit.has(name)) merged.add(valuePathKey([...path, name]));
            }
          }
          continue;
        }
        visit(pair.value, [...path, keyName(pair.key)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, [...path, index]));
    }
  };

  visit(doc.contents, []);
  return { anchors, merged };
}
