/**
 * Runs the destroy-time command of a synthesized `DestroyTimeCommand` the
 * way Terraform's local-exec does (`/bin/sh -c <command>`, the environment
 * block evaluated from the resource's `input`), against a fake `gcloud`.
 *
 * The PATH holds only the fake gcloud and the few tools the scripts use,
 * so a real gcloud on the machine can never be reached: no test makes a
 * cloud call.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Programs the destroy scripts may use besides gcloud. */
const TOOLS = ['sh', 'mktemp', 'tr', 'sed', 'sleep', 'cat', 'rm', 'printf', 'grep'];

/** A stand-in for gcloud that answers from files and logs its calls. */
export class FakeGcloud {
  /** Directory of answers and the call log. */
  public readonly dir: string;
  /** Directory to put first on PATH (holds `gcloud` and the tools). */
  public readonly bin: string;

  constructor() {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-gcloud-'));
    this.dir = path.join(root, 'answers');
    this.bin = path.join(root, 'bin');
    fs.mkdirSync(this.dir);
    fs.mkdirSync(this.bin);
    for (const tool of TOOLS) {
      const found = ['/usr/bin', '/bin'].map((d) => path.join(d, tool)).find((p) => fs.existsSync(p));
      if (found) fs.symlinkSync(found, path.join(this.bin, tool));
    }
    // Answers are keyed by the group and verb: `compute disks list` reads `disks-list.<n>` on its n-th call
    // (`compute networks peerings list`: group `networks-peerings`).
    const script = [
      '#!/bin/sh',
      'echo "$*" >>"$FAKE_GCLOUD_DIR/calls"',
      'key="$2-$3"',
      // Nested groups: `compute networks peerings list` reads `networks-peerings-list.<n>`.
      'if [ "$3" = peerings ]; then key="$2-$3-$4"; fi',
      'count="$FAKE_GCLOUD_DIR/$key.count"',
      'n=$(( $(cat "$count" 2>/dev/null || echo 0) + 1 ))',
      'echo "$n" >"$count"',
      'if [ -f "$FAKE_GCLOUD_DIR/$key.$n.fail" ]; then cat "$FAKE_GCLOUD_DIR/$key.$n.fail" >&2; exit 1; fi',
      'if [ -f "$FAKE_GCLOUD_DIR/$key.$n" ]; then cat "$FAKE_GCLOUD_DIR/$key.$n"; fi',
      // The real gcloud reports an empty listing on stderr: it must not count as something found.
      'echo "Listed 0 items." >&2',
      'exit 0',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(this.bin, 'gcloud'), script, { mode: 0o755 });
  }

  /** The n-th call (from 1) of `gcloud compute <group> <verb>` prints `stdout`. */
  answer(group: string, verb: string, n: number, stdout: string): this {
    fs.writeFileSync(path.join(this.dir, `${group}-${verb}.${n}`), stdout);
    return this;
  }

  /** The n-th call of `gcloud compute <group> <verb>` fails with `stderr`. */
  fail(group: string, verb: string, n: number, stderr: string): this {
    fs.writeFileSync(path.join(this.dir, `${group}-${verb}.${n}.fail`), stderr);
    return this;
  }

  /** The calls made, one line of arguments each. */
  calls(): string[] {
    const file = path.join(this.dir, 'calls');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n') : [];
  }

  /** Removes gcloud from the PATH directory (the tools stay). */
  uninstall(): void {
    fs.rmSync(path.join(this.bin, 'gcloud'));
  }

  /** Environment with only the fake gcloud and the tools on PATH. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { PATH: this.bin, FAKE_GCLOUD_DIR: this.dir, HOME: this.dir, ...extra };
  }
}

/** The one destroy-time local-exec of a synthesized stack's terraform_data, with its environment evaluated. */
export function destroyCommandOf(stackJson: any, overrides: Record<string, string> = {}): { command: string; environment: Record<string, string>; interpreter: string[] } {
  const data = Object.values(stackJson.resource.terraform_data ?? {}) as any[];
  if (data.length !== 1) throw new Error(`expected one terraform_data, found ${data.length}`);
  const [provisioner] = data[0].provisioner;
  const exec = provisioner['local-exec'];
  if (exec.when !== 'destroy') throw new Error('not a destroy-time provisioner');
  const environment: Record<string, string> = {};
  for (const [name, template] of Object.entries(exec.environment as Record<string, string>)) {
    const m = /^\$\{self\.input\.([A-Z][A-Z0-9_]*)\}$/.exec(template);
    if (!m) throw new Error(`environment ${name} is not read from the resource's input: ${template}`);
    environment[name] = overrides[name] ?? String(data[0].input[m[1]]);
  }
  return { command: exec.command, environment, interpreter: exec.interpreter };
}

/** Runs a destroy command as local-exec would, with the fake gcloud. */
export function runDestroyCommand(stackJson: any, gcloud: FakeGcloud, overrides: Record<string, string> = {}) {
  const { command, environment, interpreter } = destroyCommandOf(stackJson, overrides);
  const [shell, ...args] = interpreter;
  const r = spawnSync(shell, [...args, command], { env: gcloud.env(environment), encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
