/**
 * Runs Terraform on a synthesized stack directory, offline: `init` from the
 * local provider mirror, `plan` without refresh (which validates first), and `show -json`.
 * Shared by every plan test (`*.plan.test.ts`).
 *
 * The environment is set up here, whatever the caller's: a CLI config file
 * that installs hashicorp/aws from the filesystem mirror (the machine's
 * TF_CLI_CONFIG_FILE may point at a missing file), checkpoint calls off, and
 * one plugin cache for every run.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { OFFLINE_AWS_PROVIDER_SETTINGS } from '../../lib/aws/replica-aws-provider';
import type { AwsProviderConfig } from '../../lib/providers/aws';

/** Where the AWS provider mirror is looked for, unless `SG_REPLICA_TF_PLUGIN_MIRROR` says otherwise. */
export const DEFAULT_PLUGIN_MIRROR = '/opt/tf-plugins';
const TERRAFORM = process.env.TERRAFORM_BINARY_NAME || 'terraform';
const TMP_ROOT = path.resolve(__dirname, '..', '..', '.tmp');
const PLUGIN_CACHE = path.join(TMP_ROOT, 'terraform-plugin-cache');

/** One resource change of a plan, as `terraform show -json` prints it. */
export interface PlannedResourceChange {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly mode: 'managed' | 'data';
  readonly change: {
    readonly actions: readonly string[];
    /** Planned values; unknown values are absent (see `after_unknown`). */
    readonly after: Record<string, any> | null;
    readonly after_unknown?: Record<string, any>;
  };
}

/** The parts of `terraform show -json <plan>` the tests use. */
export interface TerraformPlan {
  readonly format_version: string;
  readonly terraform_version: string;
  readonly resource_changes?: readonly PlannedResourceChange[];
  readonly configuration?: Record<string, any>;
  readonly [key: string]: unknown;
}

/** The plugin mirror directory to use, or undefined when none exists. */
export function pluginMirror(): string | undefined {
  const dir = process.env.SG_REPLICA_TF_PLUGIN_MIRROR || DEFAULT_PLUGIN_MIRROR;
  return fs.existsSync(dir) ? dir : undefined;
}

/** True when the terraform binary can be run. */
export function terraformAvailable(): boolean {
  const r = spawnSync(TERRAFORM, ['version'], { env: terraformEnv(), stdio: 'ignore', timeout: 30_000 });
  return r.status === 0;
}

/**
 * AWS provider settings that make `terraform plan` work with no network and
 * no credentials: dummy static keys, no STS/IAM/IMDS calls, and one attempt
 * per API call (so an accidental call fails fast instead of hanging).
 */
export function offlineProviderBlock(region: string): AwsProviderConfig {
  return { region, ...OFFLINE_AWS_PROVIDER_SETTINGS };
}

let cliConfigFile: string | undefined;

/** Writes (once per process) the Terraform CLI config: the mirror for hashicorp/aws when present, else the registry. */
function cliConfig(): string {
  if (cliConfigFile) return cliConfigFile;
  const mirror = pluginMirror();
  const body = mirror
    ? [
        'provider_installation {',
        '  filesystem_mirror {',
        `    path    = ${JSON.stringify(mirror)}`,
        '    include = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '  direct {',
        '    exclude = ["registry.terraform.io/hashicorp/aws"]',
        '  }',
        '}',
        '',
      ].join('\n')
    : ['provider_installation {', '  direct {}', '}', ''].join('\n');
  fs.mkdirSync(path.join(TMP_ROOT, 'terraform'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(TMP_ROOT, 'terraform', 'cli-config-'));
  cliConfigFile = path.join(dir, 'cli.tfrc');
  fs.writeFileSync(cliConfigFile, body);
  return cliConfigFile;
}

/** The environment every terraform command runs with. */
export function terraformEnv(): NodeJS.ProcessEnv {
  fs.mkdirSync(PLUGIN_CACHE, { recursive: true });
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig(),
    TF_PLUGIN_CACHE_DIR: PLUGIN_CACHE,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
  };
}

function run(dir: string, args: string[], timeoutMs: number): string {
  try {
    return execFileSync(TERRAFORM, args, {
      cwd: dir,
      env: terraformEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `terraform ${args.join(' ')} failed in ${dir}:\n${err.stderr || ''}\n${err.stdout || ''}\n(${err.message.split('\n')[0]})`,
    );
  }
}

/**
 * `terraform init`, `plan` (no refresh, no lock) and `show -json` in a
 * synthesized stack directory, e.g. `Testing.fullSynth(stack)` +
 * `/stacks/<id>` or a `cdktf.out/stacks/<id>`; returns the parsed plan.
 * Throws with Terraform's diagnostics when a step fails.
 *
 * No separate `terraform validate`: `plan` runs the same validation first
 * (Terraform v1.11.0, internal/command/meta_backend.go:152 sets
 * `cliOpts.Validation = true` for plan/apply, and
 * internal/backend/local/backend_local.go:132 then calls `Core.Validate`
 * before planning), and each Terraform command loads the AWS provider's
 * schema again (about 2.5 s of CPU here).
 */
export function planStack(stackDir: string): TerraformPlan {
  run(stackDir, ['init', '-input=false', '-no-color'], 180_000);
  run(stackDir, ['plan', '-input=false', '-lock=false', '-refresh=false', '-no-color', '-out=plan.bin'], 600_000);
  return JSON.parse(run(stackDir, ['show', '-json', 'plan.bin'], 180_000)) as TerraformPlan;
}

/**
 * `terraform init` and `apply` of a stack that holds only outputs (no
 * provider, no network), then its outputs as Terraform evaluated them: how a
 * string in `cdk.tf.json` really reads once Terraform has parsed its template.
 */
export function evaluateOutputs(stackDir: string): Record<string, unknown> {
  run(stackDir, ['init', '-input=false', '-no-color'], 180_000);
  run(stackDir, ['apply', '-input=false', '-auto-approve', '-lock=false', '-no-color'], 180_000);
  const outputs = JSON.parse(run(stackDir, ['output', '-json'], 60_000)) as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]));
}

/**
 * The working directory of one stack in synthesized output (`Testing.fullSynth()`
 * or `cdktf.out`), read from its manifest. With a single stack, `stackName` may be omitted.
 */
export function stackDir(outdir: string, stackName?: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { workingDirectory: string }>;
  };
  const names = Object.keys(manifest.stacks);
  const name = stackName ?? (names.length === 1 ? names[0] : undefined);
  if (!name || !manifest.stacks[name]) {
    throw new Error(`stack ${stackName ?? '(unnamed)'} not found in ${outdir}; stacks: ${names.join(', ')}`);
  }
  return path.resolve(outdir, manifest.stacks[name].workingDirectory);
}

/** The managed resources of a plan that have the given type. */
export function plannedResources(plan: TerraformPlan, type: string): PlannedResourceChange[] {
  return (plan.resource_changes ?? []).filter((r) => r.mode === 'managed' && r.type === type);
}

/**
 * `describe` for tests that run terraform. Without a terraform binary: in CI
 * (`CI` set) the block fails saying so, since a CI run that skipped the
 * offline plans would pass without checking them; elsewhere it is skipped
 * with a warning naming what did not run. docs/VERIFICATION.md, "Tests that
 * need reference data or tools".
 */
export function describeWithTerraform(name: string, fn: () => void): void {
  if (terraformAvailable()) {
    describe(name, fn);
  } else if (process.env.CI) {
    describe(name, () => {
      it('needs terraform', () => {
        throw new Error(`no terraform binary (${TERRAFORM}) on the PATH: install Terraform 1.5+ (tested with 1.11); CI must run the offline plans`);
      });
    });
  } else {
    console.warn(`skipped "${name}": no terraform binary (${TERRAFORM}) on the PATH; install Terraform 1.5+ to run the offline plans`);
    describe.skip(name, fn);
  }
}
