import { relative } from 'node:path';
import { Design } from '../../lib/design/model';
import { formatProblem } from '../../lib/design/problems';
import { checkOverlay, checkOverlayRender } from '../../lib/kustomize/check-overlay';
import { readOverlay } from '../../lib/kustomize/overlay';
import { kustomizeRelease } from '../../lib/kustomize/releases';
import { RenderedObject } from '../../lib/render/helm-template';
import { awsDesign, gcpDesign } from '../support/design-fixture';
import { referenceRelease, remote, writeOverlay } from '../support/kustomize';

const release = kustomizeRelease('7.2.1943');
const releaseDir = referenceRelease().dir;
const context = { release, releaseDir };
const external = { postgres: { instanceClass: 'db.m6g.xlarge', storageGb: 100, highAvailability: false }, redis: { nodeType: 'cache.m6g.large' }, objectStorage: {} };
const check = (design: Design, dir: string) => {
  const overlay = readOverlay(dir, { releaseDir, release });
  expect(overlay.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return checkOverlay(design, overlay, context);
};
const base = ['resources:', '  - ../../base/sourcegraph', '  - ../../base/monitoring', 'components:'];
const overlayWith = (lines: readonly string[], files: Record<string, string> = {}) => writeOverlay({ 'kustomization.yaml': [...base, ...lines, ''].join('\n'), ...files });
const at = (dir: string) => `${relative(process.cwd(), dir)}/kustomization.yaml`;

describe('checkOverlay', () => {
  it('finds only the StorageClass of the Stark and Wonka examples (the replica replaces it)', () => {
    const stark = check(awsDesign({ sourcegraph: { size: 'M' }, externalServices: external }), 'examples/designs/stark-kustomize-overlay');
    expect(stark.map(formatProblem)).toEqual([
      `examples/designs/stark-kustomize-overlay/kustomization.yaml:16:5 warning: components[2]: creates StorageClass "sourcegraph" (components/clusters/aws/ebs-csi); the replica removes it and puts every volume on its own "sourcegraph" class (encrypted gp3, reclaim policy Delete, tagged) (got "${remote('components/clusters/aws/ebs-csi')}")`,
    ]);
    const wonka = check(gcpDesign({ sourcegraph: { size: 'S' } }), 'examples/designs/wonka-gke-overlay');
    expect(wonka.map((p) => [p.severity, p.line, p.field])).toEqual([['warning', 16, 'components[3]']]);
  });

  it('refuses an overlay that re-enables an in-cluster database while external ones are designed, with file, line and reason', () => {
    const dir = overlayWith(['  - ../../components/remove/pgsql/statefulset'], {});
    // The Sourcegraph component that deploys pgsql as a Deployment, and a resource of the overlay's own.
    const dir2 = writeOverlay({
      'kustomization.yaml': ['resources:', '  - ../../base/sourcegraph', '  - codeintel-db.StatefulSet.yaml', 'components:', '  - ../../components/services/pgsql', 'patches:', '  - path: pgsql-conf.yaml', ''].join('\n'),
      'codeintel-db.StatefulSet.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: codeintel-db\nspec: {}\n',
      'pgsql-conf.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pgsql-conf\ndata: {postgresql.conf: x}\n',
    });
    const design = awsDesign({ externalServices: external });
    expect(check(design, dir)).toEqual([]);
    expect(check(design, dir2).map(formatProblem)).toEqual([
      `${at(dir2)}:3:5 resources[1]: re-enables the in-cluster codeintel-db ("codeintel-db.StatefulSet.yaml") while the design moves PostgreSQL out of the cluster (externalServices.postgres): the replica would not test the external service; drop this entry or the external service from the design (got "codeintel-db.StatefulSet.yaml")`,
      `${at(dir2)}:5:5 components[0]: deploys and configures the in-cluster pgsql (components/services/pgsql) while the design moves PostgreSQL out of the cluster (externalServices.postgres): the replica would not test the external service; drop this entry or the external service from the design (got "../../components/services/pgsql")`,
      `${at(dir2)}:7:5 warning: patches[0]: configures the in-cluster pgsql ("pgsql-conf.yaml"), which the replica removes for externalServices.postgres: ignored (got "pgsql-conf.yaml")`,
    ]);
  });

  it('refuses an overlay that removes an in-cluster store the design keeps', () => {
    const dir = overlayWith(['  - ../../components/remove/redis', '  - ../../components/remove/codeintel-db/statefulset']);
    const problems = check(awsDesign(), dir);
    expect(problems.map((p) => [p.severity, p.line, p.field, p.message.split(':')[0]])).toEqual([
      ['error', 5, 'components[0]', 'removes the in-cluster redis-cache, redis-store (components/remove/redis), but the design has no externalServices.redis'],
      ['error', 6, 'components[1]', 'removes the in-cluster codeintel-db (components/remove/codeintel-db/statefulset), but the design has no externalServices.postgres'],
    ]);
    expect(check(awsDesign({ externalServices: external }), dir)).toEqual([]);
  });

  it('applies the component rules: sizing removed, wrong platform, ingress, size, with the component that brings them', () => {
    const dir = overlayWith([
      '  - ../../components/remove/resources',
      '  - ../../components/resources/lower-requests',
      '  - ../../components/sizes/xl',
      '  - ../../components/storage-class/gcp',
      '  - ../../components/ingress/gke',
      '  - ../../components/clusters/minikube',
    ]);
    const problems = check(awsDesign({ sourcegraph: { size: 'S', ingress: 'alb' } }), dir);
    expect(problems.map((p) => `${p.severity} ${p.line} ${p.message.split(':')[0]}`)).toEqual([
      'error 5 components/remove/resources',
      'warning 6 components/resources/lower-requests',
      'warning 7 allocates resources for size XL, but the design\'s sourcegraph.size is S',
      'warning 8 components/storage-class/gcp is made for GKE, but the replica runs on EKS',
      'warning 8 creates StorageClass "sourcegraph" (components/storage-class/gcp); the replica removes it and puts every volume on its own "sourcegraph" class (encrypted gp3, reclaim policy Delete, tagged)',
      'warning 9 components/ingress/gke is made for GKE, but the replica runs on EKS',
      "warning 9 components/ingress/gke sets up the frontend for a 'gce' ingress, but the design's ingress is 'alb'",
      'error 10 components/clusters/minikube',
      'warning 10 components/storage-class/minikube (brought in by components/clusters/minikube)',
    ]);
  });

  it('warns about Secrets the overlay carries and images from another registry', () => {
    const dir = writeOverlay({
      'kustomization.yaml': ['resources: [../../base/sourcegraph]', 'secretGenerator:', '  - name: gitserver-ssh', '    files: [id_rsa]', 'images:', '  - name: index.docker.io/sourcegraph/frontend', '    newName: registry.acme.internal/sourcegraph/frontend', ''].join('\n'),
      id_rsa: 'not a key\n',
    });
    expect(check(awsDesign(), dir).map((p) => [p.severity, p.line, p.field])).toEqual([
      ['warning', 3, 'secretGenerator[0]'],
      ['warning', 7, 'images[0].newName'],
    ]);
  });
});

describe('checkOverlayRender', () => {
  const obj = (kind: string, name: string, extra: Record<string, unknown> = {}): RenderedObject => ({ apiVersion: 'v1', kind, metadata: { name, ...extra } });
  const everything = ['sourcegraph-frontend', 'pgsql', 'codeintel-db', 'codeinsights-db', 'redis-cache', 'redis-store', 'blobstore'].map((n) => ({ ...obj('Deployment', n), apiVersion: 'apps/v1' }));

  it('refuses a build without the frontend Ingress when the design has an ingress, at the entry that removed it', () => {
    const dir = overlayWith(['  - ../../components/sizes/s', '  - ../../components/remove/default-ingress']);
    const overlay = readOverlay(dir, { releaseDir, release });
    const problems = checkOverlayRender(awsDesign(), overlay, everything, context);
    expect(problems.map((p) => [p.severity, p.line, p.field])).toEqual([['error', 6, 'components[1]']]);
    expect(problems[0].message).toMatch(/^the overlay renders no Ingress, but the design exposes Sourcegraph through 'alb' at sourcegraph\.acme\.example\.com/);
    expect(checkOverlayRender(awsDesign({ sourcegraph: { ingress: 'none' } }), overlay, everything, context)).toEqual([]);
  });

  it('warns about production cloud identities on ServiceAccounts and stores missing from the build', () => {
    const dir = overlayWith(['  - ../../components/sizes/s']);
    const overlay = readOverlay(dir, { releaseDir, release });
    const objects = [...everything.filter((o) => o.metadata.name !== 'blobstore'), obj('Ingress', 'sourcegraph-frontend'), obj('ServiceAccount', 'worker', { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::999:role/prod' } })];
    const problems = checkOverlayRender(awsDesign(), overlay, objects, context);
    expect(problems.map((p) => [p.severity, p.line, p.message.split(':')[0]])).toEqual([
      ['error', 1, 'the overlay renders no blobstore, but the design has no externalServices.objectStorage'],
      ['warning', 1, 'ServiceAccount worker is bound to production\'s cloud identity (eks.amazonaws.com/role-arn'],
    ]);
  });
});
