/**
 * How a design says it replicates a Kustomize deployment, until the design
 * model has the fields (see /work/briefs/kustomize-phase2.md): a design
 * whose `sourcegraph.method` is `kustomize`, with the customer's overlay
 * directory in `sourcegraph.overlay` and the deploy-sourcegraph-k8s release
 * in `sourcegraph.version`. Pure.
 */
import { Design } from '../design/model';
import { uploadStoreServiceAccounts } from '../sourcegraph/upload-store';
import { kustomizeRelease } from './releases';

/** The deployment methods: `helm` (the `sourcegraph/sourcegraph` chart, the default) or `kustomize` (deploy-sourcegraph-k8s). */
export type DeploymentMethod = 'helm' | 'kustomize';

/** The customer's overlay directory, as the design names it. */
export interface KustomizeOverlayRef {
  /** As written in the design, relative to the design file. */
  readonly path: string;
  /** Absolute path on disk (or the path as given when built in code). */
  readonly resolvedPath: string;
}

/** The Kustomize side of a design. */
export interface KustomizeSettings {
  readonly overlay: KustomizeOverlayRef;
  /** deploy-sourcegraph-k8s release, e.g. `7.2.1943` (the design's `sourcegraph.version`). */
  readonly release: string;
}

/** The fields phase 2 adds to `Sourcegraph` in lib/design/model.ts. */
export interface KustomizeSourcegraphFields {
  /** @default 'helm' */
  readonly method?: DeploymentMethod;
  /** Required for `kustomize`, refused for `helm`. */
  readonly overlay?: KustomizeOverlayRef;
}

/** The deployment method of `design`. */
export function deploymentMethod(design: Design): DeploymentMethod {
  return (design.sourcegraph as KustomizeSourcegraphFields).method === 'kustomize' ? 'kustomize' : 'helm';
}

/** The Kustomize settings of `design`, or undefined for a Helm design. @throws Error for a Kustomize design without an overlay. */
export function kustomizeSettings(design: Design): KustomizeSettings | undefined {
  if (deploymentMethod(design) !== 'kustomize') return undefined;
  const overlay = (design.sourcegraph as KustomizeSourcegraphFields).overlay;
  if (!overlay) throw new Error(`design '${design.name}' deploys with kustomize but names no overlay (sourcegraph.overlay)`);
  return { overlay, release: design.sourcegraph.version };
}

/** `design` as a Kustomize design with `overlay` (for tests and code that builds designs before the model has the fields). */
export function withKustomize<T extends Design>(design: T, overlay: KustomizeOverlayRef, release = design.sourcegraph.version): T {
  return { ...design, sourcegraph: { ...design.sourcegraph, version: release, method: 'kustomize', overlay } as T['sourcegraph'] };
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
