import { Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { loadDesign } from '../../lib/checks/check-design';
import { Design } from '../../lib/design/model';
import { addReplica, ReplicaStacks } from '../../stacks/replica-app';

/** The fixed expiry anchor of every test: snapshots must not depend on the clock. */
export const TEST_CREATED_AT = new Date('2026-11-27T00:00:00Z');

export interface SynthesizedReplica {
  readonly stacks: ReplicaStacks;
  /** Synthesized JSON text of each stack (sorted keys, as `Testing.synth` gives it). */
  readonly infraJson: string;
  readonly sourcegraphJson: string;
  readonly infra: any;
  readonly sourcegraph: any;
}

/**
 * Synthesizes a replica's stacks the way `app.synth()` does, cross-stack
 * references included (`prepareStack` on both, which `Testing.synth` skips).
 */
export function synthReplica(design: Design, options: { offline?: boolean } = {}): SynthesizedReplica {
  // One synthesis per design object and mode in a test file: test files that check one example from several
  // angles (examples.test.ts: every cloud, the cloud's own, external services) share it. Tests only read it.
  const byMode = SYNTHESIZED.get(design) ?? new Map<boolean, SynthesizedReplica>();
  SYNTHESIZED.set(design, byMode);
  const offline = options.offline ?? false;
  const cached = byMode.get(offline);
  if (cached) return cached;
  const replica = synthesize(design, offline);
  byMode.set(offline, replica);
  return replica;
}

const SYNTHESIZED = new WeakMap<Design, Map<boolean, SynthesizedReplica>>();

function synthesize(design: Design, offline: boolean): SynthesizedReplica {
  const options = { offline };
  const app = Testing.app();
  const stacks = addReplica(app, design, { createdAt: TEST_CREATED_AT, offline: options.offline });
  stacks.infra.prepareStack();
  stacks.sourcegraph.prepareStack();
  const infraJson = Testing.synth(stacks.infra, true);
  const sourcegraphJson = Testing.synth(stacks.sourcegraph, true);
  return { stacks, infraJson, sourcegraphJson, infra: JSON.parse(infraJson), sourcegraph: JSON.parse(sourcegraphJson) };
}

export const EXAMPLES_DIR = path.join(__dirname, '..', '..', 'examples', 'designs');

/** The example design files: every YAML under examples/designs except override files. */
export function exampleDesignFiles(): string[] {
  return fs
    .readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('-override.yaml'))
    .sort()
    .map((f) => path.join(EXAMPLES_DIR, f));
}

export function exampleDesigns(): Array<{ file: string; name: string; design: Design }> {
  return exampleDesignFiles().map((file) => ({ file, name: path.basename(file), design: loadDesign(file) }));
}

/** The resources of one type in a synthesized stack, as a list of their configs. */
export function resourcesOf(stackJson: any, type: string): any[] {
  return Object.values(stackJson.resource?.[type] ?? {});
}
