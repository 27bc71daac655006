import { renderWorkloads } from '../../lib/sizing/workloads';
import { SIMULATION_LIMITS } from '../../lib/design/input-limits';

const byName = (values: Record<string, unknown>, version = '7.6.0') => new Map(renderWorkloads(values, version).map((w) => [w.name, w]));

describe('renderWorkloads', () => {
  test('chart 7.6.0 defaults request about 31 vCPU and 60 GB in 11 PVCs of 1,528 GiB', () => {
    const workloads = renderWorkloads({}, '7.6.0');
    const pods = workloads.filter((w) => w.kind !== 'DaemonSet');
    const cpu = pods.reduce((t, w) => t + w.replicas * w.podRequests.cpuMillis, 0);
    const memory = pods.reduce((t, w) => t + w.replicas * w.podRequests.memoryBytes, 0);
    expect(cpu).toBe(31400);
    expect(memory / 1e9).toBeCloseTo(60.75, 1);
    const volumes = workloads.flatMap((w) => w.volumes);
    expect(volumes.reduce((t, v) => t + v.count, 0)).toBe(11);
    expect(volumes.reduce((t, v) => t + v.count * v.sizeBytes, 0) / 2 ** 30).toBe(1528);
    expect(workloads.filter((w) => w.kind === 'DaemonSet').map((w) => w.name)).toEqual(['otel-agent', 'cadvisor', 'node-exporter']);
  });

  test('puts indexedSearch and indexedSearchIndexer in one pod', () => {
    const w = byName({}).get('indexed-search')!;
    expect(w.containers.map((c) => [c.name, c.resourcesKey])).toEqual([
      ['zoekt-webserver', 'indexedSearch'],
      ['zoekt-indexserver', 'indexedSearchIndexer'],
    ]);
    expect(w.podRequests).toEqual({ cpuMillis: 4500, memoryBytes: 6e9 });
  });

  test('counts an init container when it is larger than the containers together', () => {
    const w = byName({ migrator: { resources: { requests: { cpu: '3', memory: '1G' } } } }).get('sourcegraph-frontend')!;
    expect(w.initContainers.map((c) => c.name)).toEqual(['migrator']);
    expect(w.podRequests).toEqual({ cpuMillis: 3000, memoryBytes: 2e9 });
    expect(byName({ migrator: { enabled: false } }).get('sourcegraph-frontend')!.initContainers).toEqual([]);
  });

  test('adds sidecars: exporters of the databases and Redis', () => {
    const pg = byName({}).get('pgsql')!;
    expect(pg.containers.map((c) => c.resourcesKey)).toEqual(['pgsql', 'postgresExporter']);
    expect(pg.podRequests.cpuMillis).toBe(4010);
    expect(byName({}).get('redis-cache')!.containers.map((c) => c.resourcesKey)).toEqual(['redisCache', 'redisExporter']);
  });

  test('honours toggles, replica counts and storage sizes', () => {
    const w = byName({ pgsql: { enabled: false }, syntacticCodeIntel: { enabled: true }, gitserver: { replicaCount: 3, storageSize: '1Ti' }, openTelemetry: { agent: { kind: 'Deployment' } } });
    expect(w.has('pgsql')).toBe(false);
    expect(w.get('syntactic-code-intel-worker')!.replicas).toBe(2);
    expect(w.get('gitserver')!.volumes[0]).toMatchObject({ claimName: 'repos-gitserver-0', count: 3, sizeBytes: 2 ** 40 });
    expect(w.has('otel-agent')).toBe(false);
  });

  test('a limit without a request requests the limit; localDevMode drops all resources', () => {
    const w = byName({ searcher: { resources: { requests: null, limits: { cpu: '3', memory: '3G' } } } }).get('searcher')!;
    expect(w.podRequests).toEqual({ cpuMillis: 3000, memoryBytes: 3e9 });
    expect(byName({ sourcegraph: { localDevMode: true } }).get('gitserver')!.podRequests).toEqual({ cpuMillis: 0, memoryBytes: 0 });
  });

  test('per-service placement replaces the global one', () => {
    const w = byName({
      sourcegraph: { nodeSelector: { pool: 'general' }, tolerations: [{ key: 'a', operator: 'Exists' }] },
      indexedSearch: { nodeSelector: { pool: 'search' } },
    });
    expect(w.get('indexed-search')!.placement).toEqual({ nodeSelector: { pool: 'search' }, tolerations: [{ key: 'a', operator: 'Exists' }] });
    expect(w.get('gitserver')!.placement.nodeSelector).toEqual({ pool: 'general' });
  });

  test('worker.replicas splits the worker into the primary worker (the chart names it `worker`, not `worker-all`) and one Deployment per item', () => {
    const w = renderWorkloads({ worker: { replicas: [{ jobs: ['a'], replicaCount: 2, resources: { requests: { cpu: '1', memory: '1G' } } }] } }, '7.6.0');
    const workers = w.filter((x) => x.key === 'worker');
    expect(workers.map((x) => [x.name, x.replicas, x.podRequests.cpuMillis])).toEqual([
      ['worker', 1, 500],
      ['worker-0', 2, 1000],
    ]);
  });

  test('6.12.5040 renders the same workloads as 7.6.0 (no symbols, no repo-updater)', () => {
    expect([...byName({}, '6.12.5040').keys()]).toEqual([...byName({}).keys()]);
    expect(byName({}, '6.12.5040').has('symbols')).toBe(false);
  });

  test('names the key of a bad value and an unknown chart version', () => {
    expect(() => renderWorkloads({ gitserver: { replicaCount: 'two' } }, '7.6.0')).toThrow(/gitserver\.replicaCount/);
    expect(() => renderWorkloads({}, '5.0.0')).toThrow(/chart 5\.0\.0/);
  });
});

describe('absurd and hostile values (issue 17)', () => {
  test('a replica count above what the simulation takes is refused, naming the key (no 2-billion-pod simulation)', () => {
    expect(() => renderWorkloads({ frontend: { replicaCount: 2147483648 } }, '7.6.0')).toThrow(
      `frontend.replicaCount: 2147483648 is not a replica count sg-replica simulates (a whole number from 0 to ${SIMULATION_LIMITS.replicasPerWorkload})`,
    );
    expect(() => renderWorkloads({ worker: { replicas: [{ replicaCount: 1e308 }] } }, '7.6.0')).toThrow(/worker\.replicas\[0\]\.replicaCount: 1e\+308 is not a replica count/);
    expect(() => renderWorkloads({ gitserver: { replicaCount: { a: 1 } } }, '7.6.0')).toThrow('gitserver.replicaCount: a map is not a replica count sg-replica simulates (a whole number from 0 to 200)');
  });

  test('nodeSelector values that are not text are left out (Kubernetes refuses them; the key checks say so), never "[object Object]" or a crash', () => {
    const frontend = renderWorkloads({ frontend: { nodeSelector: { a: { b: 1 }, c: { toString: 1 }, d: 5, e: 'x' } } }, '7.6.0').find((w) => w.name === 'sourcegraph-frontend')!;
    expect(frontend.placement.nodeSelector).toEqual({ d: '5', e: 'x' });
  });

  test('negative requests are refused, naming the key', () => {
    expect(() => renderWorkloads({ frontend: { resources: { requests: { cpu: -2, memory: '1Gi' } } } }, '7.6.0')).toThrow(/frontend\.resources\.requests\.cpu: -2 is negative/);
  });
});
