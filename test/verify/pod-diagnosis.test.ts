import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { eventsFor, formatEvent, podOwner, podProblems, podRequests } from '../../lib/verify/pod-diagnosis';

const pod = (over: Record<string, unknown>) => ({ metadata: { name: 'p-0', labels: {} }, spec: { containers: [] }, status: { phase: 'Running' }, ...over }) as unknown as V1Pod;
const ev = (reason: string, message: string, at: string, type = 'Warning') => ({ involvedObject: { kind: 'Pod', name: 'p-0' }, type, reason, message, lastTimestamp: at }) as unknown as CoreV1Event;

describe('pod diagnosis', () => {
  it('owner: the Deployment behind a ReplicaSet (by pod-template-hash), StatefulSets and DaemonSets as they are', () => {
    expect(podOwner(pod({ metadata: { name: 'x', labels: { 'pod-template-hash': '6d9c7b8f4' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'sourcegraph-frontend-6d9c7b8f4', controller: true }] } }))).toEqual({ kind: 'Deployment', name: 'sourcegraph-frontend' });
    expect(podOwner(pod({ metadata: { name: 'x', ownerReferences: [{ kind: 'StatefulSet', name: 'gitserver', controller: true }] } }))).toEqual({ kind: 'StatefulSet', name: 'gitserver' });
    expect(podOwner(pod({}))).toBeUndefined();
  });

  it('requests as the scheduler counts them: containers and sidecars summed, one-shot init containers by their largest', () => {
    const spec = {
      containers: [{ name: 'a', resources: { requests: { cpu: '500m', memory: '1Gi' } } }, { name: 'b', resources: { requests: { cpu: '1' } } }],
      initContainers: [{ name: 'migrator', resources: { requests: { cpu: '2', memory: '512Mi' } } }, { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
    };
    expect(podRequests(pod({ spec }))).toEqual({ cpuMillis: 2000, memoryBytes: 1088 * 2 ** 20 });
  });

  it('events about one object, newest first, formatted with their count', () => {
    const events = [ev('FailedScheduling', 'old', '2026-11-27T09:00:00Z'), ev('FailedScheduling', '0/3 nodes are available', '2026-11-27T09:05:00Z'), { ...ev('X', 'other pod', '2026-11-27T10:00:00Z'), involvedObject: { kind: 'Pod', name: 'q' } } as unknown as CoreV1Event];
    expect(eventsFor(events, 'Pod', 'p-0').map((e) => e.message)).toEqual(['0/3 nodes are available', 'old']);
    expect(formatEvent({ ...ev('BackOff', ' Back-off\n restarting ', 'x'), count: 4 } as CoreV1Event)).toBe('BackOff: Back-off restarting (×4)');
  });

  it('problems: unscheduled, waiting on volumes, image pulls, not ready, evicted; none for a healthy or finished pod', () => {
    const scheduled = (reason: string, message: string) => ({ conditions: [{ type: 'PodScheduled', status: 'False', reason, message }] });
    expect(podProblems(pod({ status: { phase: 'Pending', ...scheduled('Unschedulable', '0/3 nodes are available: 3 Too many pods.') } }), [])).toEqual(['p-0 Pending, not scheduled: Unschedulable: 0/3 nodes are available: 3 Too many pods.']);
    const mounting = pod({ spec: { nodeName: 'n1', containers: [] }, status: { phase: 'Pending', containerStatuses: [{ name: 'c', restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] } });
    expect(podProblems(mounting, [ev('FailedAttachVolume', 'AttachVolume.Attach failed for volume "pvc-1": rpc error', '2026-11-27T09:00:00Z')])).toEqual(['p-0 Pending on n1: FailedAttachVolume: AttachVolume.Attach failed for volume "pvc-1": rpc error']);
    const pulling = pod({ spec: { nodeName: 'n1', containers: [] }, status: { phase: 'Pending', containerStatuses: [{ name: 'c', restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "x:7.6.0"' } } }] } });
    expect(podProblems(pulling, [])).toEqual(['p-0 Pending on n1: container c ImagePullBackOff: Back-off pulling image "x:7.6.0"']);
    const unready = pod({ status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [{ name: 'c', restartCount: 0, ready: false, state: { running: {} } }] } });
    expect(podProblems(unready, [ev('Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', '2026-11-27T09:00:00Z')])).toEqual(['p-0 running but not ready: Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503']);
    expect(podProblems(pod({ status: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' } }), [])).toEqual(['p-0 Failed (Evicted: The node was low on resource: memory.)']);
    expect(podProblems(pod({ status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } }), [])).toEqual([]);
    expect(podProblems(pod({ status: { phase: 'Succeeded' } }), [])).toEqual([]);
  });
});
