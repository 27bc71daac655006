import { unreadable } from '../../lib/verify/check-input';
import { emptyState } from '../../lib/verify/cluster-state';

describe('unreadable', () => {
  it('names each source a check needs that could not be read, with why', () => {
    const state = { ...emptyState(), readErrors: { nodes: 'forbidden', events: 'timeout' } };
    expect(unreadable(state, ['nodes', 'pods'])).toEqual(['could not read nodes: forbidden']);
    expect(unreadable(emptyState(), ['nodes'])).toEqual([]);
  });
});
