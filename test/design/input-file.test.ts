import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { checkOverlayDirectory, MAX_INPUT_FILE_BYTES, readDesignFile, readOverrideFile } from '../../lib/design/input-file';

const root = path.join(__dirname, '..', '..', '.tmp', 'input-file');
const designDir = path.join(root, 'designs');
const outside = path.join(root, 'outside');

function problem(result: ReturnType<typeof readOverrideFile>): string {
  if (!('problem' in result)) throw new Error(`expected a problem, read ${result.text.length} chars`);
  return result.problem.message;
}

beforeAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(designDir, 'sub'), { recursive: true });
  fs.mkdirSync(outside, { recursive: true });
  fs.writeFileSync(path.join(designDir, 'ok.yaml'), 'frontend:\n  replicaCount: 2\n');
  fs.writeFileSync(path.join(designDir, 'sub', 'nested.yml'), 'a: 1\n');
  fs.writeFileSync(path.join(outside, 'secret.yaml'), 'password: hunter2\n');
  fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(designDir, 'escape.yaml'));
  fs.symlinkSync('ok.yaml', path.join(designDir, 'alias.yaml'));
  fs.symlinkSync('/dev/zero', path.join(designDir, 'zero.yaml'));
  fs.symlinkSync('loop-b.yaml', path.join(designDir, 'loop-a.yaml'));
  fs.symlinkSync('loop-a.yaml', path.join(designDir, 'loop-b.yaml'));
  fs.mkdirSync(path.join(designDir, 'dir.yaml'));
  execFileSync('mkfifo', [path.join(designDir, 'fifo.yaml')]);
  fs.writeFileSync(path.join(designDir, 'big.yaml'), Buffer.alloc(MAX_INPUT_FILE_BYTES + 1, 'a'));
  fs.writeFileSync(path.join(designDir, 'binary.yaml'), Buffer.from([0x61, 0x00, 0x62]));
  fs.writeFileSync(path.join(designDir, 'secret.env'), 'TOKEN=abc\n');
  fs.writeFileSync(path.join(designDir, 'unreadable.yaml'), 'a: 1\n');
  fs.chmodSync(path.join(designDir, 'unreadable.yaml'), 0o000);
  fs.mkdirSync(path.join(designDir, 'overlay'));
  fs.writeFileSync(path.join(designDir, 'overlay', 'kustomization.yaml'), 'resources: []\n');
  fs.mkdirSync(path.join(designDir, 'empty-overlay'));
  fs.mkdirSync(path.join(outside, 'overlay'));
  fs.writeFileSync(path.join(outside, 'overlay', 'Kustomization'), 'resources: []\n');
  fs.symlinkSync(path.join(outside, 'overlay'), path.join(designDir, 'escape-overlay'));
  fs.symlinkSync('overlay', path.join(designDir, 'overlay-alias'));
});

describe('checkOverlayDirectory', () => {
  const message = (rel: string) => {
    const r = checkOverlayDirectory(rel, designDir);
    return 'problem' in r ? r.problem.message : 'ok';
  };

  it('takes a directory beside the design with a kustomization file, also through a symlink that stays inside', () => {
    expect(checkOverlayDirectory('overlay', designDir)).toEqual({ realPath: path.join(fs.realpathSync(designDir), 'overlay') });
    expect(checkOverlayDirectory('overlay/', designDir)).toMatchObject({ realPath: expect.stringMatching(/overlay$/) });
    expect(message('overlay-alias')).toBe('ok');
  });

  it('refuses, without reading anything, what is not an overlay beside the design', () => {
    expect(message('/etc')).toBe('is an absolute path; the overlay is named relative to the design file');
    expect(message('../outside/overlay')).toBe('is outside the design file\u2019s directory; sg-replica reads only files beside or below the design');
    expect(message('escape-overlay')).toBe('is a symbolic link to a directory outside the design file\u2019s directory');
    expect(message('missing')).toBe('not found');
    expect(message('ok.yaml')).toBe('is a file, not a directory');
    expect(message('empty-overlay')).toBe('holds no kustomization file (kustomization.yaml, kustomization.yml, Kustomization)');
    expect(message('')).toBe('is not a directory path');
    expect(message('a\0b')).toBe('is not a directory path');
    const r = checkOverlayDirectory('missing', designDir);
    expect('problem' in r && r.problem.allowed).toMatch(/^a directory inside the design file’s directory holding the customer’s kustomization\.yaml/);
  });
});

describe('readOverrideFile', () => {
  it('reads a YAML file beside or below the design, and through a symlink that stays inside', () => {
    expect(readOverrideFile('ok.yaml', designDir)).toEqual({ text: 'frontend:\n  replicaCount: 2\n', realPath: path.join(fs.realpathSync(designDir), 'ok.yaml') });
    expect(readOverrideFile('sub/nested.yml', designDir)).toMatchObject({ text: 'a: 1\n' });
    expect(readOverrideFile('alias.yaml', designDir)).toMatchObject({ text: 'frontend:\n  replicaCount: 2\n' });
  });

  it.each([
    ['/etc/shadow', /absolute path/],
    ['/etc/passwd.yaml', /absolute path/],
    ['../../../../etc/passwd.yaml', /outside the design file’s directory/],
    ['../outside/secret.yaml', /outside the design file’s directory/],
    ['escape.yaml', /symbolic link to a file outside/],
    ['zero.yaml', /symbolic link to a file outside/],
    ['secret.env', /not a YAML file name/],
    ['missing.yaml', /^not found$/],
    ['dir.yaml', /is a directory/],
    ['fifo.yaml', /is a FIFO/],
    ['loop-a.yaml', /symbolic link loop/],
    ['big.yaml', /larger than 128 KiB/],
    ['binary.yaml', /binary file/],
    ['', /not a file path/],
  ])('refuses %j without reading it', (rel, message) => {
    expect(problem(readOverrideFile(rel, designDir))).toMatch(message);
  });

  it('says when a file cannot be read (unless running as a user who may read anything)', () => {
    const result = readOverrideFile('unreadable.yaml', designDir);
    // root reads any file; the message is still checked on the path where open fails.
    if ('problem' in result) expect(result.problem.message).toMatch(/permission denied/);
    else expect(process.getuid?.()).toBe(0);
  });

  it('never quotes the contents of a refused file', () => {
    const result = readOverrideFile('../outside/secret.yaml', designDir);
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });
});

describe('readDesignFile', () => {
  it('reads a regular file and refuses devices, FIFOs, directories and huge files', () => {
    expect(readDesignFile(path.join(designDir, 'ok.yaml'))).toMatchObject({ text: expect.stringContaining('frontend') });
    expect(problem(readDesignFile('/dev/zero'))).toMatch(/is a device/);
    expect(problem(readDesignFile(path.join(designDir, 'fifo.yaml')))).toMatch(/FIFO/);
    expect(problem(readDesignFile(designDir))).toMatch(/is a directory/);
    expect(problem(readDesignFile(path.join(designDir, 'big.yaml')))).toMatch(/larger than 128 KiB \(131073 bytes\)/);
    expect(problem(readDesignFile(path.join(designDir, 'nope.yaml')))).toBe('not found');
  });
});
