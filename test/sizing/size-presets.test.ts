import { sizePresetValues } from '../../lib/sizing/size-presets';
import { renderWorkloads } from '../../lib/sizing/workloads';

describe('sizePresetValues', () => {
  test('maps Kustomize containers to Helm keys (zoekt-indexserver is indexedSearchIndexer)', () => {
    const v = sizePresetValues('S', '7.6.0') as any;
    expect(v.indexedSearch.resources.limits).toEqual({ cpu: '6', memory: '24G' });
    expect(v.indexedSearchIndexer.resources.limits).toEqual({ cpu: '6', memory: '16G' });
    expect(v.codeInsightsDB.resources.limits).toEqual({ cpu: '4', memory: '2G' });
    expect(v.frontend).toMatchObject({ replicaCount: 2, resources: { limits: { cpu: '4', memory: '8G', 'ephemeral-storage': '8Gi' } } });
    expect(v.searcher.env).toEqual({ USE_ROCKSKIP: { value: 'true' }, ROCKSKIP_MIN_REPO_SIZE_MB: { value: '1000' } });
    expect(v.symbols).toBeUndefined();
  });

  test('keeps chart requests, lowering only those above the new limit', () => {
    const v = sizePresetValues('S', '7.6.0') as any;
    expect(v.gitserver.resources.requests).toBeUndefined();
    expect(v.redisCache.resources.requests).toEqual({ memory: '2Gi' });
    expect(v.codeInsightsDB.resources.requests).toEqual({ memory: '2G' });
    for (const w of renderWorkloads(v, '7.6.0')) {
      for (const c of w.containers) {
        if (c.limits.cpuMillis !== undefined) expect(c.requests.cpuMillis!).toBeLessThanOrEqual(c.limits.cpuMillis);
        if (c.limits.memoryBytes !== undefined) expect(c.requests.memoryBytes!).toBeLessThanOrEqual(c.limits.memoryBytes);
      }
    }
  });

  test('scales replicas out at L and XL', () => {
    expect((sizePresetValues('L', '7.6.0') as any).indexedSearch.replicaCount).toBe(2);
    const xl = sizePresetValues('XL', '7.6.0') as any;
    expect([xl.gitserver.replicaCount, xl.indexedSearch.replicaCount, xl.searcher.replicaCount]).toEqual([2, 3, 2]);
    expect(xl.pgsql.resources.limits).toEqual({ cpu: '8', memory: '32G' });
  });

  test('L keeps the later of its two searcher patches (4 CPU / 4G)', () => {
    expect((sizePresetValues('L', '7.6.0') as any).searcher.resources.limits).toEqual({ cpu: '4', memory: '4G' });
  });

  test('refuses a chart version without a mapping', () => {
    expect(() => sizePresetValues('S', '6.3.0')).toThrow(/No size preset mapping for sourcegraph chart 6\.3\.0/);
  });
});
