/**
 * The real thing, offline: Terraform 1.11 applies and destroys stacks of
 * destroy-time commands (terraform_data is built into Terraform: no
 * provider, no network), with a fake gcloud on the PATH. Proves what the
 * synthesized-JSON tests cannot: that Terraform evaluates `self.input` in
 * the provisioner's environment, runs the script exactly as written, runs
 * it only on destroy, fails the destroy with the script's message when it
 * fails, destroys the command last when everything depends on it, and
 * reads `required_version`.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { GkeDestroyWait } from '../../lib/gcp/gke-destroy-wait';
import { MemorystorePeeringCleanup } from '../../lib/gcp/memorystore-peering-cleanup';
import { DestroyTimeCommand } from '../../lib/terraform/destroy-time-command';
import { everythingDependsOn } from '../../lib/terraform/everything-depends-on';
import { requireTerraformVersion } from '../../lib/terraform/required-version';
import { FakeGcloud } from '../support/destroy-command';
import { stackDir, terraformAvailable, terraformEnv } from '../support/terraform';

const TERRAFORM = process.env.TERRAFORM_BINARY_NAME || 'terraform';
let terraformPath: string | undefined;
/** The terraform binary, by absolute path: the provisioners' PATH holds only the fake gcloud and a few tools. */
function terraformBinary(): string {
  terraformPath ??= execFileSync('sh', ['-c', `command -v ${TERRAFORM} || echo "no ${TERRAFORM} on the PATH" >&2`], { encoding: 'utf8' }).trim();
  if (!terraformPath) throw new Error(`${TERRAFORM} is not on the PATH: install Terraform 1.11 to run this test`);
  return terraformPath;
}
const root = path.join(__dirname, '..', '..', '.tmp', 'destroy-time-command', `${process.pid}`);

/** Synthesizes a one-stack app and returns the stack's directory. */
function synthStack(name: string, build: (stack: TerraformStack) => void): string {
  const outdir = path.join(root, name);
  fs.rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir });
  build(new TerraformStack(app, name));
  app.synth();
  return stackDir(outdir, name);
}

/** Runs terraform with only the fake gcloud and the tools on the provisioners' PATH. */
function terraform(dir: string, args: string[], gcloud: FakeGcloud) {
  const env = { ...terraformEnv(), ...gcloud.env() };
  const r = spawnSync(terraformBinary(), [...args, '-no-color'], { cwd: dir, env, encoding: 'utf8', timeout: 180_000 });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

function initAndApply(dir: string, gcloud: FakeGcloud): void {
  for (const args of [['init', '-input=false'], ['apply', '-input=false', '-auto-approve', '-lock=false']]) {
    const r = terraform(dir, args, gcloud);
    if (r.status !== 0) throw new Error(`terraform ${args[0]} failed:\n${r.output}`);
  }
}

describe('destroy-time commands under the real Terraform', () => {
  beforeAll(() => fs.mkdirSync(root, { recursive: true }));

  it('is available: terraform runs here (CI installs it)', () => {
    expect(terraformAvailable()).toBe(true);
  });

  it('runs nothing on apply, then waits on destroy until the listed resources are gone, after everything that depends on it', () => {
    const gcloud = new FakeGcloud().answer('disks', 'list', 1, 'pvc-1111\n');
    const dir = synthStack('wait', (stack) => {
      requireTerraformVersion(stack);
      const wait = new GkeDestroyWait(stack, 'wait', {
        project: 'umbrella-sg-sandbox',
        networkName: 'umbrella-gke',
        replicaLabel: 'umbrella-gke',
        staticAddressName: 'umbrella-gke-sourcegraph',
        attempts: 3,
        intervalSeconds: 0,
      });
      // Stands for the release and the namespace: destroyed first, because it depends on the wait.
      // It writes to the fake gcloud's call log, so the log shows the order.
      new DestroyTimeCommand(stack, 'release', { script: 'echo "release destroyed" >>"$FAKE_GCLOUD_DIR/calls"' });
      everythingDependsOn(stack, [wait.command.resource]);
    });
    const data = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')).resource.terraform_data;
    const [releaseKey, waitKey] = [Object.keys(data).find((k) => k.startsWith('release'))!, Object.keys(data).find((k) => k.startsWith('wait'))!];
    expect(data[releaseKey].depends_on).toEqual([`terraform_data.${waitKey}`]);
    initAndApply(dir, gcloud);
    expect(gcloud.calls()).toEqual([]);

    const r = terraform(dir, ['destroy', '-input=false', '-auto-approve', '-lock=false'], gcloud);
    expect(r.status).toBe(0);
    expect(gcloud.calls()[0]).toBe('release destroyed');
    expect(r.output).toContain("persistent disks of the replica's volumes: pvc-1111");
    expect(r.output).toContain('deleted (check 2)');
    // The environment came from the resource's own state, the script unchanged by Terraform.
    expect(gcloud.calls()[1]).toBe('compute disks list --project umbrella-sg-sandbox --filter labels.sg-replica-name=umbrella-gke AND name ~ ^pvc- --format value(name)');
    expect(gcloud.calls()).toContain('compute addresses describe umbrella-gke-sourcegraph --global --project umbrella-sg-sandbox --format value(users)');
  });

  it('fails the destroy with the script\'s message and keeps the resource, so what it guards is not destroyed', () => {
    const gcloud = new FakeGcloud();
    for (const n of [1, 2]) gcloud.answer('networks-peerings', 'list', n, 'redis-peer-123456789012\n').fail('networks-peerings', 'delete', n, 'ERROR: peering operation in progress');
    const dir = synthStack('peering', (stack) => {
      new MemorystorePeeringCleanup(stack, 'peering', { project: 'hooli-sg-replica', networkName: 'hooli-private', attempts: 2, intervalSeconds: 0 });
    });
    initAndApply(dir, gcloud);
    const r = terraform(dir, ['destroy', '-input=false', '-auto-approve', '-lock=false'], gcloud);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("Memorystore's peering of network hooli-private is still there after 2 tries");
    const state = terraform(dir, ['state', 'list'], gcloud);
    expect(state.output).toMatch(/terraform_data\./);
  });

  it('stops a Terraform older than a stack requires at init, naming the constraint', () => {
    const gcloud = new FakeGcloud();
    const dir = synthStack('too-new', (stack) => {
      requireTerraformVersion(stack, '99.0.0');
      new DestroyTimeCommand(stack, 'noop', { script: 'true' });
    });
    const r = terraform(dir, ['init', '-input=false'], gcloud);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('Unsupported Terraform Core version');
    expect(r.output).toContain('>= 99.0.0');
  });
});
