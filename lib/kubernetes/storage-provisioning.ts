/**
 * Provisioner and parameters of the StorageClass every Sourcegraph volume
 * uses, per cloud CSI driver. Pure: feed the result to `SourcegraphStorageClass`.
 *
 *   new SourcegraphStorageClass(this, 'storage', { ...designStorageProvisioning(design, tags) });
 */
import { CLOUDS, CloudTable } from '../cloud/clouds';
import type { AwsDiskType, Design, GcpDiskType } from '../design/model';
import { awsTagPairs } from '../replica/aws-tag-list';
import { gcpLabelValue } from '../replica/gcp-labels';

/** A StorageClass's provisioner and parameters. */
export interface StorageProvisioning {
  /** CSI driver name, e.g. `ebs.csi.aws.com`. */
  readonly provisioner: string;
  /** StorageClass parameters, all strings as Kubernetes requires. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** The AWS EBS CSI driver (EKS add-on `aws-ebs-csi-driver`). gp3 volumes need it. */
export const EBS_CSI_PROVISIONER = 'ebs.csi.aws.com';
/** The GCE Persistent Disk CSI driver (on by default in GKE). */
export const GCE_PD_CSI_PROVISIONER = 'pd.csi.storage.gke.io';
/** Filesystem of every Sourcegraph volume. */
export const DEFAULT_FS_TYPE = 'ext4';
/** Provisioned IOPS of io2 volumes when none are given: gp3's baseline, so io2 is never slower than gp3. */
export const DEFAULT_IO2_IOPS = 3000;

const AWS_DISK_TYPES: readonly string[] = CLOUDS.aws.diskTypes;
const GCP_DISK_TYPES: readonly string[] = CLOUDS.gcp.diskTypes;

/** Options of `ebsCsiStorage`. */
export interface EbsStorageOptions {
  /** EBS volume type. */
  readonly diskType: AwsDiskType;
  /** Encrypt volumes at rest. @default true */
  readonly encrypted?: boolean;
  /** KMS key ARN for the encryption. @default the account's `aws/ebs` key */
  readonly kmsKeyId?: string;
  /**
   * Provisioned IOPS per volume: io2 (100-64000) or gp3 (3000-16000); not for gp2.
   * @default 3000 for io2 (`DEFAULT_IO2_IOPS`); the volume type's baseline otherwise
   */
  readonly iops?: number;
  /** Throughput in MiB/s, gp3 only (125-1000). @default 125 (gp3 baseline) */
  readonly throughputMibps?: number;
  /**
   * Tags for every volume, as the driver's `tagSpecification_<n>` parameters
   * (driver 1.6+). Sanitized like all tags sg-replica writes into Kubernetes.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}

function checkRange(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${what} must be a whole number from ${min} to ${max}, got ${value}`);
  }
}

/**
 * EBS CSI provisioning: `ebs.csi.aws.com`, the volume type, `encrypted`
 * ("true"/"false"), ext4, optional KMS key, IOPS/throughput and volume tags.
 *
 * @throws Error for an unknown volume type, IOPS or throughput out of the
 *   volume type's range or not supported by it, or a KMS key without encryption.
 */
export function ebsCsiStorage(options: EbsStorageOptions): StorageProvisioning {
  const { diskType } = options;
  if (!AWS_DISK_TYPES.includes(diskType)) {
    throw new Error(`EBS volume type '${diskType}' is not supported; use one of ${AWS_DISK_TYPES.join(', ')}`);
  }
  const encrypted = options.encrypted ?? true;
  if (options.kmsKeyId !== undefined && !encrypted) {
    throw new Error(`A KMS key (${options.kmsKeyId}) is given but encryption is off`);
  }
  const parameters: Record<string, string> = {
    type: diskType,
    encrypted: String(encrypted),
    'csi.storage.k8s.io/fstype': DEFAULT_FS_TYPE,
  };
  if (options.kmsKeyId !== undefined) parameters.kmsKeyId = options.kmsKeyId;

  const iops = options.iops ?? (diskType === 'io2' ? DEFAULT_IO2_IOPS : undefined);
  if (iops !== undefined) {
    if (diskType === 'gp2') throw new Error(`EBS volume type gp2 has no provisioned IOPS (got iops ${iops}); use gp3 or io2`);
    if (diskType === 'io2') checkRange(iops, 100, 64000, 'io2 IOPS');
    if (diskType === 'gp3') checkRange(iops, 3000, 16000, 'gp3 IOPS');
    parameters.iops = String(iops);
  }
  if (options.throughputMibps !== undefined) {
    if (diskType !== 'gp3') {
      throw new Error(`Throughput (${options.throughputMibps} MiB/s) can only be set for gp3 volumes, not ${diskType}`);
    }
    checkRange(options.throughputMibps, 125, 1000, 'gp3 throughput (MiB/s)');
    parameters.throughput = String(options.throughputMibps);
  }
  awsTagPairs(options.tags ?? {}).forEach((pair, index) => {
    // The driver runs values through Go text/template: the sanitizer has already removed `{` and `}`.
    parameters[`tagSpecification_${index + 1}`] = pair;
  });
  return { provisioner: EBS_CSI_PROVISIONER, parameters };
}

/** Options of `gcePdCsiStorage`. */
export interface GcePdStorageOptions {
  /** Persistent disk type. */
  readonly diskType: GcpDiskType;
  /**
   * Cloud KMS key (`projects/.../cryptoKeys/...`) for customer-managed encryption.
   * @default Google-managed encryption (persistent disks are always encrypted at rest)
   */
  readonly kmsKeyName?: string;
  /** Labels for every disk, lowercased and sanitized to GCP's label rules. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * GCE PD CSI provisioning: `pd.csi.storage.gke.io`, the disk type, ext4,
 * optional CMEK key and disk labels (the driver's `labels` parameter).
 *
 * @throws Error for an unknown disk type or a label key that does not start with a letter.
 */
export function gcePdCsiStorage(options: GcePdStorageOptions): StorageProvisioning {
  const { diskType } = options;
  if (!GCP_DISK_TYPES.includes(diskType)) {
    throw new Error(`Persistent disk type '${diskType}' is not supported; use one of ${GCP_DISK_TYPES.join(', ')}`);
  }
  const parameters: Record<string, string> = {
    type: diskType,
    'csi.storage.k8s.io/fstype': DEFAULT_FS_TYPE,
  };
  if (options.kmsKeyName !== undefined) parameters['disk-encryption-kms-key'] = options.kmsKeyName;
  const labels = Object.entries(options.labels ?? {}).map(([key, value]) => {
    const k = gcpLabelValue(key);
    if (!/^\p{Ll}/u.test(k)) throw new Error(`GCP label key '${key}' must start with a letter`);
    return `${k}=${gcpLabelValue(value)}`;
  });
  if (labels.length > 0) parameters.labels = labels.join(',');
  return { provisioner: GCE_PD_CSI_PROVISIONER, parameters };
}

/**
 * The provisioning of a design's StorageClass: EBS CSI on AWS, GCE PD CSI on
 * GCP, with the design's disk type and encryption, and the replica's tags on
 * every volume.
 *
 * @throws Error when the disk type belongs to the other cloud, or when a GCP
 *   design asks for unencrypted disks (GCE always encrypts).
 */
export function designStorageProvisioning(
  design: Design,
  tags: Readonly<Record<string, string>>,
): StorageProvisioning {
  return DESIGN_STORAGE[design.cloud.provider](design, tags);
}

/** Each cloud's CSI provisioning of a design's StorageClass. */
const DESIGN_STORAGE: CloudTable<(design: Design, tags: Readonly<Record<string, string>>) => StorageProvisioning> = {
  aws: (design, tags) => {
    const { diskType, encrypted } = design.storage;
    if (!AWS_DISK_TYPES.includes(diskType)) {
      throw new Error(`Disk type '${diskType}' of design '${design.name}' is not an EBS type (${AWS_DISK_TYPES.join(', ')})`);
    }
    return ebsCsiStorage({ diskType: diskType as AwsDiskType, encrypted, tags });
  },
  gcp: (design, tags) => {
    const { diskType, encrypted } = design.storage;
    if (!GCP_DISK_TYPES.includes(diskType)) {
      throw new Error(`Disk type '${diskType}' of design '${design.name}' is not a GCE PD type (${GCP_DISK_TYPES.join(', ')})`);
    }
    if (!encrypted) {
      throw new Error(`Design '${design.name}': GCE persistent disks are always encrypted at rest; storage.encrypted cannot be false`);
    }
    return gcePdCsiStorage({ diskType: diskType as GcpDiskType, labels: tags });
  },
};
