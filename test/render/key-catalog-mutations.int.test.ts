/**
 * The key catalog, proven by the renderer: a sample of the keys the catalog
 * accepts, each set to a value of its shape that differs from the chart's
 * default, changes what the real chart renders (or makes helm refuse the
 * value, which also shows the chart reads it). A key that changes nothing
 * would be a catalog false positive. Keys that act only with another key
 * set are mutated over that key (`mutationContext`).
 *
 * SG_REPLICA_MUTATE_ALL=1 mutates every accepted key instead of the sample
 * (about a minute per chart version).
 */
import { chartKeyCatalog } from '../../lib/chart/key-catalog';
import { locateChart } from '../../lib/render/charts';
import { helmTemplate } from '../../lib/render/helm-template';
import { locateTool } from '../../lib/render/tools';
import { HelmValues, mergeValues } from '../../lib/helm/merge-values';
import { CatalogLeaf, catalogLeaves, chartValues, layerAt, mutationContext, mutationValue, RENDER_EXEMPT } from '../support/key-mutations';

const SAMPLE = 40;
const all = process.env.SG_REPLICA_MUTATE_ALL === '1';

describe.each(['7.6.0', '6.12.5040'])('chart %s', (version) => {
  const catalog = chartKeyCatalog(version)!;
  const leaves = catalogLeaves(catalog).filter((leaf) => RENDER_EXEMPT[leaf.path[0]] === undefined);
  // A deterministic spread over the whole catalog (every n-th key), plus the keys issue 12 was about.
  const stride = Math.max(1, Math.floor(leaves.length / SAMPLE));
  const named = ['frontend.priorityClassName', 'sourcegraph.priorityClassName', 'frontend.image.tag', 'gitserver.storageSize', 'searcher.env'];
  const sample = all ? leaves : leaves.filter((leaf, i) => i % stride === 0 || named.includes(leaf.path.join('.')));
  const outcome = new Map<string, 'changed' | 'refused' | 'unchanged'>();

  beforeAll(async () => {
    const helm = locateTool('helm').path;
    const chart = locateChart('sourcegraph', version, { helm });
    const defaults = chartValues(chart.dir);
    const render = async (values: HelmValues) => {
      try {
        return JSON.stringify((await helmTemplate({ helm, chartDir: chart.dir, releaseName: 'sourcegraph', namespace: 'sourcegraph', values, kubeVersion: '1.33' })).objects);
      } catch {
        return undefined;
      }
    };
    const bases = new Map<string, Promise<string | undefined>>();
    const baseFor = (context: HelmValues) => {
      const id = JSON.stringify(context);
      if (!bases.has(id)) bases.set(id, render(context));
      return bases.get(id)!;
    };
    let next = 0;
    const worker = async () => {
      while (next < sample.length) {
        const leaf: CatalogLeaf = sample[next++];
        const context = mutationContext(leaf);
        const base = await baseFor(context);
        if (base === undefined) throw new Error(`chart ${version} does not render with the context of ${leaf.path.join('.')}: ${JSON.stringify(context)}`);
        const mutated = await render(mergeValues(context, layerAt(leaf.path, mutationValue(leaf, mergeValues(defaults, context)))));
        outcome.set(leaf.path.join('.'), mutated === undefined ? 'refused' : mutated === base ? 'unchanged' : 'changed');
      }
    };
    await Promise.all([worker(), worker()]);
  }, all ? 600_000 : 120_000);

  it('samples keys from all over the catalog, the ones issue 12 named included', () => {
    expect(sample.length).toBeGreaterThanOrEqual(all ? leaves.length : SAMPLE);
    expect(new Set(sample.map((l) => l.path[0])).size).toBeGreaterThan(10);
    for (const key of named) expect(sample.map((l) => l.path.join('.'))).toContain(key);
  });

  it('every sampled key changes the render (or helm refuses the value)', () => {
    const unchanged = [...outcome].filter(([, o]) => o === 'unchanged').map(([key]) => key);
    expect(unchanged).toEqual([]);
    expect([...outcome.values()].filter((o) => o === 'changed').length).toBeGreaterThan(sample.length * 0.8);
  });
});
