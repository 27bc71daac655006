import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ApiTunnelHost } from '../lib/aws/api-tunnel-host';
import { ClusterAutoscalerRole } from '../lib/aws/cluster-autoscaler-role';
import { EbsCsiDriver } from '../lib/aws/ebs-csi-driver';
import { EksCoreAddons } from '../lib/aws/eks-addons';
import { EksCluster } from '../lib/aws/eks-cluster';
import { LoadBalancerControllerRole } from '../lib/aws/load-balancer-controller-role';
import { ManagedNodeGroup } from '../lib/aws/managed-node-group';
import { NodeRole } from '../lib/aws/node-role';
import { ReplicaAwsProvider } from '../lib/aws/replica-aws-provider';
import { VpcNetwork } from '../lib/aws/vpc-network';
import { AwsDesign, EndpointAccess, IngressKind } from '../lib/design/model';
import { AwsExternalServices } from './aws-external-services';
import { awsTags, ReplicaMetadata } from '../lib/replica/metadata';
import { StackStateBackend } from '../lib/replica/state-backend';
import { useStateBackend } from './stack-backend';

/** Ingress kinds whose in-cluster controller needs an IAM role (IRSA) from the infra stack: the AWS Load Balancer Controller's. */
const INGRESS_KINDS_WITH_CONTROLLER_ROLE: readonly IngressKind[] = ['alb'];

/**
 * Whether an endpoint mode needs the API tunnel host: a private endpoint is
 * reachable only from inside the VPC, so `cdktf deploy` of the Sourcegraph
 * stack and kubectl go through an SSM port forward (`sg-replica tunnel`).
 */
const NEEDS_API_TUNNEL: Readonly<Record<EndpointAccess, boolean>> = { public: false, private: true };

/** Properties of {@link AwsInfraStack}. */
export interface AwsInfraStackProps {
  readonly design: AwsDesign;
  readonly metadata: ReplicaMetadata;
  /** Where the stack's state lives. @default local: `terraform.<stack>.tfstate` in the project directory */
  readonly stateBackend?: StackStateBackend;
  /** Configure the AWS provider for an offline plan (tests, benchmarks). @default false */
  readonly offline?: boolean;
}

/**
 * `<name>-infra`: the AWS side of a replica. VPC, EKS control plane (one
 * access entry per admin principal, the deployer included), managed node
 * groups, core add-ons, EBS CSI driver, the IAM roles of the Cluster
 * Autoscaler and (when the design uses an ALB) of the AWS Load Balancer
 * Controller, the API tunnel host of a private endpoint, and the external
 * services the design moves out of the cluster (RDS, ElastiCache, S3).
 */
export class AwsInfraStack extends TerraformStack {
  public readonly network: VpcNetwork;
  public readonly cluster: EksCluster;
  public readonly nodeGroups: readonly ManagedNodeGroup[];
  public readonly ebsCsiDriver: EbsCsiDriver;
  /** Present when `sourcegraph.ingress` is `alb`. */
  public readonly loadBalancerControllerRole?: LoadBalancerControllerRole;
  /** The IRSA role of the Cluster Autoscaler (every EKS replica runs it). */
  public readonly clusterAutoscalerRole: ClusterAutoscalerRole;
  /** The Systems Manager tunnel host, with `endpointAccess: private`. */
  public readonly apiTunnelHost?: ApiTunnelHost;
  /** RDS, ElastiCache and S3 for the design's `externalServices` (empty when it has none). */
  public readonly externalServices: AwsExternalServices;

  constructor(scope: Construct, id: string, props: AwsInfraStackProps) {
    super(scope, id);
    const { design, metadata } = props;
    const tags = awsTags(metadata);
    useStateBackend(this, props.stateBackend);
    new ReplicaAwsProvider(this, 'aws', {
      region: design.cloud.region,
      accountId: design.cloud.accountId,
      tags,
      offline: props.offline,
    });

    this.network = new VpcNetwork(this, 'network', {
      name: design.name,
      cidr: design.network.cidr,
      availabilityZones: design.network.availabilityZones,
      natGateways: design.network.natGateways,
      clusterName: design.name,
    });

    this.cluster = new EksCluster(this, 'cluster', {
      name: design.name,
      version: design.kubernetes.version,
      subnetIds: this.network.privateSubnetIds,
      endpointAccess: design.network.endpointAccess,
      allowedCidrs: design.network.allowedCidrs,
      admins: design.kubernetes.admins,
    });

    const addons = new EksCoreAddons(this, 'core-addons', { clusterName: this.cluster.clusterName });
    const nodeRole = new NodeRole(this, 'node-role', { roleName: `${design.name}-node` });
    this.nodeGroups = design.kubernetes.nodePools.map(
      (pool) =>
        new ManagedNodeGroup(this, `pool-${pool.name}`, {
          clusterName: this.cluster.clusterName,
          pool,
          nodeGroupName: `${design.name}-${pool.name}`,
          subnetIds: this.network.privateSubnetIds,
          nodeRoleArn: nodeRole.roleArn,
          tags,
          dependsOn: [...nodeRole.attachments, ...addons.nodePrerequisites],
        }),
    );
    const nodes = this.nodeGroups.map((g) => g.resource);
    addons.waitForNodes(...nodes);

    this.ebsCsiDriver = new EbsCsiDriver(this, 'ebs-csi-driver', {
      clusterName: this.cluster.clusterName,
      cluster: this.cluster,
      roleName: `${design.name}-ebs-csi`,
      dependsOn: nodes,
    });

    this.externalServices = new AwsExternalServices(this, 'external-services', {
      design,
      vpcId: this.network.vpcId,
      privateSubnetIds: this.network.privateSubnetIds,
      clusterSecurityGroupId: this.cluster.clusterSecurityGroupId,
      cluster: this.cluster,
    });

    if (INGRESS_KINDS_WITH_CONTROLLER_ROLE.includes(design.sourcegraph.ingress)) {
      this.loadBalancerControllerRole = new LoadBalancerControllerRole(this, 'load-balancer-controller-role', {
        clusterName: this.cluster.clusterName,
        cluster: this.cluster,
        roleName: `${design.name}-aws-lb-controller`,
      });
    }

    this.clusterAutoscalerRole = new ClusterAutoscalerRole(this, 'cluster-autoscaler-role', {
      cluster: this.cluster,
      clusterName: design.name,
      region: design.cloud.region,
      accountId: design.cloud.accountId,
    });

    if (NEEDS_API_TUNNEL[design.network.endpointAccess]) {
      this.apiTunnelHost = new ApiTunnelHost(this, 'api-tunnel', {
        name: design.name,
        vpcId: this.network.vpcId,
        subnetId: this.network.privateSubnetIds[0],
        clusterSecurityGroupId: this.cluster.clusterSecurityGroupId,
        clusterEndpoint: this.cluster.endpoint,
        tags,
      });
      new TerraformOutput(this, 'api-tunnel-instance-id', {
        value: this.apiTunnelHost.instanceId,
        description: 'The Systems Manager tunnel host of the private API endpoint',
      });
      new TerraformOutput(this, 'api-tunnel-command', {
        value: `npx sg-replica tunnel <design file> -- npx cdktf deploy ${design.name}-sourcegraph`,
        description: 'Opens the tunnel the Sourcegraph stack and kubectl reach the private API endpoint through',
      });
    }

    new TerraformOutput(this, 'cluster-name', { value: this.cluster.clusterName, description: 'EKS cluster name' });
    new TerraformOutput(this, 'kubeconfig-command', {
      value: `aws eks update-kubeconfig --region ${design.cloud.region} --name ${design.name}`,
      description: 'Configures kubectl for the replica cluster',
    });
    new TerraformOutput(this, 'vpc-id', { value: this.network.vpcId });
    new TerraformOutput(this, 'expires-at', { value: metadata.expiresAt, description: 'When this replica should be destroyed' });
  }
}
