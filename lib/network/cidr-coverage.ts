/**
 * How much of the IPv4 internet a list of CIDRs lets in, judged on the union
 * of the ranges (overlaps counted once), not on any one entry: `0.0.0.0/1`
 * and `128.0.0.0/1` together are the whole internet though neither is `/0`.
 * Pure.
 */
import { formatCidr, ParsedCidr } from './subnet-plan';

/** Addresses in the IPv4 space. */
export const IPV4_ADDRESSES = 2 ** 32;
/**
 * An allow-list that covers at least this share of IPv4 is treated as open
 * to the world: no organization's egress is half the internet.
 */
export const WORLD_SHARE = 0.5;
/** No single organization's network is broader than a /8; a shorter prefix is a mistake or the world in disguise. */
export const BROADEST_ORGANIZATION_PREFIX = 8;

/** The number of distinct IPv4 addresses the ranges cover together. */
export function coveredAddresses(ranges: readonly ParsedCidr[]): number {
  const intervals = ranges
    .map(({ address, prefix }) => {
      const size = 2 ** (32 - prefix);
      const start = Math.floor(address / size) * size;
      return [start, start + size] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -1;
  for (const [s, e] of intervals) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

/** True when the ranges together let in at least {@link WORLD_SHARE} of all IPv4 addresses. */
export function opensToTheWorld(ranges: readonly ParsedCidr[]): boolean {
  return coveredAddresses(ranges) >= IPV4_ADDRESSES * WORLD_SHARE;
}

/** The network address of a range given with host bits set (`203.0.113.5/24` → `203.0.113.0/24`). */
export function networkOf({ address, prefix }: ParsedCidr): string {
  const size = 2 ** (32 - prefix);
  return formatCidr(Math.floor(address / size) * size, prefix);
}
