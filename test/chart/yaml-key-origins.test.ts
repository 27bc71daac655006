import { parseDocument } from 'yaml';
import { valuePathKey, yamlKeyOrigins } from '../../lib/chart/yaml-key-origins';

const TEXT = `x-sa: &sa
  create: false
  name: shared
labels: &labels
  a: b
frontend:
  <<: *sa
  name: own
worker:
  <<: [*sa, *labels]
list:
  - &item {k: v}
`;

describe('yamlKeyOrigins', () => {
  test.each([false, true])('finds anchors and merged keys (merge: %s)', (merge) => {
    const { anchors, merged } = yamlKeyOrigins(parseDocument(TEXT, { merge }));
    expect([...anchors.entries()]).toEqual([
      [valuePathKey(['x-sa']), 'sa'],
      [valuePathKey(['labels']), 'labels'],
      [valuePathKey(['list', 0]), 'item'],
    ]);
    // frontend.name is its own key, not merged
    expect([...merged].sort()).toEqual(
      [['frontend', 'create'], ['worker', 'create'], ['worker', 'name'], ['worker', 'a']].map(valuePathKey).sort(),
    );
  });

  test('valuePathKey matches the design loader encoding', () => {
    expect(valuePathKey(['a', 0, 'b'])).toBe('a\u00000\u0000b');
  });
});
