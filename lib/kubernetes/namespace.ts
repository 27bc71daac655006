import { ITerraformDependable, TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { NamespaceV1 } from '../providers/kubernetes';
import { isDnsLabel, validateLabels } from '../catalog/kubernetes-names';

/** Properties of a {@link ReplicaNamespace}. */
export interface ReplicaNamespaceProps {
  /** Namespace name (DNS-1123 label). */
  readonly name: string;
  /** Labels of the namespace (use `toLabelValue` for free text such as emails). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * How long `cdktf destroy` waits for the namespace to be gone: Kubernetes
   * first deletes everything in it (pods, volume claims and so their disks).
   * @default '15m'
   */
  readonly deleteTimeout?: string;
  /** The Kubernetes provider to use. @default the stack's default Kubernetes provider */
  readonly provider?: TerraformProvider;
  /** Resources the namespace waits for (e.g. the node groups). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** A namespace of the replica (Sourcegraph's own, typically), labelled. */
export class ReplicaNamespace extends Construct {
  /** The namespace's name. */
  public readonly name: string;
  /** The `kubernetes_namespace_v1` resource. */
  public readonly resource: NamespaceV1;

  constructor(scope: Construct, id: string, props: ReplicaNamespaceProps) {
    super(scope, id);
    if (!isDnsLabel(props.name)) {
      throw new Error(
        `ReplicaNamespace: '${props.name}' is not a valid namespace name (at most 63 of a-z 0-9 -, alphanumeric at both ends)`,
      );
    }
    const labels = props.labels ?? {};
    validateLabels(labels, `namespace '${props.name}' labels`);
    const deleteTimeout = props.deleteTimeout ?? '15m';
    if (!/^\d+(s|m|h)$/.test(deleteTimeout)) {
      throw new Error(`ReplicaNamespace '${props.name}': deleteTimeout must look like 15m, got '${deleteTimeout}'`);
    }
    this.name = props.name;
    this.resource = new NamespaceV1(this, 'resource', {
      metadata: { name: props.name, ...(Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}) },
      timeouts: { delete: deleteTimeout },
      provider: props.provider,
      dependsOn: props.dependsOn,
    });
  }
}
