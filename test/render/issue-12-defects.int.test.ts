/**
 * The defects a render review found (issue 12), each shown with the real
 * chart: what the key catalog now rejects changes nothing in the render or
 * breaks it, and what it now accepts is read. The render checks catch the
 * values that break a release.
 */
import { renderAndCheck } from '../../lib/render/check-release';
import { locateChart } from '../../lib/render/charts';
import { helmTemplate } from '../../lib/render/helm-template';
import { locateTool } from '../../lib/render/tools';
import { designHelmValues } from '../../lib/sourcegraph/design-values';
import { HelmValues, mergeValues } from '../../lib/helm/merge-values';
import { awsDesign } from '../support/design-fixture';

jest.setTimeout(60_000);

const helm = () => locateTool('helm').path;

async function render(version: string, values: HelmValues): Promise<string> {
  const chart = locateChart('sourcegraph', version, { helm: helm() });
  return JSON.stringify((await helmTemplate({ helm: helm(), chartDir: chart.dir, releaseName: 'sourcegraph', namespace: 'sourcegraph', values, kubeVersion: '1.33' })).objects);
}

async function findings(values: HelmValues, version = '7.6.0', diskType: 'gp3' | 'io2' = 'gp3') {
  const design = awsDesign({ sourcegraph: { version, ingress: 'none' }, storage: { diskType } });
  const result = await renderAndCheck(design, { helm: helm(), values: mergeValues(designHelmValues(design), values) });
  return result.findings.filter((f) => f.severity === 'error').map((f) => `${f.check}: ${f.object ?? ''}: ${f.message}`);
}

describe('keys the chart ignores: the render does not change', () => {
  test.each([
    ['7.6.0', { alpine: { nodeSelector: { a: 'b' }, tolerations: [{ key: 'k', operator: 'Exists' }] } }],
    ['7.6.0', { migrator: { nodeSelector: { a: 'b' }, serviceAccount: { create: true, name: 'm' } } }],
    ['7.6.0', { postgresExporter: { nodeSelector: { a: 'b' } }, redisExporter: { tolerations: [{ key: 'k', operator: 'Exists' }] } }],
    ['7.6.0', { indexedSearchIndexer: { nodeSelector: { a: 'b' }, serviceAccount: { create: true, name: 'i' } } }],
    ['7.6.0', { sourcegraph: { serviceLabels: { team: 'x' }, nameOverride: 'other' } }],
    ['6.12.5040', { frontend: { image: { repository: 'registry.example.com/sg' } } }],
    ['7.6.0', { sourcegraph: { image: { defaultTag: '9.9.9' } } }],
  ])('chart %s: %j', async (version, values) => {
    expect(await render(version, values)).toBe(await render(version, {}));
  });
});

describe('keys the catalog rejected but the chart reads: the render changes', () => {
  test('frontend.priorityClassName (and frontend.image.repository on 7.6.0)', async () => {
    const base = await render('7.6.0', {});
    expect(await render('7.6.0', { frontend: { priorityClassName: 'high' } })).not.toBe(base);
    expect(await render('7.6.0', { frontend: { image: { repository: 'registry.example.com/sg' } } })).not.toBe(base);
    expect(await render('7.6.0', { sourcegraph: { image: { defaultTag: '9.9.9', useGlobalTagAsDefault: true } } })).not.toBe(base);
  });
});

describe('values of the wrong shape: the render tier fails', () => {
  test('extraResources as a map: helm warns that it skips it (Not a table)', async () => {
    const design = awsDesign({ sourcegraph: { ingress: 'none' } });
    const values = mergeValues(designHelmValues(design), { extraResources: { a: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } } } });
    const result = await renderAndCheck(design, { helm: helm(), values });
    expect(result.findings.filter((f) => f.severity === 'warning').map((f) => f.message)).toEqual([expect.stringMatching(/^helm: warning: skipped value for .*extraResources: Not a table/)]);
  });

  test('grafana 2Gi on io2 is below the volume minimum', async () => {
    expect(await findings({ grafana: { storageSize: '2Gi' } }, '7.6.0', 'io2')).toEqual([
      'volumes: StatefulSet/grafana volumeClaimTemplate grafana-data: requests "2Gi"; a io2 volume is at least 4 GiB, so it would never provision',
    ]);
  });

  test('gitserver.storageSize: 500 is 500 bytes', async () => {
    expect(await findings({ gitserver: { storageSize: 500 } })).toEqual([
      'volumes: StatefulSet/gitserver volumeClaimTemplate repos: requests 500; a gp3 volume is at least 1 GiB, so it would never provision',
    ]);
  });

  test.each([
    ['searcher.env.X: "false"', { searcher: { env: { X: 'false' } } }],
    ['frontend.env as a list', { frontend: { env: [{ name: 'A', value: 'b' }] } }],
    ['frontend.ingress.annotations as a list', { frontend: { ingress: { enabled: true, annotations: ['a=b'] } } }],
  ])('%s: helm refuses it or renders invalid objects', async (_name, values) => {
    const errors = await findings(values);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => /^(render|schema): /.test(e))).toBe(true);
  });
});
