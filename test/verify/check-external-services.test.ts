import { checkExternalServices } from '../../lib/verify/check-external-services';
import { Decision } from '../../lib/verify/decision';
import { crashLooping, inClusterPostgres } from './support/breakages';
import { find, healthyReplica } from './support/replica-objects';
import { example, inputFor } from './support/test-cluster';

function byId(ds: readonly Decision[], id: string): Decision {
  return ds.find((x) => x.id === id)!;
}

describe('checkExternalServices', () => {
  const acme = example('acme-prod');
  const run = (cluster = healthyReplica(acme.design, acme.assessment)) => checkExternalServices(inputFor(acme.design, acme.assessment, cluster));

  it('one decision per designed external service, confirmed on a healthy replica, with what proves it', () => {
    const ds = run();
    expect(ds.map((d) => [d.id, d.status])).toEqual([
      ['external.postgres', 'confirmed'],
      ['external.redis', 'confirmed'],
      ['external.object-storage', 'confirmed'],
    ]);
    expect(byId(ds, 'external.postgres').evidence).toContain('sourcegraph-frontend: PGHOST from Secret sg-replica-pgsql-auth');
    expect(byId(ds, 'external.postgres').evidence).toContain('Job sg-replica-create-databases succeeded: the databases exist on the server');
    expect(byId(ds, 'external.object-storage').evidence).toContain('service account worker: eks.amazonaws.com/role-arn=arn:aws:iam::111122223333:role/acme-prod-blob-storage');
  });

  it('none for a design with everything in the cluster', () => {
    const umbrella = example('umbrella-gke');
    expect(checkExternalServices(inputFor(umbrella.design, umbrella.assessment, healthyReplica(umbrella.design, umbrella.assessment)))).toEqual([]);
  });

  it('an in-cluster Postgres still running deviates, naming the StatefulSet, its pod and the values that enable it', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    inClusterPostgres(cluster, acme.design, acme.assessment.finalValues);
    const d = byId(run(cluster), 'external.postgres');
    expect(d.status).toBe('deviates');
    expect(d.reasons).toEqual([
      expect.stringMatching(/^in-cluster pgsql is still running: StatefulSet pgsql with 1 replica \(pgsql-0 on ip-\S+ Running\)$/),
      "the release's values do not disable pgsql (pgsql.enabled is true)",
    ]);
  });

  it('the frontend reading its database from another Secret, and a missing Secret, deviate', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    const frontend = find(cluster, 'Deployment', 'sourcegraph-frontend') as unknown as { spec: { template: { spec: { containers: { env: { name: string; valueFrom?: { secretKeyRef: { name: string } } }[] }[] } } } };
    frontend.spec.template.spec.containers[0].env.find((e) => e.name === 'PGHOST')!.valueFrom!.secretKeyRef.name = 'pgsql-auth';
    cluster.objects = cluster.objects.filter((o) => !(o.kind === 'Secret' && o.metadata.name === 'sg-replica-redis-store-endpoint'));
    expect(run(cluster).flatMap((d) => d.reasons)).toEqual([
      'sourcegraph-frontend: PGHOST comes from Secret pgsql-auth, designed Secret sg-replica-pgsql-auth',
      'Secret sg-replica-redis-store-endpoint does not exist: the pods that read it cannot start',
    ]);
  });

  it('object storage: the wrong backend, the placeholder bucket, no cloud identity on the service account', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    const worker = find(cluster, 'Deployment', 'worker') as unknown as { spec: { template: { spec: { containers: { env: { name: string; value?: string }[] }[] } } } };
    const env = worker.spec.template.spec.containers[0].env;
    env.find((e) => e.name === 'SOURCEGRAPH_UPLOAD_BACKEND')!.value = 'blobstore';
    env.find((e) => e.name === 'SOURCEGRAPH_UPLOAD_BUCKET')!.value = '<set at deploy>';
    delete find(cluster, 'ServiceAccount', 'worker').metadata.annotations;
    expect(byId(run(cluster), 'external.object-storage').reasons).toEqual([
      'worker: SOURCEGRAPH_UPLOAD_BACKEND is blobstore, designed S3',
      'worker: SOURCEGRAPH_UPLOAD_BUCKET is <set at deploy>',
      'service account worker has no eks.amazonaws.com/role-arn annotation: worker cannot reach the bucket',
    ]);
  });

  it('a failed database bootstrap Job deviates with its condition', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    find(cluster, 'Job', 'sg-replica-create-databases').status = { failed: 6, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] };
    expect(byId(run(cluster), 'external.postgres').reasons).toEqual(['Job sg-replica-create-databases failed: BackoffLimitExceeded Job has reached the specified backoff limit']);
  });

  it('wired as designed but a worker crash-looping: the connection is not proven (could not check), the pod problem is the reason', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    crashLooping(cluster, acme.design, /^worker-/);
    const d = byId(run(cluster), 'external.redis');
    expect(d).toMatchObject({ status: 'unchecked', summary: 'wired as designed, but the connection is not proven while sourcegraph-frontend and worker are not all ready' });
    expect(d.reasons[0]).toMatch(/^worker-\S+: container worker CrashLoopBackOff/);
  });
});
