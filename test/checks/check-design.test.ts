import * as fs from 'fs';
import * as path from 'path';
import { checkDesignFile, checkDesignObject, designFromObject, loadDesign } from '../../lib/checks/check-design';
import { DesignProblem, DesignValidationError, formatProblem } from '../../lib/design/problems';
import { referenceChartDir } from '../support/reference-data';

const dir = path.join(__dirname, '..', '..', '.tmp', 'design-tests');
const CERTIFICATE_ID = '2f9c1c7e-6a57-4c55-9a3e-1d2b3c4d5e6f';
fs.mkdirSync(dir, { recursive: true });

/** A valid design, one field per line so cases can point at exact lines. */
const VALID = `name: acme-prod
customer: Acme Corp
owner: jane.doe@example.com
expiresAfter: 72h
cloud:
  provider: aws
  region: us-east-2
  accountId: "111122223333"
network:
  cidr: 10.42.0.0/16
  zones: 3
  endpointAccess: public
  allowedCidrs: [203.0.113.0/24]
kubernetes:
  version: "1.33"
  nodePools:
    - name: general
      machineType: m6a.4xlarge
      minNodes: 3
      maxNodes: 6
      diskGb: 100
      spot: false
      labels: {workload: general}
      taints: []
storage:
  diskType: gp3
  encrypted: true
sourcegraph:
  version: 7.6.0
  size: S
  namespace: sourcegraph
  hostname: sourcegraph.acme.example.com
  ingress: alb
  values: {}
`;

let counter = 0;
function write(text: string, name = `design-${++counter}.yaml`): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** Replaces one line (1-based) of the valid design. */
function withLine(line: number, replacement: string): string {
  const lines = VALID.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

function errors(text: string): DesignProblem[] {
  return checkDesignFile(write(text)).problems.filter((p) => p.severity === 'error');
}

describe('loading a valid design', () => {
  it('accepts it and applies defaults', () => {
    const design = loadDesign(write(VALID));
    expect(design.name).toBe('acme-prod');
    expect(design.expiresAfterHours).toBe(72);
    expect(design.network.availabilityZones).toEqual(['us-east-2a', 'us-east-2b', 'us-east-2c']);
    expect(design.network.natGateways).toBe('single');
    expect(design.kubernetes.nodePools[0].taints).toEqual([]);
    expect(design.kubernetes.admins).toEqual([]);
    expect(design.sourcegraph.overrides).toEqual([]);
    expect(design.externalServices).toEqual({});
  });

  it('fills defaults for omitted optional sections', () => {
    const minimal = VALID.replace(/^network:\n(  .*\n)+/m, 'network:\n  allowedCidrs: [198.51.100.0/24]\n').replace(/^storage:\n(  .*\n)+/m, '').replace('expiresAfter: 72h\n', '');
    const design = loadDesign(write(minimal));
    expect(design.network.cidr).toBe('10.0.0.0/16');
    expect(design.network.zones).toBe(3);
    expect(design.storage).toEqual({ diskType: 'gp3', encrypted: true });
    expect(design.expiresAfter).toBe('72h');
  });

  it('understands every field of the contract design; its placeholder certificate ARN is refused', () => {
    const file = path.join(__dirname, '..', 'fixtures', 'contract', 'acme-prod.yaml');
    const result = checkDesignFile(file);
    // `certificate/...` is a placeholder, not an ACM certificate: the ALB could not be created with it, so
    // validation refuses it (valid must mean deployable). Nothing else is wrong with the design's fields.
    expect(result.problems.filter((p) => p.severity === 'error').map((p) => [p.field, p.line])).toEqual([['sourcegraph.tlsCertificateArn', 37]]);
  });

  it('with a real certificate ARN, the contract design passes schema and rules; capacity refuses its all-tainted pool', () => {
    const dir2 = path.join(dir, 'contract-certificate');
    fs.mkdirSync(dir2, { recursive: true });
    const src = path.join(__dirname, '..', 'fixtures', 'contract');
    fs.copyFileSync(path.join(src, 'acme-override.yaml'), path.join(dir2, 'acme-override.yaml'));
    const file = path.join(dir2, 'acme-prod.yaml');
    fs.writeFileSync(file, fs.readFileSync(path.join(src, 'acme-prod.yaml'), 'utf8').replace('certificate/...', `certificate/${CERTIFICATE_ID}`));
    const result = checkDesignFile(file);
    // The only errors are the capacity check's: the single pool carries dedicated=search:NoSchedule,
    // which no Sourcegraph pod tolerates, so nothing would schedule.
    const errs = result.problems.filter((p) => p.severity === 'error');
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.every((p) => p.message.startsWith('capacity: ') && /taint dedicated=search:NoSchedule is not tolerated/.test(p.message))).toBe(true);
    expect(result.unfitDesign?.sourcegraph.overrides.map((o) => o.path)).toEqual(['acme-override.yaml']);
  });

  it('accepts the contract design as written plus a capacity-fit waiver', () => {
    const dir2 = path.join(dir, 'contract-waived');
    fs.mkdirSync(dir2, { recursive: true });
    const src = path.join(__dirname, '..', 'fixtures', 'contract');
    fs.copyFileSync(path.join(src, 'acme-override.yaml'), path.join(dir2, 'acme-override.yaml'));
    const file = path.join(dir2, 'acme-prod.yaml');
    const contract = fs.readFileSync(path.join(src, 'acme-prod.yaml'), 'utf8').replace('certificate/...', `certificate/${CERTIFICATE_ID}`);
    fs.writeFileSync(file, `${contract}waivers: [{rule: capacity-fit, reason: "contract fixture: the taint is illustrative"}]\n`);
    const result = checkDesignFile(file);
    expect(result.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
    expect(result.design?.sourcegraph.overrides.map((o) => o.path)).toEqual(['acme-override.yaml']);
    expect(result.design?.externalServices).toEqual({
      postgres: { instanceClass: 'db.m6g.xlarge', storageGb: 250, highAvailability: false },
      redis: { nodeType: 'cache.m6g.large' },
      objectStorage: {},
    });
  });

  it('reads override files relative to the design file, in order', () => {
    const sub = path.join(dir, 'with-overrides');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, 'a.yaml'), 'frontend:\n  replicaCount: 3\n');
    fs.writeFileSync(path.join(sub, 'b.yaml'), 'frontend:\n  replicaCount: 4\n');
    const file = write(VALID.replace('  values: {}', '  overrides: [a.yaml, b.yaml]\n  values: {}'), 'with-overrides/design.yaml');
    const design = loadDesign(file);
    expect(design.sourcegraph.overrides.map((o) => [o.path, o.values])).toEqual([
      ['a.yaml', { frontend: { replicaCount: 3 } }],
      ['b.yaml', { frontend: { replicaCount: 4 } }],
    ]);
  });
});

/**
 * Broken designs: each names the line it breaks, and the exact field and line
 * that must be reported.
 */
const BROKEN: ReadonlyArray<{ case: string; text: string; field: string; line: number; message: RegExp }> = [
  { case: 'name with uppercase', text: withLine(1, 'name: Acme'), field: 'name', line: 1, message: /invalid format/ },
  { case: 'name too short', text: withLine(1, 'name: ab'), field: 'name', line: 1, message: /3-24 chars/ },
  { case: 'owner not an email', text: withLine(3, 'owner: jane'), field: 'owner', line: 3, message: /email/ },
  { case: 'expiry in weeks', text: withLine(4, 'expiresAfter: 2w'), field: 'expiresAfter', line: 4, message: /hours or days/ },
  { case: 'expiry over 30 days', text: withLine(4, 'expiresAfter: 31d'), field: 'expiresAfter', line: 4, message: /at most 30 days/ },
  { case: 'unknown provider', text: withLine(6, '  provider: azure'), field: 'cloud.provider', line: 6, message: /unknown value/ },
  { case: 'unknown region', text: withLine(7, '  region: us-east-9'), field: 'cloud.region', line: 7, message: /unknown or unsupported region/ },
  { case: 'unquoted account id', text: withLine(8, '  accountId: 111122223333'), field: 'cloud.accountId', line: 8, message: /quote it/ },
  { case: 'short account id', text: withLine(8, '  accountId: "1234"'), field: 'cloud.accountId', line: 8, message: /12 digits/ },
  { case: 'project on aws', text: withLine(8, '  accountId: "111122223333"\n  project: acme-sandbox'), field: 'cloud.project', line: 9, message: /gcp only/ },
  { case: 'public CIDR for the VPC', text: withLine(10, '  cidr: 8.8.0.0/16'), field: 'network.cidr', line: 10, message: /private range/ },
  { case: 'VPC too small', text: withLine(10, '  cidr: 10.42.0.0/23'), field: 'network.cidr', line: 10, message: /prefix must be/ },
  { case: 'VPC too small for the pods', text: withLine(10, '  cidr: 10.42.0.0/22'), field: 'network.cidr', line: 10, message: /too small: private subnets get 123 addresses per zone/ },
  { case: 'host bits set', text: withLine(10, '  cidr: 10.42.1.0/16'), field: 'network.cidr', line: 10, message: /host bits/ },
  { case: 'five zones', text: withLine(11, '  zones: 5'), field: 'network.zones', line: 11, message: /out of range/ },
  { case: 'endpoint typo', text: withLine(12, '  endpointAccess: publik'), field: 'network.endpointAccess', line: 12, message: /did you mean "public"/ },
  { case: 'world-open API', text: withLine(13, '  allowedCidrs: [0.0.0.0/0]'), field: 'network.allowedCidrs[0]', line: 13, message: /whole internet/ },
  { case: 'public API without allow-list', text: withLine(13, '  allowedCidrs: []'), field: 'network.allowedCidrs', line: 13, message: /needs an allow-list/ },
  { case: 'unquoted version', text: withLine(15, '  version: 1.30'), field: 'kubernetes.version', line: 15, message: /quote it/ },
  { case: 'retired Kubernetes version', text: withLine(15, '  version: "1.21"'), field: 'kubernetes.version', line: 15, message: /no longer supported/ },
  { case: 'future Kubernetes version', text: withLine(15, '  version: "1.45"'), field: 'kubernetes.version', line: 15, message: /not yet supported/ },
  { case: 'misspelled pool key', text: withLine(18, '      machinetype: m6a.4xlarge'), field: 'kubernetes.nodePools[0].machinetype', line: 18, message: /did you mean "machineType"/ },
  { case: 'unknown machine type', text: withLine(18, '      machineType: m6a.4xlage'), field: 'kubernetes.nodePools[0].machineType', line: 18, message: /did you mean "m6a.4xlarge"/ },
  { case: 'gcp machine type on aws', text: withLine(18, '      machineType: n2-standard-16'), field: 'kubernetes.nodePools[0].machineType', line: 18, message: /unknown EC2 instance type/ },
  { case: 'minNodes above maxNodes', text: withLine(19, '      minNodes: 7'), field: 'kubernetes.nodePools[0].minNodes', line: 19, message: /minNodes \(7\) is greater than maxNodes \(6\)/ },
  { case: 'fractional maxNodes', text: withLine(20, '      maxNodes: 2.5'), field: 'kubernetes.nodePools[0].maxNodes', line: 20, message: /whole number/ },
  { case: 'tiny disk', text: withLine(21, '      diskGb: 5'), field: 'kubernetes.nodePools[0].diskGb', line: 21, message: /out of range/ },
  { case: 'spot as a string', text: withLine(22, '      spot: "yes"'), field: 'kubernetes.nodePools[0].spot', line: 22, message: /true or false/ },
  { case: 'invalid label value', text: withLine(23, '      labels: {workload: "gen eral"}'), field: 'kubernetes.nodePools[0].labels.workload', line: 23, message: /label value/ },
  { case: 'bad taint effect', text: withLine(24, '      taints: [{key: dedicated, value: search, effect: NoSchedul}]'), field: 'kubernetes.nodePools[0].taints[0].effect', line: 24, message: /did you mean "NoSchedule"/ },
  { case: 'gcp disk type on aws', text: withLine(26, '  diskType: pd-ssd'), field: 'storage.diskType', line: 26, message: /not a disk type on aws/ },
  { case: 'unknown chart version', text: withLine(29, '  version: 5.0.0'), field: 'sourcegraph.version', line: 29, message: /no chart data/ },
  { case: 'unknown size', text: withLine(30, '  size: XXL'), field: 'sourcegraph.size', line: 30, message: /unknown value/ },
  { case: 'bad namespace', text: withLine(31, '  namespace: Source_Graph'), field: 'sourcegraph.namespace', line: 31, message: /DNS label/ },
  { case: 'bad hostname', text: withLine(32, '  hostname: not a host'), field: 'sourcegraph.hostname', line: 32, message: /DNS name/ },
  { case: 'gce ingress on aws', text: withLine(33, '  ingress: gce'), field: 'sourcegraph.ingress', line: 33, message: /not available on aws/ },
  { case: 'certificate ARN carrying a template', text: withLine(34, '  values: {}\n  tlsCertificateArn: arn:aws:acm:us-east-2:111122223333:certificate/${file("/etc/hostname")}'), field: 'sourcegraph.tlsCertificateArn', line: 35, message: /invalid format .*allowed: arn:aws:acm:<region>:<account>:certificate\/<uuid>/ },
  { case: 'admin ARN carrying a template', text: VALID.replace('  version: "1.33"', '  version: "1.33"\n  admins: ["arn:aws:iam::777788889999:role/${file(\\"/etc/hostname\\")}"]'), field: 'kubernetes.admins[0]', line: 16, message: /invalid format .*allowed: an IAM role or user ARN/ },
  { case: 'admin as an STS session', text: VALID.replace('  version: "1.33"', '  version: "1.33"\n  admins: ["arn:aws:sts::777788889999:assumed-role/admin/jane"]'), field: 'kubernetes.admins[0]', line: 16, message: /invalid format .*allowed: an IAM role or user ARN/ },
  { case: 'API allow-list that is the world in halves', text: VALID.replace('allowedCidrs: [203.0.113.0/24]', 'allowedCidrs: [0.0.0.0/1, 128.0.0.0/1]'), field: 'network.allowedCidrs', line: 13, message: /together these ranges cover at least 50 % of all IPv4 addresses: they open the Kubernetes API to the whole internet/ },
  { case: 'VPC range with leading zeros', text: VALID.replace('cidr: 10.42.0.0/16', 'cidr: 010.042.0.0/16'), field: 'network.cidr', line: 10, message: /not an IPv4 CIDR/ },
  { case: 'client CIDR garbage with ingress none', text: VALID.replace('  ingress: alb', '  ingress: none\n  allowedClientCidrs: ["::/0", garbage]'), field: 'sourcegraph.allowedClientCidrs[0]', line: 34, message: /IPv6 ranges are not supported/ },
  { case: 'certificate in another region', text: withLine(34, '  values: {}\n  tlsCertificateArn: arn:aws:acm:eu-west-1:111122223333:certificate/2f9c1c7e-6a57-4c55-9a3e-1d2b3c4d5e6f'), field: 'sourcegraph.tlsCertificateArn', line: 35, message: /certificate is in eu-west-1/ },
  { case: 'missing override file', text: withLine(34, '  values: {}\n  overrides: [missing.yaml]'), field: 'sourcegraph.overrides[0]', line: 35, message: /override file not found/ },
  { case: 'override file outside the design directory', text: withLine(34, '  values: {}\n  overrides: [/etc/shadow]'), field: 'sourcegraph.overrides[0]', line: 35, message: /override file is an absolute path/ },
  { case: 'override file climbing out', text: withLine(34, '  values: {}\n  overrides: [../../../../etc/passwd.yaml]'), field: 'sourcegraph.overrides[0]', line: 35, message: /override file is outside the design file’s directory/ },
  { case: 'values not a map', text: withLine(34, '  values: [a, b]'), field: 'sourcegraph.values', line: 34, message: /expected a map/ },
  { case: 'top-level typo', text: `${VALID}kubernetis: {}\n`, field: 'kubernetis', line: 35, message: /did you mean "kubernetes"/ },
];

describe('broken designs report the exact field and line', () => {
  it.each(BROKEN)('$case', ({ text, field, line, message }) => {
    const found = errors(text);
    const hit = found.find((p) => p.field === field);
    expect(hit).toBeDefined();
    expect({ field: hit!.field, line: hit!.line, text: formatProblem(hit!) }).toEqual({ field, line, text: expect.stringMatching(message) });
  });

  it('reports the offending value and what is allowed', () => {
    const [p] = errors(withLine(26, '  diskType: pd-ssd'));
    expect(formatProblem(p)).toMatch(/design-\d+\.yaml:26:13 storage\.diskType: not a disk type on aws \(got "pd-ssd"; allowed: gp3 \| gp2 \| io2\)$/);
  });

  it('reports every problem at once', () => {
    const text = withLine(19, '      minNodes: 7').replace('machineType: m6a.4xlarge', 'machinetype: m6a.4xlarge').replace('diskType: gp3', 'diskType: pd-ssd').replace('name: acme-prod', 'name: A');
    const fields = errors(text).map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'name',
        'kubernetes.nodePools[0].machinetype',
        'kubernetes.nodePools[0].machineType',
        'kubernetes.nodePools[0].minNodes',
        'storage.diskType',
      ]),
    );
  });

  it('reports YAML syntax errors with their position', () => {
    const [p] = errors('name: acme\ncloud: [unclosed\n');
    expect(p.message).toMatch(/^YAML:/);
    expect(p.line).toBeGreaterThanOrEqual(2);
  });

  it('reports duplicate keys', () => {
    const found = errors(VALID.replace('customer: Acme Corp', 'customer: Acme Corp\ncustomer: Other'));
    expect(found[0].message).toBe('YAML: duplicate key "customer" (first at line 2): a key may appear once in a map; keep one');
    expect(found[0]).toMatchObject({ line: 3, field: 'customer' });
  });

  it('names the duplicate key of an override file, in that file', () => {
    write('frontend:\n  replicaCount: 1\n  env:\n    PGPORT: {value: "5432"}\n    PGPORT: {value: "5433"}\n', 'dup-override.yaml');
    const found = errors(VALID.replace('  values: {}', '  overrides: [dup-override.yaml]\n  values: {}'));
    expect(found.map((p) => [path.basename(p.file), p.line, p.field, p.message])).toEqual([
      ['dup-override.yaml', 5, 'frontend.env.PGPORT', 'YAML: duplicate key "PGPORT" (first at line 4): a key may appear once in a map; keep one'],
    ]);
  });

  it('reports a missing file without throwing', () => {
    const result = checkDesignFile(path.join(dir, 'does-not-exist.yaml'));
    expect(result.problems.map((p) => p.message)).toEqual(['file not found']);
  });

  it('points a missing required field at its parent', () => {
    const found = errors(VALID.replace('  hostname: sourcegraph.acme.example.com\n', ''));
    expect(found).toEqual([expect.objectContaining({ field: 'sourcegraph.hostname', line: 28, message: 'required field is missing' })]);
  });

  it('rejects a document that is not a map', () => {
    expect(errors('- a\n- b\n')[0].message).toMatch(/must be a YAML map/);
  });

  it('loadDesign throws a DesignValidationError listing every error', () => {
    const file = write(withLine(19, '      minNodes: 7').replace('diskType: gp3', 'diskType: pd-ssd'));
    expect(() => loadDesign(file)).toThrow(DesignValidationError);
    try {
      loadDesign(file);
    } catch (e) {
      const message = (e as DesignValidationError).message;
      expect(message).toMatch(/^design has 2 errors:\n/);
      expect(message).toMatch(/\n {2}.*:19:\d+ kubernetes\.nodePools\[0\]\.minNodes[^\n]*\n(.*\n)*? {2}.*:26:\d+ storage\.diskType/);
    }
  });
});

describe('Helm values checks', () => {
  it('reports the typos of the chart\'s own examples/basic/override.yaml, in that file (the real chart: fails saying how to provide it when absent)', () => {
    const basic = path.join(referenceChartDir('sourcegraph', '7.6.0'), 'examples', 'basic', 'override.yaml');
    // Override files are read only from the design's directory: the test puts a copy beside the design.
    fs.copyFileSync(basic, path.join(dir, 'override.yaml'));
    const file = write(VALID.replace('  values: {}', '  overrides: [override.yaml]\n  values: {}'));
    const found = errors(fs.readFileSync(file, 'utf8'));
    expect(found.map((p) => [path.basename(p.file), p.line, p.field, p.message.replace(/ for chart 7\.6\.0/, '')])).toEqual([
      ['override.yaml', 4, 'frontend.replicas', 'unknown key, did you mean "replicaCount"?'],
      ['override.yaml', 6, 'gitServer', 'unknown key, did you mean "gitserver"?'],
      ['override.yaml', 24, 'indexedSearch.replicas', 'unknown key, did you mean "replicaCount"?'],
      ['override.yaml', 26, 'indexedSearch.webserver', expect.stringMatching(/configured directly under "indexedSearch"/)],
      ['override.yaml', 34, 'indexedSearch.indexserver', expect.stringMatching(/under "indexedSearchIndexer"/)],
    ]);
  });

  it('checks inline values against the chart version and the replica', () => {
    const found = checkDesignFile(write(VALID.replace('  values: {}', '  values:\n    frontend:\n      replicas: 3\n    sourcegraph:\n      localDevMode: true'))).problems;
    expect(found.filter((p) => p.severity === 'error').map((p) => [p.field, p.line])).toEqual([
      ['sourcegraph.values.frontend.replicas', 36],
      ['sourcegraph.values.sourcegraph.localDevMode', 38],
    ]);
  });

  it('positions override-file problems in the override file', () => {
    const sub = path.join(dir, 'override-check');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, 'o.yaml'), '# customer file\nfrontend:\n  replicaCount: 2\ngitServer:\n  storageSize: 1Ti\n');
    const file = write(VALID.replace('  values: {}', '  overrides: [o.yaml]\n  values: {}'), 'override-check/design.yaml');
    const [p] = checkDesignFile(file).problems.filter((x) => x.severity === 'error');
    expect(p).toMatchObject({ line: 4, col: 1, field: 'gitServer' });
    expect(p.file).toMatch(/override-check\/o\.yaml$/);
  });
});

describe('Helm value shapes and keys that do nothing, at their positions', () => {
  it('reports wrong shapes and a defaultTag without useGlobalTagAsDefault at file:line:col of the override file', () => {
    const sub = path.join(dir, 'shapes');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(
      path.join(sub, 'o.yaml'),
      ['searcher:', '  env:', '    USE_ROCKSKIP: "false"', 'gitserver:', '  storageSize: 500', 'frontend:', '  ingress:', '    annotations:', '      - a=b', 'sourcegraph:', '  image:', '    defaultTag: 7.6.0', ''].join('\n'),
    );
    const file = write(VALID.replace('  values: {}', '  overrides: [o.yaml]\n  values: {}'), 'shapes/design.yaml');
    const found = checkDesignFile(file).problems.filter((x) => x.severity === 'error');
    expect(found.map((p) => [p.line, p.col, p.field])).toEqual([
      [3, 19, 'searcher.env.USE_ROCKSKIP'],
      [5, 16, 'gitserver.storageSize'],
      [9, 7, 'frontend.ingress.annotations'],
      [12, 17, 'sourcegraph.image.defaultTag'],
    ]);
    expect(formatProblem(found[1])).toMatch(/o\.yaml:5:16 gitserver\.storageSize: a storage size needs a unit: 500 means 500 bytes/);
    expect(formatProblem(found[3])).toMatch(/does nothing unless sourcegraph\.image\.useGlobalTagAsDefault is set/);
  });
});

describe('volume minimums', () => {
  it('refuses an override volume below the disk type minimum, at its position in the override file', () => {
    const sub = path.join(dir, 'volume-minimum');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, 'o.yaml'), '# customer file\ngrafana:\n  storageSize: 2Gi\n');
    const file = write(VALID.replace('diskType: gp3', 'diskType: io2').replace('  values: {}', '  overrides: [o.yaml]\n  values: {}'), 'volume-minimum/design.yaml');
    const found = checkDesignFile(file).problems.filter((x) => x.severity === 'error');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 3, col: 16, field: 'grafana.storageSize' });
    expect(found[0].file).toMatch(/volume-minimum\/o\.yaml$/);
    expect(formatProblem(found[0])).toMatch(/below the io2 minimum of 4Gi.*\(got "2Gi"/);
  });

  it('accepts the same override on gp3 (minimum 1 GiB)', () => {
    const sub = path.join(dir, 'volume-minimum-gp3');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, 'o.yaml'), 'grafana:\n  storageSize: 2Gi\n');
    const file = write(VALID.replace('  values: {}', '  overrides: [o.yaml]\n  values: {}'), 'volume-minimum-gp3/design.yaml');
    expect(checkDesignFile(file).problems.filter((x) => x.severity === 'error')).toEqual([]);
  });
});

describe('capacity', () => {
  const tiny = VALID.replace('machineType: m6a.4xlarge', 'machineType: m6a.large').replace('minNodes: 3', 'minNodes: 1').replace('maxNodes: 6', 'maxNodes: 1');

  it('fails a design whose release does not fit even at maxNodes, pointing at the pool', () => {
    const found = errors(tiny);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((p) => p.field.startsWith('kubernetes.nodePools[0]') && p.message.startsWith('capacity: '))).toBe(true);
    expect(found.map((p) => p.message).join('\n')).toMatch(/gitserver-0 cannot be scheduled even at maxNodes: needs 4 vCPU/);
  });

  it('accepts it with a capacity-fit waiver, keeping every finding as a warning with the reason', () => {
    const waived = `${tiny}waivers:\n  - {rule: capacity-fit, reason: "smoke test of the ingress only; pods may stay Pending"}\n`;
    const result = checkDesignFile(write(waived));
    expect(result.design).toBeDefined();
    const warnings = result.problems.filter((p) => p.severity === 'warning' && p.message.startsWith('capacity:'));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0].message).toMatch(/\(waived: smoke test of the ingress only; pods may stay Pending\)$/);
  });

  it('does not run for a design with other errors (its numbers would mean nothing)', () => {
    const found = errors(tiny.replace('diskType: gp3', 'diskType: pd-ssd'));
    expect(found.map((p) => p.field)).toEqual(['storage.diskType']);
  });
});

describe('checks of the platform, which no capacity-fit waiver covers', () => {
  const waiver = 'waivers:\n  - {rule: capacity-fit, reason: "a reason long enough to be written down"}\n';

  it('refuses a Graviton pool Sourcegraph pods may land on, at its machine type, with the reason and the fix; the waiver does not cover it', () => {
    const graviton = VALID.replace('machineType: m6a.4xlarge', 'machineType: m7g.4xlarge');
    for (const text of [graviton, `${graviton}${waiver}`]) {
      const result = checkDesignFile(write(text));
      expect(result.design).toBeUndefined();
      const [arch] = result.problems.filter((p) => p.severity === 'error');
      expect(arch).toMatchObject({ field: 'kubernetes.nodePools[0].machineType', line: 18 });
      expect(arch.message).toMatch(/^architecture: Pool general is arm64 \(m7g\.4xlarge\) and Sourcegraph pods may be scheduled on it .*sourcegraph-public-snapshot#62139.*Use an amd64 machine type \(e\.g\. m7i\.4xlarge or m7a\.4xlarge\), or taint the pool/);
      // Still reportable: its assessment is kept for sg-replica report.
      expect(result.unfitDesign?.name).toBe('acme-prod');
    }
  });

  it('accepts a Graviton pool every Sourcegraph pod is kept off by a taint', () => {
    const tainted = VALID.replace('      taints: []', '      taints: []\n    - name: arm\n      machineType: m7g.large\n      minNodes: 0\n      maxNodes: 2\n      taints: [{key: kubernetes.io/arch, value: arm64, effect: NoSchedule}]');
    expect(errors(tainted)).toEqual([]);
  });

  it('warns at the version when it is in extended support, with the price and the version to use', () => {
    const result = checkDesignFile(write(VALID));
    const [warning] = result.problems.filter((p) => p.field === 'kubernetes.version');
    expect(warning).toMatchObject({ severity: 'warning', line: 15 });
    expect(warning.message).toMatch(/^kubernetes-version: Kubernetes 1\.33 is in EKS extended support .*\$0\.60\/h instead of \$0\.10\/h \(\+\$12\.00\/day\).* use a version in standard support: 1\.35/);
    expect(checkDesignFile(write(VALID.replace('version: "1.33"', 'version: "1.35"'))).problems.filter((p) => p.field === 'kubernetes.version')).toEqual([]);
  });

  it('refuses the same admin principal twice, whatever the IAM path', () => {
    const twice = VALID.replace('  version: "1.33"', '  version: "1.33"\n  admins:\n    - arn:aws:iam::111122223333:role/Admin\n    - arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/Admin');
    expect(errors(twice).map((p) => `${p.field}:${p.line}: ${p.message}`)).toEqual([
      'kubernetes.admins[1]:18: "arn:aws:iam::111122223333:role/Admin" and "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/Admin" are the same principal (IAM names are unique whatever the path, and EKS takes one access entry per principal); list it once',
    ]);
  });
});

describe('waivers', () => {
  const withWaivers = (lines: string) => `${VALID}waivers:\n${lines}`;

  it('accepts a known rule with a reason', () => {
    const design = loadDesign(write(withWaivers('  - {rule: no-world-open-ingress, reason: "the customer terminates TLS on a bastion; needs 8443"}\n')));
    expect(design.waivers).toEqual([{ rule: 'no-world-open-ingress', reason: 'the customer terminates TLS on a bastion; needs 8443' }]);
  });

  it.each([
    ['an unknown rule, with a did-you-mean', '  - {rule: imdsv2-requird, reason: "a reason long enough"}\n', 'waivers[0].rule', /unknown rule, did you mean "imdsv2-required"/],
    ['the tag rule, which cannot be waived', '  - {rule: required-tags, reason: "a reason long enough"}\n', 'waivers[0].rule', /cannot be waived/],
    ['a rule waived twice', '  - {rule: capacity-fit, reason: "a reason long enough"}\n  - {rule: capacity-fit, reason: "another reason here"}\n', 'waivers[1].rule', /waived twice/],
    ['a reason too short to say why', '  - {rule: capacity-fit, reason: "ok"}\n', 'waivers[0].reason', /at least 10 characters/],
  ])('refuses %s', (_name, lines, field, message) => {
    const hit = errors(withWaivers(lines)).find((p) => p.field === field);
    expect(hit && formatProblem(hit)).toMatch(message);
  });
});

describe('designs built in code', () => {
  const obj = () => JSON.parse(JSON.stringify(require('yaml').parse(VALID)));

  it('builds the same design as the file', () => {
    const fromFile = loadDesign(write(VALID));
    const fromObject = designFromObject(obj(), { file: 'inline', baseDir: dir });
    expect({ ...fromObject, source: undefined }).toEqual({ ...fromFile, source: undefined });
  });

  it('reports problems by field without positions', () => {
    const bad = obj();
    bad.kubernetes.nodePools[0].minNodes = 9;
    expect(() => designFromObject(bad, { file: 'inline' })).toThrow(/inline kubernetes\.nodePools\[0\]\.minNodes: minNodes \(9\) is greater than maxNodes \(6\)/);
  });
});

describe('the deployment method', () => {
  const obj = () => JSON.parse(JSON.stringify(require('yaml').parse(VALID)));

  it('is helm when the design names none: the assessment holds the Helm values and no render', () => {
    const c = checkDesignFile(write(VALID));
    expect(c.design!.sourcegraph.method).toBe('helm');
    expect(c.assessment!.kustomize).toBeUndefined();
    expect(Object.keys(c.assessment!.finalValues).length).toBeGreaterThan(0);
  });

  it('a Kustomize design with Helm fields, a Helm version and no overlay: every problem, and no render (kubectl never runs for an unsound design)', () => {
    const bad = obj();
    Object.assign(bad.sourcegraph, { method: 'kustomize', overrides: ['x.yaml'], values: { frontend: { replicaCount: 2 } } });
    const c = checkDesignFile(write(require('yaml').stringify(bad)));
    expect(c.assessment).toBeUndefined();
    expect(c.problems.filter((p) => p.severity === 'error').map((p) => `${p.field}: ${p.message.split(':')[0]}`)).toEqual([
      'sourcegraph.overlay: required with method',
      'sourcegraph.version: no data for this deploy-sourcegraph-k8s release (a release needs its facts in lib/kustomize/releases.ts); 7.6.0 is a chart version of sourcegraph/sourcegraph',
      'sourcegraph.values: not used with method',
      'sourcegraph.overrides: not used with method',
    ]);
    // The Helm override file is not read for a Kustomize design (it does not exist: no "not found").
    expect(c.problems.map(formatProblem).join('\n')).not.toMatch(/override file not found/);
  });

  it('an overlay that is a file outside the design’s directory is refused before anything is read', () => {
    const bad = obj();
    Object.assign(bad.sourcegraph, { method: 'kustomize', version: '7.2.1943', overlay: '../../../etc' });
    // (the design's `values: {}` says nothing: accepted with kustomize)
    const c = checkDesignObject(bad, { file: 'inline', baseDir: dir });
    expect(c.problems.map(formatProblem)).toEqual([
      'inline sourcegraph.overlay: overlay directory is outside the design file’s directory; sg-replica reads only files beside or below the design (got "../../../etc"; allowed: a directory inside the design file’s directory holding the customer’s kustomization.yaml, e.g. customer-overlay)',
    ]);
  });
});

describe('capacity problems caused by a taint', () => {
  it('suggest the toleration and nodeSelector, not larger or more nodes', () => {
    const file = write(withLine(24, '      taints: [{key: dedicated, value: search, effect: NoSchedule}]'));
    const problems = checkDesignFile(file).problems.filter((p) => p.severity === 'error');
    const gitserver = problems.find((p) => p.message.includes('gitserver-0'))!;
    expect(gitserver.field).toBe('kubernetes.nodePools[0].taints');
    expect(formatProblem(gitserver)).toMatch(
      /allowed: a toleration of the taint, and a nodeSelector for the pool: sourcegraph\.values\.gitserver\.tolerations: \[\{key: dedicated, operator: Equal, value: search, effect: NoSchedule\}\] and nodeSelector: \{workload: general\}/,
    );
    expect(formatProblem(gitserver)).not.toMatch(/larger or more nodes/);
  });
});

describe('a Helm override file given as a design', () => {
  it('gets one error saying what it is and where it belongs, not a dozen schema errors', () => {
    const file = write('frontend:\n  replicaCount: 2\ngitserver:\n  storageSize: 500Gi\nstorageClass:\n  create: false\n', 'customer-override.yaml');
    const { problems, design } = checkDesignFile(file);
    expect(design).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'error', line: 1, col: 1 });
    expect(problems[0].message).toBe(
      'this is a Helm override file, not a design: its keys frontend, gitserver, storageClass are Sourcegraph chart values. Name it in the design that uses it (in the same directory): sourcegraph: {overrides: [customer-override.yaml]}; a design starts with name:, customer:, owner:, cloud:, kubernetes:, sourcegraph: (docs/DESIGN-FILE.md)',
    );
  });

  it('leaves a design with a few wrong keys to the schema check', () => {
    const { problems } = checkDesignFile(write(VALID.replace('name: acme-prod\n', 'frontend: {}\n')));
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining(['frontend', 'name']));
  });
});
