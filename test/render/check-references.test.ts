import { checkReferences } from '../../lib/render/check-references';
import { RenderedObject } from '../../lib/render/helm-template';
import { existingObjects } from '../../lib/render/stack-objects';
import { awsDesign } from '../support/design-fixture';

const pod = (spec: Record<string, unknown>): RenderedObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'frontend' }, spec: { template: { spec } } });
const secret = (name: string, keys: string[]): RenderedObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, data: Object.fromEntries(keys.map((k) => [k, 'eA=='])) });
const envFromSecret = (name: string, key: string, optional = false) => ({ name: 'X', valueFrom: { secretKeyRef: { name, key, ...(optional ? { optional } : {}) } } });
const external = existingObjects(awsDesign({ externalServices: { postgres: { instanceClass: 'db.m6g.large', storageGb: 100, highAvailability: false } } }));

describe('checkReferences', () => {
  test('references to rendered objects and to what the stack creates resolve', () => {
    const objects = [
      secret('pgsql-auth', ['host']),
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'frontend' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf' }, data: { a: 'b' } },
      pod({
        serviceAccountName: 'frontend',
        priorityClassName: 'system-cluster-critical',
        volumes: [{ name: 'c', configMap: { name: 'conf' } }],
        containers: [{ name: 'f', env: [envFromSecret('pgsql-auth', 'host'), envFromSecret('sg-replica-pgsql-auth', 'password'), envFromSecret('maybe', 'x', true)] }],
      }),
    ] as RenderedObject[];
    expect(checkReferences(objects, [], external)).toEqual([]);
  });

  test('a missing Secret, key, ServiceAccount, PriorityClass or ConfigMap is an error naming where', () => {
    const objects = [
      secret('pgsql-auth', ['host']),
      pod({
        serviceAccountName: 'nobody',
        priorityClassName: 'gold',
        volumes: [{ name: 'c', configMap: { name: 'gone' } }],
        containers: [{ name: 'f', env: [envFromSecret('pgsql-auth', 'password'), envFromSecret('sg-replica-redis-cache-endpoint', 'endpoint')] }],
      }),
    ] as RenderedObject[];
    expect(checkReferences(objects, [], external).map((f) => f.message)).toEqual([
      'serviceAccountName refers to ServiceAccount "nobody", which neither the chart renders nor the replica creates',
      'priorityClassName refers to PriorityClass "gold", which neither the chart renders nor the replica creates',
      'volume c refers to ConfigMap "gone", which neither the chart renders nor the replica creates',
      'container f env X reads key "password" of Secret "pgsql-auth", which has only host',
      'container f env X refers to Secret "sg-replica-redis-cache-endpoint", which neither the chart renders nor the replica creates',
    ]);
  });

  test("an Ingress's class must exist: rendered by the controller's chart", () => {
    const ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { ingressClassName: 'alb', rules: [{ http: { paths: [{ backend: { service: { name: 'web' } } }] } }] } } as RenderedObject;
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } } as RenderedObject;
    expect(checkReferences([ingress, service], [], external).map((f) => f.message)).toEqual(['ingressClassName refers to IngressClass "alb", which neither the chart renders nor the replica creates']);
    expect(checkReferences([ingress, service], [{ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'alb' } }], external)).toEqual([]);
  });
});
