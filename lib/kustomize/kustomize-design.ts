/**
 * The Kustomize side of a design (`sourcegraph.method: kustomize`, the
 * customer's overlay in `sourcegraph.overlay`, the deploy-sourcegraph-k8s
 * release in `sourcegraph.version`), as the Kustomize code reads it. Pure.
 */
import { DeploymentMethod, Design, KustomizeOverlay } from '../design/model';
import { uploadStoreServiceAccounts } from '../sourcegraph/upload-store';
import { kustomizeRelease } from './releases';

export type { DeploymentMethod };
/** The customer's overlay directory, as the design names it (the model's `KustomizeOverlay`). */
export type KustomizeOverlayRef = KustomizeOverlay;

/** The Kustomize side of a design. */
export interface KustomizeSettings {
  readonly overlay: KustomizeOverlay;
  /** deploy-sourcegraph-k8s release, e.g. `7.2.1943` (the design's `sourcegraph.version`). */
  readonly release: string;
}

/** The deployment method of `design`. */
export function deploymentMethod(design: Design): DeploymentMethod {
  return design.sourcegraph.method;
}

/** The Kustomize settings of `design`, or undefined for a Helm design. @throws Error for a Kustomize design without an overlay (validation refuses it first). */
export function kustomizeSettings(design: Design): KustomizeSettings | undefined {
  if (design.sourcegraph.method !== 'kustomize') return undefined;
  const overlay = design.sourcegraph.overlay;
  if (!overlay) throw new Error(`design '${design.name}' deploys with kustomize but names no overlay (sourcegraph.overlay)`);
  return { overlay, release: design.sourcegraph.version };
}

/** `design` as a Kustomize design with `overlay` (for tests and code that builds designs in code). */
export function withKustomize<T extends Design>(design: T, overlay: KustomizeOverlay, release = design.sourcegraph.version): T {
  return { ...design, sourcegraph: { ...design.sourcegraph, version: release, method: 'kustomize', overlay, overrides: [], values: {} } };
}

/**
 * The ServiceAccounts the bucket's cloud identity must trust (IRSA role,
 * Workload Identity binding): the chart version's upload store consumers for
 * a Helm design, the release's for a Kustomize design (the same names).
 *
 * @throws Error for a chart version or release sg-replica has no data for.
 */
export function uploadStoreServiceAccountsOf(design: Design): string[] {
  const kustomize = kustomizeSettings(design);
  return kustomize ? kustomizeRelease(kustomize.release).uploadStoreConsumers.map((c) => c.serviceAccount) : uploadStoreServiceAccounts(design.sourcegraph.version);
}
