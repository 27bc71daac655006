/**
 * A fake AWS account for the lifecycle tests, installed with
 * aws-sdk-client-mock (the AWS-documented way to mock SDK v3 clients):
 * `mockClient(EC2Client)` replaces `send` on every EC2Client, so the code
 * under test uses its real clients and never reaches AWS.
 *
 * The Describe mocks evaluate EC2's `tag:<key>` and `tag-key` filters and
 * page their answers, so the code's filters and paging are exercised.
 */
import { mockClient } from 'aws-sdk-client-mock';
import {
  DeleteNetworkInterfaceCommand,
  DeleteSecurityGroupCommand,
  DeleteVolumeCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
  Filter,
  NetworkInterface,
  SecurityGroup,
  Tag,
  Volume,
} from '@aws-sdk/client-ec2';
import {
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
  LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient, TagFilter } from '@aws-sdk/client-resource-groups-tagging-api';
import { CloudWatchLogsClient, DeleteLogGroupCommand, DescribeLogGroupsCommand, LogGroup } from '@aws-sdk/client-cloudwatch-logs';

export type Tags = Record<string, string>;

export const tagList = (tags: Tags): Tag[] => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** What the fake account holds. */
export interface FakeAccount {
  volumes?: Volume[];
  networkInterfaces?: NetworkInterface[];
  securityGroups?: SecurityGroup[];
  loadBalancers?: { lb: LoadBalancer; tags: Tags }[];
  /** What the Tagging API knows (it also lists the EC2 and ELB resources above when you add them here). */
  tagged?: { arn: string; tags: Tags }[];
  /** CloudWatch Logs log groups (found by name prefix; they may carry no tag). */
  logGroups?: LogGroup[];
}

function ec2Matches(tags: Tag[] | undefined, filters: Filter[] | undefined): boolean {
  const map = Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));
  return (filters ?? []).every((f) => {
    if (f.Name === 'tag-key') return (f.Values ?? []).some((k) => k in map);
    if (f.Name?.startsWith('tag:')) return (f.Values ?? []).includes(map[f.Name.slice(4)]);
    throw new Error(`fake EC2 does not know filter ${f.Name}`);
  });
}

function taggingMatches(tags: Tags, filters: TagFilter[] | undefined): boolean {
  return (filters ?? []).every((f) => f.Key! in tags && (!f.Values || f.Values.length === 0 || f.Values.includes(tags[f.Key!])));
}

function page<T>(items: T[], token: string | undefined, size: number): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const next = start + size < items.length ? String(start + size) : undefined;
  return { items: items.slice(start, start + size), next };
}

/** Installs the mocks; returns them for call assertions. Call `reset()` in afterEach. */
export function fakeAws(account: FakeAccount, pageSize = 2) {
  const ec2 = mockClient(EC2Client);
  const elb = mockClient(ElasticLoadBalancingV2Client);
  const tagging = mockClient(ResourceGroupsTaggingAPIClient);
  const logs = mockClient(CloudWatchLogsClient);

  ec2.on(DescribeVolumesCommand).callsFake((input) => {
    const p = page((account.volumes ?? []).filter((v) => ec2Matches(v.Tags, input.Filters)), input.NextToken, pageSize);
    return { Volumes: p.items, NextToken: p.next };
  });
  ec2.on(DescribeNetworkInterfacesCommand).callsFake((input) => {
    const p = page((account.networkInterfaces ?? []).filter((n) => ec2Matches(n.TagSet, input.Filters)), input.NextToken, pageSize);
    return { NetworkInterfaces: p.items, NextToken: p.next };
  });
  ec2.on(DescribeSecurityGroupsCommand).callsFake((input) => {
    const p = page((account.securityGroups ?? []).filter((g) => ec2Matches(g.Tags, input.Filters)), input.NextToken, pageSize);
    return { SecurityGroups: p.items, NextToken: p.next };
  });
  elb.on(DescribeLoadBalancersCommand).callsFake((input) => {
    const p = page((account.loadBalancers ?? []).map((x) => x.lb), input.Marker, pageSize);
    return { LoadBalancers: p.items, NextMarker: p.next };
  });
  elb.on(DescribeTagsCommand).callsFake((input) => {
    if ((input.ResourceArns ?? []).length > 20) throw new Error('DescribeTags takes at most 20 ARNs');
    return {
      TagDescriptions: (input.ResourceArns ?? []).map((arn: string) => ({ ResourceArn: arn, Tags: tagList(account.loadBalancers!.find((x) => x.lb.LoadBalancerArn === arn)!.tags) })),
    };
  });
  tagging.on(GetResourcesCommand).callsFake((input) => {
    const matching = (account.tagged ?? []).filter((r) => taggingMatches(r.tags, input.TagFilters));
    const p = page(matching, input.PaginationToken, pageSize);
    return { ResourceTagMappingList: p.items.map((r) => ({ ResourceARN: r.arn, Tags: tagList(r.tags) })), PaginationToken: p.next ?? '' };
  });
  logs.on(DescribeLogGroupsCommand).callsFake((input) => {
    const p = page((account.logGroups ?? []).filter((g) => g.logGroupName!.startsWith(input.logGroupNamePrefix ?? '')), input.nextToken, pageSize);
    return { logGroups: p.items, nextToken: p.next };
  });
  logs.on(DeleteLogGroupCommand).resolves({});
  ec2.on(DeleteVolumeCommand).resolves({});
  ec2.on(DeleteNetworkInterfaceCommand).resolves({});
  ec2.on(DeleteSecurityGroupCommand).resolves({});
  elb.on(DeleteLoadBalancerCommand).resolves({});
  elb.on(DeleteTargetGroupCommand).resolves({});

  return {
    ec2,
    elb,
    tagging,
    logs,
    reset() {
      ec2.restore();
      elb.restore();
      tagging.restore();
      logs.restore();
    },
  };
}

/** An SDK-style service error (what the SDK throws for an API error code). */
export function awsError(name: string, message = name): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}
