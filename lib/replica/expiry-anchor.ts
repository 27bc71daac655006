/**
 * When a replica's expiry clock starts. It must be stable: synthesizing the
 * same version of a design twice must give the same `expires-at` tag, or
 * every `cdktf diff` would show changes. The anchor is, in order:
 * 1. `SG_REPLICA_CREATED_AT` (ISO 8601), for CI and tests;
 * 2. the commit time of the design file's last commit, when the file is
 *    tracked by git and unmodified (a new commit of the design restarts the clock);
 * 3. the design file's modification time (editing it restarts the clock).
 * Designs built in code pass their own anchor.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export type AnchorSource = 'SG_REPLICA_CREATED_AT' | 'git commit' | 'file modification time' | 'given';

export interface ExpiryAnchor {
  readonly createdAt: Date;
  readonly source: AnchorSource;
}

function gitCommitTime(file: string): Date | undefined {
  const dir = path.dirname(path.resolve(file));
  const name = path.basename(file);
  try {
    const dirty = execFileSync('git', ['status', '--porcelain', '--', name], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    if (dirty.trim()) return undefined;
    const iso = execFileSync('git', ['log', '-1', '--format=%cI', '--', name], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return iso ? new Date(iso) : undefined;
  } catch {
    return undefined;
  }
}

/** The expiry anchor of a design file. Throws when SG_REPLICA_CREATED_AT is set but not a date. */
export function expiryAnchor(designFile: string, env: NodeJS.ProcessEnv = process.env): ExpiryAnchor {
  const fromEnv = env.SG_REPLICA_CREATED_AT;
  if (fromEnv) {
    const date = new Date(fromEnv);
    if (Number.isNaN(date.getTime())) throw new Error(`SG_REPLICA_CREATED_AT is not an ISO 8601 time: ${JSON.stringify(fromEnv)}`);
    return { createdAt: date, source: 'SG_REPLICA_CREATED_AT' };
  }
  const committed = gitCommitTime(designFile);
  if (committed) return { createdAt: committed, source: 'git commit' };
  return { createdAt: fs.statSync(designFile).mtime, source: 'file modification time' };
}
