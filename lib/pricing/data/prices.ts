/**
 * On-demand list prices sg-replica estimates replica costs with, in USD.
 * Data, dated: PRICES_AS_OF is printed in every report.
 *
 * Sources: aws.amazon.com/ec2/pricing/on-demand, /ebs/pricing, /vpc/pricing
 * (NAT gateway, public IPv4), /elasticloadbalancing/pricing, /eks/pricing,
 * /rds/postgresql/pricing, /elasticache/pricing; cloud.google.com/compute/
 * vm-instance-pricing, /compute/disks-image-pricing, /nat/pricing,
 * /vpc/network-pricing (forwarding rules), /kubernetes-engine/pricing,
 * /sql/pricing, /memorystore/docs/redis/pricing. Linux, on-demand, no
 * discounts, no data transfer.
 *
 * Instance prices are stored per vCPU-hour of the family in the base region
 * (us-east-1, us-central1): within these families price is linear in size.
 * Regions: a priced region has a multiplier (1 = base price); any other
 * region is "not priced" and the report says so rather than guess.
 */

/**
 * The date the prices below are meant to reflect. They were transcribed
 * without network access (this project's machines reach no price page), so
 * treat them as estimates: check the pages above and update this table and
 * this date before a figure goes to a customer.
 */
export const PRICES_AS_OF = '2025-06-01';

/** AWS regions priced, and their price relative to us-east-1 (EC2, EBS, ELB, NAT, RDS, ElastiCache). */
export const AWS_REGION_MULTIPLIER: Readonly<Record<string, number>> = {
  'us-east-1': 1,
  'us-east-2': 1,
  'us-west-2': 1,
  'eu-west-1': 1.12,
};

/** GCP regions priced, relative to us-central1. */
export const GCP_REGION_MULTIPLIER: Readonly<Record<string, number>> = {
  'us-central1': 1,
  'us-east1': 1,
  'us-east4': 1.13,
  'us-west1': 1,
  'europe-west1': 1.1,
};

/** EC2 Linux on-demand USD per vCPU-hour in us-east-1, by family (the `large` price / 2). */
export const EC2_PER_VCPU_HOUR: Readonly<Record<string, number>> = {
  m5: 0.048, m5a: 0.043, m5d: 0.0565, m5n: 0.0595,
  m6a: 0.0432, m6i: 0.048, m6id: 0.0593, m6in: 0.0696,
  m7a: 0.05796, m7i: 0.0504, 'm7i-flex': 0.04788,
  m6g: 0.0385, m6gd: 0.0452, m7g: 0.0408, m7gd: 0.0534, m8g: 0.04488,
  c5: 0.0425, c5a: 0.0385, c6a: 0.03825, c6i: 0.0425, c7a: 0.05131, c7i: 0.04463, c6g: 0.034, c7g: 0.03625,
  r5: 0.063, r5a: 0.0565, r6a: 0.0567, r6i: 0.063, r7a: 0.07608, r7i: 0.06615, r6g: 0.0504, r7g: 0.05355,
  t3: 0.0416, t3a: 0.0376, t4g: 0.0336,
};

/** EKS cluster, USD per hour (standard support). */
export const EKS_CLUSTER_HOUR = 0.1;
/**
 * EKS cluster whose Kubernetes version is in extended support, USD per hour
 * (aws.amazon.com/eks/pricing: "$0.60 per cluster per hour" for extended
 * support, charged since April 2024; extended support is on by default).
 */
export const EKS_EXTENDED_SUPPORT_CLUSTER_HOUR = 0.6;
/** EBS USD per GB-month in us-east-1. io2 IOPS are priced separately (first 32,000 per volume). */
export const EBS_GB_MONTH: Readonly<Record<'gp3' | 'gp2' | 'io2', number>> = { gp3: 0.08, gp2: 0.1, io2: 0.125 };
/** io2 provisioned IOPS, USD per IOPS-month (tier up to 32,000). */
export const EBS_IO2_IOPS_MONTH = 0.065;
/** NAT gateway, USD per hour (data processing, $0.045/GB, not estimated). */
export const AWS_NAT_GATEWAY_HOUR = 0.045;
/** Public IPv4 address, USD per hour (NAT gateways' Elastic IPs, load balancer addresses). */
export const AWS_PUBLIC_IPV4_HOUR = 0.005;
/** Application and Network Load Balancer, USD per hour, without capacity units. */
export const AWS_LOAD_BALANCER_HOUR = 0.0225;
/** RDS for PostgreSQL single-AZ on-demand, USD per hour in us-east-1 (Multi-AZ: x2). */
export const RDS_POSTGRES_HOUR: Readonly<Record<string, number>> = {
  'db.t4g.medium': 0.065, 'db.t4g.large': 0.129, 'db.t3.medium': 0.072, 'db.t3.large': 0.145,
  'db.m6g.large': 0.152, 'db.m6g.xlarge': 0.304, 'db.m6g.2xlarge': 0.608, 'db.m6g.4xlarge': 1.216,
  'db.m7g.large': 0.168, 'db.m7g.xlarge': 0.337, 'db.m7g.2xlarge': 0.674,
  'db.m6i.large': 0.171, 'db.m6i.xlarge': 0.342, 'db.m6i.2xlarge': 0.684, 'db.m5.large': 0.171, 'db.m5.xlarge': 0.342,
  'db.r6g.large': 0.225, 'db.r6g.xlarge': 0.45, 'db.r6g.2xlarge': 0.899, 'db.r7g.large': 0.239,
  'db.r6i.large': 0.25, 'db.r6i.xlarge': 0.5, 'db.r5.large': 0.25,
};
/** RDS gp3 storage, USD per GB-month in us-east-1 (Multi-AZ: x2). */
export const RDS_STORAGE_GB_MONTH = 0.115;
/** ElastiCache for Redis on-demand, USD per node-hour in us-east-1. */
export const ELASTICACHE_NODE_HOUR: Readonly<Record<string, number>> = {
  'cache.t4g.micro': 0.016, 'cache.t4g.small': 0.032, 'cache.t4g.medium': 0.065,
  'cache.t3.micro': 0.017, 'cache.t3.small': 0.034, 'cache.t3.medium': 0.068,
  'cache.m6g.large': 0.149, 'cache.m6g.xlarge': 0.298, 'cache.m7g.large': 0.158,
  'cache.r6g.large': 0.206, 'cache.r6g.xlarge': 0.411, 'cache.r7g.large': 0.219,
};

/** GCE on-demand USD per vCPU-hour and per GiB-hour in us-central1, by series. */
export const GCE_SERIES_HOUR: Readonly<Record<string, { readonly vCpu: number; readonly memoryGiB: number }>> = {
  n2: { vCpu: 0.031611, memoryGiB: 0.004237 },
  n2d: { vCpu: 0.027502, memoryGiB: 0.003686 },
  n1: { vCpu: 0.031611, memoryGiB: 0.004237 },
  e2: { vCpu: 0.021811, memoryGiB: 0.002923 },
  c2: { vCpu: 0.03398, memoryGiB: 0.00455 },
  c2d: { vCpu: 0.029563, memoryGiB: 0.003959 },
  t2d: { vCpu: 0.027502, memoryGiB: 0.003686 },
};
/** GKE cluster management fee, USD per hour (regional and zonal Standard clusters; the free tier credit is ignored). */
export const GKE_CLUSTER_HOUR = 0.1;
/**
 * GKE cluster management fee while the cluster's minor version is in its
 * extended support period (Extended release channel), USD per hour.
 * cloud.google.com/kubernetes-engine/pricing says "an additional cluster
 * management fee applies"; the amount (+$0.50, $0.60 in all, as on EKS) is
 * from third-party write-ups of the pricing table (chkk.io "GKE extended
 * support", cloudyali.io): check the pricing page before quoting it.
 */
export const GKE_EXTENDED_SUPPORT_CLUSTER_HOUR = 0.6;
/** Persistent disk USD per GB-month in us-central1 (boot disks: pd-balanced). */
export const GCE_PD_GB_MONTH: Readonly<Record<'pd-ssd' | 'pd-balanced', number>> = { 'pd-ssd': 0.17, 'pd-balanced': 0.1 };
/** Cloud NAT gateway, USD per hour at its cap (32+ VMs: $0.044; fewer VMs: $0.0014 per VM), without data processing. */
export const GCP_NAT_VM_HOUR = 0.0014;
export const GCP_NAT_GATEWAY_CAP_HOUR = 0.044;
/** Forwarding rule of a load balancer, USD per hour (first 5 rules). */
export const GCP_FORWARDING_RULE_HOUR = 0.025;
/** Cloud SQL for PostgreSQL Enterprise, USD per vCPU-hour and per GiB-hour (HA: x2); storage per GB-month (SSD). */
export const CLOUD_SQL_HOUR = { vCpu: 0.0413, memoryGiB: 0.007, storageGbMonth: 0.17 } as const;
/** Memorystore for Redis Basic tier, USD per GiB-hour (5-10 GiB band). */
export const MEMORYSTORE_GIB_HOUR = 0.027;

/** Hours per month used to turn monthly prices into hourly ones (AWS and GCP both bill 730). */
export const HOURS_PER_MONTH = 730;
