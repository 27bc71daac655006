/**
 * The final Helm values of a replica's Sourcegraph release. Pure: no cdktf.
 */
import { Design } from '../design/model';
import { chartDefaults } from '../sizing/chart-defaults';
import { codebaseStorageValues } from '../sizing/codebase';
import { sizePresetValues } from '../sizing/size-presets';
import { minimumVolumeValues } from '../sizing/volume-minimums';
import { daemonSetTolerationValues } from './daemonset-tolerations';
import { HelmValues, isValuesMap, mergeValues } from '../helm/merge-values';
import { ReplicaValuesContext, replicaValues, storageClassValues } from './replica-values';
import { holdsCdktfToken } from '../terraform/terraform-literal';
import { leafPaths, replacesPath, valueAt, ValuesPath } from './values-documents';

/** What the final values depend on besides the design. */
export interface HelmValuesContext extends ReplicaValuesContext {
  /**
   * The values that point Sourcegraph at the replica's external Postgres,
   * Redis and object storage (`externalServicesValues`), when the design has any.
   * @default {} (everything in the cluster)
   */
  readonly externalServices?: Readonly<HelmValues>;
}

/**
 * The values the Sourcegraph release is installed with, merged with Helm's
 * rules (`mergeValues`: maps deep-merge, lists and scalars replace, `null`
 * removes), later layers winning. The chart's own defaults lie under all of
 * them (Helm applies them).
 *
 * 1. what sg-replica generates from the design (`replicaValues`: storage
 *    class, ingress);
 * 2. the size preset of `sourcegraph.size` for the chart version
 *    (`sizePresetValues`: limits and replica counts Sourcegraph publishes);
 * 3. volume sizes from `sourcegraph.codebase`, when given
 *    (`codebaseStorageValues`);
 * 4. volumes below the disk type's minimum raised to it
 *    (`minimumVolumeValues`: e.g. grafana's 2Gi on io2, whose minimum is 4 GiB);
 * 5. the external-service wiring (databases, Redis, object storage off in the
 *    cluster and pointed at the managed services);
 * 6. the customer's override files, in the order the design lists them;
 * 7. what the replica cannot do without, again: our StorageClass (production
 *    override files usually create the chart's class or name production's;
 *    either breaks the replica), tolerations for every taint of the design on
 *    the chart's node-level DaemonSets (`daemonSetTolerationValues`, added to
 *    what the layers so far give them) and the external-service wiring (a
 *    production override naming production endpoints or secrets must not win);
 * 8. the design's inline `sourcegraph.values`, applied last: the replica
 *    engineer's deliberate word, which may override even step 7.
 *
 * @throws Error naming the override file whose document is not a map.
 */
export function sourcegraphHelmValues(design: Design, context: HelmValuesContext): HelmValues {
  const sg = design.sourcegraph;
  sg.overrides.forEach((file) => {
    if (!isValuesMap(file.values)) {
      throw new Error(`Helm override file '${file.path}' must be a map of values at the top level`);
    }
  });
  if (!isValuesMap(sg.values)) {
    throw new Error(`sourcegraph.values of design '${design.name}' must be a map of Helm values`);
  }
  const preset = sizePresetValues(sg.size, sg.version);
  const codebase = sg.codebase ? codebaseStorageValues(sg.codebase, mergeValues(chartDefaults(sg.version), preset)) : {};
  const minimums = minimumVolumeValues(mergeValues(chartDefaults(sg.version), preset, codebase), design.storage.diskType, sg.version);
  const external = context.externalServices ?? {};
  const upToOverrides = mergeValues(
    replicaValues(design, context),
    preset,
    codebase,
    minimums,
    external,
    ...sg.overrides.map((file) => file.values),
    storageClassValues(context.storageClassName),
  );
  const tolerations = daemonSetTolerationValues(design, mergeValues(chartDefaults(sg.version), upToOverrides));
  return mergeValues(upToOverrides, tolerations, external, sg.values);
}

/**
 * Where the final values hold references to other resources rather than
 * literals: the leaves of the external-service wiring (the only layer built
 * from other resources' attributes) that hold a cdktf token and that the
 * design's inline values do not replace. `SourcegraphRelease` passes everything else to Terraform as
 * literal text (see values-documents.ts).
 */
export function sourcegraphReferencePaths(design: Design, context: HelmValuesContext): ValuesPath[] {
  const external = context.externalServices ?? {};
  return leafPaths(external).filter((path) => holdsCdktfToken(valueAt(external, path)) && !replacesPath(design.sourcegraph.values, path));
}
