/**
 * What an entry of a kustomization's `resources`, `components` or `bases`
 * refers to: a path on disk, Sourcegraph's Kustomize repository (or a fork
 * of it) at some ref, or another remote. Pure.
 *
 * Remote forms kustomize accepts (kustomize `api/internal/git/repospec.go`
 * and the "remote targets" section of its docs), all understood here:
 *
 *   https://github.com/sourcegraph/deploy-sourcegraph-k8s/base/sourcegraph?ref=v7.2.1943
 *   https://github.com/sourcegraph/deploy-sourcegraph-k8s.git/base/sourcegraph?ref=v7.2.1943
 *   https://github.com/sourcegraph/deploy-sourcegraph-k8s//base/sourcegraph?ref=v7.2.1943
 *   github.com/sourcegraph/deploy-sourcegraph-k8s/base/sourcegraph?ref=v7.2.1943
 *   git::https://github.com/sourcegraph/deploy-sourcegraph-k8s//base/sourcegraph?ref=v7.2.1943
 *   git@github.com:sourcegraph/deploy-sourcegraph-k8s.git/base/sourcegraph?ref=v7.2.1943
 *   ssh://git@github.com/sourcegraph/deploy-sourcegraph-k8s.git/base/sourcegraph?ref=v7.2.1943
 *
 * (`version=` is read as `ref=`, as kustomize does.) Sourcegraph's docs use
 * the first form (`kubectl kustomize https://github.com/sourcegraph/deploy-sourcegraph-k8s/examples/...?ref=v5.0.0`).
 */
import { KUSTOMIZE_REPOSITORY_NAME, KUSTOMIZE_REPOSITORY_PATH } from './releases';

/** A reference, classified. */
export type KustomizeReference =
  | { readonly kind: 'local'; readonly path: string }
  | {
      readonly kind: 'release';
      /** `owner/name` on the host, e.g. `sourcegraph/deploy-sourcegraph-k8s` or a fork `acme/deploy-sourcegraph-k8s`. */
      readonly repository: string;
      /** True for a repository other than Sourcegraph's own (a fork). */
      readonly fork: boolean;
      /** Path inside the repository, `/`-separated, no leading or trailing slash (`''` for the root). */
      readonly path: string;
      /** The `ref` (or `version`) query parameter; undefined when the reference is not pinned. */
      readonly ref?: string;
    }
  | { readonly kind: 'remote'; readonly url: string };

const HOSTS = ['github.com', 'gitlab.com', 'bitbucket.org'];

/** True for what kustomize would fetch over the network rather than read from disk. */
export function looksRemote(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || entry.startsWith('git::') || /^[\w.-]+@[\w.-]+:/.test(entry) || HOSTS.some((h) => entry.startsWith(`${h}/`));
}

/** Splits `?ref=...&timeout=...` off; `version=` counts as `ref=`. */
function splitQuery(url: string): { base: string; ref?: string } {
  const q = url.indexOf('?');
  if (q < 0) return { base: url };
  const params = new URLSearchParams(url.slice(q + 1));
  const ref = params.get('ref') ?? params.get('version') ?? undefined;
  return { base: url.slice(0, q), ...(ref ? { ref } : {}) };
}

/** Classifies one `resources` / `components` / `bases` entry. */
export function parseReference(entry: string): KustomizeReference {
  if (!looksRemote(entry)) return { kind: 'local', path: entry };
  const { base, ref } = splitQuery(entry.replace(/^git::/, ''));
  // host + path: strip the scheme and any user (git@), turn `host:owner` (scp form) into `host/owner`.
  let rest = base.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[\w.-]+@/, '');
  rest = rest.replace(/^([\w.-]+):(?!\d)/, '$1/');
  const slash = rest.indexOf('/');
  const host = slash < 0 ? rest : rest.slice(0, slash);
  if (host.toLowerCase() !== 'github.com') return { kind: 'remote', url: entry };
  const segments = rest.slice(slash + 1).split('/');
  if (segments.length < 2) return { kind: 'remote', url: entry };
  const owner = segments[0];
  const repoSegment = segments[1];
  const repoName = repoSegment.replace(/\.git$/, '');
  if (repoName !== KUSTOMIZE_REPOSITORY_NAME) return { kind: 'remote', url: entry };
  const repository = `${owner}/${repoName}`;
  // The path after the repository; `//` (explicit separator) and `.git/` both end the repository part.
  const path = segments
    .slice(2)
    .filter((s) => s !== '')
    .join('/');
  if (path.split('/').some((s) => s === '..')) return { kind: 'remote', url: entry };
  return { kind: 'release', repository, fork: repository.toLowerCase() !== KUSTOMIZE_REPOSITORY_PATH, path, ...(ref ? { ref } : {}) };
}

/** The remote form of a release path, as Sourcegraph's docs write it, for messages. */
export function releaseUrl(path: string, tag: string): string {
  return `https://github.com/${KUSTOMIZE_REPOSITORY_PATH}/${path}?ref=${tag}`;
}
