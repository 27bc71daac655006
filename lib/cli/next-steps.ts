/**
 * What `sg-replica synth` tells the user to do next, for the output it just
 * wrote. `cdktf deploy` without `--skip-synth` runs the cdktf.json app again
 * (main.ts, `REPLICA_DESIGN`), which would throw this output away; with it,
 * cdktf deploys exactly the stacks written here, reading them from
 * `--output DIR` (default `cdktf.out`). Offline output (dummy credentials)
 * cannot apply: its next step is a plan. Pure.
 */

import type { CloudTable } from '../cloud/clouds';
import type { CloudProvider } from '../design/model';

/**
 * Whether a cloud's infra stack, synthesized with `--offline`, can be planned
 * with no network: the AWS provider is configured with dummy credentials and
 * comes from a filesystem mirror; no Google provider runs offline
 * (stacks/gcp-replica.ts ignores `offline`).
 */
const OFFLINE_PLAN: CloudTable<boolean> = { aws: true, gcp: false };

/** The default output directory of `sg-replica synth`, where `cdktf` looks unless told `--output`. */
export const CDKTF_DEFAULT_OUTDIR = 'cdktf.out';

/** What was written. */
export interface SynthesizedOutput {
  /** The replicas: name (their stacks are `<name>-infra`, `<name>-sourcegraph`) and cloud. */
  readonly replicas: readonly { readonly name: string; readonly provider: CloudProvider }[];
  /** The output directory as the user gave it (relative paths stay relative: the commands run from the same place). */
  readonly outdir: string;
  /** Synthesized with `--offline`. @default false */
  readonly offline?: boolean;
}

/** Quotes `word` for a POSIX shell when it needs quoting. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The lines `synth` prints last: how to deploy and destroy what it wrote, or, offline, how to plan it. */
export function nextSteps(output: SynthesizedOutput): string[] {
  const outdir = output.outdir.replace(/\/+$/, '') || output.outdir;
  const outputFlag = outdir === CDKTF_DEFAULT_OUTDIR ? '' : ` --output ${shellWord(outdir)}`;
  if (output.offline) {
    const plannable = output.replicas.filter((r) => OFFLINE_PLAN[r.provider]);
    const notPlannable = output.replicas.filter((r) => !OFFLINE_PLAN[r.provider]);
    const stacks = plannable.map((r) => shellWord(`${outdir}/stacks/${r.name}-infra`));
    return [
      'offline output (dummy credentials, no account check): it plans, it cannot apply; synth again without --offline to deploy',
      ...(stacks.length ? [`next: ${stacks.map((dir) => `terraform -chdir=${dir} init && terraform -chdir=${dir} plan`).join('; ')}  (provider mirror: README "Plan offline")`] : []),
      ...(notPlannable.length ? [`${notPlannable.map((r) => r.name).join(', ')}: --offline changes nothing on ${[...new Set(notPlannable.map((r) => r.provider))].join(', ')} (no provider there plans without network and credentials)`] : []),
    ];
  }
  const patterns = output.replicas.map((r) => `'${r.name}-*'`).join(' ');
  return [`next: cdktf deploy --skip-synth${outputFlag} ${patterns}  (destroy: cdktf destroy --skip-synth${outputFlag} ${patterns})`];
}
