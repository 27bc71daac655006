import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { fileAdds, kustomizationEffects, patchEffects, selects } from '../../lib/kustomize/overlay-effects';
import { referenceRelease } from '../support/kustomize';

const releaseDir = referenceRelease().dir;
const effects = (path: string) => kustomizationEffects(join(releaseDir, path), releaseDir);

describe('overlay effects', () => {
  it("reads what Sourcegraph's components do", () => {
    expect(effects('components/remove/redis').deletes).toEqual([
      { kind: 'Deployment', name: 'redis-cache' },
      { kind: 'PersistentVolumeClaim', name: 'redis-cache' },
      { kind: 'Service', name: 'redis-cache' },
      { kind: 'Deployment', name: 'redis-store' },
      { kind: 'PersistentVolumeClaim', name: 'redis-store' },
      { kind: 'Service', name: 'redis-store' },
    ]);
    expect(effects('components/services/pgsql')).toEqual({ adds: [], deletes: [], patches: [{ kind: 'StatefulSet', name: 'pgsql' }], secrets: [] });
    // Nested components are followed: ebs-csi brings the StorageClass of storage-class/aws/ebs-csi.
    expect(effects('components/clusters/aws/ebs-csi').adds).toEqual([{ kind: 'StorageClass', name: 'sourcegraph' }]);
    expect(effects('base/sourcegraph').adds).toContainEqual({ kind: 'StatefulSet', name: 'pgsql' });
    expect(effects('base/sourcegraph').adds).toContainEqual({ kind: 'Deployment', name: 'sourcegraph-frontend' });
  });

  it('reads every manifest of the release the quick way exactly as a full YAML parse does', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir)) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(e) && !/kustomization/.test(e)) files.push(p);
      }
    };
    walk(join(releaseDir, 'base'));
    walk(join(releaseDir, 'components'));
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const full = parseAllDocuments(text).flatMap((d) => {
        const v = d.toJS() as { kind?: unknown; metadata?: { name?: unknown } } | null;
        return v && typeof v.kind === 'string' && typeof v.metadata?.name === 'string' && v.kind !== 'List' ? [{ kind: v.kind, name: v.metadata.name }] : [];
      });
      expect({ f, adds: fileAdds(text) }).toEqual({ f, adds: full });
    }
  });

  it('tells deleting patches from changing ones, with and without a target', () => {
    expect(patchEffects('$patch: delete\napiVersion: v1\nkind: Service\nmetadata: {name: pgsql}\n', undefined)).toMatchObject({ deletes: [{ kind: 'Service', name: 'pgsql' }], patches: [] });
    expect(patchEffects('- op: replace\n  path: /spec/replicas\n  value: 0\n', { kind: 'Deployment|StatefulSet', name: '.*' })).toMatchObject({ patches: [{ kind: 'Deployment|StatefulSet', name: '.*' }] });
    expect(patchEffects('- op: replace\n  path: /x\n  value: 0\n', {})).toMatchObject({ patches: [{ kind: '.*', name: '.*' }] });
  });

  it('matches kind and name as anchored regular expressions, and never a broken or huge one', () => {
    expect(selects({ kind: 'StatefulSet|Deployment', name: 'pgsql' }, 'Deployment', 'pgsql')).toBe(true);
    expect(selects({ kind: 'StatefulSet', name: 'pg' }, 'StatefulSet', 'pgsql')).toBe(false);
    expect(selects({ kind: '.*', name: '(' }, 'StatefulSet', 'pgsql')).toBe(false);
    expect(selects({ kind: '.*', name: 'a'.repeat(300) }, 'StatefulSet', 'a'.repeat(300))).toBe(true);
    expect(selects({ kind: '.*', name: `(${'a'.repeat(300)})` }, 'StatefulSet', 'a'.repeat(300))).toBe(false);
  });
});
