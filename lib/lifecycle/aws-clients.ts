/**
 * The AWS SDK clients the lifecycle commands use, created on first use.
 *
 * The SDK is loaded with `require` inside the factories, never at import
 * time: `sg-replica validate` and `synth` do not pay for it. Tests mock the
 * client classes with aws-sdk-client-mock (`mockClient(EC2Client)`), which
 * intercepts `send` on every instance, including the ones made here.
 */
import { loadOptional } from '../catalog/optional-dependencies';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';

/** Per-region AWS clients. Credentials come from the SDK's default chain (env, profile, SSO...). */
export interface AwsClients {
  /** Resource Groups Tagging API client for a region. */
  tagging(region: string): ResourceGroupsTaggingAPIClient;
  /** EC2 client for a region (volumes, network interfaces, security groups). */
  ec2(region: string): EC2Client;
  /** Elastic Load Balancing v2 client for a region (ALBs, NLBs, target groups). */
  elbv2(region: string): ElasticLoadBalancingV2Client;
  /** CloudWatch Logs client for a region (the EKS control plane log group). */
  logs(region: string): CloudWatchLogsClient;
}

/** Real clients, one per service and region, created (and the SDK loaded) on first use. */
export function defaultAwsClients(): AwsClients {
  const cache = new Map<string, unknown>();
  const once = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    tagging: (region) =>
      once(`tagging:${region}`, () => {
        const sdk = loadOptional(() => require('@aws-sdk/client-resource-groups-tagging-api') as typeof import('@aws-sdk/client-resource-groups-tagging-api'));
        return new sdk.ResourceGroupsTaggingAPIClient({ region });
      }),
    ec2: (region) =>
      once(`ec2:${region}`, () => {
        const sdk = loadOptional(() => require('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2'));
        return new sdk.EC2Client({ region });
      }),
    elbv2: (region) =>
      once(`elbv2:${region}`, () => {
        const sdk = loadOptional(() => require('@aws-sdk/client-elastic-load-balancing-v2') as typeof import('@aws-sdk/client-elastic-load-balancing-v2'));
        return new sdk.ElasticLoadBalancingV2Client({ region });
      }),
    logs: (region) =>
      once(`logs:${region}`, () => {
        const sdk = loadOptional(() => require('@aws-sdk/client-cloudwatch-logs') as typeof import('@aws-sdk/client-cloudwatch-logs'));
        return new sdk.CloudWatchLogsClient({ region });
      }),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** All the tagged resources the Tagging API lists for these tag filters in a region (every page). */
export async function taggedResources(
  clients: AwsClients,
  region: string,
  tagFilters: { Key: string; Values?: string[] }[],
): Promise<{ arn: string; tags: Record<string, string> }[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { GetResourcesCommand } = require('@aws-sdk/client-resource-groups-tagging-api') as typeof import('@aws-sdk/client-resource-groups-tagging-api');
  const client = clients.tagging(region);
  const found: { arn: string; tags: Record<string, string> }[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new GetResourcesCommand({ TagFilters: tagFilters, ResourcesPerPage: 100, ...(token ? { PaginationToken: token } : {}) }));
    for (const r of page.ResourceTagMappingList ?? []) {
      if (!r.ResourceARN) continue;
      found.push({ arn: r.ResourceARN, tags: tagMap(r.Tags) });
    }
    token = page.PaginationToken || undefined;
  } while (token);
  return found;
}

/** SDK tag lists (`[{Key, Value}]`) as a map. */
export function tagMap(tags: readonly { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).filter((t) => t.Key !== undefined).map((t) => [t.Key!, t.Value ?? '']));
}
