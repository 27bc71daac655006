/**
 * Cluster decisions: the Kubernetes version, the nodes, each node pool
 * (machine type, node count, labels, taints, zones, architecture, spot) and
 * the StorageClass every Sourcegraph volume uses. Pure.
 */
import type { CloudTable } from '../cloud/clouds';
import type { V1Node, V1StorageClass } from '@kubernetes/client-node';
import { nodeAllocatable } from '../capacity/allocatable';
import { formatTaint } from '../capacity/placement-rules';
import type { Design, NodePool } from '../design/model';
import { designStorageProvisioning } from '../kubernetes/storage-provisioning';
import { REPLICA_STORAGE_CLASS_NAME } from '../sourcegraph/replica-values';
import { valueAt } from '../sizing/workloads';
import { CheckInput, unreadable } from './check-input';
import { Decision, deviates, judged, unchecked } from './decision';
import { CLOUD_NODE_LABELS, instanceTypeOf, isTransientTaint, nodesByPool, someNames, taintsOf, WELL_KNOWN } from './node-pools';

/**
 * The StorageClass settings sg-replica always gives the replica's class:
 * the defaults of `SourcegraphStorageClass` (lib/kubernetes/storage-class.ts,
 * not imported here because it loads cdktf).
 */
export const REPLICA_STORAGE_CLASS_POLICY = {
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
  allowVolumeExpansion: true,
} as const;

/** `v1.33.5-eks-113cf36` -> `1.33` */
export function minorVersion(gitVersion: string | undefined): string | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(gitVersion ?? '');
  return m ? `${m[1]}.${m[2]}` : undefined;
}

function isReady(node: V1Node): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function nodeName(node: V1Node): string {
  return node.metadata?.name ?? '(unnamed node)';
}

function checkVersion(input: CheckInput): Decision {
  const { design, state } = input;
  const head = { id: 'cluster.version', family: 'cluster' as const, title: `Kubernetes ${design.kubernetes.version}` };
  const cannot = unreadable(state, ['version']);
  if (cannot.length || !state.version) return unchecked(head, 'the API server did not say its version', cannot);
  const server = minorVersion(state.version.gitVersion);
  const problems: string[] = [];
  if (server !== design.kubernetes.version) problems.push(`the control plane runs Kubernetes ${server ?? state.version.gitVersion} (${state.version.gitVersion}), designed ${design.kubernetes.version}`);
  const kubelets = new Map<string, string[]>();
  for (const node of state.nodes) {
    const v = minorVersion(node.status?.nodeInfo?.kubeletVersion) ?? 'unknown';
    kubelets.set(v, [...(kubelets.get(v) ?? []), nodeName(node)]);
  }
  for (const [v, names] of kubelets) {
    if (v !== design.kubernetes.version) problems.push(`${names.length === 1 ? '1 node runs' : `${names.length} nodes run`} kubelet ${v}, designed ${design.kubernetes.version} (${someNames(names)})`);
  }
  return judged(
    head,
    problems,
    `API server ${state.version.gitVersion}; kubelet ${design.kubernetes.version} on ${state.nodes.length} node${state.nodes.length === 1 ? '' : 's'}`,
    `runs another Kubernetes version than designed`,
    [`API server gitVersion ${state.version.gitVersion}`, ...[...kubelets].map(([v, names]) => `kubelet ${v}: ${names.length} node(s)`)],
  );
}

function checkNodes(input: CheckInput): Decision {
  const { design, state } = input;
  const head = { id: 'cluster.nodes', family: 'cluster' as const, title: 'Every node Ready and in a designed pool' };
  const cannot = unreadable(state, ['nodes']);
  if (cannot.length) return unchecked(head, 'could not list the nodes', cannot);
  if (state.nodes.length === 0) return deviates(head, 'the cluster has no node', ['no node is registered with the API server: the node pools did not join']);
  const { outside } = nodesByPool(design, state.nodes);
  const problems: string[] = [];
  for (const node of state.nodes.filter((n) => !isReady(n))) {
    const c = (node.status?.conditions ?? []).find((x) => x.type === 'Ready');
    problems.push(`node ${nodeName(node)} is not Ready${c ? ` (${c.reason ?? c.status}${c.message ? `: ${c.message}` : ''})` : ' (no Ready condition)'}`);
  }
  const label = CLOUD_NODE_LABELS[design.cloud.provider].poolLabel;
  for (const node of outside) {
    const pool = node.metadata?.labels?.[label];
    problems.push(`node ${nodeName(node)} belongs to no designed pool (${label}=${pool ?? 'unset'})`);
  }
  return judged(head, problems, `${state.nodes.length} nodes, all Ready, all in designed pools`, 'nodes outside the design or not Ready');
}

function checkPool(input: CheckInput, pool: NodePool, nodes: readonly V1Node[]): Decision {
  const { design, state } = input;
  const head = {
    id: `cluster.pool.${pool.name}`,
    family: 'cluster' as const,
    title: `Node pool ${pool.name}: ${pool.minNodes}-${pool.maxNodes} × ${pool.machineType}${pool.spot ? ' (spot)' : ''}`,
  };
  const cannot = unreadable(state, ['nodes']);
  if (cannot.length) return unchecked(head, 'could not list the nodes', cannot);
  const problems: string[] = [];
  const count = nodes.length;
  if (count < pool.minNodes || count > pool.maxNodes) problems.push(`${count} node${count === 1 ? '' : 's'}, designed ${pool.minNodes} to ${pool.maxNodes}`);
  if (count === 0) {
    return judged(head, problems, `no node (scaled to 0, as the minimum allows): machine type, labels and taints show once it scales up`, 'no node in the pool');
  }
  const byType = group(nodes, (n) => instanceTypeOf(n) ?? 'unlabelled');
  for (const [type, names] of byType) {
    if (type !== pool.machineType) problems.push(`machine type ${type} on ${names.length} node${names.length === 1 ? '' : 's'} (${someNames(names)}), designed ${pool.machineType}`);
  }
  for (const [key, value] of Object.entries(pool.labels)) {
    const missing = nodes.filter((n) => n.metadata?.labels?.[key] !== value).map(nodeName);
    if (missing.length) problems.push(`label ${key}=${value} missing on ${missing.length} node${missing.length === 1 ? '' : 's'} (${someNames(missing)})`);
  }
  for (const taint of pool.taints) {
    const missing = nodes.filter((n) => !taintsOf(n).some((t) => t.key === taint.key && t.value === taint.value && t.effect === taint.effect)).map(nodeName);
    if (missing.length) problems.push(`taint ${formatTaint(taint)} missing on ${missing.length} node${missing.length === 1 ? '' : 's'} (${someNames(missing)})`);
  }
  const extra = new Map<string, string[]>();
  for (const node of nodes) {
    for (const t of taintsOf(node)) {
      if (isTransientTaint(t.key) || pool.taints.some((d) => d.key === t.key && d.value === t.value && d.effect === t.effect)) continue;
      const k = formatTaint(t);
      extra.set(k, [...(extra.get(k) ?? []), nodeName(node)]);
    }
  }
  for (const [t, names] of extra) problems.push(`taint ${t} is not designed (on ${someNames(names)})`);
  const zones = [...group(nodes, (n) => n.metadata?.labels?.[WELL_KNOWN.zone] ?? 'no zone label').keys()];
  const foreign = zones.filter((z) => !design.network.availabilityZones.includes(z));
  if (foreign.length) problems.push(`nodes in zone ${foreign.join(', ')}, designed ${design.network.availabilityZones.join(', ')}`);
  const architecture = nodeAllocatable(design.cloud.provider, pool.machineType)?.architecture;
  const expectedArch = architecture === 'arm64' ? 'arm64' : architecture === 'x86_64' ? 'amd64' : undefined;
  if (expectedArch) {
    const wrong = nodes.filter((n) => n.metadata?.labels?.[WELL_KNOWN.arch] !== expectedArch).map(nodeName);
    if (wrong.length) problems.push(`${wrong.length === 1 ? '1 node is' : `${wrong.length} nodes are`} not ${expectedArch} (${someNames(wrong)}: ${nodes.find((n) => n.metadata?.labels?.[WELL_KNOWN.arch] !== expectedArch)?.metadata?.labels?.[WELL_KNOWN.arch] ?? 'no arch label'})`);
  }
  const spot = CLOUD_NODE_LABELS[design.cloud.provider].spot;
  const capacity = nodes.filter((n) => (n.metadata?.labels?.[spot.label] === spot.spot) !== pool.spot).map(nodeName);
  if (capacity.length) problems.push(`${capacity.length === 1 ? '1 node is' : `${capacity.length} nodes are`} ${pool.spot ? 'on-demand' : 'spot'} capacity (${someNames(capacity)}), designed ${pool.spot ? 'spot' : 'on-demand'}`);
  const zoneText = zones.length === 1 ? `zone ${zones[0]}` : `${zones.length} zones`;
  return judged(
    head,
    problems,
    `${count} × ${pool.machineType} (${expectedArch ?? 'arch unknown'}, ${pool.spot ? 'spot' : 'on-demand'}) in ${zoneText}${Object.keys(pool.labels).length ? ', labels as designed' : ''}${pool.taints.length ? ', taints as designed' : ''}`,
    `pool ${pool.name} differs from the design`,
    nodes.map((n) => `${nodeName(n)}: ${instanceTypeOf(n) ?? '?'}, ${n.metadata?.labels?.[WELL_KNOWN.zone] ?? '?'}, ${n.metadata?.labels?.[WELL_KNOWN.arch] ?? '?'}`),
  );
}

function storageClassProblems(design: Design, sc: V1StorageClass): string[] {
  const expected = designStorageProvisioning(design, {});
  const problems: string[] = [];
  if (sc.provisioner !== expected.provisioner) problems.push(`provisioner ${sc.provisioner}, designed ${expected.provisioner}`);
  for (const [key, value] of Object.entries(expected.parameters)) {
    const actual = sc.parameters?.[key];
    if (actual !== value) problems.push(`parameter ${key} is ${actual === undefined ? 'unset' : `"${actual}"`}, designed "${value}"${key === 'encrypted' ? ' (volumes are not encrypted as designed)' : ''}`);
  }
  const policy = REPLICA_STORAGE_CLASS_POLICY;
  if ((sc.reclaimPolicy ?? 'Delete') !== policy.reclaimPolicy) problems.push(`reclaimPolicy ${sc.reclaimPolicy}: disks would outlive the replica (designed ${policy.reclaimPolicy})`);
  if ((sc.volumeBindingMode ?? 'Immediate') !== policy.volumeBindingMode) problems.push(`volumeBindingMode ${sc.volumeBindingMode ?? 'Immediate'}, designed ${policy.volumeBindingMode} (volumes may land in a zone their pod cannot reach)`);
  if ((sc.allowVolumeExpansion ?? false) !== policy.allowVolumeExpansion) problems.push(`allowVolumeExpansion ${sc.allowVolumeExpansion ?? false}, designed ${policy.allowVolumeExpansion}`);
  return problems;
}

/** The StorageClass name the release's volumes use, from the design's values. */
export function designStorageClassName(input: Pick<CheckInput, 'assessment'>): string {
  const name = valueAt(input.assessment.finalValues, 'storageClass.name');
  return typeof name === 'string' && name !== '' ? name : REPLICA_STORAGE_CLASS_NAME;
}

/**
 * Whether the StorageClass carries the design's encryption choice: EBS volumes are encrypted by a StorageClass
 * parameter; GCE persistent disks are always encrypted (Google-managed keys), so there is nothing to show.
 */
const ENCRYPTION_IS_A_PARAMETER: CloudTable<boolean> = { aws: true, gcp: false };

function checkStorageClass(input: CheckInput): Decision {
  const { design, state } = input;
  const name = designStorageClassName(input);
  const head = {
    id: 'cluster.storage-class',
    family: 'cluster' as const,
    title: `StorageClass ${name}: ${design.storage.diskType}${ENCRYPTION_IS_A_PARAMETER[design.cloud.provider] ? (design.storage.encrypted ? ', encrypted' : ', not encrypted') : ''}, reclaim Delete`,
  };
  const cannot = unreadable(state, ['storageClasses']);
  if (cannot.length) return unchecked(head, 'could not list the StorageClasses', cannot);
  const sc = state.storageClasses.find((s) => s.metadata?.name === name);
  if (!sc) return deviates(head, `no StorageClass ${name}`, [`StorageClass ${name} does not exist (found: ${state.storageClasses.map((s) => s.metadata?.name).join(', ') || 'none'}): the Sourcegraph stack did not create it`]);
  return judged(
    head,
    storageClassProblems(design, sc),
    `${sc.provisioner}, type ${sc.parameters?.type ?? '?'}${sc.parameters?.encrypted ? `, encrypted=${sc.parameters.encrypted}` : ''}, ${sc.volumeBindingMode}, reclaim ${sc.reclaimPolicy ?? 'Delete'}, expansion ${sc.allowVolumeExpansion ? 'on' : 'off'}`,
    `StorageClass ${name} differs from the design`,
  );
}

/** Node names grouped by `key`. */
function group(nodes: readonly V1Node[], key: (node: V1Node) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const node of nodes) {
    const k = key(node);
    out.set(k, [...(out.get(k) ?? []), nodeName(node)]);
  }
  return out;
}

/** The cluster decisions, in report order. */
export function checkCluster(input: CheckInput): Decision[] {
  const { byPool } = nodesByPool(input.design, input.state.nodes);
  return [
    checkVersion(input),
    checkNodes(input),
    ...input.design.kubernetes.nodePools.map((pool) => checkPool(input, pool, byPool.get(pool.name) ?? [])),
    checkStorageClass(input),
  ];
}
