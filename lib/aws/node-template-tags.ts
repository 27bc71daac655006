/**
 * Scale-from-zero hints for the Kubernetes Cluster Autoscaler on a node
 * group's Auto Scaling group.
 *
 * With no node of a group running, the autoscaler cannot see the labels and
 * taints its nodes would have, so it does not know whether a Pending pod
 * could run there and never scales the group up. It reads them from ASG
 * tags `k8s.io/cluster-autoscaler/node-template/label/<key>: <value>` and
 * `.../taint/<key>: <value>:<Effect>` (kubernetes/autoscaler,
 * cluster-autoscaler/cloudprovider/aws/README.md, "Auto-Discovery Setup").
 * For EKS managed node groups it also asks `eks:DescribeNodegroup`, but only
 * for a group that has never had a node: once a group has scaled up and back
 * to zero, only the tags tell it (same README, "IAM Policy").
 *
 * EKS does not copy a managed node group's labels, taints or tags to its
 * ASG, so each tag is an `aws_autoscaling_group_tag` on the ASG EKS made
 * (`resources[0].autoscaling_groups[0].name` of the node group).
 */
import { Construct } from 'constructs';
import type { NodePool } from '../design/model';
import { AutoscalingGroupTag } from '../providers/aws';

/** Tag key prefix of node labels the autoscaler assumes for a group's future nodes. */
export const NODE_TEMPLATE_LABEL_PREFIX = 'k8s.io/cluster-autoscaler/node-template/label/';
/** Tag key prefix of node taints the autoscaler assumes for a group's future nodes. */
export const NODE_TEMPLATE_TAINT_PREFIX = 'k8s.io/cluster-autoscaler/node-template/taint/';

/**
 * The node-template tags that describe `pool`'s nodes: one per label, one
 * per taint (`<value>:<Effect>`, Kubernetes spelling of the effect). Pure.
 * Labels EKS and the kubelet set themselves (architecture, instance type,
 * zone) are left out: the autoscaler derives them from the instance type.
 */
export function nodeTemplateTags(pool: Pick<NodePool, 'labels' | 'taints'>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(pool.labels)) tags[`${NODE_TEMPLATE_LABEL_PREFIX}${key}`] = value;
  for (const taint of pool.taints) tags[`${NODE_TEMPLATE_TAINT_PREFIX}${taint.key}`] = `${taint.value}:${taint.effect}`;
  return tags;
}

/** Properties of {@link NodeTemplateTags}. */
export interface NodeTemplateTagsProps {
  /** Name of the Auto Scaling group (a reference to the node group's ASG). */
  readonly autoscalingGroupName: string;
  /** The tags, e.g. from {@link nodeTemplateTags}. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * One `aws_autoscaling_group_tag` per tag, not propagated to instances (the
 * kubelet gets labels and taints from EKS; the tags are for the autoscaler).
 * `destroy` removes them with the group.
 */
export class NodeTemplateTags extends Construct {
  /** The tag resources, in the order of `tags`. */
  public readonly resources: readonly AutoscalingGroupTag[];

  constructor(scope: Construct, id: string, props: NodeTemplateTagsProps) {
    super(scope, id);
    const ids = new Set<string>();
    this.resources = Object.entries(props.tags).map(([key, value]) => {
      if (key.length > 128) throw new Error(`NodeTemplateTags: tag key "${key}" is longer than the 128 characters EC2 Auto Scaling allows`);
      if (value.length > 256) throw new Error(`NodeTemplateTags: the value of tag "${key}" is longer than 256 characters`);
      // Ids from the key, so adding or removing one tag leaves the others alone.
      const base = key.replace(/^k8s\.io\/cluster-autoscaler\/node-template\//, '').replace(/[^A-Za-z0-9_-]+/g, '-');
      let id = base;
      for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
      ids.add(id);
      return new AutoscalingGroupTag(this, id, {
        autoscalingGroupName: props.autoscalingGroupName,
        tag: { key, value, propagateAtLaunch: false },
      });
    });
  }
}
