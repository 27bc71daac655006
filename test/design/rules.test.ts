/** Cross-field rules on built designs: every message, where it points, and that refused fields are skipped. */
import { WAIVABLE_CHECKS } from '../../lib/checks/check-design';
import type { Design } from '../../lib/design/model';
import { formatFieldPath } from '../../lib/design/problems';
import { checkCloudIdentifiers, checkRules, MAX_EXPIRY_HOURS } from '../../lib/design/rules';
import { pathKey, PathProblem } from '../../lib/design/validate-shape';
import { awsDesign, DeepPartial, gcpDesign } from '../support/design-fixture';

const CERTIFICATE = (region = 'us-east-2', account = '111122223333') => `arn:aws:acm:${region}:${account}:certificate/2f9c1c7e-6a57-4c55-9a3e-1d2b3c4d5e6f`;

function check(design: Design, invalid: (string | number)[][] = []): PathProblem[] {
  return checkRules(design, new Set(invalid.map(pathKey)), WAIVABLE_CHECKS);
}

/** `[field, severity, message]` of every problem. */
function found(design: Design, invalid: (string | number)[][] = []): [string, string, string][] {
  return check(design, invalid).map((p) => [formatFieldPath(p.path), p.severity, p.message]);
}

const aws = (o: DeepPartial<Design> = {}) => awsDesign(o);
const gcp = (o: DeepPartial<Design> = {}) => gcpDesign(o);
const pool = awsDesign().kubernetes.nodePools[0];
const gcpPool = gcpDesign().kubernetes.nodePools[0];

describe('checkRules', () => {
  it('finds nothing wrong with the fixture designs (the GCE ingress open to all is a named opt-in: a warning)', () => {
    expect(found(aws())).toEqual([]);
    expect(found(gcp()).filter(([, severity]) => severity === 'error')).toEqual([]);
  });

  it('lets a gce ingress restrict clients (Cloud Armor) and serve HTTPS: no problem at all', () => {
    expect(found(gcp({ sourcegraph: { allowedClientCidrs: ['203.0.113.0/24', '198.51.100.0/24'] } }))).toEqual([]);
    expect(found(gcp({ sourcegraph: { allowedClientCidrs: Array.from({ length: 200 }, (_, i) => `10.${i}.0.0/16`) } })).filter(([, s]) => s === 'error')).toEqual([]);
  });

  it.each<[string, Design, string, 'error' | 'warning', RegExp | string]>([
    ['expiry past 30 days', aws({ expiresAfter: '31d', expiresAfterHours: 31 * 24 }), 'expiresAfter', 'error', 'a replica may live at most 30 days'],
    ['no AWS account', aws({ cloud: { accountId: '' } }), 'cloud.accountId', 'error', 'required for aws: the sandbox account the replica may be deployed into'],
    ['no GCP project', gcp({ cloud: { project: '' } }), 'cloud.project', 'error', 'required for gcp: the sandbox project the replica may be deployed into'],
    ['an unknown region, with a did-you-mean', aws({ cloud: { region: 'us-east-9' }, network: { availabilityZones: [] } }), 'cloud.region', 'error', /^unknown or unsupported region, did you mean "us-east-1" or "us-east-2"/],
    ['a zone of another region', aws({ network: { availabilityZones: ['us-east-2a', 'us-east-2b', 'us-west-2a'] } }), 'network.availabilityZones[2]', 'error', 'not a zone of us-east-2'],
    ['more zones than the region has', aws({ network: { zones: 4 } }), 'network.zones', 'error', 'us-east-2 has only 3 zones in the catalog'],
    ['zones and names that disagree', aws({ network: { zones: 2 } }), 'network.zones', 'error', 'does not match the 3 availabilityZones named'],
    ['the same zone twice', aws({ network: { availabilityZones: ['us-east-2a', 'us-east-2a', 'us-east-2b'] } }), 'network.availabilityZones', 'error', 'zones must be distinct'],
    ['a range that is no CIDR', aws({ network: { cidr: 'ten-dot-zero' } }), 'network.cidr', 'error', 'not an IPv4 CIDR'],
    ['host bits in the range', aws({ network: { cidr: '10.42.0.1/16' } }), 'network.cidr', 'error', 'has host bits set after the prefix'],
    ['a public range', aws({ network: { cidr: '8.8.0.0/16' } }), 'network.cidr', 'error', 'must be a private range'],
    ['a range too small for public subnets', aws({ network: { cidr: '10.42.0.0/24' } }), 'network.cidr', 'error', 'prefix must be /16 to /22 (public subnets need at least a /27)'],
    ['a public API without an allow-list', aws({ network: { allowedCidrs: [] } }), 'network.allowedCidrs', 'error', 'a public Kubernetes API needs an allow-list of who may reach it'],
    ['an allow-list for a private API', aws({ network: { endpointAccess: 'private' } }), 'network.allowedCidrs', 'warning', 'ignored: the API endpoint is private'],
    ['a private API (EKS: the tunnel)', aws({ network: { endpointAccess: 'private', allowedCidrs: [] } }), 'network.endpointAccess', 'warning', /^private API endpoint: the Sourcegraph stack and kubectl reach it through a Systems Manager tunnel host .*"npx sg-replica tunnel <design> -- npx cdktf deploy acme-prod-sourcegraph"/],
    ['a private API (GKE: the DNS endpoint)', gcp({ network: { endpointAccess: 'private', allowedCidrs: [] } }), 'network.endpointAccess', 'warning', /^private API endpoint: Terraform and kubectl reach it through the cluster's DNS-based endpoint.*--dns-endpoint$/],
    ['a Kubernetes version EKS dropped', aws({ kubernetes: { version: '1.20' } }), 'kubernetes.version', 'error', /^Kubernetes 1\.20 is no longer supported on EKS/],
    ['a Kubernetes version GKE does not have yet', gcp({ kubernetes: { version: '1.99' } }), 'kubernetes.version', 'error', /^Kubernetes 1\.99 is not yet supported on GKE/],
    ['two pools of one name', aws({ kubernetes: { nodePools: [pool, pool] } }), 'kubernetes.nodePools[1].name', 'error', 'duplicate pool name (also nodePools[0])'],
    ['minNodes above maxNodes', aws({ kubernetes: { nodePools: [{ ...pool, minNodes: 7 }] } }), 'kubernetes.nodePools[0].minNodes', 'error', 'minNodes (7) is greater than maxNodes (6)'],
    ['an unknown EC2 type', aws({ kubernetes: { nodePools: [{ ...pool, machineType: 'm6a.4xlage' }] } }), 'kubernetes.nodePools[0].machineType', 'error', /^unknown EC2 instance type, did you mean "m6a\.4xlarge"/],
    ['an unknown GCE type', gcp({ kubernetes: { nodePools: [{ ...gcpPool, machineType: 'n2-standard-17' }] } }), 'kubernetes.nodePools[0].machineType', 'error', /^unknown GCE machine type, did you mean "n2-standard-16"/],
    ['a label key with a space', aws({ kubernetes: { nodePools: [{ ...pool, labels: { 'bad key': 'x' } }] } }), 'kubernetes.nodePools[0].labels.bad key', 'error', 'not a valid Kubernetes label key'],
    ['a label key prefix longer than a DNS name', aws({ kubernetes: { nodePools: [{ ...pool, labels: { [`${'a'.repeat(254)}/x`]: 'y' } }] } }), `kubernetes.nodePools[0].labels.${'a'.repeat(254)}/x`, 'error', 'not a valid Kubernetes label key'],
    ['a label value with a slash', aws({ kubernetes: { nodePools: [{ ...pool, labels: { team: 'a/b' } }] } }), 'kubernetes.nodePools[0].labels.team', 'error', 'not a valid Kubernetes label value'],
    ['a taint key with a space', aws({ kubernetes: { nodePools: [{ ...pool, taints: [{ key: 'a b', value: '', effect: 'PreferNoSchedule' }] }] } }), 'kubernetes.nodePools[0].taints[0].key', 'error', 'not a valid Kubernetes taint key'],
    ['a taint value with a space', aws({ kubernetes: { nodePools: [{ ...pool, taints: [{ key: 'a', value: 'b c', effect: 'PreferNoSchedule' }] }] } }), 'kubernetes.nodePools[0].taints[0].value', 'error', 'not a valid Kubernetes taint value'],
    ['a taint twice', aws({ kubernetes: { nodePools: [{ ...pool, taints: [{ key: 'a', value: '1', effect: 'PreferNoSchedule' }, { key: 'a', value: '2', effect: 'PreferNoSchedule' }] }] } }), 'kubernetes.nodePools[0].taints[1]', 'error', 'duplicate taint a with effect PreferNoSchedule'],
    ['only tainted pools', aws({ kubernetes: { nodePools: [{ ...pool, taints: [{ key: 'dedicated', value: 'search', effect: 'NoSchedule' }] }] } }), 'kubernetes.nodePools', 'warning', /^every pool is tainted \(NoSchedule\/NoExecute\) or starts empty: coredns/],
    ['a VPC too small for the VPC CNI’s pod addresses', aws({ network: { cidr: '10.42.0.0/22' }, kubernetes: { nodePools: [{ ...pool, maxNodes: 60 }] } }), 'network.cidr', 'error', /^too small: private subnets get \d+ addresses per zone, but the node pools at maxNodes can need \d+ per zone \(VPC CNI/],
    ['a GKE pod range too small', gcp({ network: { cidr: '10.42.0.0/22' } }), 'network.cidr', 'error', /^too small: the pod range 10\.42\.0\.0\/23 holds 2 nodes \(one \/24 each at 110 pods\)/],
    ['a Hyperdisk-only series', gcp({ kubernetes: { nodePools: [{ ...gcpPool, machineType: 'n4-standard-16' }] } }), 'kubernetes.nodePools[0].machineType', 'error', "n4 machines attach only Hyperdisk; the replica's pd-ssd volumes cannot attach to them"],
    ['fewer GKE nodes than zones', gcp({ kubernetes: { nodePools: [{ ...gcpPool, minNodes: 1, maxNodes: 2 }] } }), 'kubernetes.nodePools[0].maxNodes', 'warning', 'fewer than one node per zone (3 zones): some zones of this pool stay empty'],
    ['NAT per zone on GCP', gcp({ network: { natGateways: 'per-zone' } }), 'network.natGateways', 'warning', 'ignored on gcp: Cloud NAT is regional'],
    ['a GCP disk type on AWS', aws({ storage: { diskType: 'pd-ssd' } }), 'storage.diskType', 'error', 'not a disk type on aws'],
    ['unencrypted volumes', aws({ storage: { encrypted: false } }), 'storage.encrypted', 'warning', 'persistent volumes will not be encrypted at rest'],
    ['a chart version without data', aws({ sourcegraph: { version: '5.0.0' } }), 'sourcegraph.version', 'error', 'no chart data for this version (see docs/CHART-VERSIONS.md to add one)'],
    ['the GCE ingress on AWS', aws({ sourcegraph: { ingress: 'gce' } }), 'sourcegraph.ingress', 'error', 'not available on aws'],
    ['a load balancer open to anyone', aws({ sourcegraph: { allowedClientCidrs: [] } }), 'sourcegraph.allowedClientCidrs', 'error', /^the alb load balancer would accept anyone/],
    ['more client ranges than one Cloud Armor policy takes', gcp({ sourcegraph: { allowedClientCidrs: Array.from({ length: 201 }, (_, i) => `10.${i}.0.0/16`) } }), 'sourcegraph.allowedClientCidrs', 'error', '201 client ranges; the gce ingress admits at most 200 (a Cloud Armor policy of 20 rules of 10 ranges)'],
    ['an ACM certificate for nginx', aws({ sourcegraph: { ingress: 'nginx', tlsCertificateArn: CERTIFICATE() } }), 'sourcegraph.tls.acmCertificateArn', 'error', 'only used with ingress: alb; the nginx ingress takes no certificate (HTTP only) or tls.secret'],
    ['a certificate of another region', aws({ sourcegraph: { tlsCertificateArn: CERTIFICATE('us-west-2') } }), 'sourcegraph.tls.acmCertificateArn', 'error', 'certificate is in us-west-2, the replica in us-east-2'],
    ['a certificate of another account', aws({ sourcegraph: { tlsCertificateArn: CERTIFICATE('us-east-2', '444455556666') } }), 'sourcegraph.tls.acmCertificateArn', 'error', 'certificate belongs to account 444455556666, not 111122223333'],
    ['an ACM certificate on GCP', gcp({ sourcegraph: { ingress: 'nginx', tls: { certificate: 'acm', arn: CERTIFICATE() } } }), 'sourcegraph.tls.acmCertificateArn', 'error', 'tls.acmCertificateArn is not available on gcp'],
    ['a Google-managed certificate on nginx', gcp({ sourcegraph: { ingress: 'nginx', tls: { certificate: 'google-managed' } } }), 'sourcegraph.ingress', 'error', 'only used with ingress: gce; the nginx ingress takes no certificate (HTTP only) or tls.secret'],
    ['a certificate secret on alb', aws({ sourcegraph: { tls: { certificate: 'secret', secret: 'arn:aws:secretsmanager:us-east-2:111122223333:secret:tls-AbCdEf' } } }), 'sourcegraph.tls.secret', 'error', 'only used with ingress: nginx; the alb ingress takes no certificate (HTTP only) or tls.acmCertificateArn'],
    ['a certificate secret of another account', aws({ sourcegraph: { ingress: 'nginx', tls: { certificate: 'secret', secret: 'arn:aws:secretsmanager:us-east-2:444455556666:secret:tls-AbCdEf' } } }), 'sourcegraph.tls.secret', 'error', 'secret belongs to account 444455556666, not 111122223333'],
    ['a GCP secret id on AWS', aws({ sourcegraph: { ingress: 'nginx', tls: { certificate: 'secret', secret: 'sourcegraph-tls' } } }), 'sourcegraph.tls.secret', 'error', 'on aws, the ARN of a Secrets Manager secret'],
    ['a Secrets Manager ARN on GCP', gcp({ sourcegraph: { ingress: 'nginx', tls: { certificate: 'secret', secret: 'arn:aws:secretsmanager:us-east-2:111122223333:secret:tls-AbCdEf' } } }), 'sourcegraph.tls.secret', 'error', 'on gcp, the id of a Secret Manager secret in project acme-sandbox'],
    ['a hostname too long for a Google-managed certificate', gcp({ sourcegraph: { hostname: `${'a'.repeat(60)}.example.com` } }), 'sourcegraph.hostname', 'error', '72 characters: a Google-managed certificate takes a domain of at most 63'],
    ['a gce ingress without its default HTTPS', gcp({ sourcegraph: { tls: { certificate: 'none' } } }), 'sourcegraph.ingress', 'warning', 'the gce load balancer serves HTTP only: sign-in and code travel in clear; name a certificate in sourcegraph.tls (tls.managedCertificate or tls.gcpCertificates)'],
    ['a GKE replica name ending in -', gcp({ name: 'umbrella-' }), 'name', 'error', 'on gcp a name ends with a letter or digit: GKE and Compute Engine names derived from it must'],
    ['a Cloud SQL tier on AWS', aws({ externalServices: { postgres: { instanceClass: 'db-custom-4-16384', storageGb: 100, highAvailability: false } } }), 'externalServices.postgres.instanceClass', 'error', 'not an RDS instance class'],
    ['an RDS class on GCP', gcp({ externalServices: { postgres: { instanceClass: 'db.m6g.xlarge', storageGb: 100, highAvailability: false } } }), 'externalServices.postgres.instanceClass', 'error', 'not a Cloud SQL tier'],
    ['ElastiCache without a node type', aws({ externalServices: { redis: {} } }), 'externalServices.redis.nodeType', 'error', 'required on aws: the ElastiCache node type'],
    ['an ElastiCache node type that is none', aws({ externalServices: { redis: { nodeType: 'm6g.large' } } }), 'externalServices.redis.nodeType', 'error', 'not an ElastiCache node type'],
    ['a Memorystore size on AWS', aws({ externalServices: { redis: { nodeType: 'cache.m6g.large', memoryGb: 5 } } }), 'externalServices.redis.memoryGb', 'error', 'gcp only; on aws the node type sets the memory'],
    ['Memorystore without a size', gcp({ externalServices: { redis: {} } }), 'externalServices.redis.memoryGb', 'error', 'required on gcp: the Memorystore capacity in GB'],
    ['an ElastiCache node type on GCP', gcp({ externalServices: { redis: { memoryGb: 5, nodeType: 'cache.m6g.large' } } }), 'externalServices.redis.nodeType', 'error', 'aws only; on gcp use memoryGb'],
    ['a waiver of the tag check', aws({ waivers: [{ rule: 'required-tags', reason: 'a reason long enough' }] }), 'waivers[0].rule', 'error', 'cannot be waived: expiry and clean-up depend on the tags'],
    ['a waiver of an unknown rule', aws({ waivers: [{ rule: 'capacity-fti', reason: 'a reason long enough' }] }), 'waivers[0].rule', 'error', 'unknown rule, did you mean "capacity-fit"?'],
    ['one rule waived twice', aws({ waivers: [{ rule: 'capacity-fit', reason: 'a reason long enough' }, { rule: 'capacity-fit', reason: 'another reason, long enough' }] }), 'waivers[1].rule', 'error', 'waived twice (also waivers[0])'],
    ['an S3 backend without a bucket', aws({ state: { backend: 's3', lock: 's3', prefix: 'sg-replica' } }), 'state.bucket', 'error', 'required for the s3 backend'],
    ['an S3 setting on the GCS backend', aws({ state: { backend: 'gcs', bucket: 'acme-state', region: 'us-east-2', prefix: 'sg-replica' } }), 'state.region', 'error', 's3 only; the gcs backend does not use it'],
    ['a DynamoDB lock without a table', aws({ state: { backend: 's3', bucket: 'acme-state', lock: 'dynamodb', prefix: 'sg-replica' } }), 'state.dynamodbTable', 'error', 'required with lock: dynamodb'],
    ['a bucket for local state', aws({ state: { backend: 'local', bucket: 'acme-state' } }), 'state.backend', 'warning', 'local state ignores bucket and prefix'],
  ])('%s', (_case, design, field, severity, message) => {
    const problems = found(design).filter(([f]) => f === field);
    expect(problems).toContainEqual([field, severity, typeof message === 'string' ? message : expect.stringMatching(message)]);
  });

  it('gives the value and what is allowed', () => {
    const [p] = check(aws({ storage: { diskType: 'pd-ssd' } }));
    expect(p).toEqual({ severity: 'error', path: ['storage', 'diskType'], message: 'not a disk type on aws', got: '"pd-ssd"', allowed: 'gp3 | gp2 | io2' });
    const [q] = check(gcp({ sourcegraph: { ingress: 'nginx', tls: { certificate: 'acm', arn: CERTIFICATE() } } })).filter((x) => x.path.join('.') === 'sourcegraph.tls.acmCertificateArn');
    expect(q).toMatchObject({ allowed: 'tls.secret | no certificate (HTTP only)' });
    expect(MAX_EXPIRY_HOURS).toBe(720);
  });

  it('lets a design waive what the pipeline says it may, and only that', () => {
    const waived = aws({ waivers: [{ rule: 'no-such-rule', reason: 'a reason long enough' }] });
    expect(checkRules(waived, new Set(), { ids: ['no-such-rule'], never: {} })).toEqual([]);
    expect(checkRules(waived, new Set(), { ids: [], never: { 'no-such-rule': 'it is special' } })).toEqual([
      expect.objectContaining({ path: ['waivers', 0, 'rule'], message: 'cannot be waived: it is special' }),
    ]);
  });

  it('skips rules on fields the schema already refused, and on their parents’ children', () => {
    const broken = aws({ kubernetes: { nodePools: [{ ...pool, minNodes: 7 }] }, storage: { diskType: 'pd-ssd' } });
    expect(found(broken).map(([f]) => f)).toEqual(['kubernetes.nodePools[0].minNodes', 'storage.diskType']);
    expect(found(broken, [['kubernetes', 'nodePools', 0, 'minNodes'], ['storage']])).toEqual([]);
  });
});

describe('checkCloudIdentifiers', () => {
  it('refuses the other cloud’s sandbox, at its key', () => {
    expect(checkCloudIdentifiers({ cloud: { provider: 'aws', region: 'us-east-2', accountId: '111122223333', project: 'acme' } })).toEqual([
      { severity: 'error', path: ['cloud', 'project'], atKey: true, message: 'gcp only; aws designs name the sandbox with accountId' },
    ]);
    expect(checkCloudIdentifiers({ cloud: { provider: 'gcp', region: 'us-central1', project: 'acme', accountId: '1' } })).toEqual([
      { severity: 'error', path: ['cloud', 'accountId'], atKey: true, message: 'aws only; gcp designs name the sandbox with project' },
    ]);
  });

  it('leaves a design without a cloud, or with an unknown provider, to the schema', () => {
    expect(checkCloudIdentifiers({})).toEqual([]);
    expect(checkCloudIdentifiers({ cloud: 'aws' })).toEqual([]);
    expect(checkCloudIdentifiers({ cloud: { provider: 'azure', project: 'x', accountId: 'y' } })).toEqual([]);
  });
});
