/**
 * What the clouds, Kubernetes and the Terraform backends refuse, caught by
 * validation (issue 17: designs that validated and then failed synth or deploy).
 */
import { checkDesignObject } from '../../lib/checks/check-design';
import { CLOUD_DEPLOY_LIMITS, RESERVED_NAMESPACES } from '../../lib/design/deploy-rules';
import { AWS_LOAD_BALANCER_CONTROLLER_NAMESPACE } from '../../lib/sourcegraph/aws-load-balancer-controller-values';
import { INGRESS_NGINX_NAMESPACE } from '../../lib/sourcegraph/ingress-nginx-values';

type Doc = Record<string, any>;

const AWS: Doc = {
  name: 'acme-prod',
  customer: 'Acme',
  owner: 'jane@example.com',
  cloud: { provider: 'aws', region: 'us-east-2', accountId: '111122223333' },
  network: { cidr: '10.42.0.0/16', allowedCidrs: ['203.0.113.0/24'] },
  kubernetes: { version: '1.33', nodePools: [{ name: 'general', machineType: 'm6a.4xlarge', minNodes: 3, maxNodes: 6, labels: { workload: 'general' } }] },
  sourcegraph: { version: '7.6.0', size: 'S', hostname: 'sourcegraph.acme.example.com', ingress: 'alb' },
};
const GCP: Doc = {
  ...AWS,
  cloud: { provider: 'gcp', region: 'us-central1', project: 'acme-sandbox' },
  kubernetes: { version: '1.33', nodePools: [{ name: 'general', machineType: 'n2-standard-16', minNodes: 3, maxNodes: 6 }] },
  sourcegraph: { ...AWS.sourcegraph, ingress: 'nginx' },
};

function merge(base: Doc, over: Doc): Doc {
  const out: Doc = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object' ? merge(base[k], v) : v;
  return out;
}

/** Errors of a design as `field: message`. */
function errors(base: Doc, over: Doc = {}): string[] {
  return checkDesignObject(merge(base, over))
    .problems.filter((p) => p.severity === 'error')
    .map((p) => `${p.field}: ${p.message}`);
}

describe('deploy rules', () => {
  it('the base designs are valid', () => {
    expect(errors(AWS)).toEqual([]);
    expect(errors(GCP)).toEqual([]);
  });

  describe('names the clouds refuse', () => {
    it.each(['acme-', 'acme--prod', 'a-'])('a replica name %s (RDS, Cloud SQL and GKE refuse a trailing or double hyphen)', (name) => {
      expect(errors(AWS, { name })).toEqual([expect.stringMatching(/^name: invalid format/)]);
    });

    it('a pool name ending in a hyphen (GKE refuses it)', () => {
      expect(errors(GCP, { kubernetes: { nodePools: [{ ...GCP.kubernetes.nodePools[0], name: 'general-' }] } })).toEqual([expect.stringMatching(/^kubernetes\.nodePools\[0\]\.name: invalid format/)]);
    });

    it('a GCS bucket name with "google" in it: from the replica name or the project', () => {
      expect(errors(GCP, { name: 'google-search', externalServices: { objectStorage: {} } })).toEqual([expect.stringMatching(/^name: names the replica's GCS bucket.*"google"/)]);
      expect(errors(GCP, { name: 'goog-search', externalServices: { objectStorage: {} } })).toEqual([expect.stringMatching(/^name: /)]);
      expect(errors(GCP, { cloud: { project: 'my-google-sandbox' }, externalServices: { objectStorage: {} } })).toEqual([expect.stringMatching(/^cloud\.project: is part of the replica's GCS bucket name/)]);
      expect(errors(GCP, { name: 'google-search' })).toEqual([]);
      expect(errors(AWS, { name: 'google-search', externalServices: { objectStorage: {} } })).toEqual([]);
    });
  });

  describe('counts the APIs limit', () => {
    const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `198.51.${i}.0/24`);
    it('GKE takes at most 50 authorized networks, EKS 40 public access CIDRs', () => {
      expect(CLOUD_DEPLOY_LIMITS.gcp.maxApiAllowedCidrs).toBe(50);
      expect(errors(GCP, { network: { allowedCidrs: cidrs(50) } })).toEqual([]);
      expect(errors(GCP, { network: { allowedCidrs: cidrs(51) } })).toEqual(['network.allowedCidrs: 51 ranges; the Kubernetes API\'s allow-list holds at most 50 on gcp']);
      expect(errors(AWS, { network: { allowedCidrs: cidrs(41) } })).toEqual(['network.allowedCidrs: 41 ranges; the Kubernetes API\'s allow-list holds at most 40 on aws']);
      expect(errors(GCP, { network: { allowedCidrs: cidrs(60), endpointAccess: 'private' } })).toEqual([]);
    });

    it('at most 50 taints on a pool (EKS refuses more)', () => {
      const taints = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `t${i}`, effect: 'PreferNoSchedule' }));
      const pool = (n: number) => ({ kubernetes: { nodePools: [{ ...AWS.kubernetes.nodePools[0], taints: taints(n) }] } });
      expect(errors(AWS, pool(50))).toEqual([]);
      expect(errors(AWS, pool(51))).toEqual(['kubernetes.nodePools[0].taints: allows at most 50 items']);
    });
  });

  describe('storage.encrypted: false', () => {
    it('is impossible on GCP (every persistent disk is encrypted)', () => {
      expect(errors(GCP, { storage: { encrypted: false } })).toEqual(['storage.encrypted: cannot be false on gcp: GCE encrypts every persistent disk at rest']);
    });

    it('needs a waiver of the policy rule encrypted-disks on AWS (synth refuses it otherwise)', () => {
      expect(errors(AWS, { storage: { encrypted: false } })).toEqual([expect.stringMatching(/^storage\.encrypted: unencrypted volumes break the policy rule encrypted-disks/)]);
      expect(errors(AWS, { storage: { encrypted: false }, waivers: [{ rule: 'encrypted-disks', reason: 'the customer runs unencrypted volumes' }] })).toEqual([]);
    });
  });

  describe('the release namespace', () => {
    it.each(['default', 'kube-system', 'kube-public', 'kube-node-lease', 'gke-managed-system', 'gmp-system', 'ingress-nginx'])('%s belongs to Kubernetes, the cloud or sg-replica', (namespace) => {
      expect(errors(AWS, { sourcegraph: { namespace } })).toEqual([expect.stringMatching(/^sourcegraph\.namespace: belongs to Kubernetes/)]);
    });

    it('covers the namespaces of sg-replica\'s other releases', () => {
      expect(RESERVED_NAMESPACES).toContain(INGRESS_NGINX_NAMESPACE);
      expect(errors(AWS, { sourcegraph: { namespace: AWS_LOAD_BALANCER_CONTROLLER_NAMESPACE } })).toHaveLength(1);
    });
  });

  describe('the hostname', () => {
    it.each(['10.0.0.1', '192.168.1.10', 'example.123', 'sourcegraph.acme.42'])('%s is no host name an Ingress serves', (hostname) => {
      expect(errors(AWS, { sourcegraph: { hostname } })).toEqual([expect.stringMatching(/^sourcegraph\.hostname: an IP address or a name with an all-digit top-level label/)]);
    });

    it('accepts digits elsewhere', () => {
      expect(errors(AWS, { sourcegraph: { hostname: '1.sourcegraph.example.com' } })).toEqual([]);
    });
  });

  describe('node labels', () => {
    it.each(['kubernetes.io/role', 'node.kubernetes.io/pool', 'k8s.io/x', 'team.k8s.io/y'])('%s: the kubernetes.io and k8s.io namespaces are Kubernetes\'s', (key) => {
      const pools = [{ ...AWS.kubernetes.nodePools[0], labels: { [key]: 'x' } }];
      expect(errors(AWS, { kubernetes: { nodePools: pools } })).toEqual([expect.stringMatching(/label namespace is reserved for Kubernetes/)]);
    });

    it('a label key prefix longer than 253 characters is not a label key', () => {
      const pools = [{ ...AWS.kubernetes.nodePools[0], labels: { [`${'a'.repeat(254)}/key`]: 'x' } }];
      expect(errors(AWS, { kubernetes: { nodePools: pools } })).toEqual([expect.stringMatching(/not a valid Kubernetes label key/)]);
    });

    it('accepts a prefix of the customer\'s own', () => {
      const pools = [{ ...AWS.kubernetes.nodePools[0], labels: { 'example.com/role': 'search', workload: 'general' } }];
      expect(errors(AWS, { kubernetes: { nodePools: pools } })).toEqual([]);
    });
  });

  it('a largest repository larger than all repositories together is an error at the field, not an exception', () => {
    expect(errors(AWS, { sourcegraph: { codebase: { repositories: 10, totalSizeGb: 100, largestRepoGb: 500 } } })).toEqual([
      'sourcegraph.codebase.largestRepoGb: the largest repository (500 GB) cannot be larger than all of them together (totalSizeGb: 100)',
    ]);
  });

  describe('database and cache classes in no catalog', () => {
    it('RDS and ElastiCache', () => {
      expect(errors(AWS, { externalServices: { postgres: { instanceClass: 'db.zz9.huge' }, redis: { nodeType: 'cache.zz9.huge' } } })).toEqual([
        expect.stringMatching(/^externalServices\.postgres\.instanceClass: RDS for PostgreSQL has no class of that name/),
        expect.stringMatching(/^externalServices\.redis\.nodeType: ElastiCache has no class of that name/),
      ]);
    });

    it('Cloud SQL', () => {
      expect(errors(GCP, { externalServices: { postgres: { instanceClass: 'db-custom-0-0' } } })).toEqual([expect.stringMatching(/^externalServices\.postgres\.instanceClass: a custom machine has 1 or an even number of vCPUs/)]);
    });

    it('a class of the wrong form gets one error, not two', () => {
      expect(errors(AWS, { externalServices: { postgres: { instanceClass: 'huge' } } })).toEqual([expect.stringMatching(/^externalServices\.postgres\.instanceClass: not an RDS instance class/)]);
    });
  });

  describe('state buckets and key prefixes the backends refuse', () => {
    const s3 = (state: Doc) => errors(AWS, { state: { backend: 's3', ...state } });
    it.each([
      ['a..b', /two adjacent periods/],
      ['a.-b', /a period next to a hyphen/],
      ['192.168.1.10', /the form of an IP address/],
      ['xn--bucket', /the reserved prefix "xn--"/],
      ['sthree-bucket', /the reserved prefix "sthree-"/],
      ['my-bucket-s3alias', /the reserved suffix "-s3alias"/],
      ['my-bucket--ol-s3', /the reserved suffix "--ol-s3"/],
    ])('S3 bucket %s', (bucket, message) => {
      expect(s3({ bucket })).toEqual([expect.stringMatching(new RegExp(`^state\\.bucket: S3 refuses bucket names with ${message.source}`))]);
    });

    it.each(['google-state', 'goog-state', 'my-g00gle-state'])('GCS bucket %s', (bucket) => {
      expect(errors(GCP, { state: { backend: 'gcs', bucket } })).toEqual([expect.stringMatching(/^state\.bucket: GCS refuses bucket names with "goog" at the start or "google" in it/)]);
    });

    it.each([
      ['/state', /starts with "\/"/],
      ['a//b', /contains "\/\/"/],
      ['a/../b', /has a "\." or "\.\." path segment/],
      ['.', /has a "\." or "\.\." path segment/],
    ])('key prefix %s (Terraform 1.11\'s S3 backend refuses such a key; checked with terraform init)', (prefix, message) => {
      expect(s3({ bucket: 'team-state', prefix })).toEqual([expect.stringMatching(new RegExp(`^state\\.prefix: ${message.source}: the s3 backend refuses such a state key`))]);
    });

    it('accepts ordinary buckets and prefixes', () => {
      expect(s3({ bucket: 'team.state-bucket', prefix: 'sg-replica/team-a/' })).toEqual([]);
      expect(errors(GCP, { state: { backend: 'gcs', bucket: 'team-state', prefix: 'replicas' } })).toEqual([]);
    });
  });
});
