/**
 * Which instance classes (tiers, node types) the managed databases and
 * caches sg-replica creates really offer, so that `db.zz9.huge` or
 * `db-custom-0-0` fail validation instead of the deploy. Pure.
 *
 * Sources:
 * - RDS for PostgreSQL: a DB instance class is `db.` + an EC2 instance type of
 *   a family RDS offers for PostgreSQL (AWS RDS User Guide, "Supported DB
 *   engines for DB instance classes", PostgreSQL column, 2026). The sizes are
 *   checked against sg-replica's EC2 catalog (aws-instance-types.ts), so a
 *   family missing from that catalog (x2g, x2iedn, z1d) is not accepted.
 * - ElastiCache for Redis OSS: `cache.` + an EC2 instance type of a family
 *   ElastiCache offers (ElastiCache User Guide, "Supported node types").
 * - Cloud SQL for PostgreSQL: shared-core `db-f1-micro` and `db-g1-small`;
 *   custom machines `db-custom-<vCPU>-<MiB>` with 1 or an even number of
 *   vCPUs up to 96 and 0.9 to 6.5 GiB of memory per vCPU, a multiple of
 *   256 MiB and at least 3,840 MiB (Cloud SQL docs, "About instance
 *   settings: machine types"); Enterprise Plus `db-perf-optimized-N-<vCPU>`.
 */
import { awsInstanceType } from './aws-instance-types';

const RDS_POSTGRES_FAMILIES: ReadonlySet<string> = new Set([
  'm5', 'm5d', 'm6g', 'm6gd', 'm6i', 'm6id', 'm6idn', 'm6in', 'm7g', 'm7i', 'm8g', 'm8gd',
  'r5', 'r5b', 'r5d', 'r6g', 'r6gd', 'r6i', 'r6id', 'r6idn', 'r6in', 'r7g', 'r7i', 'r8g', 'r8gd',
  't3', 't4g', 'x2idn',
]);

const ELASTICACHE_FAMILIES: ReadonlySet<string> = new Set(['t3', 't4g', 'm5', 'm6g', 'm7g', 'r5', 'r6g', 'r6gd', 'r7g', 'c7gn']);

const CLOUD_SQL_PERF_OPTIMIZED_VCPUS: readonly number[] = [2, 4, 8, 16, 32, 48, 64, 80, 96, 128];

/** Why `name` is not a class the service offers, or undefined when it is. */
export type ClassVerdict = string | undefined;

function ec2Backed(name: string, prefix: string, families: ReadonlySet<string>, service: string): ClassVerdict {
  if (!name.startsWith(prefix)) return `${service} class names start with "${prefix}"`;
  const type = awsInstanceType(name.slice(prefix.length));
  if (!type) return `${service} has no class of that name (${prefix}<EC2 instance type of a family it offers>)`;
  if (!families.has(type.family)) return `${service} does not offer the ${type.family} family`;
  return undefined;
}

/** RDS for PostgreSQL instance classes, e.g. `db.m7g.xlarge`. */
export function rdsPostgresClassVerdict(name: string): ClassVerdict {
  return ec2Backed(name, 'db.', RDS_POSTGRES_FAMILIES, 'RDS for PostgreSQL');
}

/** ElastiCache node types, e.g. `cache.r7g.large`. */
export function elastiCacheNodeTypeVerdict(name: string): ClassVerdict {
  return ec2Backed(name, 'cache.', ELASTICACHE_FAMILIES, 'ElastiCache');
}

/** Cloud SQL for PostgreSQL tiers, e.g. `db-custom-4-16384`. */
export function cloudSqlTierVerdict(name: string): ClassVerdict {
  if (name === 'db-f1-micro' || name === 'db-g1-small') return undefined;
  const perf = /^db-perf-optimized-N-(\d{1,3})$/.exec(name);
  if (perf) return CLOUD_SQL_PERF_OPTIMIZED_VCPUS.includes(Number(perf[1])) ? undefined : `db-perf-optimized-N takes ${CLOUD_SQL_PERF_OPTIMIZED_VCPUS.join(', ')} vCPUs`;
  const custom = /^db-custom-(\d{1,3})-(\d{1,7})$/.exec(name);
  if (!custom) return 'not a Cloud SQL for PostgreSQL tier';
  const vCpu = Number(custom[1]);
  const mib = Number(custom[2]);
  if (!(vCpu === 1 || (vCpu % 2 === 0 && vCpu >= 2 && vCpu <= 96))) return `a custom machine has 1 or an even number of vCPUs up to 96, not ${vCpu}`;
  if (mib % 256 !== 0) return `a custom machine's memory is a multiple of 256 MiB, not ${mib} MiB`;
  if (mib < 3840) return `a custom machine has at least 3840 MiB of memory, not ${mib}`;
  const perVcpu = mib / 1024 / vCpu;
  if (perVcpu < 0.9 || perVcpu > 6.5) return `a custom machine has 0.9 to 6.5 GiB of memory per vCPU, not ${Math.round(perVcpu * 100) / 100}`;
  return undefined;
}
