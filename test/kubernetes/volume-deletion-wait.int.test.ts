/**
 * VolumeDeletionWait with real Terraform 1.11 (terraform_data is built in:
 * no provider, no network): `apply` does nothing, `destroy` runs the wait
 * program from the synthesized configuration against a fake Kubernetes API
 * on 127.0.0.1, and a destroy that times out keeps the resource in state so
 * the next destroy waits again.
 */
import 'cdktf/lib/testing/adapters/jest';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { LocalBackend, TerraformStack, Testing } from 'cdktf';
import { VolumeDeletionWait } from '../../lib/kubernetes/volume-deletion-wait';
import { fakeExecCredential, startFakeKubernetesApi, type FakeKubernetesApi } from '../support/fake-kubernetes-api';
import { stackDir, terraformEnv, describeWithTerraform } from '../support/terraform';


describeWithTerraform('VolumeDeletionWait: terraform apply and destroy', () => {
  let api: FakeKubernetesApi;
  let outdir: string;
  let dir: string;

  const terraform = (args: string[], env: Record<string, string> = {}) => {
    const flags = ['init', 'apply', 'destroy'].includes(args[0]) ? ['-no-color', '-input=false'] : [];
    const r = spawnSync('terraform', [...args, ...flags], {
      cwd: dir,
      // The plugin's credential comes from the environment at destroy time, as AWS credentials do.
      env: { ...terraformEnv(), FAKE_EXEC_TOKEN: api.token, ...env },
      encoding: 'utf8',
      timeout: 300_000,
    });
    return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
  };

  beforeAll(async () => {
    api = await startFakeKubernetesApi();
    const stack = new TerraformStack(Testing.app(), 'volumes');
    // State in the stack's own directory (cdktf's default is an absolute path in the current directory).
    new LocalBackend(stack, { path: 'terraform.tfstate' });
    new VolumeDeletionWait(stack, 'volume-wait', {
      storageClassName: 'sourcegraph',
      // As an API reached through a tunnel: 127.0.0.1, verified against the cluster's name.
      credentials: { host: api.host, caCertificateBase64: api.caBase64, tlsServerName: api.serverName, exec: fakeExecCredential() },
      // Fractions of a second: the destroy really waits, holding one of the machine's two jest workers.
      timeoutSeconds: 2,
      pollSeconds: 0.25,
      node: process.execPath,
    });
    outdir = Testing.fullSynth(stack);
    dir = stackDir(outdir);
    expect(terraform(['init']).status).toBe(0);
  }, 300_000);

  afterAll(async () => {
    await api?.stop();
    if (outdir) fs.rmSync(outdir, { recursive: true, force: true });
  });

  it('does nothing on apply', () => {
    api.setVolumes([{ name: 'pvc-1', storageClassName: 'sourcegraph', volumeHandle: 'vol-0aaa' }], -1);
    const r = terraform(['apply', '-auto-approve']);
    expect(r.out).toContain('Apply complete! Resources: 1 added');
    expect(r.status).toBe(0);
    expect(api.requests()).toEqual([]);
  }, 300_000);

  it('fails the destroy while volumes are left, and keeps the resource so the next destroy waits again', () => {
    const r = terraform(['destroy', '-auto-approve']);
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/1 PersistentVolume\(s\) of StorageClass sourcegraph still exist after \d+ s: pvc-1 \(vol-0aaa/);
    expect(terraform(['state', 'list']).out).toMatch(/terraform_data\.volume-wait_resource/);
  }, 300_000);

  it('lets the destroy finish once the CSI driver has deleted them', () => {
    api.setVolumes([{ name: 'pvc-1', storageClassName: 'sourcegraph', volumeHandle: 'vol-0aaa' }], 2);
    const r = terraform(['destroy', '-auto-approve']);
    expect(r.out).toContain('waiting for the CSI driver to delete 1 PersistentVolume(s) of StorageClass sourcegraph');
    expect(r.out).toContain('no PersistentVolume of StorageClass sourcegraph is left');
    expect(r.out).toContain('Destroy complete! Resources: 1 destroyed');
    expect(r.status).toBe(0);
    for (const q of api.requests()) expect(q).toMatchObject({ authorization: `Bearer ${api.token}`, servername: api.serverName });
  }, 300_000);

  it('keeps no credential in state, only how to get one', () => {
    expect(terraform(['apply', '-auto-approve']).status).toBe(0);
    const state = fs.readFileSync(`${dir}/terraform.tfstate`, 'utf8');
    expect(state).not.toContain(api.token);
    expect(state).toContain('fake-exec-credential.js');
    expect(terraform(['destroy', '-auto-approve'], { SG_REPLICA_SKIP_VOLUME_WAIT: '1' }).status).toBe(0);
  }, 300_000);
});
