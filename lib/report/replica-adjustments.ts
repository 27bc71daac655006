/**
 * The report's section on a Kustomize replica's own adjustments: what the
 * replica's layer (lib/kustomize/replica-layer.ts) changes in the
 * customer's rendered overlay, each with its reason. The ones that override
 * what the overlay set deliberately come first: they are where the replica
 * differs from production. Pure.
 */
import type { ReplicaAdjustment } from '../kustomize/replica-layer';

const CHANGE: Readonly<Record<ReplicaAdjustment['change'], string>> = { delete: 'removes', patch: 'changes', add: 'adds' };

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Markdown lines of the section (without its heading), for the overlay at `overlayPath`. */
export function replicaAdjustmentLines(overlayPath: string, adjustments: readonly ReplicaAdjustment[]): string[] {
  const overriding = adjustments.filter((a) => a.overridesCustomer);
  const other = adjustments.filter((a) => !a.overridesCustomer);
  const line = (a: ReplicaAdjustment) => `- \`${a.object}\`: ${CHANGE[a.change]}: ${escape(a.reason)}`;
  const out = [
    `The replica renders the overlay \`${overlayPath}\` with \`kubectl kustomize\` and applies ${adjustments.length} adjustment${adjustments.length === 1 ? '' : 's'} of its own after it, as a second kustomization (in \`cdktf.out/replicas/<name>/kustomize/kustomization.yaml\` after synth, each patch with its reason).`,
    '',
  ];
  out.push(`### Where the replica overrides the overlay (${overriding.length})`, '');
  if (overriding.length === 0) out.push('None: every adjustment adds to what the overlay sets.');
  out.push(...overriding.map(line), '');
  out.push(`### Its other adjustments (${other.length})`, '');
  if (other.length === 0) out.push('None.');
  out.push(...other.map(line), '');
  return out;
}
