/**
 * Kubernetes minor versions each managed service accepts for new clusters.
 *
 * As of 2026-11-27 (CATALOG_DATE).
 * - EKS: 14 months of standard support from the EKS release, then 12 months
 *   of extended support (on by default, extra cost). Dates from the EKS
 *   release calendar (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html,
 *   mirrored by endoflife.date/amazon-eks). 1.31's extended support ended on
 *   2026-11-26. The 1.36 release date comes from a third-party write-up, not
 *   the AWS calendar: check it when you next update.
 * - GKE: about 14 months of standard support after a minor version reaches
 *   the Regular channel, then extended support (Extended channel) up to 24
 *   months in all. GKE publishes estimates only
 *   (cloud.google.com/kubernetes-engine/docs/release-schedule); the statuses
 *   below follow that schedule's pattern and are not exact dates.
 *
 * To update: check both pages, move versions from standard to extended,
 * drop versions past the end of extended support, add new ones, and bump
 * CATALOG_DATE. The table is the truth: nothing here reads the clock.
 */

/** The date the tables below describe. */
export const CATALOG_DATE = '2026-11-27';

/** Clouds with a managed Kubernetes service. */
export type KubernetesCloud = 'aws' | 'gcp';

/** Support phase of a minor version. */
export type KubernetesSupportStatus = 'standard' | 'extended';

/** One supported minor version. */
export interface KubernetesVersion {
  /** Minor version, e.g. `1.33`. */
  readonly version: string;
  readonly status: KubernetesSupportStatus;
  /** Release on the service (YYYY-MM-DD), where published. */
  readonly released?: string;
  /** Last day of standard support (YYYY-MM-DD), where published. */
  readonly endOfStandardSupport?: string;
  /** Last day of extended support (YYYY-MM-DD), where published. */
  readonly endOfSupport?: string;
}

const VERSIONS: Readonly<Record<KubernetesCloud, readonly KubernetesVersion[]>> = {
  aws: [
    { version: '1.32', status: 'extended', released: '2025-01-23', endOfStandardSupport: '2026-03-23', endOfSupport: '2027-03-23' },
    { version: '1.33', status: 'extended', released: '2025-05-29', endOfStandardSupport: '2026-07-29', endOfSupport: '2027-07-29' },
    { version: '1.34', status: 'standard', released: '2025-10-02', endOfStandardSupport: '2026-12-02', endOfSupport: '2027-12-02' },
    { version: '1.35', status: 'standard', released: '2026-01-27', endOfStandardSupport: '2027-03-27', endOfSupport: '2028-03-27' },
    { version: '1.36', status: 'standard', released: '2026-06-02' },
  ],
  gcp: [
    { version: '1.32', status: 'extended' },
    { version: '1.33', status: 'extended' },
    { version: '1.34', status: 'standard' },
    { version: '1.35', status: 'standard' },
    { version: '1.36', status: 'standard' },
  ],
};

const SERVICE: Readonly<Record<KubernetesCloud, string>> = { aws: 'EKS', gcp: 'GKE' };

/** The minor versions `cloud` supports, oldest first. */
export function kubernetesVersions(cloud: KubernetesCloud): readonly KubernetesVersion[] {
  return VERSIONS[cloud];
}

/** Whether a design's Kubernetes version can be used, and why not. */
export interface KubernetesVersionSupport {
  readonly supported: boolean;
  /** Support phase, when supported. */
  readonly status?: KubernetesSupportStatus;
  /** Why not, when not supported: no longer supported, not yet supported, or not a minor version. */
  readonly reason?: string;
  /** The versions the cloud supports, oldest first. */
  readonly allowed: readonly string[];
}

function parseMinor(version: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(version);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

function compare(a: [number, number], b: [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Checks a Kubernetes minor version (`1.33`, no patch) against `cloud`'s supported versions. */
export function kubernetesVersionSupport(cloud: KubernetesCloud, version: string): KubernetesVersionSupport {
  const versions = VERSIONS[cloud];
  const allowed = versions.map((entry) => entry.version);
  const service = SERVICE[cloud];
  const list = allowed.join(', ');
  const found = versions.find((entry) => entry.version === version);
  if (found) return { supported: true, status: found.status, allowed };

  const parsed = parseMinor(version);
  if (!parsed) {
    return { supported: false, allowed, reason: `"${version}" is not a Kubernetes minor version like "1.33" (give the minor only, no patch); ${service} supports ${list}` };
  }
  const oldest = parseMinor(allowed[0])!;
  const newest = parseMinor(allowed[allowed.length - 1])!;
  if (compare(parsed, oldest) < 0) {
    return { supported: false, allowed, reason: `Kubernetes ${version} is no longer supported on ${service} (as of ${CATALOG_DATE}); supported: ${list}` };
  }
  if (compare(parsed, newest) > 0) {
    return { supported: false, allowed, reason: `Kubernetes ${version} is not yet supported on ${service} (as of ${CATALOG_DATE}); supported: ${list}` };
  }
  return { supported: false, allowed, reason: `Kubernetes ${version} is not a version ${service} offers; supported: ${list}` };
}

/** Days a recommended version must stay in standard support after CATALOG_DATE. */
export const RECOMMENDED_STANDARD_SUPPORT_DAYS = 90;

/**
 * The version to propose for a new replica (design defaults, examples): the
 * oldest version in standard support that stays there for at least
 * RECOMMENDED_STANDARD_SUPPORT_DAYS after the catalog date (versions without
 * a published end date count as staying). Oldest, because customers' production
 * clusters lag the newest release; in standard support, because extended
 * support costs more (lib/pricing/control-plane.ts).
 */
export function recommendedKubernetesVersion(cloud: KubernetesCloud): string {
  const cutoff = new Date(Date.parse(`${CATALOG_DATE}T00:00:00Z`) + RECOMMENDED_STANDARD_SUPPORT_DAYS * 86_400_000).toISOString().slice(0, 10);
  const standard = VERSIONS[cloud].filter((v) => v.status === 'standard');
  const lasting = standard.find((v) => v.endOfStandardSupport === undefined || v.endOfStandardSupport >= cutoff);
  return (lasting ?? standard[standard.length - 1] ?? VERSIONS[cloud][VERSIONS[cloud].length - 1]).version;
}
