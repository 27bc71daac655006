import { ITerraformDependable, dependable } from 'cdktf';
import { Construct } from 'constructs';
import { EksAddon } from '../providers/aws';

/** Properties of {@link EksCoreAddons}. */
export interface EksCoreAddonsProps {
  /** Name of the EKS cluster (pass the cluster's reference so the add-ons wait for it). */
  readonly clusterName: string;
}

/**
 * The add-ons every EKS cluster needs, as EKS managed add-ons: vpc-cni (pod
 * networking), kube-proxy and coredns. `EksCluster` skips EKS's self-managed
 * copies, so these are the only ones.
 *
 * Versions are left unset: EKS installs its default version for the cluster's
 * Kubernetes version, and keeps it on later plans (Terraform does not track
 * the field). Conflicting self-managed fields are overwritten.
 *
 * Ordering: node groups must depend on {@link nodePrerequisites} (vpc-cni and
 * kube-proxy, which nodes need to become Ready); coredns needs running nodes,
 * so call {@link waitForNodes} with the node groups once they exist.
 */
export class EksCoreAddons extends Construct {
  /** The Amazon VPC CNI add-on. */
  public readonly vpcCni: EksAddon;
  /** The kube-proxy add-on. */
  public readonly kubeProxy: EksAddon;
  /** The CoreDNS add-on. */
  public readonly coreDns: EksAddon;

  constructor(scope: Construct, id: string, props: EksCoreAddonsProps) {
    super(scope, id);
    this.vpcCni = managedAddon(this, props.clusterName, 'vpc-cni');
    this.kubeProxy = managedAddon(this, props.clusterName, 'kube-proxy');
    this.coreDns = managedAddon(this, props.clusterName, 'coredns');
  }

  /** What node groups must wait for: vpc-cni and kube-proxy. */
  public get nodePrerequisites(): ITerraformDependable[] {
    return [this.vpcCni, this.kubeProxy];
  }

  /** Makes coredns wait for these node groups (its pods need nodes to run on). */
  public waitForNodes(...nodes: ITerraformDependable[]): void {
    this.coreDns.dependsOn = [...(this.coreDns.dependsOn ?? []), ...nodes.map((n) => dependable(n))];
  }
}

/**
 * An EKS managed add-on at EKS's default version for the cluster, overwriting
 * conflicting fields on create and update.
 */
export function managedAddon(
  scope: Construct,
  clusterName: string,
  addonName: string,
  options: { serviceAccountRoleArn?: string; dependsOn?: ITerraformDependable[] } = {},
): EksAddon {
  return new EksAddon(scope, addonName, {
    clusterName,
    addonName,
    resolveConflictsOnCreate: 'OVERWRITE',
    resolveConflictsOnUpdate: 'OVERWRITE',
    serviceAccountRoleArn: options.serviceAccountRoleArn,
    dependsOn: options.dependsOn,
  });
}
