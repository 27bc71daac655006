import { hostsIn, isOutsideCluster, productionHostProblems } from '../../lib/chart/production-hosts';
import { replicaConflicts } from '../../lib/chart/replica-conflicts';
import { awsDesign } from '../support/design-fixture';

describe('hostsIn', () => {
  it('reads hosts, host:port, URLs with users and lists', () => {
    expect(hostsIn('prod-db.internal')).toEqual(['prod-db.internal']);
    expect(hostsIn('redis.prod.example.com:6379')).toEqual(['redis.prod.example.com']);
    expect(hostsIn('postgres://sg:secret@Prod-DB.internal:5432/sg?sslmode=require')).toEqual(['prod-db.internal']);
    expect(hostsIn('gitserver-0.gitserver:3178, gitserver-1.gitserver:3178')).toEqual(['gitserver-0.gitserver', 'gitserver-1.gitserver']);
  });
});

describe('isOutsideCluster', () => {
  it.each([
    ['prod-db.internal', true],
    ['prod.abc123.us-east-1.rds.amazonaws.com', true],
    ['10.20.30.40', true],
    ['pgsql', false],
    ['redis-cache', false],
    ['pgsql.sourcegraph.svc.cluster.local', false],
    ['pgsql.sourcegraph.svc', false],
    ['pgsql.sourcegraph', false],
    ['gitserver-0.gitserver', false],
    ['gitserver-0.gitserver.sourcegraph', false],
    ['pgsql.prod', true],
    ['localhost', false],
    ['127.0.0.1', false],
    ['s3.us-east-1.amazonaws.com', false],
    ['storage.googleapis.com', false],
  ])('%s: %s', (host, outside) => {
    expect(isOutsideCluster(host)).toBe(outside);
  });
});

describe('productionHostProblems', () => {
  it('warns at frontend.env.PGHOST pointing at production (the issue\'s case), with the host', () => {
    const problems = productionHostProblems({ frontend: { env: { PGHOST: { value: 'prod-db.internal' }, PGPORT: { value: '5432' } } } });
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', path: ['frontend', 'env', 'PGHOST'], got: '"prod-db.internal"' }),
    ]);
    expect(problems[0].message).toMatch(/^points frontend at prod-db\.internal, outside the replica's cluster \(production's\?\)/);
  });

  it('reads plain strings, URLs and nested services; ignores in-cluster names, secrets and non-connection env', () => {
    const problems = productionHostProblems({
      worker: { env: { CODEINTEL_PGDATASOURCE: 'postgres://u:p@codeintel.prod.example.com/db' } },
      openTelemetry: { gateway: { env: { OTEL_EXPORTER_OTLP_ENDPOINT: { value: 'https://otel.prod.example.com:4317' } } } },
      gitserver: { env: { SRC_GIT_SERVERS: { value: 'gitserver-0.gitserver:3178' }, PGHOST: { valueFrom: { secretKeyRef: { name: 'x', key: 'host' } } } } },
      searcher: { env: { SRC_LOG_LEVEL: { value: 'dbug.example.com' } } },
    });
    expect(problems.map((p) => p.path.join('.'))).toEqual(['worker.env.CODEINTEL_PGDATASOURCE', 'openTelemetry.gateway.env.OTEL_EXPORTER_OTLP_ENDPOINT']);
  });

  it('is part of replicaConflicts, for override files and inline values alike', () => {
    for (const layer of ['override', 'inline'] as const) {
      const problems = replicaConflicts({ frontend: { env: { REDIS_ENDPOINT: { value: 'redis.prod.example.com:6379' } } } }, awsDesign(), { storageClassName: 'sg-replica', layer });
      expect(problems).toEqual([expect.objectContaining({ severity: 'warning', path: ['frontend', 'env', 'REDIS_ENDPOINT'] })]);
    }
  });
});
