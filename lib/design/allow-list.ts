/**
 * Checks of an allow-list of CIDRs (who may reach the Kubernetes API, or the
 * Sourcegraph frontend): each entry a plain IPv4 network address, and the
 * list judged on the union of its ranges, so `[0.0.0.0/1, 128.0.0.0/1]` is
 * recognised as the whole internet. Pure.
 */
import { BROADEST_ORGANIZATION_PREFIX, networkOf, opensToTheWorld, WORLD_SHARE } from '../network/cidr-coverage';
import { isNetworkAddress, ParsedCidr, parseCidr } from '../network/subnet-plan';
import { FieldPath } from './problems';
import { PathProblem } from './validate-shape';

/** What an allow-list guards, and how an open list is judged. */
export interface AllowListAudience {
  /** What the list lets in, for messages: "the Kubernetes API", "the frontend". */
  readonly what: string;
  /**
   * `error`: the world may never be let in (the Kubernetes API). `warning`:
   * listing the world is an explicit, named opt-in, reported as a warning (the
   * frontend).
   */
  readonly openness: 'error' | 'warning';
  /** Why an open list matters, appended to the message. */
  readonly risk: string;
  /** What to write instead. */
  readonly instead: string;
}

/** Problems of one allow-list at `path`. */
export function checkAllowList(list: readonly string[], path: FieldPath, audience: AllowListAudience): PathProblem[] {
  const problems: PathProblem[] = [];
  const ranges: ParsedCidr[] = [];
  list.forEach((entry, i) => {
    const parsed = parseCidr(entry);
    if (!parsed) {
      const ipv6 = entry.includes(':');
      problems.push({
        severity: 'error',
        path: [...path, i],
        message: ipv6 ? 'IPv6 ranges are not supported: the replica is reached over IPv4' : 'not an IPv4 CIDR',
        got: JSON.stringify(entry),
        allowed: 'a CIDR like 203.0.113.0/24 (no leading zeros)',
      });
      return;
    }
    if (!isNetworkAddress(parsed)) {
      problems.push({ severity: 'error', path: [...path, i], message: `has host bits set after the prefix, did you mean "${networkOf(parsed)}"?`, got: JSON.stringify(entry) });
      return;
    }
    ranges.push(parsed);
    if (parsed.prefix === 0) {
      problems.push({ severity: audience.openness, path: [...path, i], message: `opens ${audience.what} to the whole internet; ${audience.risk}`, got: JSON.stringify(entry), ...(audience.openness === 'error' && { allowed: audience.instead }) });
    } else if (parsed.prefix < BROADEST_ORGANIZATION_PREFIX && !opensToTheWorld([parsed])) {
      problems.push({
        severity: audience.openness,
        path: [...path, i],
        message: `broader than any one organization's network (/${BROADEST_ORGANIZATION_PREFIX}); ${audience.risk}`,
        got: JSON.stringify(entry),
        ...(audience.openness === 'error' && { allowed: audience.instead }),
      });
    }
  });
  const worldEntry = ranges.some((r) => r.prefix === 0);
  if (!worldEntry && opensToTheWorld(ranges)) {
    problems.push({
      severity: audience.openness,
      path,
      message: `${ranges.length > 1 ? 'together these ranges cover' : 'this range covers'} at least ${WORLD_SHARE * 100} % of all IPv4 addresses: they open ${audience.what} to the whole internet; ${audience.risk}`,
      ...(audience.openness === 'error' && { allowed: audience.instead }),
    });
  }
  return problems;
}
