import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { expiryAnchor } from '../../lib/replica/expiry-anchor';

const dir = path.join(__dirname, '..', '..', '.tmp', 'anchor-tests');

describe('expiryAnchor', () => {
  beforeAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  });

  it('prefers SG_REPLICA_CREATED_AT', () => {
    const file = path.join(dir, 'a.yaml');
    fs.writeFileSync(file, 'name: a\n');
    expect(expiryAnchor(file, { SG_REPLICA_CREATED_AT: '2026-01-02T03:04:05Z' })).toEqual({
      createdAt: new Date('2026-01-02T03:04:05Z'),
      source: 'SG_REPLICA_CREATED_AT',
    });
  });

  it('refuses a malformed SG_REPLICA_CREATED_AT', () => {
    expect(() => expiryAnchor(path.join(dir, 'a.yaml'), { SG_REPLICA_CREATED_AT: 'tomorrow' })).toThrow(/not an ISO 8601 time: "tomorrow"/);
  });

  it('uses the last commit of a clean tracked file, and the mtime once it is edited', () => {
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(repo);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe', env: { ...process.env, GIT_COMMITTER_DATE: '2026-03-04T05:06:07Z', GIT_AUTHOR_DATE: '2026-03-04T05:06:07Z' } });
    git('init', '-q');
    const file = path.join(repo, 'd.yaml');
    fs.writeFileSync(file, 'name: d\n');
    git('add', 'd.yaml');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'design');
    expect(expiryAnchor(file, {})).toEqual({ createdAt: new Date('2026-03-04T05:06:07Z'), source: 'git commit' });

    fs.writeFileSync(file, 'name: d2\n');
    const mtime = new Date('2026-05-06T07:08:09Z');
    fs.utimesSync(file, mtime, mtime);
    expect(expiryAnchor(file, {})).toEqual({ createdAt: mtime, source: 'file modification time' });
  });
});
