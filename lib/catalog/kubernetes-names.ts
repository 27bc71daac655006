/**
 * Kubernetes name and label rules, for eager validation in the constructs
 * and for turning arbitrary text (tags, emails) into label values. Pure.
 */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** A DNS-1123 label (namespaces, Helm release names): 1-63 of `a-z 0-9 -`, alphanumeric at both ends. */
export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && DNS_LABEL.test(name);
}

/** A DNS-1123 subdomain (StorageClass and most object names): up to 253 chars of dot-separated labels. */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/** A label or annotation key: optional DNS-subdomain prefix and `/`, then a name of up to 63 chars. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !isDnsSubdomain(prefix)) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}

/** A label value: empty, or up to 63 of `A-Z a-z 0-9 - _ .`, alphanumeric at both ends. */
export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/**
 * Turns arbitrary text into a valid label value: unsupported characters
 * become `_` (`jane.doe@example.com` -> `jane.doe_example.com`), cut to 63
 * characters, non-alphanumerics trimmed from both ends.
 */
export function toLabelValue(text: string): string {
  return text
    .replace(/[^-A-Za-z0-9_.]/g, '_')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[^A-Za-z0-9]+$/, '');
}

/**
 * Throws when a key or value of `labels` is not valid in Kubernetes.
 * @param what names the labels in the message, e.g. `namespace 'sourcegraph' labels`.
 */
export function validateLabels(labels: Readonly<Record<string, string>>, what: string): void {
  for (const [key, value] of Object.entries(labels)) {
    if (!isLabelKey(key)) throw new Error(`Invalid label key '${key}' in ${what}`);
    if (!isLabelValue(value)) {
      throw new Error(
        `Invalid value '${value}' of label '${key}' in ${what}: at most 63 of A-Z a-z 0-9 - _ . and alphanumeric at both ends`,
      );
    }
  }
}
