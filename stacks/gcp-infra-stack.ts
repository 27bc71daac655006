import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GcpDesign } from '../lib/design/model';
import { gcpLabels } from '../lib/replica/gcp-labels';
import { GkeCluster } from '../lib/gcp/gke-cluster';
import { GkeNetwork } from '../lib/gcp/gke-network';
import { GkeNodePool } from '../lib/gcp/gke-node-pool';
import { NodeServiceAccount } from '../lib/gcp/node-service-account';
import { ReplicaGoogleProvider } from '../lib/gcp/replica-google-provider';
import { ReplicaMetadata } from '../lib/replica/metadata';
import { StackStateBackend } from '../lib/replica/state-backend';
import { GcpExternalServices } from './gcp-external-services';
import { useStateBackend } from './stack-backend';

/** Properties of {@link GcpInfraStack}. */
export interface GcpInfraStackProps {
  readonly design: GcpDesign;
  readonly metadata: ReplicaMetadata;
  /** Where the stack's state lives. @default local: `terraform.<stack>.tfstate` in the project directory */
  readonly stateBackend?: StackStateBackend;
}

/**
 * `<name>-infra`: the GCP side of a replica. VPC with a VPC-native node
 * subnet, Cloud Router and NAT, the nodes' least-privilege service account,
 * a private regional GKE Standard cluster (Workload Identity, PD CSI driver,
 * HTTP load balancing) and one node pool per design pool. Every resource that
 * takes labels carries the replica's labels.
 */
export class GcpInfraStack extends TerraformStack {
  public readonly network: GkeNetwork;
  public readonly nodeServiceAccount: NodeServiceAccount;
  public readonly cluster: GkeCluster;
  public readonly nodePools: readonly GkeNodePool[];
  /** Cloud SQL, Memorystore and GCS for the design's `externalServices` (empty when it has none). */
  public readonly externalServices: GcpExternalServices;
  /** The replica's GCP labels. */
  public readonly labels: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: GcpInfraStackProps) {
    super(scope, id);
    const { design, metadata } = props;
    const { project, region } = design.cloud;
    const labels = gcpLabels(metadata);
    this.labels = labels;
    useStateBackend(this, props.stateBackend);
    new ReplicaGoogleProvider(this, 'google', { project, region, labels });

    this.network = new GkeNetwork(this, 'network', { name: design.name, region, cidr: design.network.cidr });

    this.nodeServiceAccount = new NodeServiceAccount(this, 'node-service-account', {
      project,
      accountId: `${design.name}-nodes`,
    });

    this.cluster = new GkeCluster(this, 'cluster', {
      name: design.name,
      project,
      region,
      zones: design.network.availabilityZones,
      version: design.kubernetes.version,
      networkSelfLink: this.network.networkSelfLink,
      subnetworkSelfLink: this.network.subnetworkSelfLink,
      podRangeName: this.network.podRangeName,
      serviceRangeName: this.network.serviceRangeName,
      controlPlaneCidr: this.network.plan.controlPlaneRange,
      endpointAccess: design.network.endpointAccess,
      allowedCidrs: design.network.allowedCidrs,
      nodeServiceAccountEmail: this.nodeServiceAccount.email,
      labels,
      // Nodes, the default pool's included, need their roles and a way out (NAT) from the start.
      dependsOn: [...this.nodeServiceAccount.grants, this.network.nat],
    });

    this.nodePools = design.kubernetes.nodePools.map(
      (pool) =>
        new GkeNodePool(this, `pool-${pool.name}`, {
          clusterId: this.cluster.clusterId,
          location: region,
          zoneCount: design.network.availabilityZones.length,
          pool,
          serviceAccountEmail: this.nodeServiceAccount.email,
          labels,
          dependsOn: [...this.nodeServiceAccount.grants],
        }),
    );

    this.externalServices = new GcpExternalServices(this, 'external-services', {
      design,
      networkSelfLink: this.network.networkSelfLink,
      subnetworkSelfLink: this.network.subnetworkSelfLink,
      workloadPool: this.cluster.workloadPool,
      cluster: this.cluster.resource,
      labels,
    });

    const internalIp = design.network.endpointAccess === 'private' ? ' --internal-ip' : '';
    new TerraformOutput(this, 'cluster-name', { value: this.cluster.clusterName, description: 'GKE cluster name' });
    new TerraformOutput(this, 'kubeconfig-command', {
      value: `gcloud container clusters get-credentials ${design.name} --region ${region} --project ${project}${internalIp}`,
      description: 'Configures kubectl for the replica cluster',
    });
    new TerraformOutput(this, 'network-name', { value: this.network.network.name });
    new TerraformOutput(this, 'workload-identity-pool', { value: this.cluster.workloadPool });
    new TerraformOutput(this, 'expires-at', { value: metadata.expiresAt, description: 'When this replica should be destroyed' });
  }
}
