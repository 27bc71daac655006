import { formatDuration, parseDuration, progressPrinter, settleStatus, waitForSettle } from '../../lib/verify/settle';
import { crashLooping, pendingPod, unboundClaim } from './support/breakages';
import { healthyReplica, helmReleaseSecret, ReplicaCluster } from './support/replica-objects';
import { example, inputFor, stateFromCluster } from './support/test-cluster';

describe('--wait', () => {
  const acme = example('acme-prod');
  const input = (c: ReplicaCluster) => inputFor(acme.design, acme.assessment, c);

  it('durations: 90s, 15m, 1h30m; not "soon"', () => {
    expect(['90s', '15m', '1h30m', '1h', 'soon', '', '10'].map(parseDuration)).toEqual([90_000, 900_000, 5_400_000, 3_600_000, undefined, undefined, undefined]);
    expect([formatDuration(5_000), formatDuration(65_000)]).toEqual(['5s', '1m05s']);
  });

  it('settled only when the release is deployed, every workload ready, every claim bound, no pod problem', () => {
    expect(settleStatus(input(healthyReplica(acme.design, acme.assessment)))).toEqual({ settled: true, failed: false, summary: 'release deployed; 13/13 workloads ready' });
    const c = healthyReplica(acme.design, acme.assessment);
    pendingPod(c, acme.design, 'gitserver-0', 'waiting');
    unboundClaim(c, acme.design, 'repos-gitserver-0', 'waiting for first consumer');
    expect(settleStatus(input(c))).toMatchObject({ settled: false, summary: 'release deployed; 12/13 workloads ready; 1/6 claims not bound; 1 pod problem (gitserver-0 Pending, not scheduled: FailedScheduling: waiting (×12))' });
    const failed = healthyReplica(acme.design, acme.assessment);
    failed.objects.push(helmReleaseSecret(acme.design, {}, 2, 'failed', 'context deadline exceeded'));
    expect(settleStatus(input(failed))).toMatchObject({ settled: false, failed: true });
  });

  it('polls until settled, stops when the release failed or the time is up', async () => {
    const broken = healthyReplica(acme.design, acme.assessment);
    crashLooping(broken, acme.design, /^worker-/);
    const states = [broken, broken, healthyReplica(acme.design, acme.assessment)];
    let t = 0;
    const seen: string[] = [];
    const result = await waitForSettle({
      poll: async () => stateFromCluster(acme.design, states.shift() ?? broken),
      inputFor: (state) => ({ design: acme.design, assessment: acme.assessment, state }),
      timeoutMs: 60_000,
      intervalMs: 10_000,
      sleep: async (ms) => void (t += ms),
      now: () => t,
      onProgress: (s, elapsed) => seen.push(`${elapsed} ${s.settled}`),
    });
    expect(result).toMatchObject({ timedOut: false, elapsedMs: 20_000, status: { settled: true } });
    expect(seen).toEqual(['0 false', '10000 false', '20000 true']);
    t = 0;
    const timedOut = await waitForSettle({ poll: async () => stateFromCluster(acme.design, broken), inputFor: (state) => ({ design: acme.design, assessment: acme.assessment, state }), timeoutMs: 25_000, intervalMs: 10_000, sleep: async (ms) => void (t += ms), now: () => t });
    expect(timedOut).toMatchObject({ timedOut: true, elapsedMs: 20_000, status: { settled: false } });
  });

  it('progress: rewritten in place on a terminal, one line per change otherwise', () => {
    const tty: string[] = [];
    const p = progressPrinter({ isTTY: true, write: (s: string) => tty.push(s) });
    p.update({ settled: false, failed: false, summary: 'a' }, 1000);
    p.update({ settled: true, failed: false, summary: 'b' }, 2000);
    p.done();
    expect(tty).toEqual(['\r\x1b[2Kwaiting for the release to settle (1s): a', '\r\x1b[2Kwaiting for the release to settle (2s): b', '\n']);
    const log: string[] = [];
    const q = progressPrinter({ isTTY: false, write: (s: string) => log.push(s) });
    q.update({ settled: false, failed: false, summary: 'a' }, 1000);
    q.update({ settled: false, failed: false, summary: 'a' }, 2000);
    q.update({ settled: true, failed: false, summary: 'b' }, 3000);
    q.done();
    expect(log).toEqual(['waiting for the release to settle (1s): a\n', 'waiting for the release to settle (3s): b\n']);
  });
});
