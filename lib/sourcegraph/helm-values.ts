/**
 * The final Helm values of a replica's Sourcegraph release. Pure: no cdktf.
 */
import { Design } from '../design/model';
import { HelmValues, isValuesMap, mergeValues } from './merge-values';
import { ReplicaValuesContext, replicaValues, storageClassValues } from './replica-values';

/**
 * The values the Sourcegraph release is installed with, merged with Helm's
 * rules (`mergeValues`), later layers winning:
 *
 * 1. what sg-replica generates from the design (`replicaValues`);
 * 2. the customer's override files, in the order the design lists them;
 * 3. `storageClass: {create: false, name: <ours>}` again: production
 *    override files usually create the chart's StorageClass (the AWS example
 *    does) or name the production cluster's class. In the replica either one
 *    breaks the install (a second class named like ours fails `helm install`;
 *    a class that does not exist leaves every volume Pending), so the
 *    replica's class wins over the override files;
 * 4. the design's inline `sourcegraph.values`, applied last: the replica
 *    engineer's deliberate word, which may override even step 3.
 *
 * @throws Error naming the override file whose document is not a map.
 */
export function sourcegraphHelmValues(design: Design, context: ReplicaValuesContext): HelmValues {
  const sg = design.sourcegraph;
  sg.overrides.forEach((file) => {
    if (!isValuesMap(file.values)) {
      throw new Error(`Helm override file '${file.path}' must be a map of values at the top level`);
    }
  });
  if (!isValuesMap(sg.values)) {
    throw new Error(`sourcegraph.values of design '${design.name}' must be a map of Helm values`);
  }
  return mergeValues(
    replicaValues(design, context),
    ...sg.overrides.map((file) => file.values),
    storageClassValues(context.storageClassName),
    sg.values,
  );
}
