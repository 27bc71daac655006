/**
 * The ways a replica goes wrong that verify must report, each one small
 * change to a healthy replica's objects, the way the cluster would show it
 * (statuses, conditions and the events the scheduler, kubelet and CSI
 * provisioner write).
 */
import { Design } from '../../../lib/design/model';
import { find, findAll, helmReleaseSecret, KubeObject, ReplicaCluster } from './replica-objects';

const T1 = '2026-11-27T09:20:00Z';

function event(ns: string, kind: string, name: string, reason: string, message: string, count = 1): KubeObject {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name: `${name}.${reason.toLowerCase()}`, namespace: ns }, involvedObject: { kind, name, namespace: ns }, type: 'Warning', reason, message, count, lastTimestamp: T1 };
}

function lowerReady(cluster: ReplicaCluster, pod: KubeObject): void {
  const owner = (pod.metadata.ownerReferences as { kind: string; name: string }[])[0];
  const name = owner.kind === 'ReplicaSet' ? owner.name.replace(/-[^-]+$/, '') : owner.name;
  const workload = find(cluster, owner.kind === 'ReplicaSet' ? 'Deployment' : owner.kind, name);
  const status = workload.status as { readyReplicas?: number; availableReplicas?: number; numberReady?: number };
  if (status.readyReplicas !== undefined) status.readyReplicas -= 1;
  if (status.availableReplicas !== undefined) status.availableReplicas -= 1;
  if (status.numberReady !== undefined) status.numberReady -= 1;
}

/** Every node of the pool labelled with another instance type. */
export function wrongMachineType(cluster: ReplicaCluster, machineType: string): void {
  for (const node of findAll(cluster, 'Node')) node.metadata.labels!['node.kubernetes.io/instance-type'] = machineType;
}

/** A pod the scheduler cannot place, with its FailedScheduling event. */
export function pendingPod(cluster: ReplicaCluster, design: Design, podName: string, message: string): void {
  const pod = find(cluster, 'Pod', podName);
  delete (pod.spec as { nodeName?: string }).nodeName;
  pod.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }] };
  lowerReady(cluster, pod);
  cluster.objects.push(event(design.sourcegraph.namespace, 'Pod', podName, 'FailedScheduling', message, 12));
}

/** A claim the CSI driver cannot provision, with its ProvisioningFailed event. */
export function unboundClaim(cluster: ReplicaCluster, design: Design, claim: string, message: string): void {
  const pvc = find(cluster, 'PersistentVolumeClaim', claim);
  pvc.status = { phase: 'Pending' };
  delete (pvc.spec as { volumeName?: string }).volumeName;
  cluster.objects.push(event(design.sourcegraph.namespace, 'PersistentVolumeClaim', claim, 'ProvisioningFailed', message, 5));
}

/** A pod running on a node of `pool`, its spec without the design's nodeSelector and tolerations. */
export function podOnWrongPool(cluster: ReplicaCluster, podName: string, poolLabel: string, poolValue: string): void {
  const pod = find(cluster, 'Pod', podName);
  const node = findAll(cluster, 'Node').find((n) => n.metadata.labels![poolLabel] === poolValue);
  if (!node) throw new Error(`no node of pool ${poolValue}`);
  const spec = pod.spec as { nodeName?: string; nodeSelector?: unknown; tolerations?: unknown };
  spec.nodeName = node.metadata.name;
  delete spec.nodeSelector;
  delete spec.tolerations;
}

/** The ingress admitting every client: the ALB annotation gone, or the nginx Service's source ranges emptied. */
export function openToTheWorld(cluster: ReplicaCluster, design: Design): void {
  if (design.sourcegraph.ingress === 'alb') {
    find(cluster, 'Ingress', 'sourcegraph-frontend').metadata.annotations!['alb.ingress.kubernetes.io/inbound-cidrs'] = '0.0.0.0/0';
  } else if (design.sourcegraph.ingress === 'nginx') {
    delete (find(cluster, 'Service', 'ingress-nginx-controller').spec as { loadBalancerSourceRanges?: string[] }).loadBalancerSourceRanges;
  } else {
    const bc = find(cluster, 'BackendConfig', 'sourcegraph-frontend');
    delete (bc.spec as { securityPolicy?: unknown }).securityPolicy;
  }
}

/** Sourcegraph's own PostgreSQL still running, and the release's values enabling it. */
export function inClusterPostgres(cluster: ReplicaCluster, design: Design, values: Record<string, unknown>): void {
  const ns = design.sourcegraph.namespace;
  const node = findAll(cluster, 'Node')[0].metadata.name;
  cluster.objects.push({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'pgsql', namespace: ns }, spec: { replicas: 1 }, status: { replicas: 1, readyReplicas: 1 } });
  cluster.objects.push({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pgsql-0', namespace: ns, labels: { app: 'pgsql' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'pgsql', uid: 'pgsql', controller: true }] },
    spec: { nodeName: node, containers: [{ name: 'pgsql', image: `index.docker.io/sourcegraph/postgresql-16:${design.sourcegraph.version}`, resources: { requests: { cpu: '4', memory: '4Gi' } } }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'pgsql', ready: true, restartCount: 0, image: '', imageID: '', state: { running: {} } }] },
  });
  cluster.objects = cluster.objects.filter((o) => !(o.kind === 'Secret' && o.metadata.labels?.owner === 'helm'));
  cluster.objects.push(helmReleaseSecret(design, { ...values, pgsql: { enabled: true } }, 2, 'deployed', 'Upgrade complete'));
}

/** A container in CrashLoopBackOff, OOM-killed 7 times, with the kubelet's BackOff event. */
export function crashLooping(cluster: ReplicaCluster, design: Design, podName: RegExp): string {
  const pod = find(cluster, 'Pod', podName);
  const status = pod.status as { containerStatuses: Record<string, unknown>[]; conditions: { type: string; status: string }[] };
  const c = status.containerStatuses[0];
  c.ready = false;
  c.restartCount = 7;
  c.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off 5m0s restarting failed container=${c.name} pod=${pod.metadata.name}` } };
  c.lastState = { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: T1, finishedAt: T1 } };
  status.conditions = status.conditions.map((x) => (x.type === 'Ready' || x.type === 'ContainersReady' ? { ...x, status: 'False' } : x));
  lowerReady(cluster, pod);
  cluster.objects.push(event(design.sourcegraph.namespace, 'Pod', pod.metadata.name, 'BackOff', 'Back-off restarting failed container', 31));
  return pod.metadata.name;
}
