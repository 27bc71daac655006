/**
 * AWS tags written inside Kubernetes objects: ALB ingress annotations, NLB
 * service annotations, the EBS CSI driver's StorageClass parameters and the
 * load balancer controller's `--default-tags`. All of them spell tags as
 * `key=value` pairs, joined with `,`, so `=` and `,` cannot appear in a key
 * or a value there. Pure: no cdktf.
 */

/** Longest tag key AWS accepts. */
export const AWS_TAG_KEY_MAX = 128;
/** Longest tag value AWS accepts. */
export const AWS_TAG_VALUE_MAX = 256;

/**
 * Characters AWS accepts in tags (letters, digits, spaces and `_ . : / + - @`),
 * minus `=` which is the key/value separator in every place these tags go.
 */
const NOT_ALLOWED = /[^\p{L}\p{N} _.:/+\-@]/gu;

/**
 * Makes `text` acceptable as a tag key or value in a `k=v,k=v` list:
 * every character AWS or the list syntax does not accept becomes `_`,
 * surrounding spaces go, and the result is cut to `max` characters.
 */
export function sanitizeAwsTagText(text: string, max: number): string {
  return text.replace(NOT_ALLOWED, '_').trim().slice(0, max).trim();
}

/**
 * The tags with keys and values sanitized (see `sanitizeAwsTagText`), in the
 * input's order.
 *
 * @throws Error when a key is empty once sanitized, starts with the reserved
 *   `aws:` prefix, or when two keys become the same.
 */
export function sanitizeAwsTags(tags: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawKey, rawValue] of Object.entries(tags)) {
    const key = sanitizeAwsTagText(rawKey, AWS_TAG_KEY_MAX);
    if (key === '') throw new Error(`AWS tag key '${rawKey}' has no usable characters`);
    if (key.toLowerCase().startsWith('aws:')) {
      throw new Error(`AWS tag key '${rawKey}' uses the reserved 'aws:' prefix`);
    }
    if (Object.prototype.hasOwnProperty.call(out, key)) {
      throw new Error(`AWS tag keys collide once sanitized: '${rawKey}' becomes '${key}', which is already used`);
    }
    out[key] = sanitizeAwsTagText(String(rawValue), AWS_TAG_VALUE_MAX);
  }
  return out;
}

/** The tags as `key=value` strings, sanitized, in the input's order. */
export function awsTagPairs(tags: Readonly<Record<string, string>>): string[] {
  return Object.entries(sanitizeAwsTags(tags)).map(([key, value]) => `${key}=${value}`);
}

/**
 * The tags as one `key=value,key=value` string, the format of
 * `alb.ingress.kubernetes.io/tags` and
 * `service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags`.
 * Empty string when there are no tags.
 */
export function awsTagList(tags: Readonly<Record<string, string>>): string {
  return awsTagPairs(tags).join(',');
}
