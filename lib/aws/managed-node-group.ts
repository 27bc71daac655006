import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { awsInstanceArchitecture } from '../catalog/aws-instance-types';
import type { NodePool, TaintEffect } from '../design/model';
import { nodePoolWithDefaults, type NodePoolInput } from '../design/node-pool-input';
import { EksNodeGroup, LaunchTemplate, type EksNodeGroupTaint } from '../providers/aws';
import { NodeTemplateTags, nodeTemplateTags } from './node-template-tags';

/** CPU architecture of a node pool's instances. */
export type NodeArchitecture = 'x86_64' | 'arm64';

/** EKS spelling of the Kubernetes taint effects. */
export const EKS_TAINT_EFFECTS: Readonly<Record<TaintEffect, string>> = {
  NoSchedule: 'NO_SCHEDULE',
  PreferNoSchedule: 'PREFER_NO_SCHEDULE',
  NoExecute: 'NO_EXECUTE',
};

/** The Amazon Linux 2023 EKS AMI type for each architecture. */
export const AL2023_AMI_TYPES: Readonly<Record<NodeArchitecture, string>> = {
  x86_64: 'AL2023_x86_64_STANDARD',
  arm64: 'AL2023_ARM_64_STANDARD',
};

/** Smallest root volume the EKS AL2023 AMIs accept, GiB. */
export const MIN_NODE_DISK_GB = 20;

/** Properties of a {@link ManagedNodeGroup}. */
export interface ManagedNodeGroupProps {
  /** Name of the EKS cluster (pass the cluster's reference so the group waits for it). */
  readonly clusterName: string;
  /** The pool: instance type and sizes; disk (100 GiB), spot (no), labels and taints (none) default as in a design. A design's `NodePool` is one. */
  readonly pool: NodePoolInput;
  /** Subnets the nodes are launched in (the private subnets). */
  readonly subnetIds: string[];
  /** ARN of the nodes' IAM role (see `NodeRole`). */
  readonly nodeRoleArn: string;
  /**
   * CPU architecture of `pool.machineType`: picks the AL2023 AMI type. A value
   * that contradicts the instance type (`x86_64` for a Graviton `m7g`) is
   * refused: the nodes would never boot the AMI.
   * @default the instance type's architecture (`awsInstanceArchitecture`): arm64 for Graviton families, x86_64 otherwise
   */
  readonly architecture?: NodeArchitecture;
  /**
   * Tags stamped on the instances, their volumes and network interfaces through
   * the launch template (provider `default_tags` do not reach what the node
   * group's Auto Scaling group launches). A `Name` tag is always added.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * What the node group waits for: the node role's policy attachments, and the
   * vpc-cni and kube-proxy add-ons (nodes are not Ready without a CNI).
   * @default none
   */
  readonly dependsOn?: ITerraformDependable[];
  /** Name of the node group (and its launch template). @default `<clusterName>-<pool.name>` */
  readonly nodeGroupName?: string;
  /**
   * Tag the group's Auto Scaling group with the pool's labels and taints as
   * Cluster Autoscaler node-template hints (see `node-template-tags.ts`) when
   * the pool may scale to zero (`minNodes` 0), so the autoscaler can scale it
   * up from zero for the pods that need it.
   * @default true
   */
  readonly scaleFromZeroTags?: boolean;
}

/**
 * One design node pool as an EKS managed node group on Amazon Linux 2023,
 * launched from a hardened launch template: IMDSv2 required with a hop limit
 * of 1 (pods cannot reach the node's credentials; they use IRSA), encrypted
 * gp3 root volumes deleted with the instance, and tags on everything launched.
 * The desired size starts at the minimum and is then left to the autoscaler.
 */
export class ManagedNodeGroup extends Construct {
  /** The `aws_eks_node_group` resource. */
  public readonly resource: EksNodeGroup;
  /** The launch template the nodes boot from. */
  public readonly launchTemplate: LaunchTemplate;
  /** Name of the node group. */
  public readonly nodeGroupName: string;
  /** Name of the Auto Scaling group EKS made for the node group (known after apply). */
  public readonly autoscalingGroupName: string;
  /** The autoscaler's scale-from-zero tags on the ASG, when the pool may scale to zero and has labels or taints. */
  public readonly nodeTemplateTags?: NodeTemplateTags;

  constructor(scope: Construct, id: string, props: ManagedNodeGroupProps) {
    super(scope, id);
    const pool = nodePoolWithDefaults(props.pool);
    const architecture = props.architecture ?? awsInstanceArchitecture(pool.machineType) ?? 'x86_64';
    const name = props.nodeGroupName ?? `${props.clusterName}-${pool.name}`;
    validate(pool, architecture, name);

    const tags = { Name: name, ...(props.tags ?? {}) };
    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      name,
      description: `Nodes of EKS node group ${name}`,
      updateDefaultVersion: true,
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: 1,
      },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: {
            volumeSize: pool.diskGb,
            volumeType: 'gp3',
            encrypted: 'true',
            deleteOnTermination: 'true',
          },
        },
      ],
      tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({ resourceType, tags })),
    });

    this.resource = new EksNodeGroup(this, 'node-group', {
      clusterName: props.clusterName,
      nodeGroupName: name,
      nodeRoleArn: props.nodeRoleArn,
      subnetIds: props.subnetIds,
      instanceTypes: [pool.machineType],
      amiType: AL2023_AMI_TYPES[architecture],
      capacityType: pool.spot ? 'SPOT' : 'ON_DEMAND',
      scalingConfig: { minSize: pool.minNodes, maxSize: pool.maxNodes, desiredSize: pool.minNodes },
      labels: Object.keys(pool.labels).length > 0 ? { ...pool.labels } : undefined,
      taint: pool.taints.map(
        (t): EksNodeGroupTaint => ({ key: t.key, value: t.value === '' ? undefined : t.value, effect: EKS_TAINT_EFFECTS[t.effect] }),
      ),
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'] },
      dependsOn: props.dependsOn,
    });
    this.nodeGroupName = this.resource.nodeGroupName;
    this.autoscalingGroupName = this.resource.resources.get(0).autoscalingGroups.get(0).name;

    const templateTags = nodeTemplateTags(pool);
    if ((props.scaleFromZeroTags ?? true) && pool.minNodes === 0 && Object.keys(templateTags).length > 0) {
      this.nodeTemplateTags = new NodeTemplateTags(this, 'node-template-tags', {
        autoscalingGroupName: this.autoscalingGroupName,
        tags: templateTags,
      });
    }
  }
}

const POOL_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** An EC2 instance type: family, then size (`m6i.2xlarge`; bare-metal sizes such as `c7i.metal-48xl` carry a hyphen). */
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+(-[a-z0-9]+)*$/;
/** Node group and launch template names: EKS allows 63 characters. */
const NODE_GROUP_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,62}$/;

function validate(pool: NodePool, architecture: string, name: string): void {
  const what = `ManagedNodeGroup "${pool.name}"`;
  if (!POOL_NAME.test(pool.name)) {
    throw new Error(`${what}: pool name "${pool.name}" must be lowercase letters, digits and '-'`);
  }
  if (!Token.isUnresolved(name) && !NODE_GROUP_NAME.test(name)) {
    throw new Error(`${what}: node group name "${name}" must be 1-63 letters, digits, '-' and '_' (got ${name.length} characters)`);
  }
  if (!INSTANCE_TYPE.test(pool.machineType)) {
    throw new Error(`${what}: machineType "${pool.machineType}" is not an EC2 instance type such as m6i.2xlarge`);
  }
  if (!(architecture in AL2023_AMI_TYPES)) {
    throw new Error(`${what}: architecture "${architecture}" must be x86_64 or arm64`);
  }
  const native = awsInstanceArchitecture(pool.machineType);
  if (native !== undefined && native !== architecture) {
    throw new Error(
      `${what}: architecture "${architecture}" does not match ${pool.machineType}, an ${native} instance type; leave architecture unset to derive it`,
    );
  }
  if (!Number.isInteger(pool.minNodes) || pool.minNodes < 0) {
    throw new Error(`${what}: minNodes ${pool.minNodes} must be a whole number >= 0`);
  }
  if (!Number.isInteger(pool.maxNodes) || pool.maxNodes < 1) {
    throw new Error(`${what}: maxNodes ${pool.maxNodes} must be a whole number >= 1`);
  }
  if (pool.minNodes > pool.maxNodes) {
    throw new Error(`${what}: minNodes ${pool.minNodes} is greater than maxNodes ${pool.maxNodes}`);
  }
  if (!Number.isInteger(pool.diskGb) || pool.diskGb < MIN_NODE_DISK_GB || pool.diskGb > 16384) {
    throw new Error(`${what}: diskGb ${pool.diskGb} must be a whole number from ${MIN_NODE_DISK_GB} to 16384`);
  }
  for (const t of pool.taints) {
    if (!(t.effect in EKS_TAINT_EFFECTS)) {
      throw new Error(`${what}: taint "${t.key}" has effect "${t.effect}"; use NoSchedule, PreferNoSchedule or NoExecute`);
    }
    if (t.key === '') throw new Error(`${what}: a taint has an empty key`);
  }
  if (pool.taints.length > 50) {
    throw new Error(`${what}: ${pool.taints.length} taints; EKS allows at most 50 per node group`);
  }
}
