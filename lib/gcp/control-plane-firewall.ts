import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { CONTROL_PLANE_PREFIX } from '../network/gke-subnet-plan';
import { isNetworkAddress, isPrivateRange, parseCidr } from '../network/subnet-plan';
import { ComputeFirewall } from '../providers/google';

/** Properties of a {@link ControlPlaneFirewall}. */
export interface ControlPlaneFirewallProps {
  /** Rule name: 1-63 lowercase letters, digits and '-', starting with a letter, e.g. `acme-prod-control-plane-webhooks`. */
  readonly name: string;
  /** Self link (or name) of the VPC the nodes are in. */
  readonly networkSelfLink: string;
  /** The control plane's /28 (`GkeCluster` `controlPlaneCidr`, `master_ipv4_cidr_block`): where its connections come from. */
  readonly controlPlaneCidr: string;
  /** TCP ports the control plane may open on nodes and pods, besides the 443 and 10250 GKE allows itself. At least one. */
  readonly ports: readonly number[];
  /**
   * The nodes, by service account: the email of the replica's node service
   * account (`NodeServiceAccount.email`). A firewall rule takes either
   * service accounts or network tags as targets, not both.
   * @default none (then `targetTags`)
   */
  readonly targetServiceAccounts?: readonly string[];
  /** The nodes, by network tag (`node_config.tags` of every pool). @default none (then `targetServiceAccounts`) */
  readonly targetTags?: readonly string[];
  /** Log every connection the rule admits (Firewall Rules Logging, billed). @default false */
  readonly logging?: boolean;
}

/**
 * Lets the control plane of a private GKE cluster (VPC-peering model,
 * `master_ipv4_cidr_block`) reach admission webhooks on the nodes.
 *
 * GKE creates a firewall rule for such a control plane that admits only TCP
 * 443 and 10250 to the nodes; a webhook served on another port times out
 * (GKE's "Add firewall rules for specific use cases"; for ingress-nginx,
 * whose webhook listens on 8443 with `failurePolicy: Fail`, every Ingress
 * create then fails: kubernetes/ingress-nginx#5401). This rule admits the
 * control plane's /28 on exactly the given ports, only to the replica's
 * nodes. Rules target instances, so pod IPs (alias ranges of the node
 * VMs), which the API server calls directly on a VPC-native cluster, are
 * covered.
 *
 * Targets are the node service account by default in sg-replica: it is
 * dedicated to the replica's nodes, needs no network tags on every pool,
 * and unlike a tag it cannot be added to another VM by anyone who may edit
 * instance tags.
 */
export class ControlPlaneFirewall extends Construct {
  /** The `google_compute_firewall`. */
  public readonly rule: ComputeFirewall;

  constructor(scope: Construct, id: string, props: ControlPlaneFirewallProps) {
    super(scope, id);
    validate(props);
    const ports = [...new Set(props.ports)].sort((a, b) => a - b);
    this.rule = new ComputeFirewall(this, 'rule', {
      name: props.name,
      description: `GKE control plane to admission webhooks on TCP ${ports.join(', ')} (managed by sg-replica)`,
      network: props.networkSelfLink,
      direction: 'INGRESS',
      priority: 1000,
      sourceRanges: [props.controlPlaneCidr],
      allow: [{ protocol: 'tcp', ports: ports.map(String) }],
      ...(props.targetServiceAccounts ? { targetServiceAccounts: [...props.targetServiceAccounts] } : {}),
      ...(props.targetTags ? { targetTags: [...props.targetTags] } : {}),
      ...(props.logging ? { logConfig: { metadata: 'INCLUDE_ALL_METADATA' } } : {}),
    });
  }
}

const RULE_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const NETWORK_TAG = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

function validate(props: ControlPlaneFirewallProps): void {
  const what = `ControlPlaneFirewall "${props.name}"`;
  if (!RULE_NAME.test(props.name)) {
    throw new Error(`${what}: name must be 1-63 lowercase letters, digits and '-', starting with a letter and not ending with '-'`);
  }
  if (!Token.isUnresolved(props.controlPlaneCidr)) {
    const cp = parseCidr(props.controlPlaneCidr);
    if (!cp || cp.prefix !== CONTROL_PLANE_PREFIX || !isNetworkAddress(cp) || !isPrivateRange(cp)) {
      throw new Error(`${what}: controlPlaneCidr "${props.controlPlaneCidr}" must be the control plane's private /28, such as 172.16.0.0/28`);
    }
  }
  if (props.ports.length === 0) throw new Error(`${what}: ports is empty; name the webhook ports the control plane must reach`);
  for (const port of props.ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${what}: port ${port} is not a TCP port (1-65535)`);
  }
  const bySa = props.targetServiceAccounts !== undefined;
  const byTag = props.targetTags !== undefined;
  if (bySa === byTag) {
    throw new Error(`${what}: give exactly one of targetServiceAccounts and targetTags (a firewall rule cannot mix them, and without targets it would apply to every VM of the network)`);
  }
  const targets = props.targetServiceAccounts ?? props.targetTags ?? [];
  if (targets.length === 0 || targets.length > 10) throw new Error(`${what}: ${targets.length} targets; a firewall rule takes 1 to 10`);
  for (const tag of props.targetTags ?? []) {
    if (!Token.isUnresolved(tag) && !NETWORK_TAG.test(tag)) throw new Error(`${what}: network tag "${tag}" must be 1-63 lowercase letters, digits and '-', starting with a letter`);
  }
}
