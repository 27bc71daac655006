import { spawnSync } from 'child_process';
import { readdirSync } from 'fs';
import { join } from 'path';
import { assessDesign } from '../../lib/assessment/assess-design';
import { loadDesign } from '../../lib/checks/check-design';
import { replicaMetadata } from '../../lib/replica/metadata';
import { renderReport } from '../../lib/report/render-report';

const EXAMPLES = readdirSync('examples/designs').filter((f) => f.endsWith('.yaml') && !f.endsWith('-override.yaml'));

function reportOf(file: string) {
  const design = loadDesign(`examples/designs/${file}`);
  const assessment = assessDesign(design);
  const { capacity, cost } = assessment;
  const metadata = replicaMetadata(design, new Date('2026-11-27T00:00:00Z'));
  return { design, capacity, cost, report: renderReport({ design, metadata, ...assessment }) };
}

describe('renderReport of the example designs', () => {
  test('there are example designs', () => {
    expect(EXAMPLES).toEqual(expect.arrayContaining(['acme-prod.yaml', 'globex-search.yaml', 'initech-minimal.yaml']));
  });

  test.each(EXAMPLES)('%s', (file) => {
    const { report } = reportOf(file);
    expect(report.markdown).toMatchSnapshot();
    expect(report.summary).toMatchSnapshot();
  });

  test('acme-prod: fits, with the override file applied and a dated cost', () => {
    const { capacity, cost, report } = reportOf('acme-prod.yaml');
    expect(capacity.outcome).toBe('ok');
    expect(capacity.workloads.find((w) => w.name === 'sourcegraph-frontend')!.replicas).toBe(3);
    expect(report.markdown).toContain('```mermaid\nflowchart LR');
    expect(report.markdown).toContain('| repos-gitserver-0 | gitserver | 500 GiB | 1 | `gitserver.storageSize` |');
    expect(report.markdown).toContain(`as of **${cost.pricesAsOf}**`);
    expect(report.markdown).toContain('- **NAT.** One NAT gateway for all zones');
    expect(report.summary[1]).toMatch(/^Capacity ok: general 3×m6a\.4xlarge/);
  });

  test('globex-search: the tainted search pool runs indexed-search, the node-level DaemonSets, and the otel collector (it shares the agent DaemonSet tolerations)', () => {
    const { capacity, report } = reportOf('globex-search.yaml');
    const search = capacity.atMin.pools.find((p) => p.pool === 'search')!;
    expect(search.nodeUsage.flatMap((n) => n.pods).sort()).toEqual(
      ['cadvisor on search-0', 'indexed-search-0', 'node-exporter on search-0', 'otel-agent on search-0', 'otel-collector-0'].sort(),
    );
    // Nothing else of Sourcegraph lands there.
    expect(search.nodeUsage.flatMap((n) => n.pods).filter((p) => !/on search-0$/.test(p))).toEqual(['indexed-search-0', 'otel-collector-0']);
    expect(report.markdown).toContain('search_indexed_search["indexed-search ×1"]');
    expect(report.markdown).not.toContain('**Spot capacity.**');
  });

  test('initech-minimal: spot, no ingress, 6.12 chart, pending pods at minNodes', () => {
    const { capacity, report } = reportOf('initech-minimal.yaml');
    expect(capacity.outcome).toBe('warning');
    expect(report.markdown).toContain('### Pods that cannot be scheduled at minNodes');
    expect(report.markdown).toContain('- **Spot capacity.** Pool default uses spot instances');
    expect(report.markdown).toContain('No ingress or load balancer');
  });

  test('stark-kustomize: the Kustomize release and overlay, capacity from the rendered manifests, and what the replica changes in the overlay', () => {
    const { capacity, report } = reportOf('stark-kustomize.yaml');
    expect(report.markdown).toContain('| Sourcegraph | deploy-sourcegraph-k8s 7.2.1943 (Kustomize), size M, namespace sourcegraph |');
    expect(report.markdown).toMatch(/\| Kustomize overlay \| `stark-kustomize-overlay` \(\d+ adjustments by the replica\) \|/);
    expect(report.markdown).not.toContain('Helm overrides');
    // The overlay removes the in-cluster databases and Redis; the replica removes the blobstore it still renders.
    expect(capacity.workloads.map((w) => w.name)).not.toEqual(expect.arrayContaining(['pgsql']));
    expect(capacity.workloads.find((w) => w.name === 'sourcegraph-frontend')!.replicas).toBe(2);
    expect(report.markdown).toContain('| repos-gitserver-0 | gitserver | 1500 GiB | 1 | `StatefulSet/gitserver volumeClaimTemplates[0]` |');
    const section = report.markdown.slice(report.markdown.indexOf('## What the replica changes in the overlay'), report.markdown.indexOf('## What differs from production'));
    expect(section).toContain('### Where the replica overrides the overlay (4)');
    expect(section).toContain('- `ConfigMap/sourcegraph-frontend-env`: changes: removed CODEINSIGHTS_PGDATASOURCE');
    expect(section).toContain('- `Deployment/blobstore`: removes: externalServices.objectStorage');
    expect(section.indexOf('StorageClass/sourcegraph')).toBeLessThan(section.indexOf('### Its other adjustments'));
  });

  test('wonka-gke: in-cluster stores as the overlay deploys them, the grafana volume raised to the pd-ssd minimum', () => {
    const { report } = reportOf('wonka-gke.yaml');
    expect(report.markdown).toContain('run inside the cluster on persistent volumes, as the customer\'s overlay deploys them.');
    expect(report.markdown).toContain('Raised to the pd-ssd minimum volume size: StatefulSet/grafana volumeClaimTemplate grafana-data storage request 2Gi -> 10Gi.');
    expect(report.markdown).toContain('search_indexed_search["indexed-search ×1"]');
  });

  test('sizing, capacity, pricing and report modules do not load cdktf (checked in a fresh node: the jest setup loads cdktf)', () => {
    const modules = ['report/render-report', 'capacity/simulate-capacity', 'pricing/estimate-cost', 'sizing/size-presets', 'sizing/codebase'];
    const check = "['/node_modules/cdktf/', '/node_modules/@cdktf/', '/node_modules/constructs/'].some((d) => p.split('\\\\').join('/').includes(d))";
    const code =
      modules.map((m) => "require('./lib/" + m + "');").join('') +
      'process.stdout.write(String(Object.keys(require.cache).filter((p) => ' + check + ').length));';
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('0');
  });
});

describe('waivers in the report', () => {
  it('lists every waived check with its written reason', () => {
    const design = loadDesign('examples/designs/acme-prod.yaml');
    const waived = { ...design, waivers: [{ rule: 'capacity-fit', reason: 'ingress smoke test; pods may stay Pending' }, { rule: 'kubernetes-api-restricted', reason: 'the customer VPN has no fixed egress range' }] };
    const { finalValues, capacity, cost } = assessDesign(waived);
    const md = renderReport({ design: waived, metadata: replicaMetadata(waived, new Date('2026-11-27T00:00:00Z')), finalValues, capacity, cost }).markdown;
    const section = md.slice(md.indexOf('## Waived checks'), md.indexOf('## Services'));
    expect(section).toContain('- `capacity-fit`: ingress smoke test; pods may stay Pending');
    expect(section).toContain('- `kubernetes-api-restricted`: the customer VPN has no fixed egress range');
  });
});

describe('the verification in the report', () => {
  it('shows `sg-replica verify`’s section near the top when given, and nothing when not', () => {
    const design = loadDesign('examples/designs/acme-prod.yaml');
    const { finalValues, capacity, cost } = assessDesign(design);
    const input = { design, metadata: replicaMetadata(design, new Date('2026-11-27T00:00:00Z')), finalValues, capacity, cost };
    const md = renderReport({ ...input, verification: 'Verified **2026-11-27T10:00:00.000Z**: ✓ all 19 decisions confirmed. Evidence: [verification.md](verification.md).\n' }).markdown;
    const at = md.indexOf('## Verification on the running replica\n\nVerified **2026-11-27T10:00:00.000Z**');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(md.indexOf('## Design summary'));
    expect(renderReport(input).markdown).not.toContain('## Verification');
  });
});

describe('how the report names its design', () => {
  const design = loadDesign(join(__dirname, '..', '..', 'examples', 'designs', 'acme-prod.yaml'));
  const report = (d: typeof design) => renderReport({ design: d, metadata: replicaMetadata(d, new Date('2026-11-27T00:00:00Z')), ...assessDesign(d) }).markdown;

  it('never shows an absolute path: a design loaded by absolute path is named by its file name', () => {
    expect(design.source.file).toMatch(/^\//);
    const markdown = report(design);
    expect(markdown).toContain('built by sg-replica from `acme-prod.yaml`');
    expect(markdown).not.toContain(join(__dirname, '..', '..'));
  });

  it('names the customer without a possessive ("Wonka Industries\'s")', () => {
    const wonka = { ...design, customer: 'Wonka Industries' };
    expect(report(wonka)).toContain('A disposable copy of the Sourcegraph topology of Wonka Industries, built by');
    expect(report(wonka)).not.toMatch(/Industries's/);
  });
});
