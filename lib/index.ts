/**
 * sg-replica: Sourcegraph replica environments from a design file, with CDK
 * for Terraform.
 *
 * Layers (see docs/ARCHITECTURE.md): the design model and loader; pure
 * derivations (subnets, tags, Helm values); constructs (AWS, Kubernetes,
 * Sourcegraph); stacks that compose them.
 */

// Design: model, loading, validation
export * from './design/model';
export { checkDesignFile, checkDesignObject, designFromObject, loadDesign } from './design/load-design';
export type { DesignCheck, DesignFromObjectOptions } from './design/load-design';
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
export { mergeValues, renderValuesYaml } from './sourcegraph/merge-values';
export type { HelmValues } from './sourcegraph/merge-values';
export { replicaValues } from './sourcegraph/replica-values';
export type { ReplicaValuesContext } from './sourcegraph/replica-values';
export { sourcegraphHelmValues } from './sourcegraph/helm-values';

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

// Kubernetes and Sourcegraph constructs
export * from './kubernetes/cluster-providers';
export * from './kubernetes/namespace';
export * from './kubernetes/storage-class';
export * from './kubernetes/storage-provisioning';
export * from './kubernetes/aws-load-balancer-controller';
export * from './kubernetes/ingress-nginx';
export * from './sourcegraph/sourcegraph-release';

// Stacks
export { AwsInfraStack } from '../stacks/aws-infra-stack';
export type { AwsInfraStackProps } from '../stacks/aws-infra-stack';
export { SourcegraphStack } from '../stacks/sourcegraph-stack';
export type { SourcegraphStackProps, AwsLoadBalancerControllerInputs } from '../stacks/sourcegraph-stack';
export { addReplica } from '../stacks/replica-app';
export type { AddReplicaOptions, ReplicaStacks } from '../stacks/replica-app';
