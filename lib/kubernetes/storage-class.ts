import { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { StorageClassV1 } from '../providers/kubernetes';
import { isDnsSubdomain, validateLabels } from '../catalog/kubernetes-names';

/** What happens to a volume's disk when its claim is deleted. */
export type ReclaimPolicy = 'Delete' | 'Retain';
/** When a volume is provisioned: at once, or once a pod using it is scheduled (so in that pod's zone). */
export type VolumeBindingMode = 'WaitForFirstConsumer' | 'Immediate';

/** The StorageClass name the Sourcegraph chart uses by default. */
export const DEFAULT_STORAGE_CLASS_NAME = 'sourcegraph';

/** Properties of a {@link SourcegraphStorageClass}. */
export interface SourcegraphStorageClassProps {
  /** Name of the StorageClass; the Helm values point every volume at it. @default 'sourcegraph' */
  readonly name?: string;
  /** CSI driver that provisions the volumes, e.g. `ebs.csi.aws.com` (see `ebsCsiStorage`). */
  readonly provisioner: string;
  /** Driver parameters (volume type, encryption, tags...). @default {} */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * What happens to a disk when its claim goes. `Delete`, so a replica's disks
   * go with it (the chart and Sourcegraph's examples use `Retain`, which leaks
   * every disk on teardown).
   * @default 'Delete'
   */
  readonly reclaimPolicy?: ReclaimPolicy;
  /**
   * `WaitForFirstConsumer` creates each volume in the zone of the pod that
   * uses it; `Immediate` may put it in a zone the pod cannot reach on a
   * multi-zone cluster.
   * @default 'WaitForFirstConsumer'
   */
  readonly volumeBindingMode?: VolumeBindingMode;
  /** Allow growing volumes in place (how gitserver disks are resized). @default true */
  readonly allowVolumeExpansion?: boolean;
  /** Labels of the StorageClass object. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** The Kubernetes provider to use. @default the stack's default Kubernetes provider */
  readonly provider?: TerraformProvider;
  /** Resources the StorageClass waits for, e.g. the CSI driver add-on. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The StorageClass every Sourcegraph volume uses, created by Terraform (the
 * chart's own is switched off with `storageClass.create: false`) so it has
 * the replica's settings: delete disks with their claims, bind in the pod's
 * zone, allow expansion.
 */
export class SourcegraphStorageClass extends Construct {
  /** Name of the StorageClass, for `storageClass.name` in the Helm values. */
  public readonly name: string;
  /** The `kubernetes_storage_class_v1` resource. */
  public readonly resource: StorageClassV1;

  constructor(scope: Construct, id: string, props: SourcegraphStorageClassProps) {
    super(scope, id);
    const name = props.name ?? DEFAULT_STORAGE_CLASS_NAME;
    if (!isDnsSubdomain(name)) {
      throw new Error(`SourcegraphStorageClass: name '${name}' is not a valid Kubernetes object name`);
    }
    if (props.provisioner.trim() === '') throw new Error(`SourcegraphStorageClass '${name}': provisioner is empty`);
    const reclaimPolicy = props.reclaimPolicy ?? 'Delete';
    if (reclaimPolicy !== 'Delete' && reclaimPolicy !== 'Retain') {
      throw new Error(`SourcegraphStorageClass '${name}': reclaimPolicy must be Delete or Retain, got '${reclaimPolicy}'`);
    }
    const volumeBindingMode = props.volumeBindingMode ?? 'WaitForFirstConsumer';
    if (volumeBindingMode !== 'WaitForFirstConsumer' && volumeBindingMode !== 'Immediate') {
      throw new Error(
        `SourcegraphStorageClass '${name}': volumeBindingMode must be WaitForFirstConsumer or Immediate, got '${volumeBindingMode}'`,
      );
    }
    const labels = props.labels ?? {};
    validateLabels(labels, `StorageClass '${name}' labels`);

    this.name = name;
    this.resource = new StorageClassV1(this, 'resource', {
      metadata: { name, ...(Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}) },
      storageProvisioner: props.provisioner,
      ...(Object.keys(props.parameters ?? {}).length > 0 ? { parameters: { ...props.parameters } } : {}),
      reclaimPolicy,
      volumeBindingMode,
      allowVolumeExpansion: props.allowVolumeExpansion ?? true,
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
  }
}
