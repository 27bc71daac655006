/**
 * sg-replica: Sourcegraph replica environments from a design file, with CDK
 * for Terraform.
 *
 * The public API, name by name (test/index.test.ts snapshots the list):
 * the design model, its loading and checks; the pure derivations (subnets,
 * tags, Helm values, sizing, capacity, cost, report); the constructs (AWS,
 * GCP, Kubernetes, Sourcegraph, policy) with their props; the stacks that
 * compose them. Implementation constants stay inside their modules.
 */

/* eslint-disable @typescript-eslint/no-require-imports */
import { lazyClass } from './catalog/optional-dependencies';
export { MissingOptionalDependencyError } from './catalog/optional-dependencies';

// Design: model, loading, checks
export type {
  AwsCloud,
  AwsDesign,
  AwsDiskType,
  Cloud,
  CloudProvider,
  Codebase,
  DeploymentMethod,
  Design,
  DesignSource,
  DiskType,
  EndpointAccess,
  ExternalObjectStorage,
  FrontendTls,
  ExternalPostgres,
  ExternalRedis,
  ExternalServices,
  GcpCloud,
  GcpDesign,
  GcpDiskType,
  IngressKind,
  Kubernetes,
  KustomizeOverlay,
  NatGateways,
  Network,
  NodePool,
  OverrideFile,
  Sourcegraph,
  SourcegraphSize,
  StateBackend,
  StateBackendKind,
  Storage,
  Taint,
  TaintEffect,
  Waiver,
} from './design/model';
export { isAwsDesign, isGcpDesign } from './design/model';
export type { DesignInput } from './design/design-input';
export { nodePoolWithDefaults } from './design/node-pool-input';
export type { NodePoolInput } from './design/node-pool-input';
export { checkDesignFile, checkDesignObject, designFromObject, loadDesign } from './checks/check-design';
export type { DesignCheck, DesignFromObjectOptions } from './checks/check-design';
export { DesignValidationError, formatProblem, isDesignValidationError } from './design/problems';
export type { DesignProblem, Severity } from './design/problems';
export { designJsonSchema } from './design/json-schema';
export { SOURCEGRAPH_CHART_VERSIONS } from './catalog/chart-versions';
export { KUSTOMIZE_RELEASE_VERSIONS } from './catalog/kustomize-releases';

// Pure derivations
export { subnetPlan } from './network/subnet-plan';
export type { SubnetPlan } from './network/subnet-plan';
export { awsTags, designFingerprint, replicaMetadata, TAG_KEYS } from './replica/metadata';
export type { ReplicaMetadata } from './replica/metadata';
export { gcpLabels } from './replica/gcp-labels';
export { expiryAnchor } from './replica/expiry-anchor';
export type { ExpiryAnchor } from './replica/expiry-anchor';
export { stackStateBackend, effectiveStateBackend } from './replica/state-backend';
export type { StackStateBackend } from './replica/state-backend';
export { mergeValues, renderValuesYaml } from './helm/merge-values';
export type { HelmValues } from './helm/merge-values';
export { replicaValues } from './sourcegraph/replica-values';
export type { ReplicaValuesContext } from './sourcegraph/replica-values';
export { sourcegraphHelmValues } from './sourcegraph/helm-values';
export type { HelmValuesContext } from './sourcegraph/helm-values';
export { designHelmValues } from './sourcegraph/design-values';
export { externalServicesValues } from './sourcegraph/external-services-values';
export type { ExternalServiceEndpoints } from './sourcegraph/external-services-values';

// Sizing, capacity, cost, report
export { sizePresetValues } from './sizing/size-presets';
export { codebaseStorageValues, checkStorageAgainstCodebase } from './sizing/codebase';
export { simulateCapacity } from './capacity/simulate-capacity';
export type { CapacityResult } from './capacity/simulate-capacity';
export { estimateCost } from './pricing/estimate-cost';
export type { CostEstimate } from './pricing/estimate-cost';
export { assessDesign, CAPACITY_FIT_RULE } from './assessment/assess-design';
export type { DesignAssessment } from './assessment/assess-design';
export type { Finding } from './sizing/finding';
export { renderReport } from './report/render-report';
export type { Report, ReportInput } from './report/render-report';

// Helm override checks
export { checkValueKeys } from './chart/check-value-keys';
export { replicaConflicts } from './chart/replica-conflicts';
export { chartKeyCatalog } from './chart/key-catalog';
// Render checks (the real chart through helm, or a Kustomize overlay through kubectl; see README "--render")
export { renderAndCheck, checkRelease } from './render/check-release';
export type { RenderCheck } from './render/check-release';
export type { RenderFinding } from './render/render-finding';
export { locateTool } from './render/tools';
export { locateChart } from './render/charts';
export { renderAndCheckKustomize } from './kustomize/check-kustomize-release';
export { uploadStoreWiring } from './sourcegraph/upload-store';

// Policy pack
export { PolicyPack, applyPolicies, evaluatePolicies } from './policy/policy-pack';
export type { PolicyPackOptions } from './policy/policy-pack';
export { POLICY_RULE_IDS, POLICY_RULE_INFO } from './catalog/policy-rules';
export { formatPolicyReport } from './policy/policy-report';
export type { PolicyReport } from './policy/policy-report';

// Lifecycle (cloud SDKs load only when a client is made)
export { findExpiredReplicas } from './lifecycle/expired';
export type { ExpiredReplica, FindExpiredOptions } from './lifecycle/expired';
export { findLeftovers, deleteLeftovers } from './lifecycle/leftovers';
export type { Leftover, LeftoverReport } from './lifecycle/leftovers';

// AWS constructs: @cdktf/provider-aws is an optional peer dependency. These
// classes load on first use (`lazyClass`), so importing sg-replica never needs it.
export const VpcNetwork = lazyClass((): typeof import('./aws/vpc-network').VpcNetwork => require('./aws/vpc-network').VpcNetwork);
export type VpcNetwork = import('./aws/vpc-network').VpcNetwork;
export type { VpcNetworkProps } from './aws/vpc-network';
export const EksCluster = lazyClass((): typeof import('./aws/eks-cluster').EksCluster => require('./aws/eks-cluster').EksCluster);
export type EksCluster = import('./aws/eks-cluster').EksCluster;
export type { EksClusterProps } from './aws/eks-cluster';
export const EksCoreAddons = lazyClass((): typeof import('./aws/eks-addons').EksCoreAddons => require('./aws/eks-addons').EksCoreAddons);
export type EksCoreAddons = import('./aws/eks-addons').EksCoreAddons;
export type { EksCoreAddonsProps } from './aws/eks-addons';
export const IrsaRole = lazyClass((): typeof import('./aws/irsa-role').IrsaRole => require('./aws/irsa-role').IrsaRole);
export type IrsaRole = import('./aws/irsa-role').IrsaRole;
export type { ClusterOidcIdentity, IrsaRoleProps } from './aws/irsa-role';
export const NodeRole = lazyClass((): typeof import('./aws/node-role').NodeRole => require('./aws/node-role').NodeRole);
export type NodeRole = import('./aws/node-role').NodeRole;
export type { NodeRoleProps } from './aws/node-role';
export const ManagedNodeGroup = lazyClass((): typeof import('./aws/managed-node-group').ManagedNodeGroup => require('./aws/managed-node-group').ManagedNodeGroup);
export type ManagedNodeGroup = import('./aws/managed-node-group').ManagedNodeGroup;
export type { ManagedNodeGroupProps, NodeArchitecture } from './aws/managed-node-group';
export const EbsCsiDriver = lazyClass((): typeof import('./aws/ebs-csi-driver').EbsCsiDriver => require('./aws/ebs-csi-driver').EbsCsiDriver);
export type EbsCsiDriver = import('./aws/ebs-csi-driver').EbsCsiDriver;
export type { EbsCsiDriverProps } from './aws/ebs-csi-driver';
export const LoadBalancerControllerRole = lazyClass((): typeof import('./aws/load-balancer-controller-role').LoadBalancerControllerRole => require('./aws/load-balancer-controller-role').LoadBalancerControllerRole);
export type LoadBalancerControllerRole = import('./aws/load-balancer-controller-role').LoadBalancerControllerRole;
export type { LoadBalancerControllerRoleProps } from './aws/load-balancer-controller-role';
export const ReplicaAwsProvider = lazyClass((): typeof import('./aws/replica-aws-provider').ReplicaAwsProvider => require('./aws/replica-aws-provider').ReplicaAwsProvider);
export type ReplicaAwsProvider = import('./aws/replica-aws-provider').ReplicaAwsProvider;
export type { ReplicaAwsProviderProps } from './aws/replica-aws-provider';
export const RdsPostgres = lazyClass((): typeof import('./aws/rds-postgres').RdsPostgres => require('./aws/rds-postgres').RdsPostgres);
export type RdsPostgres = import('./aws/rds-postgres').RdsPostgres;
export type { RdsPostgresProps } from './aws/rds-postgres';
export const ElastiCacheRedis = lazyClass((): typeof import('./aws/elasticache-redis').ElastiCacheRedis => require('./aws/elasticache-redis').ElastiCacheRedis);
export type ElastiCacheRedis = import('./aws/elasticache-redis').ElastiCacheRedis;
export type { ElastiCacheRedisProps } from './aws/elasticache-redis';
export const S3BlobStorage = lazyClass((): typeof import('./aws/s3-blob-storage').S3BlobStorage => require('./aws/s3-blob-storage').S3BlobStorage);
export type S3BlobStorage = import('./aws/s3-blob-storage').S3BlobStorage;
export const ApiTunnelHost = lazyClass((): typeof import('./aws/api-tunnel-host').ApiTunnelHost => require('./aws/api-tunnel-host').ApiTunnelHost);
export type ApiTunnelHost = import('./aws/api-tunnel-host').ApiTunnelHost;
export type { ApiTunnelHostProps } from './aws/api-tunnel-host';
export type { S3BlobStorageProps } from './aws/s3-blob-storage';

// GCP constructs: @cdktf/provider-google is an optional peer dependency, loaded on first use.
export const ReplicaGoogleProvider = lazyClass((): typeof import('./gcp/replica-google-provider').ReplicaGoogleProvider => require('./gcp/replica-google-provider').ReplicaGoogleProvider);
export type ReplicaGoogleProvider = import('./gcp/replica-google-provider').ReplicaGoogleProvider;
export type { ReplicaGoogleProviderProps } from './gcp/replica-google-provider';
export const GkeNetwork = lazyClass((): typeof import('./gcp/gke-network').GkeNetwork => require('./gcp/gke-network').GkeNetwork);
export type GkeNetwork = import('./gcp/gke-network').GkeNetwork;
export type { GkeNetworkProps } from './gcp/gke-network';
export const GkeCluster = lazyClass((): typeof import('./gcp/gke-cluster').GkeCluster => require('./gcp/gke-cluster').GkeCluster);
export type GkeCluster = import('./gcp/gke-cluster').GkeCluster;
export type { GkeClusterProps, GkeReleaseChannel } from './gcp/gke-cluster';
export const GkeNodePool = lazyClass((): typeof import('./gcp/gke-node-pool').GkeNodePool => require('./gcp/gke-node-pool').GkeNodePool);
export type GkeNodePool = import('./gcp/gke-node-pool').GkeNodePool;
export type { GkeBootDiskType, GkeNodePoolProps } from './gcp/gke-node-pool';
export const NodeServiceAccount = lazyClass((): typeof import('./gcp/node-service-account').NodeServiceAccount => require('./gcp/node-service-account').NodeServiceAccount);
export type NodeServiceAccount = import('./gcp/node-service-account').NodeServiceAccount;
export type { NodeServiceAccountProps } from './gcp/node-service-account';
export const GkeCredentials = lazyClass((): typeof import('./gcp/gke-credentials').GkeCredentials => require('./gcp/gke-credentials').GkeCredentials);
export type GkeCredentials = import('./gcp/gke-credentials').GkeCredentials;
export type { GkeCredentialsProps } from './gcp/gke-credentials';
export const CloudSqlPostgres = lazyClass((): typeof import('./gcp/cloud-sql-postgres').CloudSqlPostgres => require('./gcp/cloud-sql-postgres').CloudSqlPostgres);
export type CloudSqlPostgres = import('./gcp/cloud-sql-postgres').CloudSqlPostgres;
export type { CloudSqlEdition, CloudSqlPostgresProps } from './gcp/cloud-sql-postgres';
export const MemorystoreRedis = lazyClass((): typeof import('./gcp/memorystore-redis').MemorystoreRedis => require('./gcp/memorystore-redis').MemorystoreRedis);
export type MemorystoreRedis = import('./gcp/memorystore-redis').MemorystoreRedis;
export type { MemorystoreRedisProps } from './gcp/memorystore-redis';
export const GcsBlobStorage = lazyClass((): typeof import('./gcp/gcs-blob-storage').GcsBlobStorage => require('./gcp/gcs-blob-storage').GcsBlobStorage);
export type GcsBlobStorage = import('./gcp/gcs-blob-storage').GcsBlobStorage;
export const GceIngressFrontend = lazyClass((): typeof import('./gcp/gce-ingress-frontend').GceIngressFrontend => require('./gcp/gce-ingress-frontend').GceIngressFrontend);
export type GceIngressFrontend = import('./gcp/gce-ingress-frontend').GceIngressFrontend;
export type { GceIngressFrontendProps, GceIngressTls } from './gcp/gce-ingress-frontend';
export const CloudArmorAllowList = lazyClass((): typeof import('./gcp/cloud-armor-allow-list').CloudArmorAllowList => require('./gcp/cloud-armor-allow-list').CloudArmorAllowList);
export type CloudArmorAllowList = import('./gcp/cloud-armor-allow-list').CloudArmorAllowList;
export type { CloudArmorAllowListProps, CloudArmorRule } from './gcp/cloud-armor-allow-list';
export type { GcsBlobStorageProps } from './gcp/gcs-blob-storage';

// Kubernetes and Sourcegraph constructs
export { ClusterProviders } from './kubernetes/cluster-providers';
export type { ClusterCredentials, ClusterProvidersProps } from './kubernetes/cluster-providers';
export { ReplicaNamespace } from './kubernetes/namespace';
export type { ReplicaNamespaceProps } from './kubernetes/namespace';
export { SourcegraphStorageClass } from './kubernetes/storage-class';
export type { ReclaimPolicy, SourcegraphStorageClassProps, VolumeBindingMode } from './kubernetes/storage-class';
export { designStorageProvisioning, ebsCsiStorage, gcePdCsiStorage } from './kubernetes/storage-provisioning';
export type { EbsStorageOptions, GcePdStorageOptions, StorageProvisioning } from './kubernetes/storage-provisioning';
export { AwsLoadBalancerController } from './kubernetes/aws-load-balancer-controller';
export type { AwsLoadBalancerControllerProps } from './kubernetes/aws-load-balancer-controller';
export { IngressNginx } from './kubernetes/ingress-nginx';
export { ClusterAutoscaler } from './kubernetes/cluster-autoscaler';
export type { IngressNginxProps } from './kubernetes/ingress-nginx';
export { ExternalServiceWiring } from './kubernetes/external-service-wiring';
export type { ExternalServiceFacts, ExternalServiceWiringProps } from './kubernetes/external-service-wiring';
export { SourcegraphRelease } from './kubernetes/sourcegraph-release';
export type { SourcegraphReleaseProps } from './kubernetes/sourcegraph-release';
export { KustomizeRelease } from './kubernetes/kustomize-release';
export type { KustomizeReleaseProps } from './kubernetes/kustomize-release';

// Stacks (each cloud's infra stack loads that cloud's bindings on first use)
export const AwsInfraStack = lazyClass((): typeof import('../stacks/aws-infra-stack').AwsInfraStack => require('../stacks/aws-infra-stack').AwsInfraStack);
export type AwsInfraStack = import('../stacks/aws-infra-stack').AwsInfraStack;
export type { AwsInfraStackProps } from '../stacks/aws-infra-stack';
export const GcpInfraStack = lazyClass((): typeof import('../stacks/gcp-infra-stack').GcpInfraStack => require('../stacks/gcp-infra-stack').GcpInfraStack);
export type GcpInfraStack = import('../stacks/gcp-infra-stack').GcpInfraStack;
export type { GcpInfraStackProps } from '../stacks/gcp-infra-stack';
export { SourcegraphStack } from '../stacks/sourcegraph-stack';
export type { SourcegraphStackProps, AwsLoadBalancerControllerInputs, ExternalServicesLayer } from '../stacks/sourcegraph-stack';
export { addReplica } from '../stacks/replica-app';
export type { AddReplicaOptions, ReplicaStacks } from '../stacks/replica-app';
export { releaseValues, replicaFiles, writeReplicaFiles } from '../stacks/replica-files';
export type { ReplicaFiles, ReplicaFilesInput } from '../stacks/replica-files';
