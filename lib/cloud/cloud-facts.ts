/**
 * What sg-replica knows about a cloud that more than one layer needs: names
 * for messages and reports, the region and machine catalogs, disk types,
 * ingress kinds, how the design names the sandbox, managed-service names and
 * patterns. Pure data and lookups; one `CloudFacts` per provider in
 * `CLOUDS` (clouds.ts). What only one layer needs per cloud lives in that
 * layer's own `CloudTable` (docs/ARCHITECTURE.md, "Adding a cloud").
 */
import type { CloudProvider, DiskType, IngressKind, TlsCertificateSource } from '../design/model';

/** What sizing needs of a machine type, whatever the cloud. */
export interface MachineFacts {
  readonly vCpu: number;
  readonly memoryGiB: number;
  readonly architecture: 'x86_64' | 'arm64';
}

/** A cloud's machine type catalog. */
export interface MachineCatalog {
  /** The catalog's name in messages, e.g. `EC2`. */
  readonly name: string;
  /** What a machine type is called, e.g. `EC2 instance type`. */
  readonly kind: string;
  /** What a design may give, for messages. */
  readonly allowed: string;
  /** The machine type called `name`, or undefined if the catalog does not know it. */
  lookup(name: string): MachineFacts | undefined;
  /** Every machine type name in the catalog. */
  names(): readonly string[];
}

/** A cloud's region catalog. */
export interface RegionCatalog {
  /** Every region name in the catalog. */
  names(): readonly string[];
  /** The zones of `region` in catalog order (the default ones first), or undefined when the region is unknown. */
  zones(region: string): readonly string[] | undefined;
}

/** A managed PostgreSQL: its name and the instance classes (tiers) a design may give. */
export interface PostgresFacts {
  /** e.g. `RDS`. */
  readonly service: string;
  readonly classPattern: RegExp;
  /** What a class that does not match is not, e.g. `an RDS instance class`. */
  readonly classWhat: string;
  /** What is allowed, for messages. */
  readonly classAllowed: string;
}

/** One cloud. */
export interface CloudFacts {
  readonly provider: CloudProvider;
  /** e.g. `AWS`. */
  readonly label: string;
  /** The managed Kubernetes service, e.g. `EKS`. */
  readonly kubernetesService: string;
  /** How a design names the sandbox the replica may be deployed into: the `cloud` field and what it is. */
  readonly sandbox: { readonly field: 'accountId' | 'project'; readonly noun: string };
  readonly regions: RegionCatalog;
  readonly machines: MachineCatalog;
  /** Disk types of the replica's persistent volumes, in the order messages list them. */
  readonly diskTypes: readonly DiskType[];
  /** The disk type when the design names none. */
  readonly defaultDiskType: DiskType;
  /** Ingress kinds a design may choose, in the order messages list them. */
  readonly ingressKinds: readonly IngressKind[];
  /** Where a frontend certificate may come from on this cloud (`sourcegraph.tls`); the ingress kind narrows it further. */
  readonly tlsCertificates: readonly TlsCertificateSource[];
  /** What the replica's network is called, e.g. `VPC`. */
  readonly networkName: string;
  readonly postgres: PostgresFacts;
  /** The managed Redis, e.g. `ElastiCache`. */
  readonly redisService: string;
  /** The object storage, e.g. `S3`; also the `SOURCEGRAPH_UPLOAD_BACKEND`. */
  readonly objectStorage: 'S3' | 'GCS';
  /** Prefix of the node labels only this cloud's nodes carry, e.g. `eks.amazonaws.com/`. */
  readonly nodeLabelPrefix: string;
  /**
   * How a Kubernetes service account gets a cloud identity: the annotation
   * that names it, and what the identity is called (IRSA's IAM role, GKE
   * Workload Identity's Google service account).
   */
  readonly workloadIdentity: { readonly annotation: string; readonly noun: string };
}
