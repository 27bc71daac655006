/**
 * A small customer build (objects as `kubectl kustomize` renders them) for
 * the replica layer's tests: one of each thing the layer adjusts.
 */
import { RenderedObject } from '../../lib/render/helm-template';

const ns = 'ns-sourcegraph';
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: ns, ...extra });
const deployment = (name: string, spec: Record<string, unknown>, kind = 'Deployment'): RenderedObject => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: meta(name),
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec } },
});

export function customerObjects(): RenderedObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'sourcegraph' }, provisioner: 'ebs.csi.aws.com', reclaimPolicy: 'Retain' },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('sourcegraph-frontend-env-5h8k2'), data: { PGHOST: 'prod-db', CODEINSIGHTS_PGDATASOURCE: 'postgres://prod' } },
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('prometheus'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } } },
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('pgsql'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '200Gi' } }, storageClassName: 'prod-class' } },
    deployment(
      'sourcegraph-frontend',
      {
        initContainers: [{ name: 'migrator', image: 'm', envFrom: [{ configMapRef: { name: 'sourcegraph-frontend-env-5h8k2' } }] }],
        containers: [{ name: 'frontend', image: 'f', envFrom: [{ configMapRef: { name: 'sourcegraph-frontend-env-5h8k2' } }], env: [{ name: 'PGHOST', value: 'prod-db' }, { name: 'OTHER', value: '1' }] }],
      },
    ),
    deployment('worker', { containers: [{ name: 'worker', image: 'w', env: [{ name: 'PRECISE_CODE_INTEL_UPLOAD_BACKEND', value: 'blobstore' }] }] }),
    deployment('pgsql', { containers: [{ name: 'pgsql', image: 'p' }] }, 'StatefulSet'),
    {
      ...deployment('gitserver', { containers: [{ name: 'gitserver', image: 'g' }] }, 'StatefulSet'),
      spec: {
        replicas: 1,
        serviceName: 'gitserver',
        selector: { matchLabels: { app: 'gitserver' } },
        template: { metadata: { labels: { app: 'gitserver' } }, spec: { containers: [{ name: 'gitserver', image: 'g' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'repos' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    },
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('node-exporter'), spec: { selector: { matchLabels: { app: 'ne' } }, template: { metadata: { labels: { app: 'ne' } }, spec: { containers: [{ name: 'ne', image: 'n' }], tolerations: null } } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('worker') },
    { apiVersion: 'v1', kind: 'Service', metadata: meta('sourcegraph-frontend'), spec: { type: 'LoadBalancer', ports: [{ port: 30080 }], selector: { app: 'sourcegraph-frontend' } } },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: meta('sourcegraph-frontend', { annotations: { 'kubernetes.io/ingress.class': 'nginx', 'alb.ingress.kubernetes.io/certificate-arn': 'arn:aws:acm:us-east-1:999:certificate/prod' } }),
      spec: {
        tls: [{ hosts: ['sourcegraph.prod.example.com'], secretName: 'prod-tls' }],
        rules: [{ host: 'sourcegraph.prod.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'sourcegraph-frontend', port: { number: 30080 } } } }] } }],
      },
    },
  ];
}
