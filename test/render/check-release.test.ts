import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderAndCheck } from '../../lib/render/check-release';
import { awsDesign } from '../support/design-fixture';

const dir = mkdtempSync(join(tmpdir(), 'check-release-'));

describe('renderAndCheck', () => {
  test("a chart that does not render with the values is one error finding with helm's message", async () => {
    const charts = join(dir, 'charts');
    mkdirSync(join(charts, 'sourcegraph-7.6.0'), { recursive: true });
    writeFileSync(join(charts, 'sourcegraph-7.6.0', 'Chart.yaml'), 'name: sourcegraph\nversion: 7.6.0\n');
    const helm = join(dir, 'helm');
    writeFileSync(helm, '#!/bin/sh\necho "Error: YAML parse error on sourcegraph/templates/frontend/sourcegraph-frontend.Deployment.yaml" >&2\nexit 1\n');
    chmodSync(helm, 0o755);
    const result = await renderAndCheck(awsDesign({ sourcegraph: { ingress: 'none' } }), { helm, env: { SG_REPLICA_CHARTS: charts }, charts: { referenceDir: join(dir, 'none'), cacheDir: join(dir, 'none') } });
    expect(result.release).toBeUndefined();
    expect(result.findings).toEqual([
      { severity: 'error', check: 'render', message: expect.stringMatching(/helm template .*sourcegraph-7\.6\.0 failed: Error: YAML parse error on sourcegraph\/templates\/frontend/) },
    ]);
  });

  test('a chart that cannot be had is thrown, with how to provide it', async () => {
    await expect(renderAndCheck(awsDesign({ sourcegraph: { version: '6.12.5040' } }), { helm: '/bin/false', env: { SG_REPLICA_CHARTS: join(dir, 'none') }, charts: { referenceDir: join(dir, 'none'), cacheDir: join(dir, 'none') } })).rejects.toThrow(
      /chart sourcegraph 6\.12\.5040 not found/,
    );
  });
});
