/**
 * The output directory of `sg-replica synth`: what sg-replica may replace in
 * it, and how a new synthesis is swapped in.
 *
 * sg-replica never deletes what it did not write. It owns a fixed set of
 * top-level entries (`manifest.json`, `stacks/`, `replicas/` and its marker
 * file, the same layout `cdktf synth` writes) and refuses a directory that
 * holds anything else, so `--out .` or `--out designs` is an error, not a
 * wiped checkout. New output is written to a staging directory inside the
 * output directory and moved into place only once synthesis succeeded.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Written into every output directory sg-replica fills, so a later run recognises it. */
export const OUTPUT_MARKER = '.sg-replica-output';
/** Prefix of the staging directory made inside the output directory while synthesizing. */
export const STAGING_PREFIX = '.sg-replica-staging-';
/** The top-level entries sg-replica (and `cdktf synth`) write, and the only ones it replaces. */
export const OWNED_ENTRIES: readonly string[] = ['manifest.json', 'stacks', 'replicas', OUTPUT_MARKER];
/** Terraform's working files inside `stacks/<id>/`, kept across syntheses as `cdktf synth` keeps them. */
const TERRAFORM_WORKING_FILES = ['.terraform', '.terraform.lock.hcl'];

/** Thrown when an output directory cannot be used; the message says why and what to do. */
export class OutputDirectoryError extends Error {}

function isOwned(entry: string): boolean {
  return OWNED_ENTRIES.includes(entry) || entry.startsWith(STAGING_PREFIX);
}

/**
 * Checks that `outdir` may receive sg-replica's output: it does not exist, is
 * empty, or holds only what sg-replica or `cdktf synth` wrote.
 *
 * @throws OutputDirectoryError naming the foreign entries (at most five).
 */
export function checkOutputDirectory(outdir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(outdir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new OutputDirectoryError(`--out ${outdir}: cannot use it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (!stat.isDirectory()) throw new OutputDirectoryError(`--out ${outdir}: not a directory`);
  const foreign = fs.readdirSync(outdir).filter((e) => !isOwned(e)).sort();
  if (foreign.length) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, … (${foreign.length} in all)` : '');
    throw new OutputDirectoryError(
      `--out ${outdir}: the directory holds files sg-replica did not write (${shown}); sg-replica replaces only its own output ` +
        `(${OWNED_ENTRIES.join(', ')}), so give a new or empty directory, or a previous output directory`,
    );
  }
}

/** A fresh staging directory inside `outdir` (created, with `outdir`, when missing). */
export function makeStagingDirectory(outdir: string): string {
  checkOutputDirectory(outdir);
  fs.mkdirSync(outdir, { recursive: true });
  const staging = path.join(outdir, `${STAGING_PREFIX}${process.pid}`);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging);
  return staging;
}

/** Removes a staging directory (after a failed synthesis). */
export function discardStagingDirectory(staging: string): void {
  fs.rmSync(staging, { recursive: true, force: true });
}

/**
 * Moves a finished synthesis from `staging` into `outdir`, replacing only the
 * entries sg-replica owns. Terraform's working files of stacks that still
 * exist are carried over, so a following `cdktf deploy` need not init again.
 *
 * @param stackIds the stacks of the new synthesis.
 */
export function promoteStagingDirectory(staging: string, outdir: string, stackIds: readonly string[]): void {
  checkOutputDirectory(outdir);
  for (const id of stackIds) {
    for (const keep of TERRAFORM_WORKING_FILES) {
      const from = path.join(outdir, 'stacks', id, keep);
      const to = path.join(staging, 'stacks', id, keep);
      if (fs.existsSync(from) && fs.existsSync(path.dirname(to))) fs.renameSync(from, to);
    }
  }
  fs.writeFileSync(path.join(staging, OUTPUT_MARKER), `${JSON.stringify({ writtenBy: 'sg-replica synth', note: 'sg-replica replaces manifest.json, stacks/ and replicas/ here on the next synth' })}\n`);
  for (const entry of OWNED_ENTRIES) {
    const from = path.join(staging, entry);
    const to = path.join(outdir, entry);
    fs.rmSync(to, { recursive: true, force: true });
    if (fs.existsSync(from)) fs.renameSync(from, to);
  }
  discardStagingDirectory(staging);
}
