import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { SecurityGroup, VpcSecurityGroupIngressRule } from '../providers/aws';

/** Properties of a {@link ServiceSecurityGroup}. */
export interface ServiceSecurityGroupProps {
  /** Security group name, unique in the VPC (1-255 characters, not starting with `sg-`). */
  readonly name: string;
  /** What the group protects, e.g. `PostgreSQL of acme (RDS)`. */
  readonly description: string;
  /** The VPC the group lives in. */
  readonly vpcId: string;
  /** The one TCP port clients connect to, e.g. 5432. */
  readonly port: number;
  /**
   * Security groups whose members may connect, e.g. the EKS cluster security
   * group that every managed node carries. At least one; nothing else may connect.
   */
  readonly clientSecurityGroupIds: readonly string[];
}

/**
 * The security group of a managed service (RDS, ElastiCache): one TCP port
 * open to the members of the given client security groups only, nothing
 * open to any CIDR, and no egress (a managed database never dials out).
 * Rules are separate `aws_vpc_security_group_ingress_rule` resources; the
 * egress list is managed (empty) on the group itself.
 */
export class ServiceSecurityGroup extends Construct {
  /** The `aws_security_group`. */
  public readonly resource: SecurityGroup;
  /** ID of the group, for `vpc_security_group_ids` / `security_group_ids`. */
  public readonly securityGroupId: string;
  /** One ingress rule per client security group. */
  public readonly ingressRules: VpcSecurityGroupIngressRule[];

  constructor(scope: Construct, id: string, props: ServiceSecurityGroupProps) {
    super(scope, id);
    validate(props);
    this.resource = new SecurityGroup(this, 'group', {
      name: props.name,
      description: props.description,
      vpcId: props.vpcId,
      egress: [],
      revokeRulesOnDelete: true,
      tags: { Name: props.name },
    });
    this.securityGroupId = this.resource.id;
    this.ingressRules = props.clientSecurityGroupIds.map(
      (source, i) =>
        new VpcSecurityGroupIngressRule(this, `from-client-${i}`, {
          securityGroupId: this.resource.id,
          referencedSecurityGroupId: source,
          ipProtocol: 'tcp',
          fromPort: props.port,
          toPort: props.port,
          description: `TCP ${props.port} from client security group ${i + 1}`,
        }),
    );
  }
}

function validate(props: ServiceSecurityGroupProps): void {
  const what = `ServiceSecurityGroup "${props.name}"`;
  if (!Token.isUnresolved(props.name) && (props.name.length < 1 || props.name.length > 255 || props.name.startsWith('sg-'))) {
    throw new Error(`${what}: name must be 1-255 characters and must not start with "sg-"`);
  }
  if (!Number.isInteger(props.port) || props.port < 1 || props.port > 65535) {
    throw new Error(`${what}: port ${props.port} is not a TCP port (1-65535)`);
  }
  if (props.clientSecurityGroupIds.length === 0) {
    throw new Error(`${what}: clientSecurityGroupIds is empty; nothing could reach the service`);
  }
  for (const sg of props.clientSecurityGroupIds) {
    if (!Token.isUnresolved(sg) && !/^sg-[0-9a-f]+$/.test(sg)) {
      throw new Error(`${what}: clientSecurityGroupIds entry "${sg}" is not a security group id (sg-...)`);
    }
  }
}
