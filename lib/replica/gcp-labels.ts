/**
 * The replica's metadata as GCP labels, and GCP's label rules. Pure.
 *
 * GCP labels: at most 64 per resource; keys and values at most 63
 * characters of lowercase letters (international ones too), digits, `_`
 * and `-`; keys start with a lowercase letter, values may be empty.
 */
import type { ReplicaMetadata } from './metadata';

/** Label keys, the same on every GCP resource of every replica (the AWS tag keys, spelled for GCP). */
export const GCP_LABEL_KEYS = {
  name: 'sg-replica-name',
  customer: 'sg-replica-customer',
  owner: 'sg-replica-owner',
  expiresAt: 'sg-replica-expires-at',
  design: 'sg-replica-design',
  managedBy: 'managed-by',
} as const;

/** Most labels a GCP resource accepts. */
export const MAX_GCP_LABELS = 64;
/** Longest label key or value, in characters. */
export const MAX_GCP_LABEL_LENGTH = 63;

const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]*$/u;
const LABEL_KEY = /^\p{Ll}[\p{Ll}\p{Lo}\p{N}_-]*$/u;

/**
 * Any text as a label value: lowercased, every character GCP refuses
 * replaced by `_`, cut to 63 characters. `Jane.Doe@Example.com` becomes
 * `jane_doe_example_com`, `2026-01-04T09:00Z` becomes `2026-01-04t09_00z`.
 */
export function gcpLabelValue(text: string): string {
  const chars = Array.from(text.toLowerCase()).map((c) => (LABEL_VALUE.test(c) ? c : '_'));
  return chars.slice(0, MAX_GCP_LABEL_LENGTH).join('');
}

/**
 * Any text as a label key: sanitized like a value; it must then start with
 * a lowercase letter.
 *
 * @throws Error when the sanitized key is empty or does not start with a letter.
 */
export function gcpLabelKey(text: string): string {
  const key = gcpLabelValue(text);
  if (!LABEL_KEY.test(key)) {
    throw new Error(`GCP label key '${text}' must start with a letter (sanitized: '${key}')`);
  }
  return key;
}

/** The problems of a label map under GCP's rules, one sentence each; `[]` when it is valid. */
export function gcpLabelProblems(labels: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const entries = Object.entries(labels);
  if (entries.length > MAX_GCP_LABELS) problems.push(`${entries.length} labels, more than GCP's ${MAX_GCP_LABELS}`);
  for (const [key, value] of entries) {
    if (!LABEL_KEY.test(key) || Array.from(key).length > MAX_GCP_LABEL_LENGTH) {
      problems.push(`label key '${key}' must be 1-63 lowercase letters, digits, '_' or '-', starting with a letter`);
    }
    if (!LABEL_VALUE.test(value) || Array.from(value).length > MAX_GCP_LABEL_LENGTH) {
      problems.push(`label value '${value}' (key '${key}') must be at most 63 lowercase letters, digits, '_' or '-'`);
    }
  }
  return problems;
}

/**
 * The labels every GCP resource of the replica carries: name, customer,
 * owner, expiry, design fingerprint and `managed-by: sg-replica`, sanitized
 * to GCP's rules (see {@link gcpLabelValue}).
 */
export function gcpLabels(meta: ReplicaMetadata): Record<string, string> {
  return {
    [GCP_LABEL_KEYS.name]: gcpLabelValue(meta.name),
    [GCP_LABEL_KEYS.customer]: gcpLabelValue(meta.customer),
    [GCP_LABEL_KEYS.owner]: gcpLabelValue(meta.owner),
    [GCP_LABEL_KEYS.expiresAt]: gcpLabelValue(meta.expiresAt),
    [GCP_LABEL_KEYS.design]: gcpLabelValue(meta.designFingerprint),
    [GCP_LABEL_KEYS.managedBy]: 'sg-replica',
  };
}

/**
 * Checks a label map against GCP's rules.
 *
 * @throws Error listing every problem, prefixed with `what`.
 */
export function checkGcpLabels(labels: Readonly<Record<string, string>>, what: string): void {
  const problems = gcpLabelProblems(labels);
  if (problems.length > 0) throw new Error(`${what}: ${problems.join('; ')}`);
}
