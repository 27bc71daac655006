/** AWS, as `CloudFacts`: EKS, EC2, EBS, RDS, ElastiCache, S3. */
import { awsInstanceType, awsInstanceTypeNames } from '../catalog/aws-instance-types';
import { awsRegion, awsRegionNames } from '../catalog/aws-regions';
import type { CloudFacts } from './cloud-facts';

export const AWS_FACTS: CloudFacts = {
  provider: 'aws',
  label: 'AWS',
  kubernetesService: 'EKS',
  sandbox: { field: 'accountId', noun: 'account' },
  regions: { names: awsRegionNames, zones: (region) => awsRegion(region)?.availabilityZones },
  machines: {
    name: 'EC2',
    kind: 'EC2 instance type',
    allowed: 'an instance type from the catalog (m6a.4xlarge, r6i.2xlarge, ...)',
    lookup: awsInstanceType,
    names: awsInstanceTypeNames,
  },
  diskTypes: ['gp3', 'gp2', 'io2'],
  defaultDiskType: 'gp3',
  ingressKinds: ['alb', 'nginx', 'none'],
  tlsCertificates: ['acm', 'secret', 'none'],
  networkName: 'VPC',
  postgres: {
    service: 'RDS',
    classPattern: /^db\.[a-z0-9]+\.[a-z0-9]+$/,
    classWhat: 'an RDS instance class',
    classAllowed: 'e.g. db.m6g.xlarge',
  },
  redisService: 'ElastiCache',
  objectStorage: 'S3',
  nodeLabelPrefix: 'eks.amazonaws.com/',
  workloadIdentity: { annotation: 'eks.amazonaws.com/role-arn', noun: 'IAM role' },
};
