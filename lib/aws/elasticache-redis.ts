import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ElasticacheParameterGroup, ElasticacheReplicationGroup, ElasticacheSubnetGroup } from '../providers/aws';
import { ServiceSecurityGroup } from './service-security-group';
import { REDIS_EVICTION_POLICIES } from '../catalog/redis';

/** Port Redis listens on. */
export const REDIS_PORT = 6379;
/** Engine version when none is given: Redis OSS 7.1, the newest Redis (not Valkey) ElastiCache offers. */
export const DEFAULT_REDIS_ENGINE_VERSION = '7.1';
/** Node type when none is given: 2 vCPU, 3 GiB, enough for a replica's cache or store. */
export const DEFAULT_REDIS_NODE_TYPE = 'cache.t4g.medium';
export { REDIS_EVICTION_POLICIES } from '../catalog/redis';

/** Properties of an {@link ElastiCacheRedis}. */
export interface ElastiCacheRedisProps {
  /** Replication group id, e.g. `acme-redis-cache`: 1-40 lowercase letters, digits and `-`, starting with a letter. Also names its subnet, parameter and security groups. */
  readonly replicationGroupId: string;
  /** What the group is for, e.g. `Sourcegraph redis-cache of acme`. */
  readonly description: string;
  /** The VPC of the cluster. */
  readonly vpcId: string;
  /** Private subnets the nodes may live in. */
  readonly subnetIds: string[];
  /** Security groups whose members may connect (the EKS cluster security group); nothing else can. */
  readonly clientSecurityGroupIds: readonly string[];
  /** ElastiCache node type. @default 'cache.t4g.medium' */
  readonly nodeType?: string;
  /** Redis OSS version, `major.minor`, at least 6.2 (Sourcegraph's minimum). @default '7.1' */
  readonly engineVersion?: string;
  /**
   * Encrypt traffic (TLS required). Clients must then use a `rediss://` URL
   * (see {@link url}); Sourcegraph's client does.
   * @default true
   */
  readonly transitEncryption?: boolean;
  /** A replica in another zone with automatic failover. @default false (one node) */
  readonly highAvailability?: boolean;
  /**
   * `maxmemory-policy` of the group (a parameter group is created for it).
   * @default ElastiCache's default, `volatile-lru` (evicts only keys that expire)
   */
  readonly maxmemoryPolicy?: string;
}

/**
 * One Redis OSS replication group on ElastiCache, in non-cluster mode (one
 * shard: Sourcegraph supports neither Redis Cluster nor Sentinel):
 * encrypted at rest and, by default, in transit; in the private subnets;
 * reachable only from the client security groups; no snapshots, so
 * `destroy` leaves nothing behind.
 *
 * No AUTH token: the security group is the access control, and a token
 * would have to appear in the configuration or come from a secret store.
 */
export class ElastiCacheRedis extends Construct {
  /** The `aws_elasticache_replication_group`. */
  public readonly replicationGroup: ElasticacheReplicationGroup;
  /** The subnet group. */
  public readonly subnetGroup: ElasticacheSubnetGroup;
  /** The group's security group. */
  public readonly securityGroup: ServiceSecurityGroup;
  /** The parameter group, when `maxmemoryPolicy` was given. */
  public readonly parameterGroup?: ElasticacheParameterGroup;
  /** Host name of the primary endpoint. */
  public readonly primaryEndpointAddress: string;
  /** Port (6379). */
  public readonly port: number;
  /** Whether clients must use TLS. */
  public readonly transitEncryption: boolean;
  /**
   * The endpoint as Sourcegraph's `REDIS_*_ENDPOINT` takes it:
   * `rediss://<primary>:6379` with TLS, `redis://<primary>:6379` without.
   */
  public readonly url: string;

  constructor(scope: Construct, id: string, props: ElastiCacheRedisProps) {
    super(scope, id);
    const engineVersion = props.engineVersion ?? DEFAULT_REDIS_ENGINE_VERSION;
    const nodeType = props.nodeType ?? DEFAULT_REDIS_NODE_TYPE;
    const family = validate(props, engineVersion, nodeType);
    const name = props.replicationGroupId;
    const highAvailability = props.highAvailability ?? false;
    this.transitEncryption = props.transitEncryption ?? true;

    this.subnetGroup = new ElasticacheSubnetGroup(this, 'subnet-group', {
      name,
      description: `Private subnets of ElastiCache replication group ${name}`,
      subnetIds: props.subnetIds,
    });
    this.securityGroup = new ServiceSecurityGroup(this, 'security-group', {
      name: `${name}-redis`,
      description: `Redis of ${name} (ElastiCache): clients only`,
      vpcId: props.vpcId,
      port: REDIS_PORT,
      clientSecurityGroupIds: props.clientSecurityGroupIds,
    });
    if (props.maxmemoryPolicy !== undefined) {
      this.parameterGroup = new ElasticacheParameterGroup(this, 'parameters', {
        name: `${name}-${family.replace('.', '-')}`,
        family,
        description: `Sourcegraph settings of ${name}`,
        parameter: [{ name: 'maxmemory-policy', value: props.maxmemoryPolicy }],
      });
    }

    this.replicationGroup = new ElasticacheReplicationGroup(this, 'replication-group', {
      replicationGroupId: name,
      description: props.description,
      engine: 'redis',
      engineVersion,
      nodeType,
      clusterMode: 'disabled',
      numCacheClusters: highAvailability ? 2 : 1,
      automaticFailoverEnabled: highAvailability,
      multiAzEnabled: highAvailability,
      port: REDIS_PORT,
      subnetGroupName: this.subnetGroup.name,
      securityGroupIds: [this.securityGroup.securityGroupId],
      parameterGroupName: this.parameterGroup?.name,
      atRestEncryptionEnabled: 'true',
      transitEncryptionEnabled: this.transitEncryption,
      autoMinorVersionUpgrade: 'true',
      applyImmediately: true,
      snapshotRetentionLimit: 0,
      dependsOn: this.securityGroup.ingressRules,
    });

    this.primaryEndpointAddress = this.replicationGroup.primaryEndpointAddress;
    this.port = REDIS_PORT;
    this.url = `${this.transitEncryption ? 'rediss' : 'redis'}://${this.primaryEndpointAddress}:${REDIS_PORT}`;
  }
}

/** Replication group ids: a letter, then lowercase letters, digits and single hyphens, at most 40; no trailing hyphen. */
const GROUP_ID = /^[a-z](?!.*--)[a-z0-9-]{0,39}(?<!-)$/;
const NODE_TYPE = /^cache\.[a-z0-9]+\.[a-z0-9]+$/;
const VERSION = /^(\d+)\.(\d+)$/;

/** Validates the props and returns the parameter group family (`redis7`, `redis6.x`). */
function validate(props: ElastiCacheRedisProps, engineVersion: string, nodeType: string): string {
  const what = `ElastiCacheRedis "${props.replicationGroupId}"`;
  if (!GROUP_ID.test(props.replicationGroupId)) {
    throw new Error(`${what}: replicationGroupId must be 1-40 lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen`);
  }
  if (!NODE_TYPE.test(nodeType)) {
    throw new Error(`${what}: nodeType "${nodeType}" is not an ElastiCache node type such as cache.m7g.large`);
  }
  const version = VERSION.exec(engineVersion);
  if (!version) throw new Error(`${what}: engineVersion "${engineVersion}" must be major.minor, e.g. 7.1`);
  const [major, minor] = [Number(version[1]), Number(version[2])];
  if (major < 6 || (major === 6 && minor < 2)) {
    throw new Error(`${what}: engineVersion "${engineVersion}": Sourcegraph needs Redis 6.2 or later`);
  }
  if (props.maxmemoryPolicy !== undefined && !REDIS_EVICTION_POLICIES.includes(props.maxmemoryPolicy)) {
    throw new Error(`${what}: maxmemoryPolicy "${props.maxmemoryPolicy}" is not one of ${REDIS_EVICTION_POLICIES.join(', ')}`);
  }
  if (props.highAvailability && props.subnetIds.length < 2 && !Token.isUnresolved(props.subnetIds)) {
    throw new Error(`${what}: highAvailability needs subnets in at least two zones, got ${props.subnetIds.length}`);
  }
  return major === 6 ? 'redis6.x' : `redis${major}`;
}
