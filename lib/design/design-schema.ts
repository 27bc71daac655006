/**
 * The schema of a design file: every field, its type, its default and what
 * it means. The single source of truth for shape validation, the generated
 * JSON Schema (schema/design.schema.json) and docs/DESIGN-FILE.md.
 */
import { array, boolean, freeform, integer, map, object, string } from './schema-dsl';
import { ACM_CERTIFICATE_ARN, IAM_PRINCIPAL_ARN } from '../catalog/aws-arns';
import { CLOUD_PROVIDERS, CLOUDS } from '../cloud/clouds';
import { INGRESS_KIND_NAMES } from '../cloud/ingress-kinds';
import { DEPLOYMENT_METHOD_NAMES } from './deployment-methods';
import { frontendTlsSchema } from './frontend-tls';

// No trailing '-' and no '--': RDS, Cloud SQL and GKE names derived from it refuse them.
export const NAME_PATTERN = /^[a-z](?!.*--)[a-z0-9-]{1,22}[a-z0-9]$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const DURATION = /^[1-9][0-9]*[hd]$/;
const SEMVER = /^\d+\.\d+\.\d+$/;
const K8S_MINOR = /^1\.\d{2}$/;
const OVERLAY_PATH = /^[^\u0000\r\n]{1,500}$/;

const taint = object(
  'A Kubernetes taint on every node of the pool.',
  {
    key: string('Taint key.', { minLength: 1, maxLength: 253 }),
    value: string('Taint value.', { default: '', maxLength: 63 }),
    effect: string('Taint effect.', { enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] }),
  },
  { required: ['key', 'effect'] },
);

const nodePool = object(
  'A node pool: an EKS managed node group or a GKE node pool.',
  {
    name: string('Pool name, unique in the design.', {
      pattern: /^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$/,
      patternHint: "1-20 chars: lowercase letters, digits, '-', starting with a letter and not ending with '-' (GKE refuses that)",
    }),
    machineType: string('EC2 instance type (aws) or GCE machine type (gcp).', { examples: ['m6a.4xlarge', 'n2-standard-16'] }),
    minNodes: integer('Nodes the pool starts with and never goes below.', { minimum: 0, maximum: 100 }),
    maxNodes: integer('Nodes the pool may scale out to.', { minimum: 1, maximum: 100 }),
    diskGb: integer('Root (boot) disk per node, GiB.', { default: 100, minimum: 20, maximum: 2000 }),
    spot: boolean('Run on spot capacity (cheaper, may be reclaimed).', { default: false }),
    labels: map('Kubernetes labels on every node of the pool.', string('Label value.', { maxLength: 63 }), { default: {} }),
    taints: array('Kubernetes taints on every node of the pool.', taint, { default: [], maxItems: 50 }),
  },
  { required: ['name', 'machineType', 'minNodes', 'maxNodes'] },
);

const postgres = object(
  'Run pgsql, codeintel-db and codeinsights-db on a managed PostgreSQL 16 instead of in the cluster.',
  {
    instanceClass: string('RDS instance class (aws, e.g. db.m6g.xlarge) or Cloud SQL tier (gcp, e.g. db-custom-4-16384).'),
    storageGb: integer('Allocated storage, GiB.', { default: 100, minimum: 20, maximum: 65536 }),
    highAvailability: boolean('Multi-AZ (aws) or regional (gcp) instance.', { default: false }),
  },
  { required: ['instanceClass'] },
);

const redis = object('Run redis-cache and redis-store on managed Redis (non-cluster mode) instead of in the cluster.', {
  nodeType: string('ElastiCache node type (aws), e.g. cache.m6g.large.'),
  memoryGb: integer('Memorystore capacity, GB (gcp).', { minimum: 1, maximum: 300 }),
});

/** Deliberate exceptions to sg-replica's checks. */
export const waiversSchema = array(
  'Checks this design deliberately waives (capacity-fit, or a policy rule id from docs/POLICY.md), each with a written reason that synth prints and the report shows.',
  object(
    'One waived check.',
    {
      rule: string('Rule id.', { examples: ['capacity-fit'] }),
      reason: string('Why the exception is acceptable for this replica.', { minLength: 10, maxLength: 500 }),
    },
    { required: ['rule', 'reason'] },
  ),
  { default: [] },
);

export const designSchema = object(
  'An sg-replica design: the customer production topology to reproduce as a replica.',
  {
    name: string("Replica name; prefixes stack ids and resource names.", {
      pattern: NAME_PATTERN,
      patternHint: "3-24 chars: lowercase letters, digits, single '-', starting with a letter and ending with a letter or digit",
      examples: ['acme-prod'],
    }),
    customer: string('Customer the replica is for.', { minLength: 1, maxLength: 128 }),
    owner: string('Email of who answers for this sandbox.', { pattern: EMAIL, patternHint: 'an email address', maxLength: 254 }),
    expiresAfter: string('How long the replica may live after it is created: hours or days, at most 30d.', {
      default: '72h',
      pattern: DURATION,
      patternHint: 'a whole number of hours or days, e.g. 72h or 3d',
    }),
    cloud: object(
      'Where the replica is deployed.',
      {
        provider: string('Cloud provider.', { enum: CLOUD_PROVIDERS }),
        region: string('Region, e.g. us-east-2 (aws) or us-central1 (gcp).'),
        accountId: string('AWS only, required: the sandbox account the replica may be deployed into (12 digits, quoted).', {
          pattern: /^\d{12}$/,
          patternHint: '12 digits, quoted so YAML keeps leading zeros',
        }),
        project: string('GCP only, required: the sandbox project id.', {
          pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
          patternHint: "6-30 chars: lowercase letters, digits, '-'",
        }),
      },
      { required: ['provider', 'region'] },
    ),
    network: object(
      'The replica network.',
      {
        cidr: string('VPC IPv4 range, private (RFC 1918), /16 to /22.', { default: '10.0.0.0/16' }),
        zones: integer('Availability zones to span.', { default: 3, minimum: 2, maximum: 4 }),
        availabilityZones: array('Zone names to use; default: the first `zones` zones of the region.', string('Zone name.'), {
          minItems: 2,
          maxItems: 4,
        }),
        endpointAccess: string('Kubernetes API endpoint access.', { enum: ['public', 'private'], default: 'public' }),
        allowedCidrs: array('Who may reach the Kubernetes API when it is public.', string('IPv4 CIDR.'), { default: [] }),
        natGateways: string('One NAT gateway (cheaper) or one per zone (as production).', {
          enum: ['single', 'per-zone'],
          default: 'single',
        }),
      },
      { default: {} },
    ),
    kubernetes: object(
      'The Kubernetes cluster.',
      {
        version: string('Kubernetes minor version, quoted (YAML reads 1.30 as 1.3).', { pattern: K8S_MINOR, patternHint: 'like "1.33"' }),
        nodePools: array('Node pools; at least one.', nodePool, { minItems: 1, maxItems: 20 }),
        admins: array('IAM principal ARNs (aws) given cluster-admin access besides the identity that deploys.', string('IAM ARN.', {
          pattern: IAM_PRINCIPAL_ARN,
          patternHint: 'an IAM role or user ARN, arn:aws:iam::<account>:role/<name> (not an sts assumed-role session)',
        }), { default: [] }),
      },
      { required: ['version', 'nodePools'] },
    ),
    storage: object(
      'Persistent volumes of the Sourcegraph release.',
      {
        diskType: string('Disk type: aws gp3 | gp2 | io2; gcp pd-ssd | pd-balanced.', {
          enum: CLOUD_PROVIDERS.flatMap((provider) => CLOUDS[provider].diskTypes),
          default: 'gp3 (aws) / pd-ssd (gcp)',
        }),
        encrypted: boolean('Encrypt volumes at rest.', { default: true }),
      },
      { default: {} },
    ),
    sourcegraph: object(
      "The Sourcegraph release: the Helm chart with the customer's override files, or Sourcegraph's Kustomize release with the customer's overlay.",
      {
        method: string("How the customer deploys Sourcegraph: the sourcegraph/sourcegraph Helm chart (helm), or Sourcegraph's Kustomize release deploy-sourcegraph-k8s with the customer's overlay (kustomize).", {
          enum: DEPLOYMENT_METHOD_NAMES,
          default: 'helm',
        }),
        version: string('helm: chart version of sourcegraph/sourcegraph; kustomize: the deploy-sourcegraph-k8s release the overlay builds on. Both equal the Sourcegraph version.', {
          pattern: SEMVER,
          patternHint: 'X.Y.Z',
          examples: ['7.6.0', '7.2.1943'],
        }),
        overlay: string("kustomize only, and required then: the customer's overlay directory (their kustomization.yaml and the files it uses), relative to the design file and inside its directory.", {
          pattern: OVERLAY_PATH,
          patternHint: 'a directory path of 1-500 characters, on one line',
          examples: ['stark-kustomize-overlay'],
        }),
        size: string("Sourcegraph's instance size.", { enum: ['XS', 'S', 'M', 'L', 'XL'] }),
        namespace: string('Kubernetes namespace of the release.', {
          default: 'sourcegraph',
          pattern: DNS_LABEL,
          patternHint: "a DNS label: lowercase letters, digits, '-', at most 63 chars",
        }),
        hostname: string('Host name the frontend is served on.', { pattern: HOSTNAME, patternHint: 'a DNS name like sourcegraph.example.com' }),
        ingress: string('How the frontend is exposed: aws alb | nginx; gcp gce | nginx; or none.', {
          enum: INGRESS_KIND_NAMES,
        }),
        allowedClientCidrs: array(
          'Client CIDRs the frontend load balancer accepts; default: network.allowedCidrs. A new Sourcegraph lets its first visitor create the admin account, so it is never open to all by default.',
          string('IPv4 CIDR.'),
        ),
        tls: frontendTlsSchema,
        tlsCertificateArn: string('ACM certificate ARN for the ALB HTTPS listener (aws, alb only); the older name of tls.acmCertificateArn.', {
          pattern: ACM_CERTIFICATE_ARN,
          patternHint: 'arn:aws:acm:<region>:<account>:certificate/<uuid>',
        }),
        overrides: array("helm only: the customer's Helm override files, relative to the design file, applied in order.", string('Path.'), {
          default: [],
        }),
        values: freeform('helm only: inline Helm values, applied last.', { default: {} }),
        codebase: object(
          "The customer's code, for disk sizing: gitserver ≈ 1.3 × total, indexed-search ≈ 0.6 × total, searcher cache ≥ largest repo + 15 % of total.",
          {
            repositories: integer('Number of repositories.', { minimum: 1, maximum: 10_000_000 }),
            totalSizeGb: integer('Total size of all repositories, GB.', { minimum: 1, maximum: 1_000_000 }),
            largestRepoGb: integer('Size of the largest repository, GB.', { minimum: 1, maximum: 100_000 }),
          },
          { required: ['repositories', 'totalSizeGb', 'largestRepoGb'] },
        ),
      },
      { required: ['version', 'size', 'hostname', 'ingress'] },
    ),
    externalServices: object(
      'Services moved out of the cluster onto managed cloud services.',
      {
        postgres,
        redis,
        objectStorage: object('Use S3 (aws) or GCS (gcp) instead of the in-cluster blobstore.', {}),
      },
      { default: {} },
    ),
    state: object(
      'Where Terraform keeps the state of the replica\'s stacks: local files (default), or a bucket for replicas several engineers or CI share. The SG_REPLICA_STATE_* environment variables override it.',
      {
        backend: string('State backend.', { enum: ['local', 's3', 'gcs'], default: 'local' }),
        bucket: string('State bucket (s3, gcs).', { pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, patternHint: 'a bucket name: 3-63 chars, lowercase letters, digits, dots, hyphens' }),
        region: string('Region of the S3 bucket; default: cloud.region.', { pattern: /^[a-z]{2}(-[a-z]+)+-\d$/, patternHint: 'an AWS region like us-east-2' }),
        lock: string('S3 locking: Terraform\'s native S3 lockfile (Terraform 1.10+) or a DynamoDB table.', { enum: ['s3', 'dynamodb'], default: 's3' }),
        dynamodbTable: string('DynamoDB lock table (lock: dynamodb).', { pattern: /^[A-Za-z0-9_.-]{3,255}$/, patternHint: "3-255 chars: letters, digits, '_', '.', '-'" }),
        prefix: string('Key prefix of the state objects.', { default: 'sg-replica', pattern: /^[A-Za-z0-9._/-]{1,200}$/, patternHint: "letters, digits, '.', '_', '/', '-'" }),
      },
      { default: { backend: 'local' } },
    ),
    waivers: waiversSchema,
  },
  { required: ['name', 'customer', 'owner', 'cloud', 'kubernetes', 'sourcegraph'] },
);

