/**
 * The cdktf app (`cdktf synth`, `cdktf deploy`): synthesizes the designs
 * named by REPLICA_DESIGN (one or more paths, separated by commas or the
 * platform path separator), or the bundled example when it is unset.
 */
import * as path from 'path';
import { App } from 'cdktf';
import { checkDesignFiles } from './lib/checks/check-design-files';
import { expiryAnchor } from './lib/replica/expiry-anchor';
import { addReplica } from './stacks/replica-app';

const DEFAULT_DESIGN = path.join('examples', 'designs', 'acme-prod.yaml');

function designFiles(env: string | undefined): string[] {
  if (!env || !env.trim()) return [DEFAULT_DESIGN];
  return env
    .split(new RegExp(`[,${path.delimiter}]`))
    .map((f) => f.trim())
    .filter(Boolean);
}

const io = { out: (l: string) => process.stderr.write(`${l}\n`), err: (l: string) => process.stderr.write(`${l}\n`) };
const { ok, checked } = checkDesignFiles(designFiles(process.env.REPLICA_DESIGN), io);
if (!ok) {
  io.err('sg-replica: nothing synthesized: fix the design errors above');
  process.exit(1);
}
try {
  const app = new App();
  for (const { file, design } of checked) {
    // files: helm-values.yaml and report.md beside the stacks, as sg-replica synth writes them.
    addReplica(app, design!, { createdAt: expiryAnchor(file).createdAt, offline: process.env.SG_REPLICA_OFFLINE === '1', files: true });
  }
  app.synth();
} catch (e) {
  io.err(`sg-replica: ${(e as Error).message}`);
  if (process.env.SG_REPLICA_DEBUG) io.err((e as Error).stack ?? '');
  process.exit(1);
}
