import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { awsInstanceArchitecture } from '../catalog/aws-instance-types';
import {
  IamInstanceProfile,
  IamRole,
  IamRolePolicyAttachment,
  Instance,
  LaunchTemplate,
  SecurityGroup,
  VpcSecurityGroupIngressRule,
} from '../providers/aws';
import { API_TUNNEL_ENDPOINT_TAG, API_TUNNEL_HOST_TAG } from './api-tunnel-host-tags';
import { awsManagedPolicyArn, checkIamRoleName, serviceTrustPolicy } from './iam-helpers';

export { API_TUNNEL_ENDPOINT_TAG, API_TUNNEL_HOST_TAG };

/** The Amazon Linux 2023 AMI (SSM Agent preinstalled) per architecture, as public SSM parameters. */
export const AL2023_AMI_PARAMETERS: Readonly<Record<'x86_64' | 'arm64', string>> = {
  x86_64: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  arm64: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
};

/** Properties of an {@link ApiTunnelHost}. */
export interface ApiTunnelHostProps {
  /** The replica (cluster) name: names the resources and tags the instance. */
  readonly name: string;
  /** The VPC of the cluster. */
  readonly vpcId: string;
  /** A private subnet of the VPC (with a NAT route: the SSM Agent reaches Systems Manager through it). */
  readonly subnetId: string;
  /** The cluster security group (`EksCluster.clusterSecurityGroupId`): the host may reach the API on 443 through it. */
  readonly clusterSecurityGroupId: string;
  /** The cluster's API endpoint URL (`EksCluster.endpoint`), recorded on the instance for the CLI. */
  readonly clusterEndpoint: string;
  /** Tags of the instance and its volume (provider `default_tags` do not reach what a launch template launches). @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** Instance type. @default 't4g.nano' (arm64; the AMI follows the type's architecture) */
  readonly instanceType?: string;
}

/**
 * A private EKS API endpoint made reachable from a laptop or a CI runner
 * with no VPN: a small EC2 instance in a private subnet that only AWS
 * Systems Manager talks to. No inbound rule, no SSH key, no public address;
 * its SSM Agent dials out to Systems Manager (through the NAT gateway), and
 * `aws ssm start-session --document-name
 * AWS-StartPortForwardingSessionToRemoteHost` forwards a local port through
 * that session to the API endpoint's private address (see
 * lib/lifecycle/api-tunnel.ts). The cluster security group admits the host
 * on 443; nothing else changes for a private cluster.
 *
 * The instance: Amazon Linux 2023 (SSM Agent preinstalled) from the public
 * SSM parameter, resolved at launch (`resolve:ssm:` in the launch template);
 * an instance profile with `AmazonSSMManagedInstanceCore` only; IMDSv2 with
 * a hop limit of 1; an encrypted gp3 root volume; egress only to 443.
 * Who may open a tunnel is who may call `ssm:StartSession` on it in the
 * account (IAM), and every session is recorded by Systems Manager.
 */
export class ApiTunnelHost extends Construct {
  /** The EC2 instance. */
  public readonly instance: Instance;
  /** Id of the instance: the target of `aws ssm start-session`. */
  public readonly instanceId: string;
  /** The instance's security group. */
  public readonly securityGroup: SecurityGroup;
  /** The rule of the cluster security group that admits the host on 443. */
  public readonly apiAccess: VpcSecurityGroupIngressRule;
  /** The host name of the API endpoint (the endpoint URL without `https://`): the tunnel's remote host and the TLS server name. */
  public readonly endpointHost: string;

  constructor(scope: Construct, id: string, props: ApiTunnelHostProps) {
    super(scope, id);
    const name = props.name;
    const instanceType = props.instanceType ?? 't4g.nano';
    const architecture = awsInstanceArchitecture(instanceType);
    if (!architecture) throw new Error(`ApiTunnelHost: "${instanceType}" is not an EC2 instance type such as t4g.nano`);
    const roleName = `${name}-api-tunnel`;
    checkIamRoleName(roleName, 'ApiTunnelHost');
    this.endpointHost = Fn.replace(props.clusterEndpoint, 'https://', '');

    const role = new IamRole(this, 'role', {
      name: roleName,
      description: `Systems Manager port forwarding to the private EKS API of ${name}`,
      assumeRolePolicy: serviceTrustPolicy('ec2.amazonaws.com'),
    });
    const ssm = new IamRolePolicyAttachment(this, 'ssm-core', {
      role: role.name,
      policyArn: awsManagedPolicyArn('AmazonSSMManagedInstanceCore'),
    });
    const profile = new IamInstanceProfile(this, 'profile', { name: roleName, role: role.name });

    this.securityGroup = new SecurityGroup(this, 'security-group', {
      name: roleName,
      description: `API tunnel host of ${name}: no inbound, HTTPS out (Systems Manager, the EKS API)`,
      vpcId: props.vpcId,
      // Inline, so the group's default allow-all egress is replaced; no ingress rule at all.
      egress: [
        {
          description: 'HTTPS to Systems Manager (through NAT) and to the EKS API endpoint',
          protocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          cidrBlocks: ['0.0.0.0/0'],
        },
      ],
      revokeRulesOnDelete: true,
      tags: { Name: roleName },
    });
    this.apiAccess = new VpcSecurityGroupIngressRule(this, 'api-access', {
      securityGroupId: props.clusterSecurityGroupId,
      description: `Kubernetes API from the API tunnel host of ${name}`,
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      referencedSecurityGroupId: this.securityGroup.id,
    });

    const tags = { Name: `${name}-api-tunnel`, ...(props.tags ?? {}), [API_TUNNEL_HOST_TAG]: name, [API_TUNNEL_ENDPOINT_TAG]: this.endpointHost };
    const template = new LaunchTemplate(this, 'launch-template', {
      name: roleName,
      description: `API tunnel host of ${name}`,
      updateDefaultVersion: true,
      imageId: `resolve:ssm:${AL2023_AMI_PARAMETERS[architecture]}`,
      instanceType,
      iamInstanceProfile: { arn: profile.arn },
      vpcSecurityGroupIds: [this.securityGroup.id],
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [
        { deviceName: '/dev/xvda', ebs: { volumeSize: 8, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } },
      ],
      tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({ resourceType, tags })),
    });
    this.instance = new Instance(this, 'instance', {
      launchTemplate: { id: template.id, version: Token.asString(template.latestVersion) },
      subnetId: props.subnetId,
      // The launch template's IMDS settings, repeated so the policy pack sees them on the instance too.
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
      rootBlockDevice: { encrypted: true, volumeType: 'gp3', volumeSize: 8, deleteOnTermination: true },
      tags,
      dependsOn: [ssm, this.apiAccess],
    });
    this.instanceId = this.instance.id;
  }
}
