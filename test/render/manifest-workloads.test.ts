import { manifestWorkloads } from '../../lib/render/manifest-workloads';
import { GIB } from '../../lib/sizing/quantity';
import { RenderedObject } from '../../lib/render/helm-template';

const sts: RenderedObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'gitserver', annotations: { description: 'Stores clones of repositories.' } },
  spec: {
    replicas: 2,
    template: {
      spec: {
        nodeSelector: { pool: 'search' },
        tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }],
        initContainers: [{ name: 'init', resources: { requests: { cpu: '4', memory: '1Gi' } } }],
        containers: [
          { name: 'gitserver', resources: { limits: { cpu: '4', memory: '8G' }, requests: { cpu: '1' } } },
          { name: 'exporter', resources: { requests: { cpu: '10m', memory: '50Mi' } } },
        ],
        volumes: [{ name: 'cache', persistentVolumeClaim: { claimName: 'cache' } }, { name: 'tmp', emptyDir: {} }],
      },
    },
    volumeClaimTemplates: [{ metadata: { name: 'repos' }, spec: { resources: { requests: { storage: '200Gi' } } } }],
  },
};
const pvc: RenderedObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'cache' }, spec: { resources: { requests: { storage: '10Gi' } } } };
const job: RenderedObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { template: { spec: { containers: [{ name: 'm' }] } } } };
const ds: RenderedObject = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'node-exporter' }, spec: { template: { spec: { containers: [{ name: 'ne', resources: { limits: { cpu: '200m', memory: '100Mi' } } }], nodeSelector: null, affinity: null, tolerations: null } } } };

describe('manifestWorkloads', () => {
  const [gitserver, nodeExporter, ...rest] = manifestWorkloads([sts, pvc, job, ds], { keyOf: (_, name) => (name === 'gitserver' ? 'gitserver' : undefined) });

  it('reads replicas, containers with Kubernetes request defaulting, and the pod request as the scheduler counts it', () => {
    expect(rest).toEqual([]);
    expect(gitserver).toMatchObject({ name: 'gitserver', key: 'gitserver', kind: 'StatefulSet', replicas: 2, description: 'Stores clones of repositories.' });
    expect(gitserver.containers[0]).toEqual({
      name: 'gitserver',
      resourcesKey: 'StatefulSet/gitserver/gitserver',
      requests: { cpuMillis: 1000, memoryBytes: 8e9, ephemeralStorageBytes: undefined },
      limits: { cpuMillis: 4000, memoryBytes: 8e9 },
    });
    // max(init 4 vCPU, 1 + 0.01 vCPU); memory: max(1 GiB, 8 GB + 50 MiB)
    expect(gitserver.podRequests).toEqual({ cpuMillis: 4000, memoryBytes: 8e9 + 50 * 2 ** 20 });
    expect(gitserver.podLimits).toEqual({ cpuMillis: undefined, memoryBytes: undefined });
  });

  it('reads the volumes: mounted PVCs and one claim per replica of each template', () => {
    expect(gitserver.volumes).toEqual([
      { claimName: 'cache', kind: 'pvc', sizeBytes: 10 * GIB, count: 1, sizeKey: 'PersistentVolumeClaim/cache' },
      { claimName: 'repos-gitserver-0', kind: 'volumeClaimTemplate', sizeBytes: 200 * GIB, count: 2, sizeKey: 'StatefulSet/gitserver volumeClaimTemplates[0]' },
    ]);
  });

  it('reads the placement, and DaemonSets as one pod per node with null fields as unset', () => {
    expect(gitserver.placement).toEqual({ nodeSelector: { pool: 'search' }, tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(nodeExporter).toMatchObject({ key: 'node-exporter', kind: 'DaemonSet', replicas: 0, podRequests: { cpuMillis: 200, memoryBytes: 100 * 2 ** 20 }, placement: { nodeSelector: {}, tolerations: [] } });
  });

  it('names the object and field of a value that is not a quantity', () => {
    const bad = { ...sts, spec: { template: { spec: { containers: [{ name: 'c', resources: { requests: { cpu: 'lots' } } }] } } } };
    expect(() => manifestWorkloads([bad])).toThrow(/StatefulSet\/gitserver\/c\.resources\.requests\.cpu/);
  });
});
