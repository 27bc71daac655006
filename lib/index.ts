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

// Design: model, loading, checks
export type {
  AwsCloud,
  AwsDesign,
  AwsDiskType,
  Cloud,
  CloudProvider,
  Codebase,
  Design,
  DesignSource,
  DiskType,
  EndpointAccess,
  ExternalObjectStorage,
  ExternalPostgres,
  ExternalRedis,
  ExternalServices,
  GcpCloud,
  GcpDesign,
  GcpDiskType,
  IngressKind,
  Kubernetes,
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
export type { NodePoolInput, TaintInput } from './design/node-pool-input';
export { checkDesignFile, checkDesignObject, designFromObject, loadDesign } from './checks/check-design';
export type { DesignCheck, DesignFromObjectOptions } from './checks/check-design';
export { DesignValidationError, formatProblem, isDesignValidationError } from './design/problems';
export type { DesignProblem, Severity } from './design/problems';
export { designJsonSchema } from './design/json-schema';
export { SOURCEGRAPH_CHART_VERSIONS } from './catalog/chart-versions';

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
// Render checks (the real chart through helm; see README "--render")
export { renderAndCheck, checkRelease } from './render/check-release';
export type { RenderCheck } from './render/check-release';
export type { RenderFinding } from './render/render-finding';
export { locateTool } from './render/tools';
export { locateChart } from './render/charts';
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

// AWS constructs
export { VpcNetwork } from './aws/vpc-network';
export type { VpcNetworkProps } from './aws/vpc-network';
export { EksCluster } from './aws/eks-cluster';
export type { EksClusterProps } from './aws/eks-cluster';
export { EksCoreAddons } from './aws/eks-addons';
export type { EksCoreAddonsProps } from './aws/eks-addons';
export { IrsaRole } from './aws/irsa-role';
export type { ClusterOidcIdentity, IrsaRoleProps } from './aws/irsa-role';
export { NodeRole } from './aws/node-role';
export type { NodeRoleProps } from './aws/node-role';
export { ManagedNodeGroup } from './aws/managed-node-group';
export type { ManagedNodeGroupProps, NodeArchitecture } from './aws/managed-node-group';
export { EbsCsiDriver } from './aws/ebs-csi-driver';
export type { EbsCsiDriverProps } from './aws/ebs-csi-driver';
export { LoadBalancerControllerRole } from './aws/load-balancer-controller-role';
export type { LoadBalancerControllerRoleProps } from './aws/load-balancer-controller-role';
export { ReplicaAwsProvider } from './aws/replica-aws-provider';
export type { ReplicaAwsProviderProps } from './aws/replica-aws-provider';
export { RdsPostgres } from './aws/rds-postgres';
export type { RdsPostgresProps } from './aws/rds-postgres';
export { ElastiCacheRedis } from './aws/elasticache-redis';
export type { ElastiCacheRedisProps } from './aws/elasticache-redis';
export { S3BlobStorage } from './aws/s3-blob-storage';
export type { S3BlobStorageProps } from './aws/s3-blob-storage';

// GCP constructs
export { ReplicaGoogleProvider } from './gcp/replica-google-provider';
export type { ReplicaGoogleProviderProps } from './gcp/replica-google-provider';
export { GkeNetwork } from './gcp/gke-network';
export type { GkeNetworkProps } from './gcp/gke-network';
export { GkeCluster } from './gcp/gke-cluster';
export type { GkeClusterProps, GkeReleaseChannel } from './gcp/gke-cluster';
export { GkeNodePool } from './gcp/gke-node-pool';
export type { GkeBootDiskType, GkeNodePoolProps } from './gcp/gke-node-pool';
export { NodeServiceAccount } from './gcp/node-service-account';
export type { NodeServiceAccountProps } from './gcp/node-service-account';
export { GkeCredentials } from './gcp/gke-credentials';
export type { GkeCredentialsProps } from './gcp/gke-credentials';
export { CloudSqlPostgres } from './gcp/cloud-sql-postgres';
export type { CloudSqlEdition, CloudSqlPostgresProps } from './gcp/cloud-sql-postgres';
export { MemorystoreRedis } from './gcp/memorystore-redis';
export type { MemorystoreRedisProps } from './gcp/memorystore-redis';
export { GcsBlobStorage } from './gcp/gcs-blob-storage';
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
export type { IngressNginxProps } from './kubernetes/ingress-nginx';
export { ExternalServiceWiring } from './kubernetes/external-service-wiring';
export type { ExternalServiceFacts, ExternalServiceWiringProps } from './kubernetes/external-service-wiring';
export { SourcegraphRelease } from './kubernetes/sourcegraph-release';
export type { SourcegraphReleaseProps } from './kubernetes/sourcegraph-release';

// Stacks
export { AwsInfraStack } from '../stacks/aws-infra-stack';
export type { AwsInfraStackProps } from '../stacks/aws-infra-stack';
export { GcpInfraStack } from '../stacks/gcp-infra-stack';
export type { GcpInfraStackProps } from '../stacks/gcp-infra-stack';
export { SourcegraphStack } from '../stacks/sourcegraph-stack';
export type { SourcegraphStackProps, AwsLoadBalancerControllerInputs, ExternalServicesLayer } from '../stacks/sourcegraph-stack';
export { addReplica } from '../stacks/replica-app';
export type { AddReplicaOptions, ReplicaStacks } from '../stacks/replica-app';
export { releaseValues, replicaFiles, writeReplicaFiles } from '../stacks/replica-files';
export type { ReplicaFiles, ReplicaFilesInput } from '../stacks/replica-files';
