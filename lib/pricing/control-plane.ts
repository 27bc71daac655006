/**
 * What the managed Kubernetes control plane costs per hour, by cloud and by
 * the support phase of the cluster's minor version (lib/catalog/kubernetes-
 * versions.ts), and the warning a design on an extended-support version
 * gets. Pure: no clock; the catalog's statuses are the truth.
 */
import {
  kubernetesVersions,
  kubernetesVersionSupport,
  recommendedKubernetesVersion,
  type KubernetesCloud,
  type KubernetesSupportStatus,
} from '../catalog/kubernetes-versions';
import * as P from './data/prices';

/** Control plane USD per hour, by cloud and support phase. */
export const CONTROL_PLANE_HOUR: Readonly<Record<KubernetesCloud, Readonly<Record<KubernetesSupportStatus, number>>>> = {
  aws: { standard: P.EKS_CLUSTER_HOUR, extended: P.EKS_EXTENDED_SUPPORT_CLUSTER_HOUR },
  gcp: { standard: P.GKE_CLUSTER_HOUR, extended: P.GKE_EXTENDED_SUPPORT_CLUSTER_HOUR },
};

const SERVICE: Readonly<Record<KubernetesCloud, string>> = { aws: 'EKS', gcp: 'GKE' };

/** The result of {@link controlPlaneCost}. */
export interface ControlPlaneCost {
  /** Support phase of the version; `standard` for a version the catalog does not list (validation refuses those). */
  readonly status: KubernetesSupportStatus;
  /** USD per hour at that phase. */
  readonly hourly: number;
  /** USD per hour in standard support, for comparison. */
  readonly standardHourly: number;
  /**
   * For a version in extended support: what it costs, since when, and the
   * fix (a version in standard support). Undefined otherwise.
   */
  readonly warning?: string;
}

const money = (n: number) => `$${n.toFixed(2)}`;

/** The control plane's hourly price for Kubernetes `version` on `cloud`, with a warning in extended support. */
export function controlPlaneCost(cloud: KubernetesCloud, version: string): ControlPlaneCost {
  const prices = CONTROL_PLANE_HOUR[cloud];
  const status = kubernetesVersionSupport(cloud, version).status ?? 'standard';
  const hourly = prices[status];
  if (status !== 'extended') return { status, hourly, standardHourly: prices.standard };
  const entry = kubernetesVersions(cloud).find((v) => v.version === version);
  const recommended = recommendedKubernetesVersion(cloud);
  const until = kubernetesVersions(cloud).find((v) => v.version === recommended)?.endOfStandardSupport;
  const dates = [
    entry?.endOfStandardSupport && `standard support ended ${entry.endOfStandardSupport}`,
    entry?.endOfSupport && `extended support ends ${entry.endOfSupport}`,
  ].filter(Boolean);
  const extra = (hourly - prices.standard) * 24;
  return {
    status,
    hourly,
    standardHourly: prices.standard,
    warning:
      `Kubernetes ${version} is in ${SERVICE[cloud]} extended support${dates.length ? ` (${dates.join('; ')})` : ''}: ` +
      `the control plane costs ${money(hourly)}/h instead of ${money(prices.standard)}/h (+${money(extra)}/day). ` +
      `Unless production runs ${version}, use a version in standard support: ${recommended}${until ? ` (until ${until})` : ''} or later.`,
  };
}
