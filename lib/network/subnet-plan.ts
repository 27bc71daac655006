/**
 * How a replica's VPC range is cut into subnets. Pure: used by validation
 * (is the range big enough?) and by the network constructs (which ranges?).
 *
 * Layout, for a VPC of prefix length P and up to 4 zones:
 * - private subnet of zone i: the i-th eighth of the range (prefix P+3). Nodes
 *   and, with the VPC CNI, every pod take addresses here, so they get most of it.
 * - public subnet of zone i: the i-th quarter of the seventh eighth (prefix P+5):
 *   load balancers and NAT gateways only.
 * - the last eighth and the unused quarters stay free for later use.
 */

export const MIN_VPC_PREFIX = 16;
/** A /22 gives /27 public subnets: the smallest an ALB accepts (it needs 8 free addresses). */
export const MAX_VPC_PREFIX = 22;
export const MAX_ZONES = 4;
/** AWS reserves 5 addresses in every subnet. */
export const AWS_RESERVED_PER_SUBNET = 5;

export interface SubnetPlan {
  readonly vpcCidr: string;
  readonly privateSubnets: readonly string[];
  readonly publicSubnets: readonly string[];
  /** Usable addresses in each private subnet (AWS reserves 5). */
  readonly privateAddressesPerZone: number;
}

export interface ParsedCidr {
  readonly address: number;
  readonly prefix: number;
}

/** Dotted quad and prefix, without leading zeros (`010.0.0.0/8` is octal to some tools and refused by Terraform). */
const CIDR = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\/(0|[1-9]\d?)$/;

/** Parses `a.b.c.d/p`; undefined when it is not an IPv4 CIDR. */
export function parseCidr(cidr: string): ParsedCidr | undefined {
  const m = CIDR.exec(cidr);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  return { address, prefix };
}

/** True when the address has no bits set past the prefix (10.0.0.0/16, not 10.0.1.0/16). */
export function isNetworkAddress({ address, prefix }: ParsedCidr): boolean {
  return prefix === 0 ? address === 0 : ((address << prefix) >>> 0) === 0 || prefix === 32;
}

export function formatCidr(address: number, prefix: number): string {
  return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}/${prefix}`;
}

/** Terraform's cidrsubnet(): the netnum-th subnet with newbits more prefix bits. */
export function cidrSubnet(parent: ParsedCidr, newbits: number, netnum: number): string {
  const prefix = parent.prefix + newbits;
  const address = (parent.address + netnum * 2 ** (32 - prefix)) >>> 0;
  return formatCidr(address, prefix);
}

const PRIVATE_RANGES: readonly ParsedCidr[] = [
  parseCidr('10.0.0.0/8')!,
  parseCidr('172.16.0.0/12')!,
  parseCidr('192.168.0.0/16')!,
];

/** True when the whole range lies inside 10/8, 172.16/12 or 192.168/16. */
export function isPrivateRange(cidr: ParsedCidr): boolean {
  return PRIVATE_RANGES.some(
    (r) => cidr.prefix >= r.prefix && ((cidr.address ^ r.address) >>> (32 - r.prefix)) === 0,
  );
}

/** The subnets of a VPC range over `zones` zones. Assumes a valid range (see validation). */
export function subnetPlan(vpcCidr: string, zones: number): SubnetPlan {
  const parsed = parseCidr(vpcCidr);
  if (!parsed) throw new Error(`not an IPv4 CIDR: ${vpcCidr}`);
  const indexes = Array.from({ length: zones }, (_, i) => i);
  return {
    vpcCidr,
    privateSubnets: indexes.map((i) => cidrSubnet(parsed, 3, i)),
    publicSubnets: indexes.map((i) => cidrSubnet(parsed, 5, 24 + i)),
    privateAddressesPerZone: 2 ** (32 - (parsed.prefix + 3)) - AWS_RESERVED_PER_SUBNET,
  };
}
