import { checkVolumes } from '../../lib/render/check-volumes';
import { RenderedObject } from '../../lib/render/helm-template';

const pvc = (name: string, storageClassName: string | undefined, storage: string): RenderedObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: { ...(storageClassName ? { storageClassName } : {}), resources: { requests: { storage } } },
});

const statefulSet = (size: string): RenderedObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'grafana' },
  spec: { template: { spec: { containers: [] } }, volumeClaimTemplates: [{ metadata: { name: 'grafana-data' }, spec: { storageClassName: 'sourcegraph', resources: { requests: { storage: size } } } }] },
});

describe('checkVolumes', () => {
  test('claims on the replica StorageClass within the disk type limits pass', () => {
    expect(checkVolumes([pvc('pgsql', 'sourcegraph', '200Gi'), statefulSet('4Gi')], 'sourcegraph', 'io2')).toEqual([]);
  });

  test('a volumeClaimTemplate below the io2 minimum (grafana 2Gi) is an error', () => {
    expect(checkVolumes([statefulSet('2Gi')], 'sourcegraph', 'io2')).toEqual([
      { severity: 'error', check: 'volumes', object: 'StatefulSet/grafana volumeClaimTemplate grafana-data', message: 'requests "2Gi"; a io2 volume is at least 4 GiB, so it would never provision' },
    ]);
    expect(checkVolumes([statefulSet('2Gi')], 'sourcegraph', 'gp3')).toEqual([]);
  });

  test('another StorageClass, or none, is an error', () => {
    const found = checkVolumes([pvc('a', 'gp2', '10Gi'), pvc('b', undefined, '10Gi')], 'sourcegraph', 'gp3').map((f) => f.message);
    expect(found).toEqual(['uses StorageClass "gp2", not the replica\'s "sourcegraph"', 'has no storageClassName: it would use the cluster\'s default class, not the replica\'s "sourcegraph"']);
  });

  test('too large, or not a size', () => {
    expect(checkVolumes([pvc('a', 'sourcegraph', '20Ti')], 'sourcegraph', 'gp3')[0].message).toBe('requests 20 TiB; a gp3 volume holds at most 16 TiB');
    expect(checkVolumes([pvc('a', 'sourcegraph', 'lots')], 'sourcegraph', 'gp3')[0].message).toBe('requests storage "lots", which is not a size');
  });
});
