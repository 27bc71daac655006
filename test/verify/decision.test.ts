import { confirmed, deviates, exitCodeFor, judged, tally, unchecked, VERIFY_EXIT } from '../../lib/verify/decision';

const head = { id: 'cluster.version', family: 'cluster' as const, title: 'Kubernetes 1.33' };

describe('decisions and the exit code they add up to', () => {
  it('a deviation always carries a reason; judged() decides from the problems', () => {
    expect(deviates(head, 'runs 1.32', [])).toMatchObject({ status: 'deviates', reasons: ['runs 1.32'] });
    expect(judged(head, [], 'ok', 'wrong')).toMatchObject({ status: 'confirmed', summary: 'ok', reasons: [] });
    expect(judged(head, ['a', 'b'], 'ok', 'wrong')).toMatchObject({ status: 'deviates', summary: 'wrong', reasons: ['a', 'b'] });
  });

  it('0 all confirmed, 1 any deviation, 3 something could not be checked (and nothing deviates)', () => {
    const ok = confirmed(head, 'ok');
    const bad = deviates(head, 'bad', ['why']);
    const unknown = unchecked(head, 'could not read nodes');
    expect(exitCodeFor([ok, ok])).toBe(VERIFY_EXIT.confirmed);
    expect(exitCodeFor([ok, unknown])).toBe(VERIFY_EXIT.incomplete);
    expect(exitCodeFor([ok, unknown, bad])).toBe(VERIFY_EXIT.deviation);
    expect(tally([ok, unknown, bad, bad])).toEqual({ confirmed: 1, deviates: 2, unchecked: 1 });
    expect(VERIFY_EXIT).toEqual({ confirmed: 0, deviation: 1, unreachable: 2, incomplete: 3 });
  });
});
