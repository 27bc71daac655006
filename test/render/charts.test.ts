import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChartNotFoundError, locateChart, packageRoot, referenceChartsDir } from '../../lib/render/charts';

const dir = mkdtempSync(join(tmpdir(), 'charts-'));

function chart(base: string, folder: string, name: string, version: string): string {
  const d = join(base, folder);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: ${version}\n`);
  return d;
}

function failingHelm(): string {
  const helm = join(dir, 'failing-helm');
  writeFileSync(helm, '#!/bin/sh\necho "Error: looks like the repository is not reachable" >&2\nexit 1\n');
  chmodSync(helm, 0o755);
  return helm;
}

const none = join(dir, 'no-reference');

describe('locateChart', () => {
  test('SG_REPLICA_CHARTS first: <name>-<version>/ or <name>/ with that version', () => {
    const base = join(dir, 'env');
    const a = chart(base, 'sourcegraph-7.6.0', 'sourcegraph', '7.6.0');
    const b = chart(base, 'ingress-nginx', 'ingress-nginx', '4.15.1');
    expect(locateChart('sourcegraph', '7.6.0', { env: { SG_REPLICA_CHARTS: base }, referenceDir: none })).toEqual({ name: 'sourcegraph', version: '7.6.0', dir: a, source: 'env' });
    expect(locateChart('ingress-nginx', '4.15.1', { env: { SG_REPLICA_CHARTS: base }, referenceDir: none }).dir).toBe(b);
  });

  test('then the reference charts, then the cache', () => {
    const reference = join(dir, 'reference');
    chart(reference, 'sourcegraph-6.12.5040', 'sourcegraph', '6.12.5040');
    expect(locateChart('sourcegraph', '6.12.5040', { env: {}, referenceDir: reference }).source).toBe('reference');
    const cache = join(dir, 'cache');
    chart(cache, 'sourcegraph-7.6.0', 'sourcegraph', '7.6.0');
    expect(locateChart('sourcegraph', '7.6.0', { env: {}, referenceDir: reference, cacheDir: cache }).source).toBe('cache');
  });

  test('a directory holding another version does not count', () => {
    const base = join(dir, 'wrong');
    chart(base, 'sourcegraph', 'sourcegraph', '7.5.0');
    expect(() => locateChart('sourcegraph', '7.6.0', { env: { SG_REPLICA_CHARTS: base }, referenceDir: none, cacheDir: join(dir, 'empty') })).toThrow(ChartNotFoundError);
  });

  test('when nothing has it and it cannot be pulled, says what was tried and how to provide it (never a silent skip)', () => {
    let error: Error | undefined;
    try {
      locateChart('sourcegraph', '7.6.0', { env: {}, referenceDir: none, cacheDir: join(dir, 'empty'), helm: failingHelm() }); // a fake helm: nothing leaves the machine
    } catch (e) {
      error = e as Error;
    }
    expect(error).toBeInstanceOf(ChartNotFoundError);
    expect(error!.message).toMatch(/chart sourcegraph 7\.6\.0 not found \(tried: SG_REPLICA_CHARTS not set; no .*no-reference; helm pull from https:\/\/helm\.sourcegraph\.com\/release failed \(Error: looks like the repository is not reachable\)\)/);
    expect(error!.message).toMatch(/helm pull sourcegraph --repo https:\/\/helm\.sourcegraph\.com\/release --version 7\.6\.0 --untar .*SG_REPLICA_CHARTS=DIR/);
  });

  test('with SG_REPLICA_NO_PULL=1 (set for every test run) nothing is pulled', () => {
    expect(process.env.SG_REPLICA_NO_PULL).toBe('1');
    expect(() => locateChart('sourcegraph', '7.6.0', { env: { SG_REPLICA_NO_PULL: '1' }, referenceDir: none, cacheDir: join(dir, 'empty'), helm: failingHelm() })).toThrow(
      /pulling is off \(SG_REPLICA_NO_PULL=1, as in every test run; SG_REPLICA_PULL_CHARTS=1 lets tests pull\)\)\. Provide it/,
    );
  });

  test('without a helm binary nothing is pulled', () => {
    expect(() => locateChart('ingress-nginx', '4.15.1', { env: {}, referenceDir: none, cacheDir: join(dir, 'empty') })).toThrow(/no helm binary to pull it with/);
  });

  test('the reference charts are ../shared/reference/charts next to the checkout', () => {
    expect(referenceChartsDir()).toBe(join(packageRoot(), '..', 'shared', 'reference', 'charts'));
  });
});
