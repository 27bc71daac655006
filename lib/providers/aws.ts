/**
 * The AWS provider bindings sg-replica uses, re-exported from their deep
 * module paths. Import AWS bindings from here, never from the
 * `@cdktf/provider-aws` package root: the root module loads all ~2,100
 * resource modules and costs 10x the compile time and memory.
 */

export { AwsProvider } from '@cdktf/provider-aws/lib/provider';
export type { AwsProviderConfig, AwsProviderDefaultTags } from '@cdktf/provider-aws/lib/provider';

// Network
export { Vpc } from '@cdktf/provider-aws/lib/vpc';
export { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
export { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
export { Subnet } from '@cdktf/provider-aws/lib/subnet';
export { Eip } from '@cdktf/provider-aws/lib/eip';
export { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
export { RouteTable } from '@cdktf/provider-aws/lib/route-table';
export { Route } from '@cdktf/provider-aws/lib/route';
export { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';

// Encryption and logs
export { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
export { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
export { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
export { DataAwsCloudwatchLogGroups } from '@cdktf/provider-aws/lib/data-aws-cloudwatch-log-groups';

// IAM
export { IamRole } from '@cdktf/provider-aws/lib/iam-role';
export { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
export { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
export { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
export { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
export type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
export { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
export { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
export { DataAwsIamSessionContext } from '@cdktf/provider-aws/lib/data-aws-iam-session-context';

// EKS
export { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
export type { EksClusterConfig, EksClusterVpcConfig } from '@cdktf/provider-aws/lib/eks-cluster';
export { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
export { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
export { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
export { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
export type { EksNodeGroupTaint } from '@cdktf/provider-aws/lib/eks-node-group';
export { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
export type { LaunchTemplateTagSpecifications } from '@cdktf/provider-aws/lib/launch-template';
export { AutoscalingGroupTagA as AutoscalingGroupTag } from '@cdktf/provider-aws/lib/autoscaling-group-tag';

// EC2 instances (the API tunnel host)
export { Instance } from '@cdktf/provider-aws/lib/instance';

// Security groups (external services)
export { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
export { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';

// RDS (external PostgreSQL)
export { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
export { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
export type { DbParameterGroupParameter } from '@cdktf/provider-aws/lib/db-parameter-group';
export { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
export { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version';
export { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
export { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';

// ElastiCache (external Redis)
export { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
export { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
export { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';

// S3 (external object storage)
export { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
export { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
export { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
export { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
export { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
