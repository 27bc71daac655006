/**
 * `sg-replica validate | report | synth` on Kustomize designs, as an IE runs
 * them: the customer's overlay rendered offline from the reference copy of
 * deploy-sourcegraph-k8s with the real kubectl kustomize, problems in the
 * overlay refused at their file, line and column with the reason.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { main, Output } from '../../lib/cli/main';

const root = path.join(__dirname, '..', '..');
const tmp = path.join(root, '.tmp', 'cli-kustomize-tests');
const examples = path.join(root, 'examples', 'designs');

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

/** A copy of the stark-kustomize example (design and overlay) in its own directory, the overlay's kustomization edited by `edit`. */
function starkCopy(name: string, edit: (kustomization: string) => string, editDesign: (design: string) => string = (d) => d): { dir: string; file: string; kustomization: string } {
  const dir = path.join(tmp, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(examples, 'stark-kustomize-overlay'), path.join(dir, 'stark-kustomize-overlay'), { recursive: true });
  const kustomization = path.join(dir, 'stark-kustomize-overlay', 'kustomization.yaml');
  fs.writeFileSync(kustomization, edit(fs.readFileSync(kustomization, 'utf8')));
  const file = path.join(dir, 'stark-kustomize.yaml');
  fs.writeFileSync(file, editDesign(fs.readFileSync(path.join(examples, 'stark-kustomize.yaml'), 'utf8')));
  return { dir, file, kustomization: path.relative(process.cwd(), kustomization) };
}

const REMOTE = 'https://github.com/sourcegraph/deploy-sourcegraph-k8s';

describe('sg-replica on Kustomize designs', () => {
  it('validate: both examples render offline from the reference copy and validate, capacity included', async () => {
    const io = capture();
    expect(await main(['validate', path.join(examples, 'stark-kustomize.yaml'), path.join(examples, 'wonka-gke.yaml')], io)).toBe(0);
    expect(io.stderr).toEqual([]);
    expect(io.stdout).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/✓ .*stark-kustomize\.yaml: stark-kustomize \(aws us-east-1, Kubernetes 1\.35, general 3-6× m6a\.8xlarge; Sourcegraph 7\.2\.1943 \(kustomize, overlay stark-kustomize-overlay\) size M\)$/),
        expect.stringMatching(/✓ .*wonka-gke\.yaml: wonka-gke \(gcp europe-west1, .*Sourcegraph 7\.2\.1943 \(kustomize, overlay wonka-gke-overlay\) size S\)$/),
        // The overlay's warnings at their lines; the capacity check from the rendered manifests at the design's.
        expect.stringMatching(/stark-kustomize-overlay\/kustomization\.yaml:16:5 warning: components\[2\]: creates StorageClass "sourcegraph" \(components\/clusters\/aws\/ebs-csi\)/),
        expect.stringMatching(/stark-kustomize\.yaml:\d+:\d+ warning: sourcegraph\.codebase\.totalSizeGb: capacity: searcher's volume \(StatefulSet\/searcher volumeClaimTemplates\[0\]\) is 27\.9 GiB per replica/),
      ]),
    );
  }, 120_000);

  it('validate refuses an overlay with a typo in a component path: file, line, column, reason and a did-you-mean (through the sg-replica bin)', () => {
    const { file, kustomization } = starkCopy('typo', (k) => k.replace(`${REMOTE}/components/sizes/m?ref=`, `${REMOTE}/components/size/m?ref=`));
    const run = spawnSync(process.execPath, [path.join(root, 'bin', 'sg-replica'), 'validate', file], { cwd: root, encoding: 'utf8', env: { ...process.env, SG_REPLICA_FROM_SOURCE: '1' } });
    expect(run.status).toBe(1);
    const errors = run.stderr.trim().split('\n');
    expect(errors).toEqual([
      `${kustomization}:14:5 components[1]: unknown component components/size/m in deploy-sourcegraph-k8s v7.2.1943, did you mean "${REMOTE}/components/sizes/m?ref=v7.2.1943"? (got "${REMOTE}/components/size/m?ref=v7.2.1943"; allowed: a directory of the release with a kustomization file (components/sizes/s, components/storage-class/sourcegraph, ...))`,
      expect.stringMatching(/✗ .*typo\/stark-kustomize\.yaml: 1 error$/),
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 120_000);

  it('validate refuses an overlay that re-enables an in-cluster database while the design has external ones', async () => {
    const { file, kustomization } = starkCopy('pgsql', (k) => k.replace('  - https://github.com/sourcegraph/deploy-sourcegraph-k8s/components/utils/endpoints', `  - ${REMOTE}/components/services/pgsql?ref=v7.2.1943\n  - https://github.com/sourcegraph/deploy-sourcegraph-k8s/components/utils/endpoints`));
    const io = capture();
    expect(await main(['validate', file], io)).toBe(1);
    expect(io.stderr).toEqual([
      `${kustomization}:23:5 components[8]: deploys and configures the in-cluster pgsql (components/services/pgsql) while the design moves PostgreSQL out of the cluster (externalServices.postgres): the replica would not test the external service; drop this entry or the external service from the design (got "${REMOTE}/components/services/pgsql?ref=v7.2.1943")`,
      expect.stringMatching(/✗ .*pgsql\/stark-kustomize\.yaml: 1 error$/),
    ]);
  }, 120_000);

  it('validate refuses Helm fields with method kustomize and an overlay that is not there, at the design file’s lines, without rendering', async () => {
    const { file } = starkCopy('fields', (k) => k, (d) => d.replace('  overlay: stark-kustomize-overlay ', '  overlay: no-such-overlay ').replace('  size: M ', '  overrides: [acme-override.yaml]\n  size: M '));
    const io = capture();
    expect(await main(['validate', file], io)).toBe(1);
    const shown = file; // as the user named it
    expect(io.stderr).toEqual([
      expect.stringMatching(new RegExp(`^${shown.replace(/[.]/g, '\\.')}:33:12 sourcegraph\\.overlay: overlay directory not found \\(got "no-such-overlay"; allowed: a directory inside the design file’s directory`)),
      expect.stringMatching(new RegExp(`^${shown.replace(/[.]/g, '\\.')}:34:3 sourcegraph\\.overrides: not used with method: kustomize: Helm override files do not apply to a Kustomize deployment`)),
      expect.stringMatching(/✗ .*fields\/stark-kustomize\.yaml: 2 errors$/),
    ]);
  });

  it('report: the release, the overlay and what the replica changes in it', async () => {
    const io = capture();
    const out = path.join(tmp, 'reports');
    expect(await main(['report', '--out', out, path.join(examples, 'wonka-gke.yaml')], io)).toBe(0);
    const md = fs.readFileSync(path.join(out, 'wonka-gke.md'), 'utf8');
    expect(md).toContain('| Sourcegraph | deploy-sourcegraph-k8s 7.2.1943 (Kustomize), size S, namespace sourcegraph |');
    expect(md).toContain('## What the replica changes in the overlay');
  }, 120_000);

  it('synth --offline writes the stacks, the replica’s layer and manifests, and no helm-values.yaml', async () => {
    const io = capture();
    const out = path.join(tmp, 'out');
    fs.rmSync(out, { recursive: true, force: true });
    expect(await main(['synth', '--offline', '--out', out, path.join(examples, 'wonka-gke.yaml')], io)).toBe(0);
    const dir = path.join(out, 'replicas', 'wonka-gke');
    expect(fs.readdirSync(dir).sort()).toEqual(['kustomize', 'metadata.json', 'report.md']);
    // replica-resources.yaml holds the objects the layer adds: for gce with a google-managed certificate, the FrontendConfig
    // that redirects HTTP to HTTPS (wonka's overlay has its own BackendConfig, which the layer patches instead).
    expect(fs.readdirSync(path.join(dir, 'kustomize')).sort()).toEqual(['chart', 'customer.yaml', 'kustomization.yaml', 'replica-resources.yaml', 'replica.yaml']);
    const added = fs.readFileSync(path.join(dir, 'kustomize', 'replica-resources.yaml'), 'utf8');
    expect(added).toMatch(/kind: FrontendConfig/);
    expect(added).not.toMatch(/kind: BackendConfig/);
    expect(io.stdout).toEqual(expect.arrayContaining([expect.stringMatching(/^ {2}sourcegraph: deploy-sourcegraph-k8s 7\.2\.1943 via Kustomize \(overlay wonka-gke-overlay; \d+ replica adjustments\), size S, gce ingress at sourcegraph\.wonka\.example\.com, pd-ssd volumes \(encrypted\); manifests in .*replicas\/wonka-gke\/kustomize\/replica\.yaml/)]));
    // The chart the stack's helm_release installs is in the stack's assets.
    const stack = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'wonka-gke-sourcegraph', 'cdk.tf.json'), 'utf8'));
    const release = Object.values<any>(stack.resource.helm_release).find((r) => r.name === 'sourcegraph');
    expect(fs.readFileSync(path.join(out, 'stacks', 'wonka-gke-sourcegraph', release.chart, 'manifests', 'replica.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'kustomize', 'replica.yaml'), 'utf8'));
  }, 180_000);

  it('validate --render renders the overlay with kubectl and the ingress controller with helm, and runs the render checks', async () => {
    const io = capture();
    expect(await main(['validate', '--render', path.join(examples, 'stark-kustomize.yaml')], io)).toBe(0);
    expect(io.stdout).toEqual(expect.arrayContaining([expect.stringMatching(/✓ .*stark-kustomize\.yaml: rendered \d+ objects from deploy-sourcegraph-k8s 7\.2\.1943 \(\w+\) and the overlay stark-kustomize-overlay with kubectl .*; every render check passed$/)]));
  }, 180_000);
});
