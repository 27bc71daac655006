import { checkCapacityModel } from '../../lib/render/check-capacity-model';
import { RenderedObject } from '../../lib/render/helm-template';
import { renderWorkloads, ResourceAmounts } from '../../lib/sizing/workloads';

/** Objects as the chart would render them if the model were exact (what the render tier compares against the real chart). */
function objectsOfModel(values: Record<string, unknown>): RenderedObject[] {
  const res = (a: ResourceAmounts) => ({
    ...(a.cpuMillis !== undefined ? { cpu: `${a.cpuMillis}m` } : {}),
    ...(a.memoryBytes !== undefined ? { memory: String(a.memoryBytes) } : {}),
    ...(a.ephemeralStorageBytes !== undefined ? { 'ephemeral-storage': String(a.ephemeralStorageBytes) } : {}),
  });
  const out: RenderedObject[] = [];
  for (const w of renderWorkloads(values, '7.6.0')) {
    const container = (c: (typeof w.containers)[number]) => ({ name: c.name, resources: { requests: res(c.requests), limits: res(c.limits) } });
    const templates = w.volumes.filter((v) => v.kind === 'volumeClaimTemplate').map((v) => ({ metadata: { name: v.claimName.replace(`-${w.name}-0`, '') }, spec: { resources: { requests: { storage: String(v.sizeBytes) } } } }));
    out.push({
      apiVersion: 'apps/v1',
      kind: w.kind,
      metadata: { name: w.name },
      spec: { ...(w.kind === 'DaemonSet' ? {} : { replicas: w.replicas }), template: { spec: { containers: w.containers.map(container), initContainers: w.initContainers.map(container) } }, ...(templates.length ? { volumeClaimTemplates: templates } : {}) },
    });
    for (const v of w.volumes.filter((x) => x.kind === 'pvc')) out.push({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: v.claimName }, spec: { resources: { requests: { storage: String(v.sizeBytes) } } } });
  }
  return out;
}

describe('checkCapacityModel', () => {
  test('objects equal to the model pass', () => {
    expect(checkCapacityModel({}, '7.6.0', objectsOfModel({}))).toEqual([]);
  });

  test('a replica count, a request, an extra or a missing workload, or a volume size that differ are errors', () => {
    const objects = objectsOfModel({});
    const frontend = objects.find((o) => o.metadata.name === 'sourcegraph-frontend') as any;
    frontend.spec.replicas = 5;
    frontend.spec.template.spec.containers[0].resources.requests.cpu = '1';
    const grafana = objects.find((o) => o.metadata.name === 'grafana') as any;
    grafana.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '4Gi';
    const withoutSyntect = objects.filter((o) => o.metadata.name !== 'syntect-server');
    withoutSyntect.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker-all' }, spec: { template: { spec: { containers: [] } } } });
    expect(checkCapacityModel({}, '7.6.0', withoutSyntect).map((f) => `${f.object}: ${f.message}`)).toEqual([
      'Deployment/sourcegraph-frontend: replicas: the model has 2, the chart renders 5',
      'Deployment/sourcegraph-frontend containers frontend: requests: the model has {"cpuMillis":2000,"memoryBytes":2000000000,"ephemeralStorageBytes":4294967296} (from frontend.resources), the chart renders {"cpuMillis":1000,"memoryBytes":2000000000,"ephemeralStorageBytes":4294967296}',
      'Deployment/syntect-server: the model has this workload (syntectServer), the chart renders no such Deployment',
      'StatefulSet/grafana: grafana-data-grafana-0: the model has 2147483648 bytes (grafana.storageSize), the chart renders "4Gi"',
      'Deployment/worker-all: the chart renders this workload, the capacity model does not know it',
    ]);
  });
});
