/**
 * AWS leftovers of a replica: found by the tags sg-replica and the
 * Kubernetes controllers put on what they create, deleted one by one.
 *
 * Tags that tie a resource to replica `<name>` (its EKS cluster is `<name>`):
 * - `sg-replica:name=<name>`: everything Terraform made (provider default
 *   tags), EBS CSI volumes (StorageClass `tagSpecification_<n>`), and what
 *   the load balancer controller makes (its `defaultTags`);
 * - `elbv2.k8s.aws/cluster=<name>`: ALBs, NLBs, target groups and security
 *   groups of the AWS Load Balancer Controller;
 * - `kubernetes.io/cluster/<name>` (any value) and `KubernetesCluster=<name>`:
 *   the in-tree cloud provider's load balancers and security groups, volumes;
 * - `cluster.k8s.amazonaws.com/name=<name>`: network interfaces of the VPC CNI.
 *
 * And one resource found by name, as it carries no tag: the EKS control
 * plane log group `/aws/eks/<name>/cluster`, which EKS's service-linked role
 * recreates after Terraform deletes it (terraform-aws-modules/terraform-aws-eks
 * #920, #2486, #2763). (A re-deploy adopts it, see `EksCluster`; `leftovers`
 * reports it and `--delete` deletes it.)
 *
 * The SDK is loaded inside the functions (see aws-clients.ts).
 */
import type { AwsClients } from './aws-clients';
import { tagMap, taggedResources } from './aws-clients';
import { Leftover, sortForDeletion } from './leftover';
import { TAG_KEYS } from '../replica/metadata';

/** The tag that ties a resource to replica `name`, or undefined when none does. Pure. */
export function matchReplicaTag(tags: Readonly<Record<string, string>>, name: string): string | undefined {
  if (tags[TAG_KEYS.name] === name) return TAG_KEYS.name;
  if (tags['elbv2.k8s.aws/cluster'] === name) return 'elbv2.k8s.aws/cluster';
  if (`kubernetes.io/cluster/${name}` in tags) return `kubernetes.io/cluster/${name}`;
  if (tags.KubernetesCluster === name) return 'KubernetesCluster';
  if (tags['cluster.k8s.amazonaws.com/name'] === name) return 'cluster.k8s.amazonaws.com/name';
  return undefined;
}

/** EC2 `Filters` that each select one of the replica's tags (EC2 ANDs filters, so one call per set). */
function ec2FilterSets(name: string, extra: readonly string[] = []): { Name: string; Values: string[] }[][] {
  return [
    [{ Name: `tag:${TAG_KEYS.name}`, Values: [name] }],
    [{ Name: 'tag:elbv2.k8s.aws/cluster', Values: [name] }],
    [{ Name: 'tag-key', Values: [`kubernetes.io/cluster/${name}`] }],
    [{ Name: 'tag:KubernetesCluster', Values: [name] }],
    ...extra.map((key) => [{ Name: `tag:${key}`, Values: [name] }]),
  ];
}

/** Tagging API filters, one query each (the API ANDs the filters of one query). */
function taggingFilterSets(name: string): { Key: string; Values?: string[] }[][] {
  return [
    [{ Key: TAG_KEYS.name, Values: [name] }],
    [{ Key: 'elbv2.k8s.aws/cluster', Values: [name] }],
    [{ Key: `kubernetes.io/cluster/${name}` }],
    [{ Key: 'KubernetesCluster', Values: [name] }],
  ];
}

/** Every page of an EC2 Describe call that pages with NextToken. */
async function allPages<T>(fetchPage: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    items.push(...page.items);
    token = page.next || undefined;
  } while (token);
  return items;
}

function dedupe<T>(items: readonly T[], key: (t: T) => string | undefined): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

async function findVolumes(name: string, region: string, clients: AwsClients): Promise<Leftover[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DescribeVolumesCommand } = require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2');
  const ec2 = clients.ec2(region);
  const pages = await Promise.all(
    ec2FilterSets(name).map((Filters) =>
      allPages(async (NextToken) => {
        const r = await ec2.send(new DescribeVolumesCommand({ Filters, NextToken }));
        return { items: r.Volumes ?? [], next: r.NextToken };
      }),
    ),
  );
  return dedupe(pages.flat(), (v) => v.VolumeId).map((v) => {
    const tags = tagMap(v.Tags);
    const pvc = tags['kubernetes.io/created-for/pvc/name'];
    const attachedTo = (v.Attachments ?? []).map((a) => a.InstanceId).filter(Boolean);
    return {
      cloud: 'aws',
      kind: 'volume',
      id: v.VolumeId!,
      name: tags.Name ?? (pvc ? `pvc ${tags['kubernetes.io/created-for/pvc/namespace'] ?? ''}/${pvc}`.replace(' /', ' ') : v.VolumeId!),
      location: region,
      state: v.State,
      matchedBy: matchReplicaTag(tags, name) ?? TAG_KEYS.name,
      ...(v.State === 'in-use' && { keepReason: `attached to ${attachedTo.join(', ') || 'an instance'}` }),
      ...(v.State === 'deleting' && { keepReason: 'already being deleted', pendingDeletion: true }),
      deleteCommand: `aws ec2 delete-volume --volume-id ${v.VolumeId} --region ${region}`,
    };
  });
}

async function findNetworkInterfaces(name: string, region: string, clients: AwsClients): Promise<Leftover[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DescribeNetworkInterfacesCommand } = require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2');
  const ec2 = clients.ec2(region);
  const pages = await Promise.all(
    ec2FilterSets(name, ['cluster.k8s.amazonaws.com/name']).map((Filters) =>
      allPages(async (NextToken) => {
        const r = await ec2.send(new DescribeNetworkInterfacesCommand({ Filters, NextToken }));
        return { items: r.NetworkInterfaces ?? [], next: r.NextToken };
      }),
    ),
  );
  return dedupe(pages.flat(), (n) => n.NetworkInterfaceId).map((n) => {
    const tags = tagMap(n.TagSet);
    const keepReason = n.RequesterManaged
      ? `managed by AWS (${n.Description || n.InterfaceType || 'a service'}); goes with its owner`
      : n.Status !== 'available'
        ? `${n.Status ?? 'in use'}${n.Attachment?.InstanceId ? ` by ${n.Attachment.InstanceId}` : ''}`
        : undefined;
    return {
      cloud: 'aws',
      kind: 'network-interface',
      id: n.NetworkInterfaceId!,
      name: tags.Name ?? (n.Description || n.NetworkInterfaceId!),
      location: region,
      state: n.Status,
      matchedBy: matchReplicaTag(tags, name) ?? TAG_KEYS.name,
      ...(keepReason && { keepReason }),
      deleteCommand: `aws ec2 delete-network-interface --network-interface-id ${n.NetworkInterfaceId} --region ${region}`,
    };
  });
}

async function findSecurityGroups(name: string, region: string, clients: AwsClients): Promise<Leftover[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DescribeSecurityGroupsCommand } = require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2');
  const ec2 = clients.ec2(region);
  const pages = await Promise.all(
    ec2FilterSets(name).map((Filters) =>
      allPages(async (NextToken) => {
        const r = await ec2.send(new DescribeSecurityGroupsCommand({ Filters, NextToken }));
        return { items: r.SecurityGroups ?? [], next: r.NextToken };
      }),
    ),
  );
  return dedupe(pages.flat(), (g) => g.GroupId).map((g) => {
    const tags = tagMap(g.Tags);
    return {
      cloud: 'aws',
      kind: 'security-group',
      id: g.GroupId!,
      name: g.GroupName ?? g.GroupId!,
      location: region,
      matchedBy: matchReplicaTag(tags, name) ?? TAG_KEYS.name,
      ...(g.GroupName === 'default' && { keepReason: "a VPC's default security group goes with its VPC" }),
      deleteCommand: `aws ec2 delete-security-group --group-id ${g.GroupId} --region ${region}`,
    };
  });
}

async function findLoadBalancers(name: string, region: string, clients: AwsClients): Promise<Leftover[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DescribeLoadBalancersCommand, DescribeTagsCommand } = require('@aws-sdk/client-elastic-load-balancing-v2') as typeof import('@aws-sdk/client-elastic-load-balancing-v2');
  const elb = clients.elbv2(region);
  const all = await allPages(async (Marker) => {
    const r = await elb.send(new DescribeLoadBalancersCommand({ Marker }));
    return { items: r.LoadBalancers ?? [], next: r.NextMarker };
  });
  const found: Leftover[] = [];
  for (let i = 0; i < all.length; i += 20) {
    const batch = all.slice(i, i + 20);
    const r = await elb.send(new DescribeTagsCommand({ ResourceArns: batch.map((lb) => lb.LoadBalancerArn!) }));
    for (const description of r.TagDescriptions ?? []) {
      const matchedBy = matchReplicaTag(tagMap(description.Tags), name);
      const lb = batch.find((b) => b.LoadBalancerArn === description.ResourceArn);
      if (!matchedBy || !lb) continue;
      found.push({
        cloud: 'aws',
        kind: 'load-balancer',
        id: lb.LoadBalancerArn!,
        name: `${lb.LoadBalancerName ?? ''}${lb.Type ? ` (${lb.Type})` : ''}`,
        location: region,
        state: lb.State?.Code,
        matchedBy,
        deleteCommand: `aws elbv2 delete-load-balancer --load-balancer-arn ${lb.LoadBalancerArn} --region ${region}`,
      });
    }
  }
  return found;
}

/** The name of a replica's EKS control plane log group. Pure. */
export function eksLogGroupName(name: string): string {
  return `/aws/eks/${name}/cluster`;
}

async function findLogGroups(name: string, region: string, clients: AwsClients): Promise<Leftover[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DescribeLogGroupsCommand } = require('@aws-sdk/client-cloudwatch-logs') as typeof import('@aws-sdk/client-cloudwatch-logs');
  const logGroupName = eksLogGroupName(name);
  const groups = await allPages(async (nextToken) => {
    const r = await clients.logs(region).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName, nextToken }));
    return { items: r.logGroups ?? [], next: r.nextToken };
  });
  // The prefix also matches /aws/eks/<name>/cluster-2: keep the exact name only.
  return groups
    .filter((g) => g.logGroupName === logGroupName)
    .map((g) => ({
      cloud: 'aws',
      kind: 'log-group',
      id: logGroupName,
      name: `${logGroupName} (EKS control plane logs${g.storedBytes ? `, ${g.storedBytes} bytes` : ''})`,
      location: region,
      matchedBy: `name ${logGroupName}`,
      deleteCommand: `aws logs delete-log-group --log-group-name ${logGroupName} --region ${region}`,
    }));
}

/** `arn:partition:service:region:account:resource` → service and resource. */
function parseArn(arn: string): { service: string; resource: string } {
  const parts = arn.split(':');
  return { service: parts[2] ?? '', resource: parts.slice(5).join(':') };
}

/** Resources found only through the Tagging API (the EC2 and ELBv2 kinds above are found by their own calls). */
async function findOtherTagged(name: string, region: string, clients: AwsClients): Promise<{ leftovers: Leftover[]; stillDeployed: string[] }> {
  const pages = await Promise.all(taggingFilterSets(name).map((filters) => taggedResources(clients, region, filters)));
  const leftovers: Leftover[] = [];
  const stillDeployed: string[] = [];
  for (const r of dedupe(pages.flat(), (x) => x.arn)) {
    const { service, resource } = parseArn(r.arn);
    const type = resource.split(/[/:]/)[0];
    const matchedBy = matchReplicaTag(r.tags, name) ?? TAG_KEYS.name;
    // Found (and checked to exist) by the Describe calls; the Tagging API can list deleted ones for a while.
    if (service === 'ec2' && ['volume', 'security-group', 'network-interface'].includes(type)) continue;
    if (service === 'elasticloadbalancing' && /^loadbalancer\/(app|net|gwy)\//.test(resource)) continue;
    if (service === 'logs' && resource === `log-group:${eksLogGroupName(name)}`) continue; // found by name, tagged or not
    if ((service === 'eks' && type === 'cluster') || (service === 'ec2' && type === 'vpc')) {
      stillDeployed.push(r.arn);
      continue;
    }
    const base = { cloud: 'aws' as const, id: r.arn, name: r.tags.Name ?? resource.slice(type.length + 1), location: region, matchedBy };
    if (service === 'elasticloadbalancing' && type === 'targetgroup') {
      leftovers.push({ ...base, kind: 'target-group', deleteCommand: `aws elbv2 delete-target-group --target-group-arn ${r.arn} --region ${region}` });
    } else if (service === 'elasticloadbalancing' && type === 'loadbalancer') {
      leftovers.push({
        ...base,
        kind: 'classic-load-balancer',
        keepReason: 'classic load balancers are not deleted by sg-replica; use the command',
        deleteCommand: `aws elb delete-load-balancer --load-balancer-name ${base.name} --region ${region}`,
      });
    } else if (service === 'kms' && type === 'key') {
      leftovers.push({
        ...base,
        kind: 'kms-key',
        keepReason: "cdktf destroy schedules KMS keys for deletion (AWS waits 7-30 days); check it says PendingDeletion",
        pendingDeletion: true,
        deleteCommand: `aws kms describe-key --key-id ${r.arn} --region ${region} --query KeyMetadata.KeyState`,
      });
    } else {
      leftovers.push({ ...base, kind: `${service}:${type}`, keepReason: `sg-replica does not delete ${service} ${type} resources; delete it in the console or CLI` });
    }
  }
  return { leftovers, stillDeployed };
}

/**
 * The replica's AWS leftovers in a region, in deletion order, and whether
 * its EKS cluster or VPC still exists (then it is still deployed).
 */
export async function findAwsLeftovers(name: string, region: string, clients: AwsClients): Promise<{ leftovers: Leftover[]; stillDeployed: string[] }> {
  const [loadBalancers, networkInterfaces, volumes, securityGroups, logGroups, others] = await Promise.all([
    findLoadBalancers(name, region, clients),
    findNetworkInterfaces(name, region, clients),
    findVolumes(name, region, clients),
    findSecurityGroups(name, region, clients),
    findLogGroups(name, region, clients),
    findOtherTagged(name, region, clients),
  ]);
  return {
    leftovers: sortForDeletion([...loadBalancers, ...networkInterfaces, ...volumes, ...securityGroups, ...logGroups, ...others.leftovers]),
    stillDeployed: others.stillDeployed,
  };
}

/** Deletes one AWS leftover of a deletable kind. Throws the SDK's error. */
export async function deleteAwsLeftover(leftover: Leftover, clients: AwsClients): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const region = leftover.location;
  switch (leftover.kind) {
    case 'load-balancer': {
      const { DeleteLoadBalancerCommand } = require('@aws-sdk/client-elastic-load-balancing-v2') as typeof import('@aws-sdk/client-elastic-load-balancing-v2');
      await clients.elbv2(region).send(new DeleteLoadBalancerCommand({ LoadBalancerArn: leftover.id }));
      return;
    }
    case 'target-group': {
      const { DeleteTargetGroupCommand } = require('@aws-sdk/client-elastic-load-balancing-v2') as typeof import('@aws-sdk/client-elastic-load-balancing-v2');
      await clients.elbv2(region).send(new DeleteTargetGroupCommand({ TargetGroupArn: leftover.id }));
      return;
    }
    case 'network-interface': {
      const { DeleteNetworkInterfaceCommand } = require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2');
      await clients.ec2(region).send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: leftover.id }));
      return;
    }
    case 'volume': {
      const { DeleteVolumeCommand } = require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2');
      await clients.ec2(region).send(new DeleteVolumeCommand({ VolumeId: leftover.id }));
      return;
    }
    case 'security-group': {
      const { DeleteSecurityGroupCommand } = require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2');
      await clients.ec2(region).send(new DeleteSecurityGroupCommand({ GroupId: leftover.id }));
      return;
    }
    case 'log-group': {
      const { DeleteLogGroupCommand } = require('@aws-sdk/client-cloudwatch-logs') as typeof import('@aws-sdk/client-cloudwatch-logs');
      await clients.logs(region).send(new DeleteLogGroupCommand({ logGroupName: leftover.id }));
      return;
    }
    default:
      throw new Error(`sg-replica does not delete ${leftover.kind} resources (${leftover.id})`);
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}
