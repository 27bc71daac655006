import { checkSourcegraph, claimNames, parseImage } from '../../lib/verify/check-sourcegraph';
import { Decision } from '../../lib/verify/decision';
import { crashLooping, pendingPod, unboundClaim } from './support/breakages';
import { find, findAll, healthyReplica, helmReleaseSecret } from './support/replica-objects';
import { example, inputFor } from './support/test-cluster';

function byId(ds: readonly Decision[], id: string): Decision {
  return ds.find((x) => x.id === id)!;
}

describe('checkSourcegraph', () => {
  const acme = example('acme-prod');
  const run = (cluster = healthyReplica(acme.design, acme.assessment)) => checkSourcegraph(inputFor(acme.design, acme.assessment, cluster));

  it('confirms a healthy replica: release, images, workloads, volumes, pods, migrations', () => {
    const ds = run();
    expect(ds.map((d) => [d.id, d.status])).toEqual([
      ['sourcegraph.release', 'confirmed'],
      ['sourcegraph.images', 'confirmed'],
      ['sourcegraph.workloads', 'confirmed'],
      ['sourcegraph.volumes', 'confirmed'],
      ['sourcegraph.pods', 'confirmed'],
      ['sourcegraph.migrations', 'confirmed'],
    ]);
    // acme's override runs 3 frontends and 2 searchers; the size preset and override sizes give 6 claims.
    expect(byId(ds, 'sourcegraph.migrations').summary).toBe('migrator completed (exit 0) in 3 frontend pods');
    expect(byId(ds, 'sourcegraph.volumes').title).toBe('6 volumes (1054 GiB) bound on StorageClass sourcegraph');
  });

  it('a Pending pod deviates with the scheduler’s FailedScheduling message', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    pendingPod(cluster, acme.design, 'searcher-1', '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
    const ds = run(cluster);
    expect(byId(ds, 'sourcegraph.pods')).toMatchObject({
      status: 'deviates',
      reasons: ['searcher-1 Pending, not scheduled: FailedScheduling: 0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod. (×12)'],
    });
    expect(byId(ds, 'sourcegraph.workloads').reasons).toEqual(['searcher: 1/2 ready (see the pods)']);
  });

  it('an unbound claim deviates with the provisioner’s event', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    unboundClaim(cluster, acme.design, 'repos-gitserver-0', 'failed to provision volume with StorageClass "sourcegraph": rpc error: code = Internal desc = Could not create volume: UnauthorizedOperation');
    expect(byId(run(cluster), 'sourcegraph.volumes').reasons).toEqual([
      'repos-gitserver-0 is Pending, not Bound: ProvisioningFailed: failed to provision volume with StorageClass "sourcegraph": rpc error: code = Internal desc = Could not create volume: UnauthorizedOperation (×5)',
    ]);
  });

  it('a claim on another class or smaller than designed deviates', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    const pvc = find(cluster, 'PersistentVolumeClaim', 'repos-gitserver-0') as unknown as { spec: { storageClassName: string }; status: { capacity: { storage: string } } };
    pvc.spec.storageClassName = 'gp2';
    pvc.status.capacity.storage = '200Gi';
    expect(byId(run(cluster), 'sourcegraph.volumes').reasons).toEqual([
      'repos-gitserver-0 uses StorageClass gp2, designed sourcegraph',
      'repos-gitserver-0 holds 200 GiB, designed 500 GiB (gitserver.storageSize)',
    ]);
  });

  it('a crash-looping pod deviates with its container state, last exit and the BackOff event', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    const pod = crashLooping(cluster, acme.design, /^worker-/);
    expect(byId(run(cluster), 'sourcegraph.pods').reasons).toEqual([
      `${pod}: container worker CrashLoopBackOff: back-off 5m0s restarting failed container=worker pod=${pod}; last exit 137 (OOMKilled); 7 restarts (BackOff: Back-off restarting failed container (×31))`,
    ]);
  });

  it('a pod that restarted repeatedly but runs now still deviates, with its last exit', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    const pod = find(cluster, 'Pod', 'gitserver-0');
    const s = (pod.status as { containerStatuses: Record<string, unknown>[] }).containerStatuses[0];
    s.restartCount = 4;
    s.lastState = { terminated: { exitCode: 2, reason: 'Error', message: 'panic: runtime error' } };
    expect(byId(run(cluster), 'sourcegraph.pods').reasons).toEqual(['gitserver-0: container gitserver restarted 4 times (last exit 2 (Error): panic: runtime error)']);
  });

  it('the release: failed, another chart version, or none at all', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    cluster.objects.push(helmReleaseSecret(acme.design, {}, 2, 'failed', 'Upgrade "sourcegraph" failed: context deadline exceeded', '6.12.5040'));
    expect(byId(run(cluster), 'sourcegraph.release').reasons).toEqual(['chart version 6.12.5040, designed 7.6.0', 'revision 2 is failed: Upgrade "sourcegraph" failed: context deadline exceeded']);
    cluster.objects = cluster.objects.filter((o) => o.metadata.labels?.owner !== 'helm');
    expect(byId(run(cluster), 'sourcegraph.release').reasons[0]).toMatch(/^no Helm release sourcegraph in namespace sourcegraph: the Sourcegraph stack is not deployed$/);
  });

  it('images of another version or registry deviate', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    const pod = find(cluster, 'Pod', /^sourcegraph-frontend-/);
    const spec = pod.spec as { containers: { image: string }[]; initContainers: { image: string }[] };
    spec.containers[0].image = 'index.docker.io/sourcegraph/frontend:7.5.0@sha256:abc';
    spec.initContainers[0].image = 'evil.example.com/migrator:7.6.0';
    expect(byId(run(cluster), 'sourcegraph.images').reasons).toEqual([
      `evil.example.com/migrator:7.6.0 is not from index.docker.io/sourcegraph (${pod.metadata.name}/migrator)`,
      `frontend:7.5.0, designed 7.6.0 (${pod.metadata.name}/frontend)`,
    ]);
  });

  it('a workload at other replicas than designed, or missing', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    (find(cluster, 'Deployment', 'sourcegraph-frontend').spec as { replicas: number }).replicas = 2;
    cluster.objects = cluster.objects.filter((o) => !(o.kind === 'Deployment' && o.metadata.name === 'syntect-server'));
    expect(byId(run(cluster), 'sourcegraph.workloads').reasons).toEqual(['sourcegraph-frontend runs 2 replicas, designed 3', 'Deployment syntect-server does not exist']);
  });

  it('migrations that failed deviate with the migrator’s exit', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    const pod = findAll(cluster, 'Pod', /^sourcegraph-frontend-/)[0];
    const s = (pod.status as { initContainerStatuses: Record<string, unknown>[] }).initContainerStatuses[0];
    s.restartCount = 3;
    s.state = { waiting: { reason: 'CrashLoopBackOff' } };
    s.lastState = { terminated: { exitCode: 1, reason: 'Error', message: 'dial tcp 10.42.3.4:5432: i/o timeout' } };
    pod.status = { ...(pod.status as object), phase: 'Pending' };
    expect(byId(run(cluster), 'sourcegraph.migrations').reasons).toEqual([`${pod.metadata.name}: migrator CrashLoopBackOff; last exit 1 (Error): dial tcp 10.42.3.4:5432: i/o timeout; 3 restarts`]);
  });

  it('says it could not check what it could not read', () => {
    const input = inputFor(acme.design, acme.assessment, healthyReplica(acme.design, acme.assessment));
    const ds = checkSourcegraph({ ...input, state: { ...input.state, pods: [], readErrors: { pods: 'pods is forbidden' } } });
    expect(byId(ds, 'sourcegraph.pods')).toMatchObject({ status: 'unchecked', reasons: ['could not read pods: pods is forbidden'] });
  });

  it('claim names and image references', () => {
    expect(claimNames({ claimName: 'repos-gitserver-0', count: 3 })).toEqual(['repos-gitserver-0', 'repos-gitserver-1', 'repos-gitserver-2']);
    expect(claimNames({ claimName: 'pgsql', count: 1 })).toEqual(['pgsql']);
    expect(parseImage('index.docker.io/sourcegraph/frontend:7.6.0@sha256:abc')).toEqual({ repository: 'index.docker.io/sourcegraph/frontend', tag: '7.6.0' });
    expect(parseImage('registry:5000/sg/frontend')).toEqual({ repository: 'registry:5000/sg/frontend' });
  });
});
