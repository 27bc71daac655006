/**
 * sg-replica: Sourcegraph replica environments from a design file, with CDK
 * for Terraform.
 *
 * Layers (see docs/ARCHITECTURE.md): the design model and loader; pure
 * derivations (subnets, tags, Helm values, sizing, capacity, cost, report);
 * constructs (AWS, GCP, Kubernetes, Sourcegraph, policy); stacks that
 * compose them.
 */

// Design: model, loading, validation
export * from './design/model';
export { checkDesignFile, checkDesignObject, designFromObject, loadDesign } from './checks/check-design';
export type { DesignCheck, DesignFromObjectOptions } from './checks/check-design';
export { DesignValidationError, formatProblem, isDesignValidationError } from './design/problems';
export type { DesignProblem, Severity } from './design/problems';
export { designJsonSchema } from './design/json-schema';

// Pure derivations
export { subnetPlan } from './network/subnet-plan';
export type { SubnetPlan } from './network/subnet-plan';
export { awsTags, designFingerprint, replicaMetadata, TAG_KEYS } from './replica/metadata';
export type { ReplicaMetadata } from './replica/metadata';
export { expiryAnchor } from './replica/expiry-anchor';
export type { ExpiryAnchor } from './replica/expiry-anchor';
export { mergeValues, renderValuesYaml } from './helm/merge-values';
export type { HelmValues } from './helm/merge-values';
export { replicaValues } from './sourcegraph/replica-values';
export type { ReplicaValuesContext } from './sourcegraph/replica-values';
export { sourcegraphHelmValues } from './sourcegraph/helm-values';
export type { HelmValuesContext } from './sourcegraph/helm-values';
export { designHelmValues } from './sourcegraph/design-values';
export { externalServicesValues } from './sourcegraph/external-services-values';
export { stackStateBackend, effectiveStateBackend } from './replica/state-backend';
export type { StackStateBackend } from './replica/state-backend';
export { gcpLabels } from './replica/gcp-labels';

// Sizing, capacity, cost, report
export { sizePresetValues } from './sizing/size-presets';
export { codebaseStorageValues, checkStorageAgainstCodebase } from './sizing/codebase';
export { simulateCapacity } from './capacity/simulate-capacity';
export type { CapacityResult } from './capacity/simulate-capacity';
export { estimateCost } from './pricing/estimate-cost';
export type { CostEstimate } from './pricing/estimate-cost';
export { assessDesign, CAPACITY_FIT_RULE } from './assessment/assess-design';
export type { DesignAssessment } from './assessment/assess-design';
export { renderReport } from './report/render-report';
export type { Report, ReportInput } from './report/render-report';

// Helm override checks
export { checkValueKeys } from './chart/check-value-keys';
export { replicaConflicts } from './chart/replica-conflicts';
export { chartKeyCatalog } from './chart/key-catalog';

// Policy pack
export { PolicyPack, applyPolicies, evaluatePolicies } from './policy/policy-pack';
export { POLICY_RULE_IDS, POLICY_RULE_INFO } from './catalog/policy-rules';
export { formatPolicyReport } from './policy/policy-report';
export type { PolicyReport } from './policy/policy-report';

// Lifecycle (cloud SDKs load only when a client is made)
export { findExpiredReplicas } from './lifecycle/expired';
export { findLeftovers, deleteLeftovers } from './lifecycle/leftovers';

// AWS constructs
export * from './aws/vpc-network';
export * from './aws/eks-cluster';
export * from './aws/eks-addons';
export * from './aws/irsa-role';
export * from './aws/node-role';
export * from './aws/managed-node-group';
export * from './aws/ebs-csi-driver';
export * from './aws/load-balancer-controller-role';
export * from './aws/replica-aws-provider';
export * from './aws/rds-postgres';
export * from './aws/elasticache-redis';
export * from './aws/s3-blob-storage';

// GCP constructs
export * from './gcp/replica-google-provider';
export * from './gcp/gke-network';
export * from './gcp/gke-cluster';
export { GkeNodePool, defaultBootDiskType, initialNodesPerZone, HYPERDISK_ONLY_SERIES, MIN_NODE_DISK_GB as GKE_MIN_NODE_DISK_GB } from './gcp/gke-node-pool';
export type { GkeNodePoolProps } from './gcp/gke-node-pool';
export * from './gcp/node-service-account';
export * from './gcp/gke-credentials';
export * from './gcp/cloud-sql-postgres';
export * from './gcp/memorystore-redis';
export * from './gcp/gcs-blob-storage';

// Kubernetes and Sourcegraph constructs
export * from './kubernetes/cluster-providers';
export * from './kubernetes/namespace';
export * from './kubernetes/storage-class';
export * from './kubernetes/storage-provisioning';
export * from './kubernetes/aws-load-balancer-controller';
export * from './kubernetes/ingress-nginx';
export * from './kubernetes/sourcegraph-release';

// Stacks
export { AwsInfraStack } from '../stacks/aws-infra-stack';
export { GcpInfraStack } from '../stacks/gcp-infra-stack';
export type { GcpInfraStackProps } from '../stacks/gcp-infra-stack';
export type { AwsInfraStackProps } from '../stacks/aws-infra-stack';
export { SourcegraphStack } from '../stacks/sourcegraph-stack';
export type { SourcegraphStackProps, AwsLoadBalancerControllerInputs, ExternalServicesLayer } from '../stacks/sourcegraph-stack';
export { addReplica } from '../stacks/replica-app';
export type { AddReplicaOptions, ReplicaStacks } from '../stacks/replica-app';
