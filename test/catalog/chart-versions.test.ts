/** The chart version registry: every registered version has all its data, and all data is registered. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCEGRAPH_CHART_VERSIONS, SOURCEGRAPH_CHARTS, sourcegraphChart } from '../../lib/catalog/chart-versions';
import { checkValueKeys } from '../../lib/chart/check-value-keys';
import { chartKeyCatalog } from '../../lib/chart/key-catalog';
import type { SourcegraphSize } from '../../lib/design/model';
import { chartDefaults } from '../../lib/sizing/chart-defaults';
import { WORKLOAD_MODELS } from '../../lib/sizing/data/chart-workloads';
import { SIZE_PRESETS } from '../../lib/sizing/data/size-presets';
import { sizePresetValues } from '../../lib/sizing/size-presets';
import { renderWorkloads } from '../../lib/sizing/workloads';

const root = join(__dirname, '..', '..');
const versionsIn = (dir: string, pattern: RegExp) =>
  readdirSync(join(root, dir))
    .map((file) => pattern.exec(file)?.[1])
    .filter((v): v is string => v !== undefined)
    .sort();

describe('the chart version registry', () => {
  it('lists each version once, newest first', () => {
    expect(SOURCEGRAPH_CHART_VERSIONS).toEqual(['7.6.0', '6.12.5040']);
    expect(new Set(SOURCEGRAPH_CHART_VERSIONS).size).toBe(SOURCEGRAPH_CHARTS.length);
  });

  it('finds entries by version, and nothing for other strings', () => {
    expect(sourcegraphChart('7.6.0')).toEqual({ version: '7.6.0', structure: 'since-6.4' });
    for (const other of ['5.0.0', 'constructor', '__proto__', '../../etc/passwd', '']) expect(sourcegraphChart(other)).toBeUndefined();
  });

  it('has a key catalog and chart defaults for every registered version, and no data file without an entry', () => {
    const registered = [...SOURCEGRAPH_CHART_VERSIONS].sort();
    expect(versionsIn(join('lib', 'chart', 'data'), /^sourcegraph-(.+)-keys\.json$/)).toEqual(registered);
    expect(versionsIn(join('lib', 'sizing', 'data'), /^chart-defaults-(.+)\.json$/)).toEqual(registered);
  });

  it.each(SOURCEGRAPH_CHART_VERSIONS)('%s: its data loads, its workloads render, and its size presets name only keys its chart reads', (version) => {
    expect(chartKeyCatalog(version)?.version).toBe(version);
    expect(chartDefaults(version).frontend).toBeDefined();
    expect(WORKLOAD_MODELS[sourcegraphChart(version)!.structure].length).toBeGreaterThan(10);
    expect(renderWorkloads({}, version).map((w) => w.name)).toContain('sourcegraph-frontend');
    for (const size of Object.keys(SIZE_PRESETS) as SourcegraphSize[]) {
      expect(checkValueKeys(sizePresetValues(size, version), version).filter((p) => p.severity === 'error')).toEqual([]);
    }
  });
});
