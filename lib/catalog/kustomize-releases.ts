/**
 * The releases of Sourcegraph's Kustomize repository
 * (`sourcegraph/deploy-sourcegraph-k8s`) sg-replica has data for: the
 * versions a design with `sourcegraph.method: kustomize` may name. Plain
 * data, so validation checks a design's version without loading the
 * Kustomize code; each release's facts (workload names, upload store
 * environment) are in lib/kustomize/releases.ts, and
 * test/kustomize/releases.test.ts fails when the two lists differ.
 */

/** Versions sg-replica knows, newest first. v7.2.1943 is the repository's last release (Kustomize is planned for deprecation in favour of Helm). */
export const KUSTOMIZE_RELEASE_VERSIONS: readonly string[] = ['7.2.1943'];

/** File names kustomize reads as a directory's kustomization, in its order. */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
