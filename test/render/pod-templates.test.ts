import { RenderedObject } from '../../lib/render/helm-template';
import { allContainers, podTemplates } from '../../lib/render/pod-templates';

describe('podTemplates', () => {
  test('finds the pod template of every workload kind, with replicas and volumeClaimTemplates', () => {
    const spec = { containers: [{ name: 'c' }], initContainers: [{ name: 'i' }] };
    const objects = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 3, template: { spec } } },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { template: { spec }, volumeClaimTemplates: [{ metadata: { name: 'data' } }] } },
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { template: { spec } } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { jobTemplate: { spec: { template: { spec } } } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: {} },
    ] as RenderedObject[];
    const pods = podTemplates(objects);
    expect(pods.map((p) => [p.owner, p.replicas, p.volumeClaimTemplates.length])).toEqual([
      ['Deployment/d', 3, 0],
      ['StatefulSet/s', 1, 1],
      ['DaemonSet/ds', undefined, 0],
      ['CronJob/cj', undefined, 0],
      ['Pod/p', undefined, 0],
    ]);
    expect(allContainers(pods[0].spec).map((c) => c.name)).toEqual(['i', 'c']);
  });
});
