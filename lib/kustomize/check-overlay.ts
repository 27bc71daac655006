/**
 * A customer's Kustomize overlay against the replica: the counterpart of the
 * Helm override checks (lib/chart/replica-conflicts.ts), reported the same
 * way, `file:line:col field: message (got X; allowed Y)`, at the entry of the
 * kustomization that is to blame. Pure reads (the overlay and the release
 * on disk); no build.
 *
 * Errors (the replica would not test the design, or would break):
 * - an entry that deploys or configures an in-cluster database, Redis or
 *   blobstore while the design moves it out of the cluster
 *   (`externalServices`), e.g. `components/services/pgsql`, or a resource
 *   file with a pgsql StatefulSet;
 * - an entry that removes one while the design keeps it in the cluster
 *   (`components/remove/pgsql/...` without `externalServices.postgres`);
 * - components that remove requests or limits, or scale everything to zero
 *   (data/component-rules.ts).
 * Warnings (the replica overrides it, or it needs what the replica lacks):
 * - a StorageClass the overlay creates, an ingress or platform component of
 *   another ingress kind or cloud, a size component other than
 *   `sourcegraph.size`, Secrets the overlay carries (production's
 *   credentials), images from another registry, and the rest of
 *   data/component-rules.ts.
 *
 * After the overlay is built, {@link checkOverlayRender} adds what only the
 * rendered objects show (the frontend Ingress removed while the design has
 * one, an in-cluster store missing, production cloud identities on
 * ServiceAccounts).
 */
import { join } from 'node:path';
import { CLOUDS } from '../cloud/clouds';
import { INGRESS_KINDS } from '../cloud/ingress-kinds';
import { Design } from '../design/model';
import { DesignProblem, FieldPath } from '../design/problems';
import { RenderedObject } from '../render/helm-template';
import { COMPONENT_RULES, INGRESS_COMPONENTS, PLATFORM_COMPONENTS, SIZE_COMPONENTS, under } from './data/component-rules';
import { EFFECT_FIELDS, Effects, entryEffects, ObjectSelector, selects } from './overlay-effects';
import { KustomizationFile, Overlay, ReferenceEntry } from './overlay';
import { ExternalServiceKind, IN_CLUSTER_STORES, KustomizeRelease, storeObjectNames } from './releases';
import { problemAt, ProblemText } from './yaml-positions';
import { KUSTOMIZATION_FILE_NAMES } from './locate-release';
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'yaml';

/** What the checks need besides the design and the overlay. */
export interface CheckOverlayContext {
  readonly release: KustomizeRelease;
  readonly releaseDir: string;
}

const EXTERNAL_LABEL: Readonly<Record<ExternalServiceKind, string>> = { postgres: 'PostgreSQL', redis: 'Redis', objectStorage: 'object storage' };
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet'];
/** Image registries that are Sourcegraph's own. */
const SOURCEGRAPH_REGISTRIES = ['index.docker.io/sourcegraph/', 'docker.io/sourcegraph/', 'sourcegraph/', 'us-docker.pkg.dev/sourcegraph-images/'];

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The release paths a release directory uses, itself included (nested components and resources, followed). */
function releasePathsUsed(releaseDir: string, path: string, seen = new Set<string>()): string[] {
  if (seen.has(path) || seen.size > 200) return [];
  seen.add(path);
  const dir = join(releaseDir, path);
  const name = KUSTOMIZATION_FILE_NAMES.find((n) => {
    try {
      return statSync(join(dir, n)).isFile();
    } catch {
      return false;
    }
  });
  if (!name) return [path];
  let content: unknown;
  try {
    content = parse(readFileSync(join(dir, name), 'utf8'));
  } catch {
    return [path];
  }
  const out = [path];
  if (!isMap(content)) return out;
  for (const field of ['resources', 'components', 'bases']) {
    const items = content[field];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      if (typeof item !== 'string') continue;
      const joined = join(path, item).split('\\').join('/');
      if (joined.startsWith('..')) continue;
      try {
        if (statSync(join(releaseDir, joined)).isDirectory()) out.push(...releasePathsUsed(releaseDir, joined, seen));
      } catch {
        // not a directory of the release: nothing to follow
      }
    }
  }
  return out;
}

/** Names of every workload and object of the release that is not an in-cluster store. */
function nonStoreNames(release: KustomizeRelease): string[] {
  const stores = new Set((Object.keys(IN_CLUSTER_STORES) as ExternalServiceKind[]).flatMap((k) => storeObjectNames(release, k)));
  return Object.values(release.services)
    .flatMap((s) => [s.workload, ...(s.objects ?? [])])
    .filter((n) => !stores.has(n));
}

/** The store kinds a selector selects an object of, when it selects nothing but store objects. */
function storeKindsOnly(selector: ObjectSelector, release: KustomizeRelease, others: readonly string[]): ExternalServiceKind[] | undefined {
  const kinds = (Object.keys(IN_CLUSTER_STORES) as ExternalServiceKind[]).filter((k) => storeObjectNames(release, k).some((n) => nameMatches(selector, n)));
  if (kinds.length === 0) return undefined;
  if (others.some((n) => nameMatches(selector, n))) return undefined;
  return kinds;
}

function nameMatches(selector: ObjectSelector, name: string): boolean {
  return selects({ kind: '.*', name: selector.name }, 'x', name);
}

function kindMatchesWorkload(selector: ObjectSelector): boolean {
  return WORKLOAD_KINDS.some((k) => selects({ kind: selector.kind, name: '.*' }, k, 'x'));
}

/** The store workloads of `kinds` the selectors name (by workload or by one of the store's objects). */
function storesOf(kinds: readonly ExternalServiceKind[], release: KustomizeRelease, selectors: readonly ObjectSelector[]): string {
  return kinds
    .flatMap((k) => IN_CLUSTER_STORES[k].map((key) => release.services[key]))
    .filter((s) => [s.workload, ...(s.objects ?? [])].some((n) => selectors.some((sel) => nameMatches(sel, n))))
    .map((s) => s.workload)
    .join(', ');
}

class OverlayChecker {
  readonly problems: DesignProblem[] = [];
  private readonly others: string[];

  constructor(
    private readonly design: Design,
    private readonly overlay: Overlay,
    private readonly context: CheckOverlayContext,
  ) {
    this.others = nonStoreNames(context.release);
  }

  private at(file: KustomizationFile, path: FieldPath, text: ProblemText): void {
    this.problems.push(problemAt(file, path, text));
  }

  private reference(file: KustomizationFile, field: string, index: number): ReferenceEntry | undefined {
    return this.overlay.references.find((r) => r.file === file && r.field === field && r.index === index);
  }

  run(): DesignProblem[] {
    for (const file of this.overlay.kustomizations) {
      for (const field of EFFECT_FIELDS) {
        const items = file.content[field];
        if (!Array.isArray(items)) continue;
        items.forEach((item, index) => this.entry(file, field, index, item));
      }
      this.images(file);
    }
    return this.problems;
  }

  private entry(file: KustomizationFile, field: string, index: number, item: unknown): void {
    const path: FieldPath = [field, index];
    const ref = this.reference(file, field, index);
    const named = typeof item === 'string' ? item : isMap(item) && typeof item.path === 'string' ? item.path : isMap(item) && typeof item.name === 'string' ? item.name : undefined;
    const got = named !== undefined && !named.includes('\n') ? JSON.stringify(named) : undefined;
    if (ref?.target.kind === 'unresolved') return;
    const releasePath = ref?.target.kind === 'release' ? ref.target.releasePath : undefined;
    if (releasePath && ref?.target.kind === 'release' && ref.target.isDir) this.componentRules(file, path, releasePath, got);
    const root = this.overlay.dir;
    const effects = entryEffects(file.content, field, index, { dir: join(root, file.dir), root }, () =>
      ref?.target.kind === 'release' && ref.target.isDir ? { dir: join(this.context.releaseDir, ref.target.releasePath), root: this.context.releaseDir } : undefined,
    );
    this.effectRules(file, path, effects, got, releasePath);
  }

  private componentRules(file: KustomizationFile, path: FieldPath, releasePath: string, got: string | undefined): void {
    const design = this.design;
    const used = releasePathsUsed(this.context.releaseDir, releasePath);
    const via = (p: string) => (under(releasePath, p) ? '' : ` (brought in by ${releasePath})`);
    const reported = new Set<string>();
    for (const p of used) {
      for (const rule of COMPONENT_RULES) {
        if (!under(p, rule.path) || reported.has(rule.path) || (rule.onlyDirect && !under(releasePath, rule.path))) continue;
        reported.add(rule.path);
        this.at(file, path, { severity: rule.severity, message: `${rule.path}${via(rule.path)}: ${rule.reason}`, got });
      }
      for (const platform of PLATFORM_COMPONENTS) {
        if (!under(p, platform.path) || platform.platform === CLOUDS[design.cloud.provider].kubernetesService || reported.has(platform.path)) continue;
        reported.add(platform.path);
        this.at(file, path, {
          severity: 'warning',
          message: `${platform.path}${via(platform.path)} is made for ${platform.platform}, but the replica runs on ${CLOUDS[design.cloud.provider].kubernetesService}: the replica replaces its StorageClass and ingress settings with its own`,
          got,
        });
      }
      for (const ingress of INGRESS_COMPONENTS) {
        if (!under(p, ingress.path) || ingress.ingress === design.sourcegraph.ingress || reported.has(`ingress:${ingress.path}`)) continue;
        reported.add(`ingress:${ingress.path}`);
        this.at(file, path, {
          severity: 'warning',
          message: `${ingress.path}${via(ingress.path)} sets up the frontend for a '${ingress.ingress}' ingress, but the design's ingress is '${design.sourcegraph.ingress}': the replica ${INGRESS_KINDS[design.sourcegraph.ingress].loadBalancer ? `rewrites the Ingress for '${design.sourcegraph.ingress}'` : 'removes the Ingress'}`,
          got,
        });
      }
      const size = SIZE_COMPONENTS[p];
      if (size && size !== design.sourcegraph.size && !reported.has('size')) {
        reported.add('size');
        this.at(file, path, {
          severity: 'warning',
          message: `allocates resources for size ${size}${under(releasePath, p) ? '' : ` (${p}, brought in by ${releasePath})`}, but the design's sourcegraph.size is ${design.sourcegraph.size}: the replica follows the overlay (its capacity check and report use the rendered resources)`,
          got,
          allowed: `components/sizes/${design.sourcegraph.size.toLowerCase()}, or sourcegraph.size: ${size}`,
        });
      }
    }
  }

  private effectRules(file: KustomizationFile, path: FieldPath, effects: Effects, got: string | undefined, releasePath: string | undefined): void {
    const design = this.design;
    const release = this.context.release;
    const ext = design.externalServices;
    const what = releasePath ?? got ?? 'an inline patch';
    // 1. Deploys or configures an in-cluster store the design moves out.
    const changing = [...effects.adds, ...effects.patches];
    const perSelector = changing.map((s) => storeKindsOnly(s, release, this.others));
    if (changing.length > 0 && perSelector.every((k) => k !== undefined)) {
      const kinds = [...new Set(perSelector.flatMap((k) => k ?? []))].filter((k) => ext[k] !== undefined);
      if (kinds.length > 0) {
        const workload = changing.some((s) => kindMatchesWorkload(s));
        const adds = effects.adds.some((s) => kindMatchesWorkload(s));
        const fields = kinds.map((k) => `externalServices.${k}`).join(', ');
        const stores = storesOf(kinds, release, changing);
        this.at(file, path, {
          severity: workload ? 'error' : 'warning',
          message: workload
            ? `${adds ? 're-enables' : 'deploys and configures'} the in-cluster ${stores} (${what}) while the design moves ${kinds.map((k) => EXTERNAL_LABEL[k]).join(' and ')} out of the cluster (${fields}): the replica would not test the external service; drop this entry or the external service from the design`
            : `configures the in-cluster ${stores} (${what}), which the replica removes for ${fields}: ignored`,
          got,
        });
      }
    }
    // 2. Removes an in-cluster store the design keeps.
    for (const kind of Object.keys(IN_CLUSTER_STORES) as ExternalServiceKind[]) {
      if (ext[kind] !== undefined) continue;
      const workloads = IN_CLUSTER_STORES[kind].map((key) => release.services[key].workload);
      const removed = workloads.filter((w) => effects.deletes.some((s) => kindMatchesWorkload(s) && nameMatches(s, w) && !nameMatches(s, 'sourcegraph-frontend')));
      if (removed.length === 0) continue;
      this.at(file, path, {
        severity: 'error',
        message: `removes the in-cluster ${removed.join(', ')} (${what}), but the design has no externalServices.${kind}: the replica would have no ${EXTERNAL_LABEL[kind]} of its own and connect to what the overlay points at (production's?) or nothing; add externalServices.${kind} to the design or drop this entry`,
        got,
      });
    }
    // 3. StorageClasses the overlay creates.
    const classes = effects.adds.filter((s) => s.kind === 'StorageClass');
    if (classes.length > 0) {
      const { diskType, encrypted } = design.storage;
      this.at(file, path, {
        severity: 'warning',
        message: `creates StorageClass ${classes.map((c) => JSON.stringify(c.name)).join(', ')} (${what}); the replica removes it and puts every volume on its own "sourcegraph" class (${encrypted ? 'encrypted ' : ''}${diskType}, reclaim policy Delete, tagged)`,
        got,
      });
    }
    // 4. Secrets the overlay carries.
    const secrets = [...effects.secrets, ...effects.adds.filter((s) => s.kind === 'Secret').map((s) => s.name)];
    if (secrets.length > 0) {
      this.at(file, path, {
        severity: 'warning',
        message: `puts the Secret${secrets.length > 1 ? 's' : ''} ${secrets.map((s) => JSON.stringify(s)).join(', ')} into the replica from the overlay's files: if they hold production credentials (SSH keys, database passwords, TLS keys), replace them with the replica's own before handing the overlay over`,
        got,
      });
    }
  }

  private images(file: KustomizationFile): void {
    const images = file.content.images;
    if (!Array.isArray(images)) return;
    images.forEach((image, index) => {
      if (!isMap(image) || typeof image.newName !== 'string' || image.newName === '') return;
      if (SOURCEGRAPH_REGISTRIES.some((r) => String(image.newName).startsWith(r))) return;
      this.at(file, ['images', index, 'newName'], {
        severity: 'warning',
        message: `pulls ${typeof image.name === 'string' ? image.name : 'an image'} from ${JSON.stringify(image.newName)}: the replica's nodes must be able to reach and authenticate to that registry, which sg-replica does not set up`,
        got: JSON.stringify(image.newName),
      });
    });
  }
}

/**
 * Problems of `overlay` for `design`, each at the kustomization entry to
 * blame. Does not repeat the problems of reading the overlay (`overlay.problems`).
 */
export function checkOverlay(design: Design, overlay: Overlay, context: CheckOverlayContext): DesignProblem[] {
  return new OverlayChecker(design, overlay, context).run();
}

/** The root kustomization and the first entry of its effects that matches `predicate`, for placing a finding about the built overlay. */
function blame(overlay: Overlay, context: CheckOverlayContext, predicate: (e: Effects) => boolean): { file: KustomizationFile; path: FieldPath } | undefined {
  for (const file of overlay.kustomizations) {
    for (const field of EFFECT_FIELDS) {
      const items = file.content[field];
      if (!Array.isArray(items)) continue;
      for (let index = 0; index < items.length; index++) {
        const ref = overlay.references.find((r) => r.file === file && r.field === field && r.index === index);
        const effects = entryEffects(file.content, field, index, { dir: join(overlay.dir, file.dir), root: overlay.dir }, () =>
          ref?.target.kind === 'release' && ref.target.isDir ? { dir: join(context.releaseDir, ref.target.releasePath), root: context.releaseDir } : undefined,
        );
        if (predicate(effects)) return { file, path: [field, index] };
      }
    }
  }
  const root = overlay.kustomizations[0];
  return root ? { file: root, path: [] } : undefined;
}

/**
 * Problems only the built overlay shows (`customer`: the objects
 * `kubectl kustomize` rendered from it), placed at the entry responsible
 * when one can be told, else at the top of the overlay's kustomization.
 * `already` are the problems found before building, so a cause reported
 * there is not reported twice.
 */
export function checkOverlayRender(design: Design, overlay: Overlay, customer: readonly RenderedObject[], context: CheckOverlayContext, already: readonly DesignProblem[] = []): DesignProblem[] {
  const out: DesignProblem[] = [];
  const release = context.release;
  const sg = design.sourcegraph;
  const add = (place: ReturnType<typeof blame>, text: ProblemText) => {
    if (place) out.push(problemAt(place.file, place.path, text));
  };
  const has = (kind: string, name?: string) => customer.some((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (INGRESS_KINDS[sg.ingress].loadBalancer && !has('Ingress')) {
    add(
      blame(overlay, context, (e) => e.deletes.some((s) => selects(s, 'Ingress', 'sourcegraph-frontend'))),
      { severity: 'error', message: `the overlay renders no Ingress, but the design exposes Sourcegraph through '${sg.ingress}' at ${sg.hostname}: the replica would not be reachable (drop components/remove/default-ingress, or set sourcegraph.ingress: none)` },
    );
  }
  if (!customer.some((o) => WORKLOAD_KINDS.includes(o.kind) && o.metadata.name === release.services.frontend.workload)) {
    add(blame(overlay, context, () => false), { severity: 'error', message: `the overlay renders no ${release.services.frontend.workload} Deployment: it must build on the release's base/sourcegraph` });
  }
  const reportedRemovals = already.some((p) => p.severity === 'error' && /^removes the in-cluster/.test(p.message));
  for (const kind of Object.keys(IN_CLUSTER_STORES) as ExternalServiceKind[]) {
    if (design.externalServices[kind] !== undefined || reportedRemovals) continue;
    const missing = IN_CLUSTER_STORES[kind].map((key) => release.services[key].workload).filter((w) => !customer.some((o) => WORKLOAD_KINDS.includes(o.kind) && o.metadata.name === w));
    if (missing.length === 0) continue;
    add(blame(overlay, context, () => false), {
      severity: 'error',
      message: `the overlay renders no ${missing.join(', ')}, but the design has no externalServices.${kind}: the replica would have no ${EXTERNAL_LABEL[kind]}; add externalServices.${kind} to the design`,
    });
  }
  for (const sa of customer.filter((o) => o.kind === 'ServiceAccount')) {
    const annotations = (sa.metadata as { annotations?: Record<string, unknown> }).annotations ?? {};
    for (const key of ['eks.amazonaws.com/role-arn', 'iam.gke.io/gcp-service-account']) {
      if (typeof annotations[key] !== 'string' || annotations[key] === '') continue;
      add(blame(overlay, context, (e) => [...e.adds, ...e.patches].some((s) => selects(s, 'ServiceAccount', sa.metadata.name))), {
        severity: 'warning',
        message: `ServiceAccount ${sa.metadata.name} is bound to production's cloud identity (${key}: ${JSON.stringify(annotations[key])}), which trusts production's cluster, not the replica's: its pods get no cloud credentials${design.externalServices.objectStorage ? ' (the replica binds the upload store consumers to its own bucket identity)' : ''}`,
      });
    }
  }
  return out;
}
