/**
 * Renders a Kustomize customer's replica with the real `kubectl kustomize`:
 *
 * 1. locate the deploy-sourcegraph-k8s release (locate-release.ts) and read
 *    the customer's overlay (overlay.ts); check it (check-overlay.ts);
 * 2. stage a copy of the overlay with its references to the release mapped
 *    onto the local copy (stage-overlay.ts) and build it: the customer's
 *    deployment as production would render it (`customer`);
 * 3. compute the replica's own adjustments from that render
 *    (replica-layer.ts) and build them over it: the replica (`replica`).
 *
 * With a local copy of the release (the reference copy, or
 * SG_REPLICA_KUSTOMIZE_RELEASES) this needs no network. Errors in the
 * overlay stop before building and come back as problems with file, line and
 * reason; so does a build kustomize refuses.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Design } from '../design/model';
import { DesignProblem, formatFieldPath, sortProblems } from '../design/problems';
import { cacheDir, locateTool } from '../render/tools';
import { REPLICA_STORAGE_CLASS_NAME } from '../sourcegraph/replica-values';
import { checkOverlay, checkOverlayRender } from './check-overlay';
import { KustomizeBuild, kustomizeBuild, KustomizeBuildError, KustomizeBuildOptions, kustomizeBuildSync } from './kustomize-build';
import { gitOnPath, locateKustomizeRelease, LocateKustomizeReleaseOptions, LocatedKustomizeRelease } from './locate-release';
import { Overlay, readOverlay } from './overlay';
import { CUSTOMER_MANIFESTS, replicaLayer, ReplicaLayer } from './replica-layer';
import { kustomizeRelease, KustomizeRelease } from './releases';
import { STAGED_OVERLAY, STAGED_RELEASE, stageOverlay } from './stage-overlay';

/** What to render and with what; only `overlayDir` is required. */
export interface RenderKustomizeOptions {
  /** The customer's overlay directory. */
  readonly overlayDir: string;
  /** deploy-sourcegraph-k8s release. @default design.sourcegraph.version */
  readonly release?: string;
  /** The kubectl binary. @default locateTool('kubectl').path (kubectl 1.33 with kustomize 5.6) */
  readonly kubectl?: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Where the release is looked for besides SG_REPLICA_KUSTOMIZE_RELEASES,
   * and how to clone it when no local copy exists (`git: false`: never).
   * @default the reference copies and the cache; cloned with `git` from the PATH (online)
   */
  readonly releases?: Omit<LocateKustomizeReleaseOptions, 'env' | 'git'> & { readonly git?: string | false };
  /** The replica's tags for the load balancers Kubernetes creates. @default {} (validation); the stack passes the real ones */
  readonly tags?: Readonly<Record<string, string>>;
  /** Directory messages show paths relative to. @default process.cwd() */
  readonly displayBase?: string;
  /** Where the staging directory is made. @default the system's temp directory */
  readonly stagingParent?: string;
  /** When given, the replica's layer (kustomization, customer.yaml, ...) and the final manifests are written here. */
  readonly writeTo?: string;
  /**
   * Where `kubectl kustomize` output is cached by the content of its inputs (build-cache.ts); `false`: never.
   * An overlay with a remote reference is never cached (its render depends on what the network serves).
   * @default `<cache>/kustomize-builds` (cache: SG_REPLICA_CACHE, else ~/.cache/sg-replica)
   */
  readonly buildCache?: string | false;
}

/** A rendered Kustomize replica (or the problems that kept it from rendering). */
export interface KustomizeRender {
  readonly design: Design;
  readonly release: KustomizeRelease;
  readonly located: LocatedKustomizeRelease;
  readonly overlay: Overlay;
  /** The customer's overlay, built (absent when the overlay has errors). */
  readonly customer?: KustomizeBuild;
  /** The replica's adjustments. */
  readonly layer?: ReplicaLayer;
  /** The replica's manifests: the customer's overlay with the replica's layer (absent on errors). */
  readonly replica?: KustomizeBuild;
  /** Every problem of the overlay, sorted; errors mean no `replica`. */
  readonly problems: readonly DesignProblem[];
}

/** True when `problem` is reported at an entry of the overlay whose reference did not resolve (unknown release path, unpinned...). */
function atUnresolvedReference(overlay: Overlay, problem: DesignProblem): boolean {
  return overlay.references.some((r) => r.target.kind === 'unresolved' && r.file.display === problem.file && formatFieldPath([r.field, r.index]) === problem.field);
}

/** Name of the final manifests when written out. */
export const REPLICA_MANIFESTS = 'replica.yaml';

/** A build the render needs: the directory, and how to run kubectl on it. */
interface BuildRequest {
  readonly dir: string;
  readonly options: KustomizeBuildOptions;
}

type RenderSteps = Generator<BuildRequest, KustomizeRender, KustomizeBuild | KustomizeBuildError>;

/**
 * The render as steps, each `yield` a `kubectl kustomize` run the driver
 * performs (asynchronously in {@link renderKustomize}, synchronously in
 * {@link renderKustomizeSync}), so both share every other line.
 */
function* renderSteps(design: Design, options: RenderKustomizeOptions): RenderSteps {
  const env = options.env ?? process.env;
  const release = kustomizeRelease(options.release ?? design.sourcegraph.version);
  const git = options.releases?.git === false ? undefined : (options.releases?.git ?? gitOnPath(env));
  const located = locateKustomizeRelease(release.version, { ...options.releases, git, env });
  const displayBase = options.displayBase ?? process.cwd();
  const overlay = readOverlay(options.overlayDir, { releaseDir: located.dir, release, displayBase });
  const context = { release, releaseDir: located.dir };
  const problems: DesignProblem[] = [...overlay.problems];
  // Every problem at once: the checks skip unresolved references, so they also run when those are the only errors
  // (not after a refused symlink, size or file, which could leave them reading what the reader refused).
  if (overlay.problems.every((p) => p.severity !== 'error' || atUnresolvedReference(overlay, p))) problems.push(...checkOverlay(design, overlay, context));
  const base = { design, release, located, overlay };
  if (problems.some((p) => p.severity === 'error')) return { ...base, problems: sortProblems(problems) };

  const kubectl = options.kubectl ?? locateTool('kubectl', { env }).path;
  const staged = stageOverlay(overlay, located.dir, options.stagingParent);
  const rootFile = overlay.kustomizations[0];
  const overlayShown = relative(displayBase, overlay.dir) || '.';
  const rewriteMessage = (message: string) =>
    message
      .split(join(staged.root, STAGED_OVERLAY))
      .join(overlayShown)
      .split(join(staged.root, STAGED_RELEASE))
      .join(located.dir)
      .split(`${STAGED_OVERLAY}/../${STAGED_RELEASE}`)
      .join(located.dir);
  const buildOptions: KustomizeBuildOptions = { kubectl, rewriteMessage, env };
  const cacheDirectory = options.buildCache ?? join(cacheDir(env), 'kustomize-builds');
  const readsNetwork = overlay.references.some((r) => r.target.kind === 'remote');
  const cached = (inputs: string): KustomizeBuildOptions => (cacheDirectory === false ? buildOptions : { ...buildOptions, cache: { dir: cacheDirectory, inputs } });
  try {
    const customer = yield { dir: staged.overlayDir, options: readsNetwork ? buildOptions : cached(staged.root) };
    if (customer instanceof KustomizeBuildError) {
      const refusal: DesignProblem = {
        severity: 'error',
        file: rootFile?.display ?? options.overlayDir,
        line: 1,
        col: 1,
        field: '',
        message: `kubectl kustomize refuses the overlay: ${customer.stderr.trim().split('\n').filter((l) => l.trim() !== '').join(' ')}`,
      };
      return { ...base, problems: sortProblems([...problems, refusal]) };
    }
    problems.push(...checkOverlayRender(design, overlay, customer.objects, context, problems));
    if (problems.some((p) => p.severity === 'error')) return { ...base, customer, problems: sortProblems(problems) };
    const layer = replicaLayer(design, customer.objects, { release, storageClassName: REPLICA_STORAGE_CLASS_NAME, tags: options.tags ?? {} });
    const layerDir = join(staged.root, 'replica');
    writeLayer(layerDir, layer, customer.yaml);
    // The layer reads only its own directory: the customer's built overlay and the generated files.
    const replica = yield { dir: layerDir, options: cached(layerDir) };
    if (replica instanceof KustomizeBuildError) {
      // The layer is generated: a refusal here is sg-replica's bug, not the customer's.
      throw new Error(`kubectl kustomize refused the replica's own layer (an sg-replica bug, please report it): ${replica.stderr.trim()}`);
    }
    if (options.writeTo) {
      writeLayer(options.writeTo, layer, customer.yaml);
      writeFileSync(join(options.writeTo, REPLICA_MANIFESTS), replica.yaml);
    }
    return { ...base, customer, layer, replica, problems: sortProblems(problems) };
  } finally {
    staged.cleanup();
  }
}

/** Runs `steps`, performing each build with `build`; a build's KustomizeBuildError goes back to the steps, anything else ends them. */
function drive(steps: RenderSteps, build: (request: BuildRequest) => KustomizeBuild): KustomizeRender {
  let step = steps.next();
  try {
    while (!step.done) {
      let result: KustomizeBuild | KustomizeBuildError;
      try {
        result = build(step.value);
      } catch (e) {
        if (!(e instanceof KustomizeBuildError)) throw e;
        result = e;
      }
      step = steps.next(result);
    }
    return step.value;
  } finally {
    if (!step.done) steps.return(undefined as never);
  }
}

/**
 * Renders `design`'s Kustomize replica from the customer's overlay.
 *
 * @throws ToolNotFoundError when no kubectl can be had,
 *   KustomizeReleaseNotFoundError when no copy of the release can be had
 *   (both say how to provide one); never for problems in the overlay.
 */
export async function renderKustomize(design: Design, options: RenderKustomizeOptions): Promise<KustomizeRender> {
  const steps = renderSteps(design, options);
  let step = steps.next();
  try {
    while (!step.done) {
      let result: KustomizeBuild | KustomizeBuildError;
      try {
        result = await kustomizeBuild(step.value.dir, step.value.options);
      } catch (e) {
        if (!(e instanceof KustomizeBuildError)) throw e;
        result = e;
      }
      step = steps.next(result);
    }
    return step.value;
  } finally {
    if (!step.done) steps.return(undefined as never);
  }
}

/** {@link renderKustomize}, synchronously (kubectl runs with `execFileSync`), for a synchronous design loader. */
export function renderKustomizeSync(design: Design, options: RenderKustomizeOptions): KustomizeRender {
  return drive(renderSteps(design, options), (request) => kustomizeBuildSync(request.dir, request.options));
}

/** Writes the replica's layer into `dir`: its kustomization, the customer's built overlay and its own resources. */
export function writeLayer(dir: string, layer: ReplicaLayer, customerYaml: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kustomization.yaml'), layer.kustomization);
  writeFileSync(join(dir, CUSTOMER_MANIFESTS), customerYaml);
  for (const [name, text] of Object.entries(layer.files)) writeFileSync(join(dir, name), text);
}
