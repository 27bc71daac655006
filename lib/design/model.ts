/**
 * The typed design model: what a design file means once it has been parsed,
 * validated and given its defaults. Everything else in sg-replica (sizing,
 * Helm values, constructs, stacks, reports) is derived from a `Design`.
 *
 * A `Design` is plain, readonly data with every default applied, so code that
 * consumes it never has to know what the defaults are.
 */

/** Cloud a replica is deployed to. */
export type CloudProvider = 'aws' | 'gcp';

/** Who may reach the Kubernetes API server. */
export type EndpointAccess = 'public' | 'private';

/** How many NAT gateways the network has. */
export type NatGateways = 'single' | 'per-zone';

/** Kubernetes taint effects, spelled as in Kubernetes. */
export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/** EBS volume types a replica's persistent volumes may use. */
export type AwsDiskType = 'gp3' | 'gp2' | 'io2';
/** GCE persistent disk types a replica's persistent volumes may use. */
export type GcpDiskType = 'pd-ssd' | 'pd-balanced';
export type DiskType = AwsDiskType | GcpDiskType;

/** Sourcegraph's published instance sizes. */
export type SourcegraphSize = 'XS' | 'S' | 'M' | 'L' | 'XL';

/**
 * How the customer deploys Sourcegraph, and so how the replica does: the
 * `sourcegraph/sourcegraph` Helm chart, or Sourcegraph's Kustomize release
 * (`deploy-sourcegraph-k8s`) with the customer's overlay.
 */
export type DeploymentMethod = 'helm' | 'kustomize';

/** How Sourcegraph's frontend is exposed. `alb` is AWS only, `gce` is GCP only. */
export type IngressKind = 'alb' | 'nginx' | 'gce' | 'none';

/**
 * Where the HTTPS certificate of the frontend comes from (`sourcegraph.tls`):
 * - `none`: HTTP only;
 * - `google-managed`: a Google-managed certificate for the hostname, made by
 *   the infra stack (gce);
 * - `gcp-ssl-certificates`: Compute Engine SSL certificates that already
 *   exist in the project, by name (gce);
 * - `acm`: an ACM certificate on the load balancer's HTTPS listener (alb);
 * - `secret`: a PEM certificate chain and key kept in the cloud's secret
 *   store (AWS Secrets Manager ARN, GCP Secret Manager secret id), copied
 *   into a Kubernetes TLS Secret the ingress controller serves (nginx).
 */
export type FrontendTls =
  | { readonly certificate: 'none' }
  | { readonly certificate: 'google-managed' }
  | { readonly certificate: 'gcp-ssl-certificates'; readonly names: readonly string[] }
  | { readonly certificate: 'acm'; readonly arn: string }
  | { readonly certificate: 'secret'; readonly secret: string };

/** The sources of a frontend certificate. */
export type TlsCertificateSource = FrontendTls['certificate'];

export interface AwsCloud {
  readonly provider: 'aws';
  /** AWS region, e.g. `us-east-2`. */
  readonly region: string;
  /** The sandbox account (12 digits). The AWS provider refuses every other account. */
  readonly accountId: string;
}

export interface GcpCloud {
  readonly provider: 'gcp';
  /** GCP region, e.g. `us-central1`. */
  readonly region: string;
  /** The sandbox project id. */
  readonly project: string;
}

export type Cloud = AwsCloud | GcpCloud;

export interface Network {
  /** The VPC's IPv4 range. Must be private (RFC 1918). @default 10.0.0.0/16 */
  readonly cidr: string;
  /** Number of availability zones the cluster and its subnets span. @default 3 */
  readonly zones: number;
  /**
   * The zones to use, in order. When the design does not name them they are
   * the first `zones` zones of the region's catalog entry.
   */
  readonly availabilityZones: readonly string[];
  /** Whether the Kubernetes API is reachable from the internet (with `allowedCidrs`) or only from the VPC. @default public */
  readonly endpointAccess: EndpointAccess;
  /** Who may reach the Kubernetes API when it is public. @default [] (then a public endpoint is refused) */
  readonly allowedCidrs: readonly string[];
  /** One NAT gateway for the replica, or one per zone as production would. @default single */
  readonly natGateways: NatGateways;
}

export interface Taint {
  readonly key: string;
  /** @default '' */
  readonly value: string;
  readonly effect: TaintEffect;
}

export interface NodePool {
  /** Pool name: lowercase letters, digits and '-'. Unique in the design. */
  readonly name: string;
  /** EC2 instance type (aws) or GCE machine type (gcp). */
  readonly machineType: string;
  readonly minNodes: number;
  readonly maxNodes: number;
  /** Root/boot disk size per node, GiB. @default 100 */
  readonly diskGb: number;
  /** Spot capacity. @default false */
  readonly spot: boolean;
  /** Kubernetes node labels. @default {} */
  readonly labels: Readonly<Record<string, string>>;
  /** Kubernetes node taints. @default [] */
  readonly taints: readonly Taint[];
}

export interface Kubernetes {
  /** Kubernetes minor version, e.g. `1.33`. */
  readonly version: string;
  /** At least one. */
  readonly nodePools: readonly NodePool[];
  /**
   * Extra IAM principal ARNs (aws) that get cluster-admin access, besides the
   * identity that deploys. @default []
   */
  readonly admins: readonly string[];
}

export interface Storage {
  /** Disk type of the StorageClass every Sourcegraph volume uses. */
  readonly diskType: DiskType;
  /** Encrypt persistent volumes at rest. @default true */
  readonly encrypted: boolean;
}

/** One of the customer's Helm override files, read and parsed. */
export interface OverrideFile {
  /** The path as written in the design. */
  readonly path: string;
  /** Absolute path on disk (or the path as given when built in code). */
  readonly resolvedPath: string;
  /** The parsed YAML document: a map. */
  readonly values: Readonly<Record<string, unknown>>;
}

/** The customer's Kustomize overlay: a directory with their kustomization file and the files it uses. */
export interface KustomizeOverlay {
  /** The path as written in the design, relative to the design file. */
  readonly path: string;
  /** Absolute path on disk (or the path resolved against the design's base directory when built in code). */
  readonly resolvedPath: string;
}

export interface Sourcegraph {
  /** How Sourcegraph is deployed: the Helm chart, or the Kustomize release with the customer's overlay. @default helm */
  readonly method: DeploymentMethod;
  /**
   * `helm`: chart version of `sourcegraph/sourcegraph`; `kustomize`: the
   * `deploy-sourcegraph-k8s` release the overlay builds on. Both equal the
   * Sourcegraph version.
   */
  readonly version: string;
  /** The customer's Kustomize overlay (`method: kustomize` only; required then). */
  readonly overlay?: KustomizeOverlay;
  /** Sourcegraph instance size. */
  readonly size: SourcegraphSize;
  /** Namespace of the release. @default sourcegraph */
  readonly namespace: string;
  /** Host name the frontend is served on. */
  readonly hostname: string;
  /** How the frontend is exposed. */
  readonly ingress: IngressKind;
  /**
   * Client CIDRs the frontend's load balancer accepts.
   * @default network.allowedCidrs (the same people who may reach the Kubernetes API)
   */
  readonly allowedClientCidrs: readonly string[];
  /**
   * HTTPS for the frontend: where its certificate comes from.
   * @default the ingress kind's default: a Google-managed certificate for `gce`, HTTP only otherwise
   */
  readonly tls: FrontendTls;
  /**
   * The ACM certificate of `tls`, when it is one (`tls.acmCertificateArn`,
   * or the older `tlsCertificateArn`). @default none
   */
  readonly tlsCertificateArn?: string;
  /** The customer's Helm override files, in the order they are applied (`method: helm` only). @default [] */
  readonly overrides: readonly OverrideFile[];
  /** Inline Helm values, applied last (`method: helm` only). @default {} */
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * The customer's code, for disk sizing: gitserver, indexed-search and
   * searcher volumes are sized from it (Sourcegraph's rules).
   * @default none: the chart's and the size preset's volume sizes
   */
  readonly codebase?: Codebase;
}

/** The customer's code, as the IE measured it. */
export interface Codebase {
  readonly repositories: number;
  /** Total size of all repositories (git data), GB. */
  readonly totalSizeGb: number;
  /** Size of the largest repository, GB. */
  readonly largestRepoGb: number;
}

/** A deliberate exception to one of sg-replica's checks, with the reason written down. */
export interface Waiver {
  /** The rule id, e.g. `capacity-fit` or a policy rule id (docs/POLICY.md). */
  readonly rule: string;
  /** Why the exception is acceptable; printed at synth and in the report. */
  readonly reason: string;
}

export interface ExternalPostgres {
  /** RDS instance class (aws) or Cloud SQL tier (gcp). */
  readonly instanceClass: string;
  /** @default 100 */
  readonly storageGb: number;
  /** Multi-AZ (aws) / regional (gcp). @default false */
  readonly highAvailability: boolean;
}

export interface ExternalRedis {
  /** ElastiCache node type (aws). */
  readonly nodeType?: string;
  /** Memorystore capacity (gcp). */
  readonly memoryGb?: number;
}

export type ExternalObjectStorage = Readonly<Record<string, never>>;

export interface ExternalServices {
  readonly postgres?: ExternalPostgres;
  readonly redis?: ExternalRedis;
  readonly objectStorage?: ExternalObjectStorage;
}

/** Where Terraform keeps the replica's state. */
export type StateBackendKind = 'local' | 's3' | 'gcs';

/**
 * Terraform state of the replica's stacks. Local files by default (a first
 * try); a bucket for replicas several engineers or CI work on.
 */
export interface StateBackend {
  /** @default local */
  readonly backend: StateBackendKind;
  /** The state bucket (s3, gcs). */
  readonly bucket?: string;
  /** Region of the S3 bucket. @default cloud.region */
  readonly region?: string;
  /**
   * S3 locking: `s3` uses Terraform's native lockfile (Terraform 1.10+),
   * `dynamodb` a DynamoDB table.
   * @default s3
   */
  readonly lock?: 's3' | 'dynamodb';
  /** DynamoDB lock table (lock: dynamodb). */
  readonly dynamodbTable?: string;
  /** Key prefix: state lives at `<prefix>/<name>/<stack>.tfstate` (s3) or under `<prefix>/<name>/<stack>/` (gcs). @default sg-replica */
  readonly prefix?: string;
}

/** Where a design came from, for messages and for resolving relative paths. */
export interface DesignSource {
  /** The design file's path as given (relative paths stay relative), or a label for designs built in code. */
  readonly file: string;
  /** Directory that relative paths in the design are resolved against. */
  readonly baseDir: string;
}

/** A validated design with every default applied. */
export interface Design {
  /** 3-24 chars: lowercase letters, digits, '-'; starts with a letter. Prefixes stack ids and resource names. */
  readonly name: string;
  readonly customer: string;
  /** Email of who answers for the sandbox. */
  readonly owner: string;
  /** As written, e.g. `72h`. @default 72h */
  readonly expiresAfter: string;
  /** `expiresAfter` in hours. */
  readonly expiresAfterHours: number;
  readonly cloud: Cloud;
  readonly network: Network;
  readonly kubernetes: Kubernetes;
  readonly storage: Storage;
  readonly sourcegraph: Sourcegraph;
  /** @default {} (everything in-cluster) */
  readonly externalServices: ExternalServices;
  /** Terraform state backend. @default { backend: 'local' } */
  readonly state: StateBackend;
  /** Checks the design deliberately waives, each with a reason. @default [] */
  readonly waivers: readonly Waiver[];
  readonly source: DesignSource;
}

/** A design narrowed to AWS. */
export type AwsDesign = Design & { readonly cloud: AwsCloud };
/** A design narrowed to GCP. */
export type GcpDesign = Design & { readonly cloud: GcpCloud };

export function isAwsDesign(design: Design): design is AwsDesign {
  return design.cloud.provider === 'aws';
}

export function isGcpDesign(design: Design): design is GcpDesign {
  return design.cloud.provider === 'gcp';
}
