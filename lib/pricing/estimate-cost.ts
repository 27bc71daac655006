/**
 * What a replica costs per hour and per day, at on-demand list prices
 * (data/prices.ts, dated PRICES_AS_OF). Pure.
 *
 * Counted: the Kubernetes control plane (at the extended-support rate when
 * the version is in extended support), nodes (at minNodes, and at
 * maxNodes as the ceiling), node boot disks, the release's persistent
 * volumes, NAT gateways, the ingress load balancer and public IPv4
 * addresses, and the external database and Redis. Not counted: data
 * transfer, NAT and load balancer traffic charges, snapshots, logs.
 * Spot pools are priced on demand (an upper bound). Regions without a
 * multiplier in the price table are not priced at all.
 */
import { awsInstanceType } from '../catalog/aws-instance-types';
import { gceMachineType } from '../catalog/gce-machine-types';
import type { CloudTable } from '../cloud/clouds';
import { INGRESS_KINDS } from '../cloud/ingress-kinds';
import type { Design, DiskType } from '../design/model';
import { CapacityResult } from '../capacity/simulate-capacity';
import { GIB } from '../sizing/quantity';
import { controlPlaneCost } from './control-plane';
import * as P from './data/prices';

/** One priced item. */
export interface CostLine {
  /** What it is, e.g. `Node pool general`. */
  readonly item: string;
  /** How it was priced, e.g. `3 x m6a.4xlarge at $0.6912/h`. */
  readonly detail: string;
  /** USD per hour at minNodes. */
  readonly hourly: number;
  /** USD per hour at maxNodes (differs for node pools and their disks). */
  readonly hourlyAtMax: number;
}

/** The result of {@link estimateCost}. */
export interface CostEstimate {
  readonly currency: 'USD';
  /** Date of the price table. */
  readonly pricesAsOf: string;
  readonly region: string;
  /** False when the region is not in the price table: no figures then. */
  readonly priced: boolean;
  readonly lines: readonly CostLine[];
  /** At minNodes. */
  readonly hourly: number;
  readonly daily: number;
  /** At maxNodes. */
  readonly hourlyAtMax: number;
  readonly dailyAtMax: number;
  /** hourly x the design's expiresAfter hours. */
  readonly lifetime: number;
  /** Items the table has no price for (left out of the totals). */
  readonly unpriced: readonly string[];
  /** Caveats for the reader. */
  readonly notes: readonly string[];
}

const round = (n: number) => Math.round(n * 10000) / 10000;
const money = (n: number) => `$${n < 1 ? n.toFixed(4) : n.toFixed(2)}`;

function line(item: string, detail: string, hourly: number, hourlyAtMax = hourly): CostLine {
  return { item, detail, hourly: round(hourly), hourlyAtMax: round(hourlyAtMax) };
}

/** What a replica's cloud charges, by provider: the price table's entries and how the cloud-specific items are priced. */
interface CloudPricing {
  /** Priced regions and their price relative to the base region. */
  readonly regionMultiplier: Readonly<Record<string, number>>;
  /** How the control plane shows in the estimate (its price depends on the version's support phase: control-plane.ts). */
  readonly controlPlane: { readonly item: string };
  /** USD per hour of one node in the base region, or undefined when not priced. */
  nodeHourly(machineType: string): number | undefined;
  /** The node boot disk type and its price per GB-month. */
  readonly bootDisk: { readonly type: string; readonly gbMonth: number };
  /** Price per GB-month of a persistent volume of `diskType`. */
  volumeGbMonth(diskType: DiskType): number;
  /** NAT, the ingress load balancer and the external services, in report order; unknown prices go to `unpriced`. */
  serviceLines(design: Design, m: number, nodes: { readonly min: number; readonly max: number }, unpriced: string[]): CostLine[];
}

const AWS_PRICING: CloudPricing = {
  regionMultiplier: P.AWS_REGION_MULTIPLIER,
  controlPlane: { item: 'EKS control plane' },
  nodeHourly: (machineType) => {
    const type = awsInstanceType(machineType);
    const rate = type ? P.EC2_PER_VCPU_HOUR[type.family] : undefined;
    return type && rate !== undefined ? type.vCpu * rate : undefined;
  },
  bootDisk: { type: 'gp3', gbMonth: P.EBS_GB_MONTH.gp3 },
  volumeGbMonth: (diskType) => P.EBS_GB_MONTH[diskType as 'gp3'],
  serviceLines(design, m, _nodes, unpriced) {
    const lines: CostLine[] = [];
    const zones = design.network.zones;
    const nats = design.network.natGateways === 'single' ? 1 : zones;
    lines.push(line('NAT gateways', `${nats} x ${money(P.AWS_NAT_GATEWAY_HOUR * m)}/h + ${nats} public IPv4`, nats * (P.AWS_NAT_GATEWAY_HOUR * m + P.AWS_PUBLIC_IPV4_HOUR)));
    const loadBalancer = INGRESS_KINDS[design.sourcegraph.ingress].loadBalancer;
    if (loadBalancer) {
      const kind = loadBalancer.layer === 'application' ? 'Application' : 'Network';
      lines.push(line(`${kind} Load Balancer`, `1 x ${money(P.AWS_LOAD_BALANCER_HOUR * m)}/h + ${zones} public IPv4 (capacity units not counted)`, P.AWS_LOAD_BALANCER_HOUR * m + zones * P.AWS_PUBLIC_IPV4_HOUR));
    }
    const pg = design.externalServices.postgres;
    if (pg) {
      const rate = P.RDS_POSTGRES_HOUR[pg.instanceClass];
      const copies = pg.highAvailability ? 2 : 1;
      if (rate === undefined) unpriced.push(`RDS ${pg.instanceClass}`);
      else {
        const storage = (pg.storageGb * P.RDS_STORAGE_GB_MONTH * m * copies) / P.HOURS_PER_MONTH;
        lines.push(line('RDS PostgreSQL', `${pg.instanceClass}${copies === 2 ? ' Multi-AZ' : ''}, ${pg.storageGb} GB`, rate * m * copies + storage));
      }
    }
    const redis = design.externalServices.redis;
    if (redis?.nodeType) {
      const rate = P.ELASTICACHE_NODE_HOUR[redis.nodeType];
      if (rate === undefined) unpriced.push(`ElastiCache ${redis.nodeType}`);
      // Two replication groups of one node each: redis-cache and redis-store (docs/EXTERNAL-SERVICES.md).
      else lines.push(line('ElastiCache Redis', `2 x ${redis.nodeType} (cache, store)`, 2 * rate * m));
    }
    return lines;
  },
};

const GCP_PRICING: CloudPricing = {
  regionMultiplier: P.GCP_REGION_MULTIPLIER,
  controlPlane: { item: 'GKE cluster fee' },
  nodeHourly: (machineType) => {
    const type = gceMachineType(machineType);
    const rate = type ? P.GCE_SERIES_HOUR[type.series] : undefined;
    return type && rate && !type.sharedCore ? type.vCpu * rate.vCpu + type.memoryGiB * rate.memoryGiB : undefined;
  },
  bootDisk: { type: 'pd-balanced', gbMonth: P.GCE_PD_GB_MONTH['pd-balanced'] },
  volumeGbMonth: (diskType) => P.GCE_PD_GB_MONTH[diskType as 'pd-ssd'],
  serviceLines(design, m, nodes, unpriced) {
    const lines: CostLine[] = [];
    const natAt = (count: number) => Math.min(count * P.GCP_NAT_VM_HOUR, P.GCP_NAT_GATEWAY_CAP_HOUR) * m;
    lines.push(line('Cloud NAT', `${P.GCP_NAT_VM_HOUR}/VM-hour, capped at ${money(P.GCP_NAT_GATEWAY_CAP_HOUR)}/h`, natAt(nodes.min), natAt(nodes.max)));
    if (INGRESS_KINDS[design.sourcegraph.ingress].loadBalancer) {
      lines.push(line('Load balancer forwarding rule', `1 x ${money(P.GCP_FORWARDING_RULE_HOUR * m)}/h`, P.GCP_FORWARDING_RULE_HOUR * m));
    }
    const pg = design.externalServices.postgres;
    if (pg) {
      const custom = /^db-custom-(\d+)-(\d+)$/.exec(pg.instanceClass);
      const copies = pg.highAvailability ? 2 : 1;
      if (!custom) unpriced.push(`Cloud SQL ${pg.instanceClass}`);
      else {
        const hourly = (Number(custom[1]) * P.CLOUD_SQL_HOUR.vCpu + (Number(custom[2]) / 1024) * P.CLOUD_SQL_HOUR.memoryGiB) * copies * m;
        const storage = (pg.storageGb * P.CLOUD_SQL_HOUR.storageGbMonth * copies * m) / P.HOURS_PER_MONTH;
        lines.push(line('Cloud SQL PostgreSQL', `${pg.instanceClass}${copies === 2 ? ' HA' : ''}, ${pg.storageGb} GB`, hourly + storage));
      }
    }
    const redis = design.externalServices.redis;
    // Two instances, like AWS: redis-cache and redis-store.
    if (redis?.memoryGb) lines.push(line('Memorystore Redis', `2 x ${redis.memoryGb} GB Basic (cache, store)`, 2 * redis.memoryGb * P.MEMORYSTORE_GIB_HOUR * m));
    return lines;
  },
};

const CLOUD_PRICING: CloudTable<CloudPricing> = {
  aws: AWS_PRICING,
  gcp: GCP_PRICING,
};

/** The regions the price table prices for `provider`. */
export function pricedRegions(provider: Design['cloud']['provider']): readonly string[] {
  return Object.keys(CLOUD_PRICING[provider].regionMultiplier);
}

/**
 * The replica's estimated cost at on-demand prices, at minNodes (and
 * maxNodes as the ceiling). `capacity` gives the persistent volumes.
 */
export function estimateCost(design: Design, capacity: CapacityResult): CostEstimate {
  const pricing = CLOUD_PRICING[design.cloud.provider];
  const region = design.cloud.region;
  const multiplier = pricing.regionMultiplier[region];
  const notes: string[] = [
    'On-demand list prices without data transfer, NAT or load balancer traffic, snapshots or logging.',
    "Estimates from the project's dated price table (lib/pricing/data/prices.ts); check the providers' price pages before quoting them.",
  ];
  if (multiplier === undefined) {
    const known = Object.keys(pricing.regionMultiplier).join(', ');
    return {
      currency: 'USD', pricesAsOf: P.PRICES_AS_OF, region, priced: false, lines: [], hourly: 0, daily: 0, hourlyAtMax: 0, dailyAtMax: 0, lifetime: 0,
      unpriced: [`region ${region}`],
      notes: [`Region ${region} is not in sg-replica's price table (priced: ${known}); no estimate.`],
    };
  }
  const m = multiplier;
  const lines: CostLine[] = [];
  const unpriced: string[] = [];
  const controlPlane = controlPlaneCost(design.cloud.provider, design.kubernetes.version);
  const support = controlPlane.status === 'extended' ? ` (Kubernetes ${design.kubernetes.version} in extended support)` : '';
  lines.push(line(pricing.controlPlane.item, `1 cluster at ${money(controlPlane.hourly)}/h${support}`, controlPlane.hourly));
  if (controlPlane.warning) notes.push(controlPlane.warning);

  let minNodes = 0;
  let maxNodes = 0;
  let bootMin = 0;
  let bootMax = 0;
  for (const pool of design.kubernetes.nodePools) {
    minNodes += pool.minNodes;
    maxNodes += pool.maxNodes;
    bootMin += pool.minNodes * pool.diskGb;
    bootMax += pool.maxNodes * pool.diskGb;
    const base = pricing.nodeHourly(pool.machineType);
    if (base === undefined) {
      unpriced.push(`node pool ${pool.name} (${pool.machineType})`);
      continue;
    }
    const each = base * m;
    lines.push(
      line(
        `Node pool ${pool.name}`,
        `${pool.minNodes}-${pool.maxNodes} x ${pool.machineType} at ${money(each)}/h${pool.spot ? ' (spot, priced on demand)' : ''}`,
        pool.minNodes * each,
        pool.maxNodes * each,
      ),
    );
  }
  if (design.kubernetes.nodePools.some((p) => p.spot)) notes.push('Spot pools are priced at on-demand rates: an upper bound (spot is usually 60-90 % cheaper).');

  const bootRate = (pricing.bootDisk.gbMonth * m) / P.HOURS_PER_MONTH;
  lines.push(line('Node boot disks', `${bootMin}-${bootMax} GB ${pricing.bootDisk.type}`, bootMin * bootRate, bootMax * bootRate));

  const diskType = design.storage.diskType;
  const pvGb = capacity.storage.totalBytes / GIB;
  const pvRate = (pricing.volumeGbMonth(diskType) * m) / P.HOURS_PER_MONTH;
  let pvHourly = pvGb * pvRate;
  let pvDetail = `${capacity.storage.claims} volumes, ${Math.round(pvGb)} GiB ${diskType}`;
  if (diskType === 'io2') {
    const iops = 3000 * capacity.storage.claims;
    pvHourly += (iops * P.EBS_IO2_IOPS_MONTH * m) / P.HOURS_PER_MONTH;
    pvDetail += ` + ${iops} provisioned IOPS (3,000 per volume)`;
  }
  lines.push(line('Persistent volumes', pvDetail, pvHourly));
  lines.push(...pricing.serviceLines(design, m, { min: minNodes, max: maxNodes }, unpriced));

  if (unpriced.length > 0) notes.push(`Not in the price table, left out of the totals: ${unpriced.join(', ')}.`);
  if (m !== 1) notes.push(`${region} prices are the base region's times ${m}.`);
  const hourly = round(lines.reduce((t, l) => t + l.hourly, 0));
  const hourlyAtMax = round(lines.reduce((t, l) => t + l.hourlyAtMax, 0));
  return {
    currency: 'USD',
    pricesAsOf: P.PRICES_AS_OF,
    region,
    priced: true,
    lines,
    hourly,
    daily: round(hourly * 24),
    hourlyAtMax,
    dailyAtMax: round(hourlyAtMax * 24),
    lifetime: round(hourly * design.expiresAfterHours),
    unpriced,
    notes,
  };
}
