/**
 * Limits of Google Cloud's external HTTP(S) load balancer that a design must
 * respect when it uses GKE's own ingress (`gce`): the certificates its HTTPS
 * proxy serves and the Cloud Armor policy that admits its clients. Data:
 * the design rules check them before synth, and the constructs that make the
 * resources (lib/gcp/gce-ingress-frontend.ts, cloud-armor-allow-list.ts)
 * check them again.
 */

/** Longest domain a Google-managed certificate takes (GKE "Use Google-managed SSL certificates", Limitations). */
export const MAX_MANAGED_CERTIFICATE_DOMAIN_LENGTH = 63;
/** Certificates one target HTTPS proxy takes (Compute Engine SSL certificate limits). */
export const MAX_PRE_SHARED_CERTIFICATES = 15;
/** A Compute Engine SSL certificate name (RFC 1035 label: 1-63 lowercase letters, digits and '-', starting with a letter). */
export const GCE_CERTIFICATE_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Source ranges one Cloud Armor rule matches: 10 (basic match condition,
 * `SRC_IPS_V1`; google 6.50.0 `resource_compute_security_policy.go`,
 * `src_ip_ranges` MaxItems 10, "There is a limit of 10 IP ranges per rule").
 */
export const CLOUD_ARMOR_RANGES_PER_RULE = 10;
/**
 * Allow rules sg-replica puts in one policy, at most (so 200 client
 * ranges). Every rule of every policy in the project counts against the
 * project's `SECURITY_POLICY_RULES` quota (Cloud Armor "Quotas and
 * limits"), shared with whatever else runs in the sandbox project.
 */
export const MAX_CLOUD_ARMOR_ALLOW_RULES = 20;
/** Most client ranges one policy admits: {@link CLOUD_ARMOR_RANGES_PER_RULE} × {@link MAX_CLOUD_ARMOR_ALLOW_RULES}. */
export const MAX_CLOUD_ARMOR_ALLOWED_CIDRS = CLOUD_ARMOR_RANGES_PER_RULE * MAX_CLOUD_ARMOR_ALLOW_RULES;

/**
 * Whether an allow-list restricts who may connect: some range given and
 * none of them `/0`. A list that admits everyone gets no Cloud Armor policy
 * (the design rules make "everyone" an explicit, warned opt-in).
 */
export function restrictsClients(cidrs: readonly string[]): boolean {
  return cidrs.length > 0 && !cidrs.some((cidr) => cidr.trim().endsWith('/0'));
}
