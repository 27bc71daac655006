import * as fs from 'fs';
import * as path from 'path';
import {
  checkOutputDirectory,
  makeStagingDirectory,
  OUTPUT_MARKER,
  OutputDirectoryError,
  promoteStagingDirectory,
  STAGING_PREFIX,
} from '../../lib/cli/output-directory';

const tmp = path.join(__dirname, '..', '..', '.tmp', 'output-directory');

function dir(name: string, files: Record<string, string> = {}): string {
  const d = path.join(tmp, name);
  fs.rmSync(d, { recursive: true, force: true });
  fs.mkdirSync(d, { recursive: true });
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    fs.writeFileSync(path.join(d, f), text);
  }
  return d;
}

describe('checkOutputDirectory', () => {
  it('accepts a missing, an empty and a previous output directory', () => {
    expect(() => checkOutputDirectory(path.join(tmp, 'does-not-exist'))).not.toThrow();
    expect(() => checkOutputDirectory(dir('empty'))).not.toThrow();
    expect(() => checkOutputDirectory(dir('previous', { 'manifest.json': '{}', 'stacks/a/cdk.tf.json': '{}', 'replicas/a/report.md': '' }))).not.toThrow();
    expect(() => checkOutputDirectory(dir('marked', { [OUTPUT_MARKER]: '{}' }))).not.toThrow();
  });

  it('refuses a directory with files sg-replica did not write, naming them', () => {
    const d = dir('checkout', { 'design.yaml': 'name: x', 'package.json': '{}', 'manifest.json': '{}' });
    expect(() => checkOutputDirectory(d)).toThrow(OutputDirectoryError);
    expect(() => checkOutputDirectory(d)).toThrow(/holds files sg-replica did not write \(design\.yaml, package\.json\)/);
  });

  it('lists at most five foreign entries', () => {
    const files = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}.txt`, '']));
    expect(() => checkOutputDirectory(dir('many', files))).toThrow(/f0\.txt, f1\.txt, f2\.txt, f3\.txt, f4\.txt, … \(8 in all\)/);
  });

  it('refuses a file', () => {
    const f = path.join(dir('file-parent'), 'out');
    fs.writeFileSync(f, 'mine');
    expect(() => checkOutputDirectory(f)).toThrow(/not a directory/);
  });
});

describe('staging and promotion', () => {
  it('replaces only the owned entries and keeps terraform working files of surviving stacks', () => {
    const out = dir('promote', {
      'manifest.json': 'old',
      'stacks/keep/cdk.tf.json': 'old',
      'stacks/keep/.terraform.lock.hcl': 'lock',
      'stacks/gone/cdk.tf.json': 'old',
      'replicas/x/report.md': 'old',
    });
    const staging = makeStagingDirectory(out);
    expect(path.dirname(staging)).toBe(out);
    expect(path.basename(staging).startsWith(STAGING_PREFIX)).toBe(true);
    fs.writeFileSync(path.join(staging, 'manifest.json'), 'new');
    fs.mkdirSync(path.join(staging, 'stacks', 'keep'), { recursive: true });
    fs.writeFileSync(path.join(staging, 'stacks', 'keep', 'cdk.tf.json'), 'new');
    promoteStagingDirectory(staging, out, ['keep']);
    expect(fs.readdirSync(out).sort()).toEqual([OUTPUT_MARKER, 'manifest.json', 'stacks'].sort());
    expect(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe('new');
    expect(fs.readFileSync(path.join(out, 'stacks', 'keep', '.terraform.lock.hcl'), 'utf8')).toBe('lock');
    expect(fs.existsSync(path.join(out, 'stacks', 'gone'))).toBe(false);
  });

  it('refuses to stage into a directory with foreign files, and creates nothing there', () => {
    const out = dir('foreign', { 'notes.txt': 'mine' });
    expect(() => makeStagingDirectory(out)).toThrow(OutputDirectoryError);
    expect(fs.readdirSync(out)).toEqual(['notes.txt']);
  });
});
