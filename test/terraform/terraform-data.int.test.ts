/**
 * A replica synthesizes on a machine without Terraform: `sg-replica synth`
 * run as a user runs it, with a PATH that has node and nothing else. With
 * cdktf's DataResource (before TerraformData), this failed with "Could not
 * determine version of terraform" although `validate` had passed.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

it('sg-replica synth writes both stacks, destroy-time terraform_data included, with no terraform on the PATH', () => {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'path-without-terraform-'));
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'synth-without-terraform-')), 'cdktf.out');
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'sg-replica'), 'synth', '--out', out, 'examples/designs/acme-prod.yaml'], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: bin, HOME: os.tmpdir(), SG_REPLICA_FROM_SOURCE: '1', SG_REPLICA_CREATED_AT: '2026-11-27T00:00:00Z', CHECKPOINT_DISABLE: '1' },
    timeout: 120_000,
  });
  expect(spawnSync('sh', ['-c', 'command -v terraform'], { env: { PATH: bin } }).status).not.toBe(0);
  expect([r.status, r.stderr]).toEqual([0, '']);
  const sourcegraph = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'acme-prod-sourcegraph', 'cdk.tf.json'), 'utf8'));
  expect(Object.keys(sourcegraph.resource.terraform_data)).not.toHaveLength(0);
}, 120_000);
