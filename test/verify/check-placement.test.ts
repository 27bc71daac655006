import { checkPlacement } from '../../lib/verify/check-placement';
import { Decision } from '../../lib/verify/decision';
import { podOnWrongPool } from './support/breakages';
import { find, findAll, healthyReplica } from './support/replica-objects';
import { example, inputFor } from './support/test-cluster';

function byId(ds: readonly Decision[], id: string): Decision {
  return ds.find((x) => x.id === id)!;
}

describe('checkPlacement', () => {
  const globex = example('globex-search');

  it('confirms pods where the simulation put them, and requests and headroom per pool as simulated', () => {
    const ds = checkPlacement(inputFor(globex.design, globex.assessment, healthyReplica(globex.design, globex.assessment)));
    expect(ds.map((d) => [d.id, d.status])).toEqual([
      ['placement.pods', 'confirmed'],
      ['placement.capacity', 'confirmed'],
    ]);
    expect(byId(ds, 'placement.capacity').evidence).toEqual([
      expect.stringMatching(/^general \(3 × m6i\.4xlarge\): Sourcegraph requests .* \(simulated .*\); all pods .* allocatable, headroom \d+ % CPU \/ \d+ % memory \(simulated \d+ % \/ \d+ %\)$/),
      expect.stringMatching(/^search \(1 × r6i\.4xlarge\): /),
    ]);
  });

  it('a pod on a pool the design keeps it off deviates, saying which rule and what the pod lacks', () => {
    const cluster = healthyReplica(globex.design, globex.assessment);
    podOnWrongPool(cluster, 'indexed-search-0', 'eks.amazonaws.com/nodegroup', 'globex-search-general');
    const d = byId(checkPlacement(inputFor(globex.design, globex.assessment, cluster)), 'placement.pods');
    expect(d.status).toBe('deviates');
    expect(d.reasons).toEqual([
      expect.stringMatching(
        /^indexed-search-0 runs on pool general \(node ip-[^)]+\); the design puts it on search \(on general: nodeSelector workload=search does not match \(node has no label workload\)\); the pod has no nodeSelector workload=search: the release does not carry the design's placement for indexedSearch$/,
      ),
    ]);
  });

  it('Sourcegraph requests far from the simulation, and headroom eaten by other pods, deviate with numbers', () => {
    const cluster = healthyReplica(globex.design, globex.assessment);
    const pod = find(cluster, 'Pod', 'gitserver-0');
    (pod.spec as { containers: { resources: { requests: Record<string, string> } }[] }).containers[0].resources.requests = { cpu: '12', memory: '64Gi' };
    const general = findAll(cluster, 'Node').find((n) => n.metadata.labels!['eks.amazonaws.com/nodegroup'] === 'globex-search-general')!;
    cluster.objects.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'someone-elses-batch', namespace: 'default' }, spec: { nodeName: general.metadata.name, containers: [{ name: 'x', resources: { requests: { cpu: '8', memory: '16Gi' } } }] }, status: { phase: 'Running' } });
    const d = byId(checkPlacement(inputFor(globex.design, globex.assessment, cluster)), 'placement.capacity');
    expect(d.status).toBe('deviates');
    expect(d.reasons).toEqual([
      expect.stringMatching(/^pool general: Sourcegraph requests [\d.]+ vCPU, simulated [\d.]+ vCPU \(\+\d+ %\)$/),
      expect.stringMatching(/^pool general: Sourcegraph requests [\d.]+ GiB, simulated [\d.]+ GiB \(\+\d+ %\)$/),
      expect.stringMatching(/^pool general: \d+ % CPU headroom, simulated \d+ %: other pods request more than planned$/),
      expect.stringMatching(/^pool general: \d+ % memory headroom, simulated \d+ %: other pods request more than planned$/),
    ]);
  });

  it('a node offering less than sg-replica’s model of its machine type deviates', () => {
    const cluster = healthyReplica(globex.design, globex.assessment);
    const node = findAll(cluster, 'Node')[0];
    (node.status as { allocatable: Record<string, string> }).allocatable.memory = '40Gi';
    const d = byId(checkPlacement(inputFor(globex.design, globex.assessment, cluster)), 'placement.capacity');
    expect(d.reasons).toEqual([expect.stringMatching(new RegExp(`^node ${node.metadata.name.replace(/\./g, '\\.')}: allocatable memory 40 GiB is \\d+ % below sg-replica's model of m6i\\.4xlarge \\([\\d.]+ GiB\\): the capacity simulation is optimistic here$`))]);
  });

  it('a pod on another pool its rules allow (the autoscaler added nodes there) is noted, not a deviation', () => {
    const hooli = example('hooli-private-gke');
    const cluster = healthyReplica(hooli.design, hooli.assessment);
    const batch = JSON.parse(JSON.stringify(findAll(cluster, 'Node')[0]));
    batch.metadata.name = 'gke-hooli-private-batch-1';
    Object.assign(batch.metadata.labels, { 'cloud.google.com/gke-nodepool': 'batch', 'node.kubernetes.io/instance-type': 'n2d-standard-8', workload: 'batch', 'cloud.google.com/gke-spot': 'true' });
    cluster.objects.push(batch);
    // Some workload the simulation (at min, max and today's node counts) did not put on the batch pool, though
    // its rules allow it there: moved onto the new batch node, it is noted, not a deviation.
    const candidates = findAll(cluster, 'Pod').map((p) => p.metadata.name).filter((n) => !/^(indexed-search|gitserver|pgsql|codeintel-db|codeinsights-db|redis)/.test(n));
    const results = candidates.map((name) => {
      const moved = JSON.parse(JSON.stringify(cluster));
      const pod = find(moved, 'Pod', new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      (pod.spec as { nodeName: string }).nodeName = batch.metadata.name;
      return { name, d: byId(checkPlacement(inputFor(hooli.design, hooli.assessment, moved)), 'placement.pods') };
    });
    const noted = results.find((r) => /1 on another pool their rules allow/.test(r.d.summary));
    expect(noted).toBeDefined();
    expect(noted!.d.status).toBe('confirmed');
    expect(noted!.d.summary).toContain(`(${noted!.name.replace(/-[^-]+$/, '')}`);
  });
});
