import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { checkValueKeys, KeyProblem, suggestKeys } from '../../lib/chart/check-value-keys';
import { yamlKeyOrigins } from '../../lib/chart/yaml-key-origins';
import { chartAvailable, referenceChartDir } from '../support/reference-data';

const V7 = '7.6.0';
const V6 = '6.12.5040';

function check(yamlText: string, version = V7, merge = false): KeyProblem[] {
  const doc = parseDocument(yamlText, { merge });
  return checkValueKeys(doc.toJS({ maxAliasCount: 1000 }), version, yamlKeyOrigins(doc));
}

const brief = (problems: readonly KeyProblem[]) => problems.map((p) => [p.severity, p.path.join('.'), p.suggestion]);

describe('checkValueKeys', () => {
  test('accepts known keys at every level', () => {
    expect(checkValueKeys({ frontend: { replicaCount: 2, ingress: { enabled: true, host: 'a.example.com' } }, storageClass: { create: false } }, V7)).toEqual([]);
  });

  test('reports an unknown key with a did-you-mean, at the key', () => {
    const [problem, ...rest] = checkValueKeys({ frontend: { replicas: 2 } }, V7);
    expect(rest).toEqual([]);
    expect(problem).toEqual({
      severity: 'error',
      path: ['frontend', 'replicas'],
      atKey: true,
      message: 'unknown key for chart 7.6.0, did you mean "replicaCount"?',
      suggestion: 'frontend.replicaCount',
    });
  });

  test('suggests the right case at the top level and does not descend into an unknown key', () => {
    expect(brief(checkValueKeys({ gitServer: { replicas: 2, nonsense: {} } }, V7))).toEqual([['error', 'gitServer', 'gitserver']]);
  });

  test('gives no suggestion when nothing is close', () => {
    const [problem] = checkValueKeys({ frontend: { zzzzzz: 1 } }, V7);
    expect(problem.message).toBe('unknown key for chart 7.6.0');
    expect(problem.suggestion).toBeUndefined();
  });

  test('accepts any key under free-form maps', () => {
    const values = {
      frontend: {
        env: { ANYTHING: { valueFrom: { secretKeyRef: { name: 'x', key: 'y' } } } },
        podAnnotations: { 'a/b': 'c' },
        labels: { team: 'search' },
        nodeSelector: { 'kubernetes.io/arch': 'amd64' },
        resources: { limits: { 'nvidia.com/gpu': 1, 'ephemeral-storage': '8Gi' } },
        containerSecurityContext: { capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
        affinity: { podAntiAffinity: { whatever: [] } },
        serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn' } },
        ingress: { annotations: { 'kubernetes.io/ingress.class': null, 'custom-annotation': 'x' } },
      },
      storageClass: { parameters: { encrypted: 'true', kmsKeyId: 'k' } },
      sourcegraph: { podAnnotations: { x: 'y' }, labels: { a: 'b' } },
      openTelemetry: { gateway: { config: { traces: { exporters: { jaeger: { endpoint: 'x', tls: { insecure: true } } } } } } },
    };
    expect(checkValueKeys(values, V7)).toEqual([]);
  });

  test('applies the per-service helper keys to exactly the services the helpers are called with', () => {
    const values = {
      searcher: { nodeSelector: { a: 'b' }, tolerations: [{ key: 'k' }], affinity: {}, image: { tag: 'x', repository: 'r' }, priorityClassName: 'p' },
      frontend: { serviceAccount: { name: 'x', annotations: { a: 'b' } } },
    };
    expect(checkValueKeys(values, V7)).toEqual([]);
    // but keys no helper reads are still unknown for them
    expect(brief(checkValueKeys({ searcher: { enabled: false } }, V7))).toEqual([['error', 'searcher.enabled', undefined]]);
  });

  test('treats lists as leaves: keys inside list items are not checked', () => {
    const values = {
      extraResources: [{ apiVersion: 'v1', kind: 'ConfigMap', anything: { goes: true } }],
      sourcegraph: { imagePullSecrets: [{ name: 'regcred', typo: 1 }], tolerations: [{ key: 'a', oprator: 'Equal' }] },
      worker: { replicas: [{ jobs: ['a'], replicaCount: 2, whatever: 1 }] },
      frontend: { extraVolumes: [{ name: 'tmp', emptyDir: {} }] },
    };
    expect(checkValueKeys(values, V7)).toEqual([]);
  });

  test('reports a scalar or a list where the chart expects a map, but accepts null (Helm deletes the default)', () => {
    expect(brief(checkValueKeys({ frontend: { ingress: true } }, V7))).toEqual([['error', 'frontend.ingress', undefined]]);
    expect(checkValueKeys({ frontend: { ingress: true } }, V7)[0].got).toBe('true');
    expect(checkValueKeys({ frontend: { ingress: null }, pgsql: null }, V7)).toEqual([]);
  });

  test('checks against the chart version in use, and says which version reads a key it does not', () => {
    const values = { frontend: { ingress: { hosts: [{ host: 'a' }] } } };
    expect(checkValueKeys(values, V7)).toEqual([]);
    const [problem] = checkValueKeys(values, V6);
    expect(problem.message).toBe('unknown key for chart 6.12.5040 (chart 7.6.0 reads it), did you mean "host"?');
  });

  test('keys of the executor chart are a warning, not an error', () => {
    expect(brief(checkValueKeys({ executor: { frontendUrl: 'x' } }, V7))).toEqual([['warning', 'executor', undefined]]);
  });

  test('skips top-level x-* keys (anchor holders)', () => {
    expect(checkValueKeys({ 'x-common': { anything: 1 } }, V7)).toEqual([]);
  });

  test('says that a Kubernetes manifest is not a values file, once', () => {
    const problems = checkValueKeys({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: {} }, V7);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/Kubernetes manifest \(kind ConfigMap\), not Helm values/);
  });

  test('a version without a catalog gives one warning; non-map values one error', () => {
    expect(brief(checkValueKeys({ a: 1 }, '1.2.3'))).toEqual([['warning', '', undefined]]);
    expect(brief(checkValueKeys([1], V7))).toEqual([['error', '', undefined]]);
    expect(checkValueKeys(null, V7)).toEqual([]);
  });

  describe('with the YAML source (yamlKeyOrigins)', () => {
    test('an unknown key that only defines an anchor is a warning; a near-typo holding one is still an error', () => {
      const text = 'common: &c\n  a: b\nfronted: &f\n  replicaCount: 1\nfrontend:\n  nodeSelector: *c\n';
      expect(brief(check(text))).toEqual([
        ['warning', 'common', undefined],
        ['error', 'fronted', 'frontend'],
      ]);
      expect(check(text)[0].message).toMatch(/YAML anchor &c/);
    });

    test.each([false, true])('unknown keys merged in with << are warnings (parsed with merge: %s)', (merge) => {
      const text = 'x-sc: &sc\n  podSecurityContext: {}\n  containerSecurityContext: {}\nmigrator:\n  <<: *sc\n  typo: 1\nfrontend:\n  <<: *sc\n';
      expect(brief(check(text, V7, merge))).toEqual([
        ['warning', 'migrator.podSecurityContext', undefined],
        ['error', 'migrator.typo', undefined],
      ]);
    });

    test('without the YAML source, a kept << key is still read as a merge', () => {
      const values = { migrator: { '<<': { podSecurityContext: {}, containerSecurityContext: {} } } };
      expect(brief(checkValueKeys(values, V7))).toEqual([['warning', 'migrator.podSecurityContext', undefined]]);
    });
  });
});

describe('the defects a render review found, fixed (issue 12)', () => {
  test('<service>.priorityClassName is accepted: every workload reads it through the priorityClassName helper', () => {
    for (const service of ['frontend', 'gitserver', 'worker', 'pgsql', 'cadvisor', 'openTelemetry']) {
      expect(checkValueKeys({ [service]: { priorityClassName: 'high' } }, V7)).toEqual([]);
      expect(checkValueKeys({ [service]: { priorityClassName: 'high' } }, V6)).toEqual([]);
    }
  });

  test.each(['alpine', 'migrator', 'postgresExporter', 'redisExporter', 'indexedSearchIndexer'])(
    'nodeSelector, tolerations and serviceAccount on %s (not a workload: the chart ignores them) are errors',
    (service) => {
      const problems = checkValueKeys({ [service]: { nodeSelector: { a: 'b' }, tolerations: [], serviceAccount: { create: true } } }, V7);
      expect(brief(problems).map(([severity, path]) => [severity, path])).toEqual([
        ['error', `${service}.nodeSelector`],
        ['error', `${service}.tolerations`],
        ['error', `${service}.serviceAccount`],
      ]);
    },
  );

  test.each(['nameOverride', 'serviceLabels'])('sourcegraph.%s is in values.yaml, but nothing reads it: an error saying it does nothing', (key) => {
    const [problem, ...rest] = checkValueKeys({ sourcegraph: { [key]: key === 'nameOverride' ? 'x' : { a: 'b' } } }, V7);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ severity: 'error', path: ['sourcegraph', key], message: 'chart 7.6.0 lists it in values.yaml, but no template reads it: it does nothing' });
    // the top-level nameOverride is read (the chart's name helper)
    expect(checkValueKeys({ nameOverride: 'x' }, V7)).toEqual([]);
  });

  test('<service>.image.repository: read by chart 7.6.0, ignored by 6.12.5040', () => {
    expect(checkValueKeys({ frontend: { image: { repository: 'registry.example.com/sourcegraph' } } }, V7)).toEqual([]);
    expect(checkValueKeys({ frontend: { image: { repository: 'registry.example.com/sourcegraph' } } }, V6)[0].message).toBe('unknown key for chart 6.12.5040 (chart 7.6.0 reads it)');
  });

  test.each([
    ['searcher.env.X: "false" (a string, not {value: ...})', { searcher: { env: { X: 'false' } } }, 'searcher.env.X', /an env entry must be a map, \{value: "<string>"\} or \{valueFrom: \{...\}\}/],
    ['an env value that is not a string', { searcher: { env: { X: { value: false } } } }, 'searcher.env.X.value', /env values are strings: quote it \(allowed: "false"\)/],
    ['an env entry with secretKeyRef outside valueFrom', { frontend: { env: { X: { secretKeyRef: { name: 'a', key: 'b' } } } } }, 'frontend.env.X', /not secretKeyRef \(put it under valueFrom\)/],
    ['frontend.ingress.annotations as a list', { frontend: { ingress: { annotations: ['a=b'] } } }, 'frontend.ingress.annotations', /expects a map here/],
    ['extraResources as a map', { extraResources: { a: { kind: 'ConfigMap' } } }, 'extraResources', /expects a list here/],
    ['frontend.env as a list', { frontend: { env: [{ name: 'A', value: 'b' }] } }, 'frontend.env', /expects env as a map of NAME: \{value: "..."\} \(not a list of \{name, value\}\)/],
    ['gitserver.storageSize: 500 (500 bytes)', { gitserver: { storageSize: 500 } }, 'gitserver.storageSize', /a storage size needs a unit: 500 means 500 bytes \(allowed: e\.g\. 500Gi, 500Mi\)/],
    ['memory without a unit', { frontend: { resources: { limits: { memory: 4 } } } }, 'frontend.resources.limits.memory', /memory needs a unit: 4 means 4 bytes/],
    ['a scalar where the chart expects a list', { sourcegraph: { imagePullSecrets: 'regcred' } }, 'sourcegraph.imagePullSecrets', /expects a list here/],
    ['a map where the chart expects a single value', { frontend: { replicaCount: { min: 2 } } }, 'frontend.replicaCount', /expects a single value here/],
  ])('the wrong shape is an error: %s', (_name, values, path, message) => {
    const problems = checkValueKeys(values, V7);
    expect(problems.map((p) => [p.severity, p.path.join('.')])).toEqual([['error', path]]);
    expect(problems[0].message).toMatch(message);
  });

  test('the right shapes pass: env value/valueFrom, quantities with units, numbers for cpu', () => {
    const values = {
      frontend: { env: { A: { value: 'x' }, B: { valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, C: null }, resources: { limits: { cpu: 2, memory: '4G', 'ephemeral-storage': '8Gi' }, requests: { cpu: '500m' } } },
      gitserver: { storageSize: '500Gi' },
      extraResources: [{ apiVersion: 'v1', kind: 'ConfigMap' }],
    };
    expect(checkValueKeys(values, V7)).toEqual([]);
  });
});

describe('suggestKeys', () => {
  test('falls back to the singular: replicas -> replicaCount', () => {
    expect(suggestKeys('replicas', ['replicaCount', 'resources', 'name'])).toEqual(['replicaCount']);
  });
  test('matches case-insensitively: gitServer -> gitserver', () => {
    expect(suggestKeys('gitServer', ['gitserver', 'grafana'])[0]).toBe('gitserver');
  });
});

/** The chart's examples/ (the real chart 7.6.0: test/support/reference-data.ts; fails saying how to provide it when absent). */
const examplesDir = () => join(referenceChartDir('sourcegraph', V7), 'examples');
const haveChart = chartAvailable('sourcegraph', V7);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(name) ? [full] : [];
    });
}

/**
 * Two of the chart's own examples put `secretKeyRef` directly in an env entry
 * instead of under `valueFrom`: the chart renders an EnvVar with an unknown
 * field, which Kubernetes refuses. The shape check reports exactly those.
 */
const WITH_ENV_SHAPE_ERRORS = ['external-object-storage/aws-s3-access-key-authentication.yaml', 'external-object-storage/gcp-gcs-service-account-key.yaml'];

describe('the chart 7.6.0\'s own examples (the real chart)', () => {
  const checkExample = (rel: string, merge = false) => check(readFileSync(join(examplesDir(), rel), 'utf8'), V7, merge);

  test('the chart and its examples are here (else: how to provide them)', () => {
    expect(existsSync(examplesDir())).toBe(true);
  });

  test('basic/override.yaml: exactly the known typos, with their suggestions', () => {
    const problems = checkExample('basic/override.yaml');
    expect(brief(problems)).toEqual([
      ['error', 'frontend.replicas', 'frontend.replicaCount'],
      ['error', 'gitServer', 'gitserver'],
      ['error', 'indexedSearch.replicas', 'indexedSearch.replicaCount'],
      ['error', 'indexedSearch.webserver', 'indexedSearch'],
      ['error', 'indexedSearch.indexserver', 'indexedSearchIndexer'],
    ]);
    expect(problems[0].message).toBe('unknown key for chart 7.6.0, did you mean "replicaCount"?');
    expect(problems[1].message).toBe('unknown key for chart 7.6.0, did you mean "gitserver"?');
    expect(problems[4].message).toMatch(/zoekt-indexserver container is configured under "indexedSearchIndexer"/);
  });

  const valid = haveChart
    ? yamlFiles(examplesDir())
        .map((file) => relative(examplesDir(), file))
        .filter((rel) => rel !== 'basic/override.yaml' && !rel.startsWith('prometheus/') && !rel.startsWith('kustomize-chart/') && !rel.startsWith('subchart/'))
        .filter((rel) => !WITH_ENV_SHAPE_ERRORS.includes(rel))
    : [];

  test('the valid examples are all there', () => {
    expect(valid).toEqual(
      expect.arrayContaining([
        'aws/override.yaml',
        'gcp/override.yaml',
        'common-modifications/override.yaml',
        'advanced-scheduling/override.yaml',
        'external-databases/override.yaml',
        'ingress/override.yaml',
        'private-image-registry/override.yaml',
        'openshift/override.yaml',
      ]),
    );
    expect(valid.length).toBeGreaterThanOrEqual(20);
  });

  // Without the chart the table is empty and the test above fails with the reason.
  (valid.length ? test.each(valid) : test.skip.each(['(the chart is missing: see the failure above)']))('%s: no unknown-key errors', (rel) => {
    for (const merge of [false, true]) {
      expect(checkExample(rel, merge).filter((p) => p.severity === 'error')).toEqual([]);
    }
  });

  test('the warnings on valid examples are the executor chart, anchor holders and merged shared blocks', () => {
    expect(brief(checkExample('aws/override.yaml'))).toEqual([['warning', 'executor', undefined]]);
    expect(brief(checkExample('advanced-scheduling/override.yaml'))).toEqual([['warning', 'selectorLabels', undefined]]);
    // The shared block merged into every service carries serviceAccount too, which migrator and indexedSearchIndexer (not workloads) ignore.
    expect(brief(checkExample('openshift/override.yaml'))).toEqual([
      ['warning', 'migrator.podSecurityContext', undefined],
      ['warning', 'migrator.serviceAccount', undefined],
      ['warning', 'indexedSearchIndexer.podSecurityContext', undefined],
      ['warning', 'indexedSearchIndexer.serviceAccount', undefined],
      ['warning', 'executor', undefined],
    ]);
  });

  test.each(WITH_ENV_SHAPE_ERRORS)('%s: only its env entries with secretKeyRef outside valueFrom are errors', (rel) => {
    for (const merge of [false, true]) {
      const errors = checkExample(rel, merge).filter((p) => p.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.message).toBe('an env entry has only value or valueFrom, not secretKeyRef (put it under valueFrom)');
        expect(e.path.join('.')).toMatch(/^\w+\.env\.SOURCEGRAPH_UPLOAD_\w+$/);
      }
    }
  });

  test('prometheus ConfigMap example: reported as a manifest, not a values file', () => {
    expect(brief(checkExample('prometheus/prometheus-override-k3s.ConfigMap.yaml'))).toEqual([['error', '', undefined]]);
  });
});

describe('keys named like Object.prototype members (issue 17)', () => {
  it.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])('%s is an unknown key, at the top level and below, never a message about a function', (key) => {
    const problems = checkValueKeys({ [key]: 'x', frontend: { [key]: 1 } }, '7.6.0');
    expect(problems.map((p) => [p.path.join('.'), p.severity])).toEqual([
      [key, 'error'],
      [`frontend.${key}`, 'error'],
    ]);
    for (const p of problems) expect(p.message).not.toMatch(/function|native code|\[object Object\]/);
  });
});
