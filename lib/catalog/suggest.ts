/**
 * "Did you mean" suggestions for unknown design keys, machine types and
 * regions.
 */

/**
 * Optimal string alignment distance (Levenshtein plus adjacent
 * transpositions, each counting 1) between two strings.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[rows - 1][cols - 1];
}

/** Text before the last `.` or `-`: `m6a` for `m6a.4xlarge`, `n2-standard` for `n2-standard-8`, `us-east` for `us-east-1`. */
function family(name: string): string {
  const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('-'));
  return cut > 0 ? name.slice(0, cut) : '';
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Longest input `closestMatches` suggests for; longer input gets no suggestion. */
export const MAX_SUGGESTION_INPUT = 100;

/**
 * Up to `max` candidates that `input` was probably meant to be, best first.
 *
 * Case-insensitive. A candidate qualifies if its edit distance to `input` is
 * at most 1 for inputs of up to 4 characters, else at most a quarter of
 * `input`'s length (at least 2), or if it starts with `input` (at least 2
 * characters). Inputs longer than {@link MAX_SUGGESTION_INPUT} get none. Ties on distance go to the exact-case spelling, then to
 * candidates in the same family as `input` (`m6a.` in `m6a.4xlage`), then to
 * the longest shared prefix, then alphabetical order. Returns [] when nothing is close.
 */
export function closestMatches(input: string, candidates: Iterable<string>, max = 3): string[] {
  // Nothing anyone meant to type is this long; and the distance is quadratic in the length.
  if (input.length > MAX_SUGGESTION_INPUT) return [];
  const needle = input.toLowerCase();
  if (needle === '' || max <= 0) return [];
  const threshold = needle.length <= 4 ? 1 : Math.max(2, Math.floor(needle.length / 4));
  const needleFamily = family(needle);
  const scored: { candidate: string; distance: number; exact: number; sameFamily: number; prefix: number }[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    const lower = candidate.toLowerCase();
    const completes = needle.length >= 2 && lower.startsWith(needle);
    // The distance is at least the difference in length: skip what cannot qualify without computing it.
    if (!completes && Math.abs(lower.length - needle.length) > threshold) continue;
    const distance = editDistance(needle, lower);
    if (distance > threshold && !completes) continue;
    scored.push({
      candidate,
      distance: completes ? Math.min(distance, threshold) : distance,
      exact: candidate === input ? 1 : 0,
      sameFamily: needleFamily !== '' && family(lower) === needleFamily ? 1 : 0,
      prefix: commonPrefixLength(needle, lower),
    });
  }
  scored.sort(
    (a, b) =>
      a.distance - b.distance ||
      b.exact - a.exact ||
      b.sameFamily - a.sameFamily ||
      b.prefix - a.prefix ||
      (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0),
  );
  return scored.slice(0, max).map((entry) => entry.candidate);
}
