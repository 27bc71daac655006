import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IN_CLUSTER_STORES, KUSTOMIZE_RELEASES, KUSTOMIZE_RELEASE_VERSIONS, kustomizeRelease, serviceOfWorkload, storeObjectNames } from '../../lib/kustomize/releases';
import { referenceRelease } from '../support/kustomize';

describe('kustomize releases', () => {
  it('knows v7.2.1943, with or without the v, and refuses others by name', () => {
    expect(KUSTOMIZE_RELEASE_VERSIONS).toEqual(['7.2.1943']);
    // the catalog validation reads lists exactly the releases with data
    expect(Object.keys(KUSTOMIZE_RELEASES)).toEqual(KUSTOMIZE_RELEASE_VERSIONS);
    expect(kustomizeRelease('v7.2.1943').tag).toBe('v7.2.1943');
    expect(() => kustomizeRelease('7.1.0')).toThrow('No data for deploy-sourcegraph-k8s release 7.1.0 (known: 7.2.1943)');
  });

  it('names every store of every external service', () => {
    const release = kustomizeRelease('7.2.1943');
    expect(storeObjectNames(release, 'postgres')).toEqual(['pgsql', 'pgsql', 'pgsql-conf', 'codeintel-db', 'codeintel-db', 'codeintel-db-conf', 'codeinsights-db', 'codeinsights-db', 'codeinsights-db-conf']);
    expect(IN_CLUSTER_STORES.redis).toEqual(['redisCache', 'redisStore']);
    expect(serviceOfWorkload(release, 'sourcegraph-frontend')?.key).toBe('frontend');
  });

  it("matches the release's own tree: each workload exists, upload env prefix in use", () => {
    const { dir } = referenceRelease();
    const release = kustomizeRelease('7.2.1943');
    const manifests = (service: string) => {
      const found: string[] = [];
      const walk = (d: string) => {
        for (const e of require('node:fs').readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory()) walk(join(d, e.name));
          else if (/\.(Deployment|StatefulSet|DaemonSet)\.yaml$/.test(e.name)) found.push(readFileSync(join(d, e.name), 'utf8'));
        }
      };
      walk(join(dir, 'base'));
      return found.filter((text) => new RegExp(`^  name: ${service}$`, 'm').test(text));
    };
    for (const s of Object.values(release.services)) {
      if (['otel-collector', 'otel-agent', 'jaeger'].includes(s.workload)) continue; // not in base/ at this release (components/monitoring/otel)
      expect({ workload: s.workload, found: manifests(s.workload).length }).toEqual({ workload: s.workload, found: 1 });
    }
    expect(readFileSync(join(dir, 'base/sourcegraph/worker/worker.Deployment.yaml'), 'utf8')).toContain(`${release.uploadStoreEnvPrefixes[0]}BACKEND`);
    expect(readFileSync(join(dir, 'base/sourcegraph/frontend/sourcegraph-frontend.ConfigMap.yaml'), 'utf8')).toContain(`name: ${release.frontendEnvConfigMap}`);
    expect(existsSync(join(dir, 'components/monitoring/otel'))).toBe(true);
  });
});
