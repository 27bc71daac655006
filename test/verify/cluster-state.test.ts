import { emptyState, timeOf } from '../../lib/verify/cluster-state';

describe('cluster state', () => {
  it('an empty snapshot has every list, and nothing unread', () => {
    expect(emptyState()).toMatchObject({ nodes: [], pods: [], allPods: [], events: [], secretNames: [], readErrors: {} });
    expect(emptyState().helmRelease).toBeUndefined();
  });

  it('timestamps from the client (Date) and from raw JSON (string) read alike; absent or bad ones are 0', () => {
    expect(timeOf(new Date('2026-11-27T09:00:00Z'))).toBe(Date.parse('2026-11-27T09:00:00Z'));
    expect(timeOf('2026-11-27T09:00:00Z')).toBe(Date.parse('2026-11-27T09:00:00Z'));
    expect([timeOf(undefined), timeOf(null), timeOf('never')]).toEqual([0, 0, 0]);
  });
});
