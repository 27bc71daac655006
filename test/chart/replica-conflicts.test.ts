import { KeyProblem } from '../../lib/chart/check-value-keys';
import { replicaConflicts, ReplicaConflictContext } from '../../lib/chart/replica-conflicts';
import { awsDesign, gcpDesign } from '../support/design-fixture';

const OVERRIDE: ReplicaConflictContext = { storageClassName: 'sg-gp3', layer: 'override' };
const INLINE: ReplicaConflictContext = { storageClassName: 'sg-gp3', layer: 'inline' };
const aws = awsDesign();
const external = awsDesign({
  externalServices: { postgres: { instanceClass: 'db.m6g.large', storageGb: 100, highAvailability: false }, redis: { nodeType: 'cache.m6g.large' }, objectStorage: {} },
});

const brief = (problems: readonly KeyProblem[]) => problems.map((p) => [p.severity, p.path.join('.')]);
const one = (problems: readonly KeyProblem[]) => {
  expect(problems).toHaveLength(1);
  return problems[0];
};

describe('replicaConflicts', () => {
  test('finds nothing in values that fit the replica', () => {
    const values = {
      storageClass: { create: false, name: 'sg-gp3' },
      frontend: { replicaCount: 2, ingress: { enabled: true, ingressClassName: 'alb', host: 'sourcegraph.acme.example.com' } },
      pgsql: { enabled: true, auth: { host: 'pgsql' } },
      sourcegraph: { image: { repository: 'index.docker.io/sourcegraph' }, localDevMode: false },
    };
    expect(replicaConflicts(values, aws, OVERRIDE)).toEqual([]);
    expect(replicaConflicts(values, aws, INLINE)).toEqual([]);
  });

  describe('storageClass', () => {
    const production = { storageClass: { create: true, name: 'ssd', provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Retain', parameters: { kmsKeyId: 'k' } } };

    test('in an override file: one warning that the settings are ignored, since sg-replica re-asserts its class', () => {
      const problem = one(replicaConflicts(production, aws, OVERRIDE));
      expect(problem).toMatchObject({ severity: 'warning', path: ['storageClass'] });
      expect(problem.message).toBe(
        'storageClass.create, name, provisioner, parameters, reclaimPolicy ignored: sg-replica sets storageClass.create=false and name="sg-gp3" after the override files, so every volume uses the replica\'s own StorageClass "sg-gp3" (encrypted gp3, reclaim policy Delete)',
      );
    });

    test('in inline values: create: true is an error, and so is another class name', () => {
      expect(brief(replicaConflicts({ storageClass: { create: true } }, aws, INLINE))).toEqual([['error', 'storageClass.create']]);
      expect(one(replicaConflicts({ storageClass: { create: true } }, aws, INLINE)).message).toMatch(/of the same name fails the install/);
      const named = one(replicaConflicts({ storageClass: { name: 'ssd' } }, aws, INLINE));
      expect(named).toMatchObject({ severity: 'error', path: ['storageClass', 'name'], got: '"ssd"' });
      expect(named.message).toMatch(/no StorageClass "ssd".*Pending/);
    });

    test('in inline values: provisioner and friends alone are a warning (ignored)', () => {
      const problem = one(replicaConflicts({ storageClass: { provisioner: 'x', type: 'gp2' } }, aws, INLINE));
      expect(problem).toMatchObject({ severity: 'warning', path: ['storageClass'] });
      expect(problem.message).toMatch(/^storageClass\.provisioner, type ignored/);
    });
  });

  test('localDevMode: true is an error in both layers', () => {
    for (const context of [OVERRIDE, INLINE]) {
      const problem = one(replicaConflicts({ sourcegraph: { localDevMode: true } }, aws, context));
      expect(problem).toMatchObject({ severity: 'error', path: ['sourcegraph', 'localDevMode'] });
      expect(problem.message).toMatch(/removes every resource request.*production sizing/);
    }
  });

  describe('in-cluster stores against externalServices', () => {
    test('re-enabling an in-cluster store the design externalizes is an error', () => {
      const values = { pgsql: { enabled: true }, codeIntelDB: { enabled: true }, codeInsightsDB: { enabled: true }, redisCache: { enabled: true }, redisStore: { enabled: true }, blobstore: { enabled: true } };
      const problems = replicaConflicts(values, external, OVERRIDE);
      expect(brief(problems)).toEqual(Object.keys(values).map((key) => ['error', `${key}.enabled`]));
      expect(problems[0].message).toMatch(/re-enables the in-cluster pgsql while the design moves it out of the cluster \(externalServices\.postgres\)/);
    });

    test('switching one off without the external service in the design is an error naming where it would connect', () => {
      const problems = replicaConflicts({ pgsql: { enabled: false, auth: { host: 'prod.rds.amazonaws.com' } }, redisCache: { enabled: false } }, aws, OVERRIDE);
      expect(brief(problems)).toEqual([['error', 'pgsql.enabled'], ['error', 'redisCache.enabled']]);
      expect(problems[0].message).toMatch(/no externalServices\.postgres: the replica would connect to "prod\.rds\.amazonaws\.com"/);
    });

    test('an in-cluster design pointed at another host or Secret is an error; the chart default host is fine', () => {
      expect(replicaConflicts({ pgsql: { auth: { host: 'pgsql' } }, redisStore: { connection: { endpoint: 'redis-store:6379' } } }, aws, OVERRIDE)).toEqual([]);
      const problems = replicaConflicts(
        { codeIntelDB: { auth: { host: 'prod-db', existingSecret: 'prod-creds' } }, redisStore: { connection: { endpoint: 'redis://prod:6379' } } },
        aws,
        OVERRIDE,
      );
      expect(brief(problems)).toEqual([
        ['error', 'codeIntelDB.auth.host'],
        ['error', 'codeIntelDB.auth.existingSecret'],
        ['error', 'redisStore.connection.endpoint'],
      ]);
    });

    test("production's connection settings next to a designed external service are a warning", () => {
      const problem = one(replicaConflicts({ pgsql: { enabled: false, auth: { host: 'prod', sslmode: 'require' } } }, external, OVERRIDE));
      expect(problem).toMatchObject({ severity: 'warning', path: ['pgsql', 'auth'] });
      expect(problem.message).toMatch(/pgsql\.auth\.host, sslmode/);
    });

    test('upload buckets: an error for an in-cluster design, a warning with external object storage, once per bucket', () => {
      const env = { SOURCEGRAPH_UPLOAD_BUCKET: { value: 'prod-bucket' } };
      const values = { frontend: { env }, worker: { env } };
      const problem = one(replicaConflicts(values, aws, OVERRIDE));
      expect(problem).toMatchObject({ severity: 'error', path: ['frontend', 'env', 'SOURCEGRAPH_UPLOAD_BUCKET'], got: '"prod-bucket"' });
      expect(problem.message).toMatch(/\(also in worker\)/);
      expect(one(replicaConflicts(values, external, OVERRIDE)).severity).toBe('warning');
    });
  });

  describe('ingress', () => {
    test('switching the ingress off while the design has one is a warning, and the reverse too', () => {
      expect(brief(replicaConflicts({ frontend: { ingress: { enabled: false } } }, aws, OVERRIDE))).toEqual([['warning', 'frontend.ingress.enabled']]);
      const none = awsDesign({ sourcegraph: { ingress: 'none' } });
      expect(brief(replicaConflicts({ frontend: { ingress: { enabled: true } } }, none, OVERRIDE))).toEqual([['warning', 'frontend.ingress.enabled']]);
      expect(replicaConflicts({ frontend: { ingress: { enabled: false } } }, none, OVERRIDE)).toEqual([]);
    });

    test("an ingress class the replica's controller does not serve is a warning", () => {
      const problem = one(replicaConflicts({ frontend: { ingress: { ingressClassName: 'nginx' } } }, aws, OVERRIDE));
      expect(problem).toMatchObject({ severity: 'warning', path: ['frontend', 'ingress', 'ingressClassName'] });
      expect(problem.message).toMatch(/class "nginx" \(the design's ingress is 'alb'\)/);
      expect(replicaConflicts({ frontend: { ingress: { ingressClassName: 'nginx' } } }, awsDesign({ sourcegraph: { ingress: 'nginx' } }), OVERRIDE)).toEqual([]);
      // GCE ingress works through the annotation, not a class name
      expect(brief(replicaConflicts({ frontend: { ingress: { ingressClassName: 'gce' } } }, gcpDesign(), OVERRIDE))).toEqual([['warning', 'frontend.ingress.ingressClassName']]);
      const annotated = { frontend: { ingress: { annotations: { 'kubernetes.io/ingress.class': 'gce' } } } };
      expect(replicaConflicts(annotated, gcpDesign(), OVERRIDE)).toEqual([]);
      expect(brief(replicaConflicts(annotated, aws, OVERRIDE))).toEqual([['warning', 'frontend.ingress.annotations.kubernetes.io/ingress.class']]);
    });

    test("production's host, hosts and TLS are warnings", () => {
      const values = { frontend: { ingress: { host: 'sourcegraph.acme.com', hosts: [{ host: 'a' }], tls: [{ secretName: 's' }], tlsSecret: 'prod-tls' } } };
      expect(brief(replicaConflicts(values, aws, OVERRIDE))).toEqual([
        ['warning', 'frontend.ingress.host'],
        ['warning', 'frontend.ingress.hosts'],
        ['warning', 'frontend.ingress.tls'],
        ['warning', 'frontend.ingress.tlsSecret'],
      ]);
    });
  });

  test('podSecurityPolicy.enabled: true is an error on Kubernetes 1.25+ and a warning before', () => {
    const values = { cadvisor: { podSecurityPolicy: { enabled: true } }, nodeExporter: { podSecurityPolicy: { enabled: false } } };
    const problem = one(replicaConflicts(values, aws, OVERRIDE));
    expect(problem).toMatchObject({ severity: 'error', path: ['cadvisor', 'podSecurityPolicy', 'enabled'] });
    expect(problem.message).toMatch(/removed in Kubernetes 1\.25 and the replica runs 1\.33/);
    expect(one(replicaConflicts(values, awsDesign({ kubernetes: { version: '1.24' } }), OVERRIDE)).severity).toBe('warning');
  });

  test('a private registry and pull secrets are warnings', () => {
    const values = { sourcegraph: { image: { repository: 'registry.example.com/sg' }, imagePullSecrets: [{ name: 'regcred' }] }, gitserver: { image: { repository: 'other.example.com/sg' } } };
    const problems = replicaConflicts(values, aws, OVERRIDE);
    expect(brief(problems)).toEqual([
      ['warning', 'sourcegraph.image.repository'],
      ['warning', 'gitserver.image.repository'],
      ['warning', 'sourcegraph.imagePullSecrets'],
    ]);
    expect(problems[0].message).toMatch(/pulls every image from "registry\.example\.com\/sg": the replica's nodes must be able to reach and authenticate/);
    expect(problems[2].message).toMatch(/regcred must exist in namespace sourcegraph/);
  });

  test('Secrets, ConfigMaps and ServiceAccounts sg-replica does not create are warnings', () => {
    const values = {
      gitserver: { sshSecret: 'ssh-keys' },
      prometheus: { existingConfig: 'prom-config' },
      frontend: { serviceAccount: { create: false, name: 'irsa' } },
      worker: { serviceAccount: { create: false, name: 'irsa' } },
      searcher: { serviceAccount: { create: true, name: 'searcher' } },
    };
    const problems = replicaConflicts(values, aws, OVERRIDE);
    expect(brief(problems)).toEqual([
      ['warning', 'frontend.serviceAccount.name'],
      ['warning', 'gitserver.sshSecret'],
      ['warning', 'prometheus.existingConfig'],
    ]);
    expect(problems[0].message).toMatch(/ServiceAccount "irsa" \(also for worker\)/);
  });

  test("cloud identities, LoadBalancer services and zero replicas are warnings", () => {
    const values = {
      frontend: { serviceType: 'LoadBalancer', serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::999:role/prod' } } },
      worker: { replicaCount: 0 },
    };
    expect(brief(replicaConflicts(values, aws, OVERRIDE))).toEqual([
      ['warning', 'frontend.serviceType'],
      ['warning', 'frontend.serviceAccount.annotations.eks.amazonaws.com/role-arn'],
      ['warning', 'worker.replicaCount'],
    ]);
  });

  test('nodeSelector labels no node pool has are warnings; pool labels, zones, machine types and common labels pass', () => {
    const design = awsDesign({ kubernetes: { nodePools: [{ ...aws.kubernetes.nodePools[0], labels: { tier: 'search' } }] } });
    const ok = {
      sourcegraph: { nodeSelector: { 'kubernetes.io/arch': 'amd64', tier: 'search' } },
      gitserver: { nodeSelector: { 'topology.kubernetes.io/zone': 'us-east-2a', 'node.kubernetes.io/instance-type': 'm6a.4xlarge', 'eks.amazonaws.com/nodegroup': 'x' } },
    };
    expect(replicaConflicts(ok, design, OVERRIDE)).toEqual([]);
    const bad = {
      gitserver: { nodeSelector: { tier: 'git', 'cloud.google.com/gke-boot-disk': 'pd-ssd', 'topology.kubernetes.io/zone': 'us-west-1a', 'node.kubernetes.io/instance-type': 'r6i.large' } },
    };
    const problems = replicaConflicts(bad, design, OVERRIDE);
    expect(brief(problems)).toEqual([
      ['warning', 'gitserver.nodeSelector.tier'],
      ['warning', 'gitserver.nodeSelector.cloud.google.com/gke-boot-disk'],
      ['warning', 'gitserver.nodeSelector.topology.kubernetes.io/zone'],
      ['warning', 'gitserver.nodeSelector.node.kubernetes.io/instance-type'],
    ]);
    expect(problems[1].message).toMatch(/a GKE node label, which the replica's EKS nodes never have/);
  });

  test('applies YAML merge keys kept as << and skips top-level x-* anchor holders', () => {
    const shared = { serviceAccount: { create: false, name: 'shared' } };
    const problems = replicaConflicts({ 'x-shared': shared, frontend: { '<<': shared } }, aws, OVERRIDE);
    expect(brief(problems)).toEqual([['warning', 'frontend.serviceAccount.name']]);
    expect(replicaConflicts({ frontend: { '<<': { replicaCount: 0 }, replicaCount: 2 } }, aws, OVERRIDE)).toEqual([]);
  });

  test('ignores values that are not a map', () => {
    expect(replicaConflicts(null, aws, OVERRIDE)).toEqual([]);
    expect(replicaConflicts([1], aws, OVERRIDE)).toEqual([]);
  });
});

describe('hostile values (issue 17)', () => {
  const messages = (values: Record<string, unknown>) => replicaConflicts(values, aws, INLINE).map((p) => `${p.message} ${p.got ?? ''}`);

  it('keys named like Object.prototype members are not mistaken for the tables of known keys', () => {
    const found = messages({ frontend: { constructor: '192.168.0.0/33', toString: 'x', serviceAccount: { annotations: { constructor: 'arn' } } } });
    for (const m of found) expect(m).not.toMatch(/function|native code|\[object Object\]/);
    expect(found).toEqual([]);
  });

  it('a nodeSelector value that is a map is left to the key checks, never shown as [object Object]', () => {
    expect(messages({ frontend: { nodeSelector: { workload: { a: 1 }, other: { toString: 1 } } } })).toEqual([]);
    expect(messages({ frontend: { nodeSelector: { workload: 5 } } })).toEqual([expect.stringMatching(/no node pool of the design has the label workload=5/)]);
  });

  it('an ingress kind the schema refused is skipped, not a crash', () => {
    const broken = awsDesign({ sourcegraph: { ingress: 'bogus' as never } });
    expect(() => replicaConflicts({ frontend: { ingress: { enabled: false } } }, broken, INLINE)).not.toThrow();
  });
});
