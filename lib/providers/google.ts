/**
 * The Google provider bindings sg-replica uses, re-exported from their deep
 * module paths. Import Google bindings from here, never from the
 * `@cdktf/provider-google` package root: the root module loads every
 * resource module (~3,000) and costs many times the compile time and memory.
 */

export { GoogleProvider } from '@cdktf/provider-google/lib/provider';
export type { GoogleProviderConfig } from '@cdktf/provider-google/lib/provider';
export { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';

// Network
export { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
export { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
export type { ComputeSubnetworkSecondaryIpRange } from '@cdktf/provider-google/lib/compute-subnetwork';
export { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
export { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
export { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';

// Project APIs
export { ProjectService } from '@cdktf/provider-google/lib/project-service';

// GCE ingress: Cloud Armor, static address, certificate, TLS policy
export { ComputeSecurityPolicy } from '@cdktf/provider-google/lib/compute-security-policy';
export type { ComputeSecurityPolicyRule } from '@cdktf/provider-google/lib/compute-security-policy';
export { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
export { ComputeManagedSslCertificate } from '@cdktf/provider-google/lib/compute-managed-ssl-certificate';
export { ComputeSslPolicy } from '@cdktf/provider-google/lib/compute-ssl-policy';

// IAM
export { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
export { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';

// GKE
export { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
export type {
  ContainerClusterConfig,
  ContainerClusterMasterAuthorizedNetworksConfigCidrBlocks,
} from '@cdktf/provider-google/lib/container-cluster';
export { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
export type { ContainerNodePoolConfig, ContainerNodePoolNodeConfigTaint } from '@cdktf/provider-google/lib/container-node-pool';

// External services (Cloud SQL, Memorystore, GCS, Secret Manager)
export { SqlDatabaseInstance } from '@cdktf/provider-google/lib/sql-database-instance';
export type { SqlDatabaseInstanceSettingsDatabaseFlags } from '@cdktf/provider-google/lib/sql-database-instance';
export { SqlDatabase } from '@cdktf/provider-google/lib/sql-database';
export { SqlUser } from '@cdktf/provider-google/lib/sql-user';
export { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
export { ComputeForwardingRule } from '@cdktf/provider-google/lib/compute-forwarding-rule';
export { RedisInstance } from '@cdktf/provider-google/lib/redis-instance';
export { DataGoogleRedisInstance } from '@cdktf/provider-google/lib/data-google-redis-instance';
export { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
export { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
export { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
export { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
export { SecretManagerSecretVersion } from '@cdktf/provider-google/lib/secret-manager-secret-version';
export { DataGoogleSecretManagerSecretVersion } from '@cdktf/provider-google/lib/data-google-secret-manager-secret-version';
