/**
 * What verify expects of the Sourcegraph release, by deployment method: for
 * a Helm design, from the design's final values and the chart's defaults;
 * for a Kustomize design, from the replica's rendered manifests (the
 * assessment's render: the same manifests the generated chart installs).
 * The checks ask these questions instead of reading Helm values themselves,
 * so a Kustomize replica is judged by what it renders. Pure.
 */
import { CapacityResult, simulateCapacity, simulateWorkloads } from '../capacity/simulate-capacity';
import type { DeploymentMethod, Design } from '../design/model';
import { mergeValues } from '../helm/merge-values';
import { GENERATED_CHART_NAME } from '../kustomize/generated-chart';
import type { KustomizeRender } from '../kustomize/render-kustomize';
import { CHART_WORKLOADS } from '../sizing/data/chart-workloads';
import { chartDefaults } from '../sizing/chart-defaults';
import { valueAt, Workload } from '../sizing/workloads';
import { uploadStoreWiring } from '../sourcegraph/upload-store';
import type { CheckInput } from './check-input';
import type { HelmRelease } from './helm-release';

/** The chart's image repository when the values do not set `sourcegraph.image.repository` (values.yaml of 6.12.5040 and 7.6.0). */
export const DEFAULT_IMAGE_REPOSITORY = 'index.docker.io/sourcegraph';

/** `index.docker.io/sourcegraph/frontend:7.6.0@sha256:…` -> repository, tag (without digest). */
export function parseImage(image: string): { repository: string; tag?: string } {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  if (colon > slash) return { repository: noDigest.slice(0, colon), tag: noDigest.slice(colon + 1) };
  return { repository: noDigest };
}

/** What verify expects of the release of one design. */
export interface ReleaseExpectations {
  /** The release as the decision's title names it: `chart sourcegraph 7.6.0`. */
  readonly chart: string;
  /** What is wrong with the installed chart's name and version ([] when they are the designed ones). */
  chartProblems(name: string, version: string): string[];
  /** Where the images come from, for the title: `index.docker.io/sourcegraph`. */
  readonly imagesFrom: string;
  /** What is wrong with a container's image, or undefined when it is as designed (or not modelled). */
  imageProblem(w: Workload, container: string, image: string): string | undefined;
  /** False when the release runs no database migrations (no migrator), with why. */
  readonly migrator: { readonly runs: boolean; readonly why: string };
  /** The in-cluster workload of a store (values key: `pgsql`, `redisCache`, `blobstore`...), when the release has one: its name and the kinds it may run as. */
  store(key: string): { readonly kinds: readonly Workload['kind'][]; readonly name: string } | undefined;
  /** What the installed release's own values say against a store the design externalizes (Helm: `<key>.enabled`), or undefined. */
  storeValuesProblem(release: HelmRelease, key: string): string | undefined;
  /**
   * The values keys of the Deployments that must read an external service's
   * connection themselves: the chart wires the databases, Redis and the
   * bucket into frontend and worker; a Kustomize release's worker gets its
   * database connections from frontend (no PG* of its own), so only frontend
   * (and its migrator) read them from sg-replica's Secrets.
   */
  connectionApps(service: 'postgres' | 'redis' | 'objectStorage'): readonly string[];
  /** The upload store environment the apps read: every prefix (`SOURCEGRAPH_UPLOAD_`; on 6.x `PRECISE_CODE_INTEL_UPLOAD_` and `SEARCH_JOBS_UPLOAD_`). */
  readonly uploadEnvPrefixes: readonly string[];
  /** The services that use the upload store, by values key, and the ServiceAccount each runs as (what the bucket's identity trusts). */
  readonly uploadStoreConsumers: readonly { readonly key: string; readonly serviceAccount: string }[];
  /** The capacity simulation of the same release on `design` (the design at other node counts). */
  simulate(design: Design): CapacityResult;
}

function helmExpectations({ design, assessment }: Pick<CheckInput, 'design' | 'assessment'>): ReleaseExpectations {
  const version = design.sourcegraph.version;
  const values = assessment.finalValues;
  const effective = () => mergeValues(chartDefaults(version), values);
  const repoValue = valueAt(values, 'sourcegraph.image.repository');
  const repository = typeof repoValue === 'string' && repoValue !== '' ? repoValue : DEFAULT_IMAGE_REPOSITORY;
  const globalTag = valueAt(values, 'sourcegraph.image.useGlobalTagAsDefault') === true ? valueAt(values, 'sourcegraph.image.defaultTag') : undefined;
  const migratorOff = valueAt(effective(), 'migrator.enabled') === false;
  return {
    chart: `chart sourcegraph ${version}`,
    chartProblems: (name, installed) => [...(name !== 'sourcegraph' ? [`chart ${name}, designed sourcegraph`] : []), ...(installed !== version ? [`chart version ${installed}, designed ${version}`] : [])],
    imagesFrom: repository,
    imageProblem: (w, container, image) => {
      const key = [...w.containers, ...w.initContainers].find((c) => c.name === container)?.resourcesKey;
      if (!key) return undefined;
      const own = valueAt(values, `${key}.image.tag`);
      const expected = String(typeof own === 'string' && own !== '' ? own : typeof globalTag === 'string' && !globalTag.includes('{{') ? globalTag : version);
      const { repository: repo, tag } = parseImage(image);
      if (!repo.startsWith(`${repository}/`)) return `${image} is not from ${repository}`;
      if ((tag ?? '').split('@')[0] !== expected.split('@')[0]) return `${repo.slice(repository.length + 1)}:${tag ?? 'latest'}, designed ${expected.split('@')[0]}`;
      return undefined;
    },
    migrator: migratorOff ? { runs: false, why: 'migrator disabled in the design’s values: the release runs no migrations (as designed)' } : { runs: true, why: '' },
    store: (key) => {
      const spec = (CHART_WORKLOADS[version] ?? []).find((s) => s.key === key);
      if (!spec) return undefined;
      const name = spec.nameKey ? valueAt(effective(), spec.nameKey) : undefined;
      return { kinds: [spec.kind], name: typeof name === 'string' && name !== '' ? name : spec.defaultName };
    },
    storeValuesProblem: (release, key) => {
      const enabled = valueAt(release.values as Record<string, unknown>, `${key}.enabled`);
      return enabled === false ? undefined : `the release's values do not disable ${key} (${key}.enabled is ${JSON.stringify(enabled ?? 'unset: the chart default, true')})`;
    },
    connectionApps: () => ['frontend', 'worker'],
    uploadEnvPrefixes: uploadStoreWiring(version).envPrefixes,
    uploadStoreConsumers: uploadStoreWiring(version).consumers,
    simulate: (d) => simulateCapacity(d, values),
  };
}

/** The pod template's containers of each workload of the manifests, by workload name. */
function renderedContainers(render: KustomizeRender): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const o of render.replica?.objects ?? []) {
    if (!['Deployment', 'StatefulSet', 'DaemonSet'].includes(o.kind)) continue;
    const spec = (o.spec as { template?: { spec?: { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[] } } } | undefined)?.template?.spec;
    const images = new Map<string, string>();
    for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) if (typeof c.image === 'string') images.set(c.name, c.image);
    out.set(o.metadata.name, images);
  }
  return out;
}

function kustomizeExpectations({ design, assessment }: Pick<CheckInput, 'design' | 'assessment'>): ReleaseExpectations {
  const version = design.sourcegraph.version;
  const render = assessment.kustomize;
  if (!render?.replica) throw new Error(`verify: the assessment of Kustomize design '${design.name}' holds no rendered manifests`);
  const images = renderedContainers(render);
  const frontend = assessment.capacity.workloads.find((w) => w.key === 'frontend');
  const migrates = frontend?.initContainers.some((c) => c.name === 'migrator') ?? false;
  return {
    chart: `chart ${GENERATED_CHART_NAME} ${version}-sgr.* (deploy-sourcegraph-k8s ${version}, the overlay ${design.sourcegraph.overlay?.path ?? ''} rendered with kubectl kustomize)`,
    chartProblems: (name, installed) => [
      ...(name !== GENERATED_CHART_NAME ? [`chart ${name}, designed ${GENERATED_CHART_NAME} (the rendered Kustomize manifests)`] : []),
      ...(!installed.startsWith(`${version}-sgr.`) ? [`chart version ${installed}, designed ${version}-sgr.<digest of the manifests>`] : []),
    ],
    imagesFrom: `the rendered manifests (${design.sourcegraph.overlay?.path ?? 'the overlay'})`,
    imageProblem: (w, container, image) => {
      const rendered = images.get(w.name)?.get(container);
      if (rendered === undefined) return undefined;
      const want = parseImage(rendered);
      const got = parseImage(image);
      if (got.repository !== want.repository) return `${image} is not the rendered ${want.repository}`;
      if ((got.tag ?? 'latest') !== (want.tag ?? 'latest')) return `${got.repository.split('/').pop()}:${got.tag ?? 'latest'}, rendered ${want.tag ?? 'latest'}`;
      return undefined;
    },
    migrator: migrates ? { runs: true, why: '' } : { runs: false, why: 'the rendered frontend has no migrator init container: the release runs no migrations (as rendered)' },
    // A store may run as either kind (the release's components/services/pgsql makes pgsql a Deployment).
    store: (key) => {
      const name = render.release.services[key]?.workload;
      return name ? { kinds: ['StatefulSet', 'Deployment'], name } : undefined;
    },
    // The generated chart's values hold only the deploy-time values; the stores' absence is judged on the cluster.
    storeValuesProblem: () => undefined,
    // The release's worker has no PG* env (base/sourcegraph/worker/worker.Deployment.yaml): only frontend reads the databases.
    connectionApps: (service) => (service === 'postgres' ? ['frontend'] : ['frontend', 'worker']),
    uploadEnvPrefixes: render.release.uploadStoreEnvPrefixes,
    uploadStoreConsumers: render.release.uploadStoreConsumers,
    simulate: (d) => simulateWorkloads(d, assessment.capacity.workloads, { version }),
  };
}

const EXPECTATIONS: Readonly<Record<DeploymentMethod, (input: Pick<CheckInput, 'design' | 'assessment'>) => ReleaseExpectations>> = {
  helm: helmExpectations,
  kustomize: kustomizeExpectations,
};

/**
 * What verify expects of `input.design`'s release.
 *
 * @throws Error for a Kustomize design whose assessment holds no render (an
 *   assessment made by `assessDesign` always does).
 */
export function releaseExpectations(input: Pick<CheckInput, 'design' | 'assessment'>): ReleaseExpectations {
  return EXPECTATIONS[input.design.sourcegraph.method](input);
}
