/**
 * A fast-check generator of designs that are valid most of the time: every
 * field drawn from a pool of values each valid for that field on its own
 * (from sg-replica's catalogs and the clouds' naming rules), with the
 * boundaries where the clouds start refusing (name lengths and hyphens,
 * allow-list sizes, taint counts, many pools and nodes, long customers, odd
 * but valid strings) drawn often. What no field-by-field pool can guarantee
 * (combinations: capacity, the pod range, GCS names) is left to validation:
 * the property is "validate passes => synth passes", so invalid combinations
 * cost a run but prove nothing wrong.
 *
 * Used by test/fuzz/hostile-input.test.ts and scripts/fuzz.ts.
 */
import * as fc from 'fast-check';
import { awsInstanceTypeNames } from '../../lib/catalog/aws-instance-types';
import { awsRegion, awsRegionNames } from '../../lib/catalog/aws-regions';
import { SOURCEGRAPH_CHART_VERSIONS } from '../../lib/catalog/chart-versions';
import { gceMachineTypeNames, HYPERDISK_ONLY_SERIES } from '../../lib/catalog/gce-machine-types';
import { gcpRegion, gcpRegionNames } from '../../lib/catalog/gcp-regions';
import { kubernetesVersions } from '../../lib/catalog/kubernetes-versions';
import { CLOUDS } from '../../lib/cloud/clouds';

type Doc = Record<string, unknown>;

const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split(''));
const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''));

/** `[a-z]` then `[a-z0-9]` or single `-` between them, `min..max` long, ending in a letter or digit. */
function dnsName(min: number, max: number): fc.Arbitrary<string> {
  return fc
    .tuple(lower, fc.array(fc.tuple(fc.boolean(), alnum), { minLength: Math.max(0, min - 1), maxLength: max - 1 }))
    .map(([first, rest]) => {
      let out = first;
      for (const [hyphen, c] of rest) out += hyphen && !out.endsWith('-') && out.length < max - 1 ? `-${c}` : c;
      return out.slice(0, max);
    })
    .filter((s) => s.length >= min && /[a-z0-9]$/.test(s));
}

/** Strings at the edges: the longest allowed, hyphens everywhere allowed, digits. */
const replicaName = fc.oneof(dnsName(3, 24), fc.constantFrom('abc', 'a1b', 'a-b', 'a'.repeat(24), `a-${'b'.repeat(21)}`, 'x1-2-3-4-5-6-7-8-9-0-ab'));
const poolName = fc.oneof(dnsName(1, 20), fc.constantFrom('a', 'gp', 'a'.repeat(20), 'search-1', 'x-y-z'));

const customer = fc.oneof(
  fc.constantFrom('Acme', 'Globex Corporation', 'Ünïcødé GmbH & Co. KG', 'O\'Brien "Quotes" <Ltd>', '${file("/etc/hostname")}', '%{ if true }x%{ endif }', 'x'.repeat(128)),
  fc.string({ minLength: 1, maxLength: 128 }).filter((s) => s.trim() !== ''),
);

const owner = fc.oneof(fc.constantFrom('jane.doe@example.com', 'a+b@sub.example.co.uk', `${'a'.repeat(64)}@${'b'.repeat(60)}.com`), fc.emailAddress().filter((e) => e.length <= 254 && !/\s/.test(e)));

const expiresAfter = fc.oneof(fc.integer({ min: 1, max: 720 }).map((h) => `${h}h`), fc.integer({ min: 1, max: 30 }).map((d) => `${d}d`));

/** A public /24 (documentation and ordinary ranges). */
const publicCidr = fc.tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).filter(([a]) => a !== 10 && a !== 127 && a !== 172 && a !== 192).map(([a, b, c]) => `${a}.${b}.${c}.0/24`);
const allowList = (max: number) => fc.oneof(fc.uniqueArray(publicCidr, { minLength: 1, maxLength: 3 }), fc.uniqueArray(publicCidr, { minLength: max - 2, maxLength: max }));

const vpcCidr = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 255 }).map((b) => `10.${b}.0.0/16`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 16, max: 31 }), fc.integer({ min: 16, max: 22 })).map(([b, p]) => `172.${b}.0.0/${p}`) },
  { weight: 1, arbitrary: fc.constantFrom('192.168.0.0/16', '10.0.0.0/16', '10.42.0.0/17', '10.8.0.0/18') },
);

const labelKey = fc.constantFrom('workload', 'tier', 'example.com/role', 'team.example.com/pool', 'a'.repeat(63), `${'p'.repeat(63)}.example.com/x`);
const labelValue = fc.oneof(fc.constantFrom('general', 'search', '', 'a'.repeat(63), 'A-b_c.d'), dnsName(1, 10));

const taint = fc.record({ key: labelKey, value: labelValue, effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute') });

function pools(machineTypes: readonly string[], big: readonly string[]): fc.Arbitrary<Doc[]> {
  const pool = (name: fc.Arbitrary<string>, general: boolean) =>
    fc
      .record({
        name,
        machineType: general ? fc.constantFrom(...big) : fc.oneof(fc.constantFrom(...big), fc.constantFrom(...machineTypes)),
        minNodes: fc.integer({ min: general ? 1 : 0, max: 4 }),
        extra: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 1, arbitrary: fc.constant(100) }),
        diskGb: fc.option(fc.oneof(fc.integer({ min: 20, max: 2000 }), fc.constantFrom(20, 2000)), { nil: undefined }),
        spot: fc.option(fc.boolean(), { nil: undefined }),
        labels: fc.option(fc.dictionary(labelKey, labelValue, { maxKeys: 3 }), { nil: undefined }),
        taints: general ? fc.constant(undefined) : fc.option(fc.oneof(fc.uniqueArray(taint, { maxLength: 3, selector: (t) => `${t.key}:${t.effect}` }), fc.integer({ min: 45, max: 50 }).map((n) => Array.from({ length: n }, (_, i) => ({ key: `example.com/t${i}`, value: '', effect: 'PreferNoSchedule' })))), { nil: undefined }),
      })
      .map(({ extra, ...p }) => {
        // The general pool carries the label the generated values select (sourcegraph.nodeSelector).
        const labels = general ? { ...(p.labels ?? {}), workload: 'general' } : p.labels;
        const out: Doc = { ...p, labels, maxNodes: Math.min(100, Math.max(1, p.minNodes + extra)) };
        for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
        return out;
      });
  return fc
    .tuple(pool(fc.constant('general'), true), fc.array(pool(poolName, false), { maxLength: 3 }), fc.boolean())
    .map(([general, rest, many]) => (many ? [general, ...rest] : [general, ...rest.slice(0, 1)]))
    .map((list) => list.filter((p, i) => list.findIndex((q) => q.name === p.name) === i));
}

/** Inline Helm values, each valid for the chart: replica counts, resources, env, placement on the pools' labels. */
const values = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      frontend: fc.record({ replicaCount: fc.integer({ min: 1, max: 3 }), env: fc.constant({ SRC_LOG_LEVEL: { value: 'info' } }) }, { requiredKeys: [] }),
      gitserver: fc.record({ replicaCount: fc.integer({ min: 1, max: 3 }), storageSize: fc.constantFrom('200Gi', '1Ti', '50Gi') }, { requiredKeys: [] }),
      searcher: fc.record({ resources: fc.constant({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } }) }, { requiredKeys: [] }),
      sourcegraph: fc.record({ nodeSelector: fc.constant({ workload: 'general' }), tolerations: fc.constant([{ key: 'workload', operator: 'Exists', effect: 'NoSchedule' }]) }, { requiredKeys: [] }),
      indexedSearch: fc.record({ storageSize: fc.constantFrom('100Gi', '500Gi') }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  ),
);

const codebase = fc
  .tuple(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 0, max: 100 }))
  .map(([repositories, totalSizeGb, percent]) => ({ repositories, totalSizeGb, largestRepoGb: Math.max(1, Math.floor((totalSizeGb * percent) / 100)) }));

const hostname = fc.tuple(dnsName(1, 20), dnsName(1, 20), fc.constantFrom('com', 'io', 'example', 'co.uk', 'dev')).map(([a, b, tld]) => `${a}.${b}.${tld}`);

const namespace = fc.oneof(fc.constant(undefined), fc.constantFrom('sourcegraph', 'sg', 'a'.repeat(63)), dnsName(1, 30));

const waivers = (cloud: 'aws' | 'gcp', unencrypted: boolean) =>
  fc
    .record({ capacity: fc.boolean(), encryption: fc.constant(cloud === 'aws' && unencrypted) })
    .map(({ capacity, encryption }) => [
      ...(capacity ? [{ rule: 'capacity-fit', reason: 'fuzzing: the replica may not fit its pools' }] : []),
      ...(encryption ? [{ rule: 'encrypted-disks', reason: 'fuzzing: the customer runs unencrypted volumes' }] : []),
    ]);

const supported = (cloud: 'aws' | 'gcp') => kubernetesVersions(cloud).map((v) => v.version);

function state(cloud: 'aws' | 'gcp'): fc.Arbitrary<Doc | undefined> {
  const bucket = dnsName(3, 40);
  const prefix = fc.option(fc.constantFrom('sg-replica', 'team/a', 'a.b_c-d/e/', 'x'.repeat(200)), { nil: undefined });
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    cloud === 'aws'
      ? fc.record({ backend: fc.constant('s3'), bucket, prefix, lock: fc.constantFrom('s3', 'dynamodb') }).map((s) => ({ ...s, ...(s.lock === 'dynamodb' && { dynamodbTable: 'sg-replica-locks' }), ...(s.prefix === undefined && { prefix: 'sg-replica' }) }))
      : fc.record({ backend: fc.constant('gcs'), bucket, prefix }).map((s) => ({ ...s, ...(s.prefix === undefined && { prefix: 'sg-replica' }) })),
  );
}

function clean(doc: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(doc)) {
    if (v === undefined) continue;
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? clean(v as Doc) : v;
  }
  return out;
}

const AWS_BIG = ['m6a.4xlarge', 'm6i.4xlarge', 'm7g.4xlarge', 'r6a.4xlarge', 'm6a.8xlarge'];
const GCP_BIG = ['n2-standard-16', 'n2d-standard-16', 'c3-standard-22', 'e2-standard-16', 'n2-standard-32'];

const awsDesign: fc.Arbitrary<Doc> = fc
  .record({
    name: replicaName,
    customer,
    owner,
    expiresAfter: fc.option(expiresAfter, { nil: undefined }),
    region: fc.constantFrom(...awsRegionNames()),
    accountId: fc.stringMatching(/^\d{12}$/),
    cidr: fc.option(vpcCidr, { nil: undefined }),
    zones: fc.option(fc.integer({ min: 2, max: 3 }), { nil: undefined }),
    endpointAccess: fc.constantFrom('public', 'public', 'private'),
    allowedCidrs: allowList(40),
    natGateways: fc.option(fc.constantFrom('single', 'per-zone'), { nil: undefined }),
    version: fc.constantFrom(...supported('aws')),
    nodePools: pools(awsInstanceTypeNames(), AWS_BIG),
    admins: fc.option(fc.array(fc.tuple(fc.stringMatching(/^\d{12}$/), dnsName(1, 30)).map(([a, r]) => `arn:aws:iam::${a}:role/${r}`), { maxLength: 3 }), { nil: undefined }),
    diskType: fc.option(fc.constantFrom(...CLOUDS.aws.diskTypes), { nil: undefined }),
    encrypted: fc.constantFrom(undefined, true, false),
    chart: fc.constantFrom(...SOURCEGRAPH_CHART_VERSIONS),
    size: fc.constantFrom('XS', 'S', 'M', 'L', 'XL'),
    namespace,
    hostname,
    ingress: fc.constantFrom(...CLOUDS.aws.ingressKinds),
    clients: fc.option(allowList(20), { nil: undefined }),
    values,
    codebase: fc.option(codebase, { nil: undefined }),
    postgres: fc.option(fc.record({ instanceClass: fc.constantFrom('db.m7g.large', 'db.r6g.xlarge', 'db.t4g.medium', 'db.m6i.2xlarge'), storageGb: fc.option(fc.integer({ min: 20, max: 65536 }), { nil: undefined }), highAvailability: fc.option(fc.boolean(), { nil: undefined }) }), { nil: undefined }),
    redis: fc.option(fc.record({ nodeType: fc.constantFrom('cache.m6g.large', 'cache.r7g.large', 'cache.t4g.micro') }), { nil: undefined }),
    objectStorage: fc.boolean(),
    state: state('aws'),
    capacityWaiver: fc.boolean(),
  })
  .chain((d) => waivers('aws', d.encrypted === false).map((w) => ({ d, w })))
  .map(({ d, w }) => {
    const zones = awsRegion(d.region)?.availabilityZones ?? [];
    return clean({
      name: d.name,
      customer: d.customer,
      owner: d.owner,
      expiresAfter: d.expiresAfter,
      cloud: { provider: 'aws', region: d.region, accountId: d.accountId },
      network: { cidr: d.cidr, zones: d.zones && Math.min(d.zones, zones.length), endpointAccess: d.endpointAccess, allowedCidrs: d.allowedCidrs, natGateways: d.natGateways },
      kubernetes: { version: d.version, nodePools: d.nodePools, admins: d.admins },
      storage: { diskType: d.diskType, encrypted: d.encrypted },
      sourcegraph: { version: d.chart, size: d.size, namespace: d.namespace, hostname: d.hostname, ingress: d.ingress, allowedClientCidrs: d.clients, values: d.values, codebase: d.codebase },
      externalServices: { postgres: d.postgres, redis: d.redis, objectStorage: d.objectStorage ? {} : undefined },
      state: d.state,
      waivers: w.length ? w : undefined,
    });
  });

const gcpDesign: fc.Arbitrary<Doc> = fc
  .record({
    name: replicaName,
    customer,
    owner,
    expiresAfter: fc.option(expiresAfter, { nil: undefined }),
    region: fc.constantFrom(...gcpRegionNames()),
    project: fc.oneof(dnsName(6, 30), fc.constantFrom('acme-sandbox', 'a'.repeat(30), 'p-1-2-3')),
    cidr: fc.option(vpcCidr, { nil: undefined }),
    endpointAccess: fc.constantFrom('public', 'public', 'private'),
    allowedCidrs: allowList(50),
    version: fc.constantFrom(...supported('gcp')),
    nodePools: pools(gceMachineTypeNames().filter((n) => !HYPERDISK_ONLY_SERIES.includes(n.split('-')[0])), GCP_BIG),
    diskType: fc.option(fc.constantFrom(...CLOUDS.gcp.diskTypes), { nil: undefined }),
    chart: fc.constantFrom(...SOURCEGRAPH_CHART_VERSIONS),
    size: fc.constantFrom('XS', 'S', 'M', 'L', 'XL'),
    namespace,
    hostname,
    ingress: fc.constantFrom(...CLOUDS.gcp.ingressKinds),
    clients: fc.option(fc.oneof(allowList(20), fc.constant(['0.0.0.0/0'])), { nil: undefined }),
    values,
    codebase: fc.option(codebase, { nil: undefined }),
    postgres: fc.option(fc.record({ instanceClass: fc.constantFrom('db-custom-4-16384', 'db-custom-1-3840', 'db-perf-optimized-N-8', 'db-g1-small', 'db-custom-96-638976') }), { nil: undefined }),
    redis: fc.option(fc.record({ memoryGb: fc.integer({ min: 1, max: 300 }) }), { nil: undefined }),
    objectStorage: fc.boolean(),
    state: state('gcp'),
  })
  .chain((d) => waivers('gcp', false).map((w) => ({ d, w })))
  .map(({ d, w }) =>
    clean({
      name: d.name,
      customer: d.customer,
      owner: d.owner,
      expiresAfter: d.expiresAfter,
      cloud: { provider: 'gcp', region: d.region, project: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(d.project) ? d.project : 'acme-sandbox' },
      network: { cidr: d.cidr, zones: Math.min(3, gcpRegion(d.region)?.zones.length ?? 3), endpointAccess: d.endpointAccess, allowedCidrs: d.allowedCidrs },
      kubernetes: { version: d.version, nodePools: d.nodePools },
      storage: { diskType: d.diskType },
      // The gce ingress cannot restrict clients yet: a design must open it explicitly.
      sourcegraph: { version: d.chart, size: d.size, namespace: d.namespace, hostname: d.hostname, ingress: d.ingress, allowedClientCidrs: d.ingress === 'gce' ? ['0.0.0.0/0'] : d.clients, values: d.values, codebase: d.codebase },
      externalServices: { postgres: d.postgres, redis: d.redis, objectStorage: d.objectStorage ? {} : undefined },
      state: d.state,
      waivers: w.length ? w : undefined,
    }),
  );

/** A design on either cloud, valid most of the time. */
export const validDesign: fc.Arbitrary<Doc> = fc.oneof(awsDesign, gcpDesign);
