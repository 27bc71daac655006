import { looksRemote, parseReference, releaseUrl } from '../../lib/kustomize/remote-reference';

describe('parseReference', () => {
  const release = (path: string, ref?: string) => ({ kind: 'release', repository: 'sourcegraph/deploy-sourcegraph-k8s', fork: false, path, ...(ref ? { ref } : {}) });

  it.each([
    ['https://github.com/sourcegraph/deploy-sourcegraph-k8s/base/sourcegraph?ref=v7.2.1943'],
    ['https://github.com/sourcegraph/deploy-sourcegraph-k8s.git/base/sourcegraph?ref=v7.2.1943'],
    ['https://github.com/sourcegraph/deploy-sourcegraph-k8s//base/sourcegraph?ref=v7.2.1943'],
    ['github.com/sourcegraph/deploy-sourcegraph-k8s/base/sourcegraph?ref=v7.2.1943'],
    ['git::https://github.com/sourcegraph/deploy-sourcegraph-k8s//base/sourcegraph?ref=v7.2.1943'],
    ['git@github.com:sourcegraph/deploy-sourcegraph-k8s.git/base/sourcegraph?ref=v7.2.1943'],
    ['ssh://git@github.com/sourcegraph/deploy-sourcegraph-k8s.git/base/sourcegraph?ref=v7.2.1943'],
    ['https://github.com/sourcegraph/deploy-sourcegraph-k8s/base/sourcegraph?version=v7.2.1943&timeout=90s'],
  ])('reads %s as base/sourcegraph of the release at v7.2.1943', (entry) => {
    expect(parseReference(entry)).toEqual(release('base/sourcegraph', 'v7.2.1943'));
  });

  it('keeps an unpinned reference unpinned, and tells a fork', () => {
    expect(parseReference('https://github.com/sourcegraph/deploy-sourcegraph-k8s/components/sizes/s')).toEqual(release('components/sizes/s'));
    expect(parseReference('https://github.com/acme/deploy-sourcegraph-k8s/components/sizes/s?ref=v7.2.1943')).toMatchObject({ kind: 'release', repository: 'acme/deploy-sourcegraph-k8s', fork: true, path: 'components/sizes/s' });
  });

  it('leaves local paths and other remotes alone', () => {
    expect(parseReference('../../components/sizes/s')).toEqual({ kind: 'local', path: '../../components/sizes/s' });
    expect(parseReference('patches/x.yaml')).toEqual({ kind: 'local', path: 'patches/x.yaml' });
    expect(parseReference('https://github.com/kubernetes/ingress-nginx/deploy/static/provider/aws?ref=controller-v1.5.1')).toEqual({ kind: 'remote', url: 'https://github.com/kubernetes/ingress-nginx/deploy/static/provider/aws?ref=controller-v1.5.1' });
    expect(parseReference('https://example.com/deploy-sourcegraph-k8s/base?ref=v1')).toMatchObject({ kind: 'remote' });
    // A path that climbs back out of the repository is not the release.
    expect(parseReference('https://github.com/sourcegraph/deploy-sourcegraph-k8s/../other/x?ref=v7.2.1943')).toMatchObject({ kind: 'remote' });
  });

  it('tells remote from local as kustomize does', () => {
    expect(looksRemote('github.com/x/y')).toBe(true);
    expect(looksRemote('git@github.com:x/y.git')).toBe(true);
    expect(looksRemote('./github.com/x')).toBe(false);
    expect(looksRemote('base')).toBe(false);
  });

  it('writes the remote form Sourcegraph documents', () => {
    expect(releaseUrl('components/sizes/s', 'v7.2.1943')).toBe('https://github.com/sourcegraph/deploy-sourcegraph-k8s/components/sizes/s?ref=v7.2.1943');
  });
});
