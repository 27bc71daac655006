/**
 * Issue 17, item by item, through the whole check pipeline as `sg-replica
 * validate` runs it: each crash, hang and "accepted but wrong" case of the
 * issue is a positioned problem now. (Module-level tests of the same fixes:
 * test/design/{yaml-document,plain-data,deploy-rules}.test.ts,
 * test/chart/value-shapes.test.ts, test/capacity/simulate-capacity.test.ts,
 * ...; the properties over generated input: test/fuzz/.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkDesignFile, checkDesignObject, designFromObject } from '../../lib/checks/check-design';
import { DesignProblem, isDesignValidationError } from '../../lib/design/problems';
import { synthFailures, withoutWarnings } from '../fuzz/properties';

const dir = path.join(__dirname, '..', '..', '.tmp', 'hostile-input-tests');
fs.mkdirSync(dir, { recursive: true });

const VALID = `name: acme-prod
customer: Acme Corp
owner: jane.doe@example.com
cloud:
  provider: aws
  region: us-east-2
  accountId: "111122223333"
network:
  allowedCidrs: [203.0.113.0/24]
kubernetes:
  version: "1.33"
  nodePools:
    - name: general
      machineType: m6a.4xlarge
      minNodes: 3
      maxNodes: 6
      labels: {workload: general}
sourcegraph:
  version: 7.6.0
  size: S
  hostname: sourcegraph.acme.example.com
  ingress: alb
`;

let counter = 0;
function check(text: string, override?: string): { errors: DesignProblem[]; warnings: string[] } {
  const caseDir = path.join(dir, `case-${++counter}`);
  fs.mkdirSync(caseDir, { recursive: true });
  if (override !== undefined) fs.writeFileSync(path.join(caseDir, 'override.yaml'), override);
  const file = path.join(caseDir, 'design.yaml');
  fs.writeFileSync(file, override !== undefined ? text.replace('  ingress: alb\n', '  ingress: alb\n  overrides: [override.yaml]\n') : text);
  const { result, warnings } = withoutWarnings(() => checkDesignFile(file));
  return { errors: result.problems.filter((p) => p.severity === 'error'), warnings };
}

/** `line:col field: message` of every error, for exact expectations. */
const brief = (errors: readonly DesignProblem[]) => errors.map((p) => `${path.basename(p.file)}:${p.line}:${p.col} ${p.field}: ${p.message}`);

describe('crashes are positioned problems', () => {
  it('codebase.largestRepoGb > totalSizeGb', () => {
    const { errors } = check(`${VALID}  codebase: {repositories: 10, totalSizeGb: 100, largestRepoGb: 500}\n`);
    expect(brief(errors)).toEqual(['design.yaml:23:65 sourcegraph.codebase.largestRepoGb: the largest repository (500 GB) cannot be larger than all of them together (totalSizeGb: 100)']);
  });

  it('a bad quantity in values with a codebase', () => {
    const { errors } = check(`${VALID}  codebase: {repositories: 10, totalSizeGb: 100, largestRepoGb: 5}\n  values:\n    gitserver: {storageSize: lots, resources: {requests: {cpu: many}}}\n`);
    expect(brief(errors)).toEqual([
      expect.stringMatching(/^design\.yaml:25:30 sourcegraph\.values\.gitserver\.storageSize: a storage size is not a Kubernetes quantity/),
      expect.stringMatching(/^design\.yaml:25:64 sourcegraph\.values\.gitserver\.resources\.requests\.cpu: cpu is a number of cores/),
    ]);
  });

  it('map values where strings are expected (nodeSelector, affinity), also with a toString key', () => {
    const { errors } = check(VALID, 'frontend:\n  nodeSelector:\n    workload: {toString: 1}\n  affinity:\n    nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: [{key: {a: 1}, operator: In}]}]}}\n');
    expect(brief(errors)).toEqual(['override.yaml:3:15 frontend.nodeSelector.workload: nodeSelector values are strings in Kubernetes, not a map']);
  });

  it('an alias cycle in values, !!set, !!omap and !!timestamp tags, an alias bomb, an undefined alias: in the file they are in', () => {
    expect(brief(check(VALID, 'frontend: &f\n  env: [*f]\n').errors)).toEqual([expect.stringMatching(/^override\.yaml:2:9 : YAML: alias \*f is inside its own anchor/)]);
    expect(brief(check(VALID, 'frontend:\n  podLabels: !!set {a, b}\n').errors)).toEqual([expect.stringMatching(/^override\.yaml:2:\d+ : YAML: the tag !!set is not supported/)]);
    expect(brief(check(VALID.replace('customer: Acme Corp', 'customer: !!omap [{a: 1}]')).errors)).toEqual([expect.stringMatching(/^design\.yaml:2:\d+ : YAML: the tag !!omap is not supported/)]);
    expect(brief(check(VALID.replace('customer: Acme Corp', 'customer: !!timestamp 2026-11-28')).errors)).toEqual([expect.stringMatching(/^design\.yaml:2:\d+ : YAML: the tag !!timestamp/)]);
    const bomb = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`)].join('\n');
    expect(brief(check(VALID, `${bomb}\n`).errors)).toEqual([expect.stringMatching(/^override\.yaml:10:\d+ : YAML: aliases expand the document to more than 10000 values/)]);
    expect(brief(check(VALID.replace('customer: Acme Corp', 'customer: *nowhere')).errors)).toEqual([expect.stringMatching(/^design\.yaml:2:11 : YAML: alias \*nowhere has no anchor/)]);
  });

  it('1,200-deep nesting', () => {
    expect(brief(check(`${VALID}  values: ${'['.repeat(1200)}${']'.repeat(1200)}\n`).errors)).toEqual([expect.stringMatching(/^design\.yaml:23:1 : YAML: nested deeper than 64 levels/)]);
  });

  it('objects with throwing getters, proxies or cycles given to designFromObject: a DesignValidationError naming the field', () => {
    const design: Record<string, unknown> = { name: 'acme-prod' };
    Object.defineProperty(design, 'customer', {
      enumerable: true,
      get() {
        throw new Error('no customer');
      },
    });
    design.cloud = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    design.kubernetes = { nodePools: [design] };
    let thrown: unknown;
    try {
      designFromObject(design as never);
    } catch (e) {
      thrown = e;
    }
    expect(isDesignValidationError(thrown)).toBe(true);
    expect((thrown as Error).message.split('\n').slice(1)).toEqual([
      '  <design> customer: cannot be read: no customer',
      '  <design> cloud: cannot be read: trap',
      expect.stringMatching(/^ {2}<design> kubernetes\.nodePools\[0\]: refers back to a map or list that contains it/),
    ]);
  });

  it('__proto__, constructor and toString keys are unknown keys, at the design\'s top level and below', () => {
    const { errors } = check(`${VALID}__proto__: {polluted: true}\nconstructor: 1\nnetwork2: 1\n`.replace('network:\n', 'network:\n  toString: x\n'));
    expect(brief(errors)).toEqual([
      expect.stringMatching(/^design\.yaml:9:3 network\.toString: unknown field/),
      expect.stringMatching(/^design\.yaml:24:1 __proto__: unknown key "__proto__"/),
      expect.stringMatching(/^design\.yaml:25:1 constructor: unknown field/),
      expect.stringMatching(/^design\.yaml:26:1 network2: unknown field, did you mean "network"\?/),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('messages never say "a map a map", [object Object] or function Object(), and the yaml library prints nothing on stderr', () => {
    expect(brief(check(`${VALID}? [a, b]\n: c\n`).errors)).toEqual(['design.yaml:23:3 : YAML: a key must be a plain value (a string), not a map or a list']);
    const { errors, warnings } = check(`${VALID.replace('customer: Acme Corp', 'customer: {a: 1}').replace('minNodes: 3', 'minNodes: {a: 1}')}`, 'constructor: 1\ntoString:\n  a: 1\nfrontend:\n  nodeSelector: {workload: {a: 1}}\n');
    const text = brief(errors).join('\n');
    expect(text).not.toMatch(/a map a map|\[object Object\]|function |native code/);
    expect(text).toMatch(/customer: expected a string \(got a map\)|customer: expected a string/);
    expect(warnings).toEqual([]);
  });
});

describe('hangs and memory: bounded, and reported like any problem', () => {
  it.each([
    ['replicaCount: 2147483648', '2147483648'],
    ['replicaCount: 1e308', '1e308'],
    ['replicaCount: 100000', '100000'],
  ])('%s in values', (_, count) => {
    const { errors } = check(`${VALID}  values:\n    frontend: {replicaCount: ${count}}\n`);
    expect(brief(errors)).toEqual([expect.stringMatching(/^design\.yaml:24:30 sourcegraph\.values\.frontend\.replicaCount: more replicas than sg-replica simulates \(at most 200 per workload\)/)]);
  });

  it('a 10,000-character machine type, a 40,000-character owner, a 30,000-character quantity', () => {
    const { errors } = check(VALID.replace('m6a.4xlarge', 'm'.repeat(10_000)).replace('jane.doe@example.com', `${'a'.repeat(40_000)}@b`), `gitserver: {storageSize: "${'1'.repeat(30_000)}"}\n`);
    // (A 30,000-digit string is not read as a byte count: no message repeats it.)
    expect(brief(errors)).toEqual([
      'override.yaml:1:26 gitserver.storageSize: a storage size is not a Kubernetes quantity with a unit (allowed: e.g. 500Gi, 512Mi, 8G)',
      'design.yaml:3:8 owner: must be at most 254 characters',
      'design.yaml:14:20 kubernetes.nodePools[0].machineType: must be at most 1024 characters',
    ]);
  });

  it('a map with 12,000 keys and a list with 20,000 items (within the 128 KiB file limit); 40,000 keys are a file too large', () => {
    expect(brief(check(VALID, `${Array.from({ length: 40_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`).errors)).toEqual([expect.stringMatching(/^design\.yaml:23:\d+ sourcegraph\.overrides\[0\]: override file is larger than 128 KiB/)]);
    expect(brief(check(VALID, `${Array.from({ length: 12_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`).errors)).toEqual([expect.stringMatching(/^override\.yaml:\d+:1 : YAML: holds more than 10000 values/)]);
    expect(brief(check(`${VALID}  values:\n    frontend:\n      env: [${new Array(20_000).fill('1').join(', ')}]\n`).errors)).toEqual([expect.stringMatching(/^design\.yaml:25:1 : YAML: holds more than 10000 values/)]);
  });

  it('a 5 MB design file is refused before it is read', () => {
    const file = path.join(dir, 'five-megabytes.yaml');
    fs.writeFileSync(file, `${VALID}# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    expect(checkDesignFile(file).problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/^file is larger than 128 KiB \(5\d{6} bytes\)$/) })]);
  });
});

describe('valid means it synthesizes: the edges that validation now accepts do synthesize', () => {
  const work = path.join(dir, 'synth');
  const synth = (design: Record<string, unknown>) => {
    const checked = checkDesignObject(design);
    expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
    return synthFailures(checked.design!, checked.assessment, work);
  };
  const aws = {
    name: 'a-b-c-d-e-f-g-h-i-j-k-lm',
    customer: 'Acme',
    owner: 'jane@example.com',
    cloud: { provider: 'aws', region: 'us-east-2', accountId: '111122223333' },
    network: { allowedCidrs: Array.from({ length: 40 }, (_, i) => `198.51.${i}.0/24`) },
    kubernetes: {
      version: '1.33',
      nodePools: [
        { name: 'general', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 6 },
        { name: 'tainted-pool-1234567', machineType: 'm6a.large', minNodes: 0, maxNodes: 1, taints: Array.from({ length: 50 }, (_, i) => ({ key: `example.com/t${i}`, effect: 'PreferNoSchedule' })) },
      ],
    },
    storage: { encrypted: false },
    sourcegraph: { version: '7.6.0', size: 'S', hostname: 'sourcegraph.acme.example.com', ingress: 'alb' },
    externalServices: { postgres: { instanceClass: 'db.t4g.medium' }, redis: { nodeType: 'cache.t4g.micro' }, objectStorage: {} },
    waivers: [{ rule: 'encrypted-disks', reason: 'the customer runs unencrypted volumes' }],
  };

  it('aws: a 24-character name of single hyphens, 40 API CIDRs, 50 taints, unencrypted volumes waived, every external service', () => {
    expect(synth(aws)).toEqual([]);
  });

  it('gcp: 50 authorized networks, Cloud SQL, Memorystore and a bucket', () => {
    const gcp = {
      ...aws,
      name: 'umbrella-x9',
      cloud: { provider: 'gcp', region: 'us-central1', project: 'umbrella-sandbox' },
      network: { allowedCidrs: Array.from({ length: 50 }, (_, i) => `198.51.${i}.0/24`) },
      kubernetes: { version: '1.33', nodePools: [{ name: 'general', machineType: 'n2-standard-16', minNodes: 3, maxNodes: 6 }] },
      storage: {},
      sourcegraph: { ...aws.sourcegraph, ingress: 'nginx' },
      externalServices: { postgres: { instanceClass: 'db-custom-4-16384' }, redis: { memoryGb: 5 }, objectStorage: {} },
      waivers: [],
    };
    expect(synth(gcp)).toEqual([]);
  });
});
