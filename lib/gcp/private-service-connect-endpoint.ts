import { Construct } from 'constructs';
import { ComputeAddress, ComputeForwardingRule } from '../providers/google';

/** Properties of a {@link PrivateServiceConnectEndpoint}. */
export interface PrivateServiceConnectEndpointProps {
  /** Name of the endpoint's address and forwarding rule: 1-63 lowercase letters, digits and '-', starting with a letter. */
  readonly name: string;
  /** Region of the endpoint (the service's region). */
  readonly region: string;
  /** The VPC the endpoint is in. */
  readonly networkSelfLink: string;
  /** The subnet the endpoint's internal address is taken from (the node subnet). */
  readonly subnetworkSelfLink: string;
  /** The producer's service attachment, e.g. a Cloud SQL instance's `psc_service_attachment_link`. */
  readonly serviceAttachment: string;
}

/**
 * A Private Service Connect endpoint: an internal address in one of the
 * VPC's subnets and a forwarding rule that sends what reaches it to a
 * producer's service attachment (e.g. a Cloud SQL instance). Only clients
 * in the VPC can reach the address.
 *
 * Unlike private services access (VPC peering with Google's service
 * network), both parts are ordinary Terraform resources, so `destroy`
 * removes them, and nothing is left that would keep the VPC from being
 * deleted.
 *
 * Labels come from the provider's `default_labels` (the provider sets them
 * on a PSC forwarding rule after creating it; the API refuses them at
 * creation).
 */
export class PrivateServiceConnectEndpoint extends Construct {
  /** The reserved internal address. */
  public readonly address: ComputeAddress;
  /** The PSC forwarding rule. */
  public readonly forwardingRule: ComputeForwardingRule;
  /** The endpoint's IP address (a reference, so clients wait for the forwarding rule's address). */
  public readonly ipAddress: string;

  constructor(scope: Construct, id: string, props: PrivateServiceConnectEndpointProps) {
    super(scope, id);
    if (!NAME.test(props.name)) {
      throw new Error(
        `PrivateServiceConnectEndpoint: name "${props.name}" must be 1-63 lowercase letters, digits and '-', starting with a letter and not ending with '-'`,
      );
    }

    this.address = new ComputeAddress(this, 'address', {
      name: props.name,
      description: `Private Service Connect endpoint ${props.name}`,
      region: props.region,
      subnetwork: props.subnetworkSelfLink,
      addressType: 'INTERNAL',
    });
    this.forwardingRule = new ComputeForwardingRule(this, 'forwarding-rule', {
      name: props.name,
      description: `Private Service Connect endpoint ${props.name}`,
      region: props.region,
      network: props.networkSelfLink,
      ipAddress: this.address.id,
      target: props.serviceAttachment,
      // Empty for a PSC endpoint to a published service.
      loadBalancingScheme: '',
      // Reachable from this region's clients only.
      allowPscGlobalAccess: false,
    });
    this.ipAddress = this.address.address;
  }
}

const NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
