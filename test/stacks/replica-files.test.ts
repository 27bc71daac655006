import { App } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { addReplica } from '../../stacks/replica-app';
import { releaseValues, replicaFiles, replicaFilesDir } from '../../stacks/replica-files';
import { EXAMPLES_DIR, TEST_CREATED_AT } from '../support/synth-replica';
import { loadDesign } from '../../lib/checks/check-design';

const tmp = path.join(__dirname, '..', '..', '.tmp', 'replica-files-test');
const design = loadDesign(path.join(EXAMPLES_DIR, 'acme-prod.yaml'));

describe('addReplica(..., { files: true })', () => {
  beforeAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
  });

  it('makes app.synth() write helm-values.yaml and report.md beside the stacks, as sg-replica synth does', () => {
    const outdir = path.join(tmp, 'with-files');
    const app = new App({ outdir });
    const replica = addReplica(app, design, { createdAt: TEST_CREATED_AT, files: true });
    app.synth();
    const dir = replicaFilesDir(outdir, 'acme-prod');
    expect(fs.readdirSync(dir).sort()).toEqual(['helm-values.yaml', 'report.md']);
    const values = fs.readFileSync(path.join(dir, 'helm-values.yaml'), 'utf8');
    expect(values).toMatch(/storageClass:\n {2}create: false/);
    // The customer's override file is in the values (acme-override.yaml: frontend.replicaCount 3).
    expect(values).toMatch(/frontend:\n(.*\n)*? {2}replicaCount: 3/);
    const report = fs.readFileSync(path.join(dir, 'report.md'), 'utf8');
    expect(report).toMatch(/^# Sourcegraph replica `acme-prod` for Acme Corp/);
    expect(report).toContain(replica.metadata.expiresAt);
    // The same files as the pure function gives for the same stack.
    const stack = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'acme-prod-sourcegraph', 'cdk.tf.json'), 'utf8'));
    expect(replicaFiles({ design, metadata: replica.metadata, sourcegraphStack: stack }).files).toEqual({ 'helm-values.yaml': values, 'report.md': report });
  });

  it('writes nothing besides the stacks by default', () => {
    const outdir = path.join(tmp, 'without-files');
    const app = new App({ outdir });
    addReplica(app, design, { createdAt: TEST_CREATED_AT });
    app.synth();
    expect(fs.existsSync(path.join(outdir, 'replicas'))).toBe(false);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'acme-prod-sourcegraph', 'cdk.tf.json'))).toBe(true);
  });
});

describe('releaseValues', () => {
  it('is undefined without a sourcegraph helm_release (a Kustomize replica); the values of the one there is (above)', () => {
    expect(releaseValues({ resource: { helm_release: { other: { chart: 'ingress-nginx', values: ['a: 1'] } } } })).toBeUndefined();
    expect(releaseValues({})).toBeUndefined();
  });
});
