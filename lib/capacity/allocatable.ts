/**
 * What a node of a pool offers to pods: its allocatable CPU, memory and pod
 * count, from the machine type and the platform's reservations. Pure.
 *
 * allocatable = capacity - kube-reserved - system-reserved - eviction threshold
 * (kubernetes.io/docs/tasks/administer-cluster/reserve-compute-resources/).
 */
import { awsInstanceType } from '../catalog/aws-instance-types';
import { GKE_DEFAULT_MAX_PODS_PER_NODE, gceMachineType } from '../catalog/gce-machine-types';
import type { CloudTable } from '../cloud/clouds';
import type { CloudProvider } from '../design/model';
import { GIB, MIB } from '../sizing/quantity';

/** A node's allocatable resources and what they were derived from. */
export interface NodeAllocatable {
  readonly machineType: string;
  readonly vCpu: number;
  readonly memoryGiB: number;
  readonly architecture: 'x86_64' | 'arm64';
  /** Pods the kubelet admits. */
  readonly maxPods: number;
  readonly cpuMillis: number;
  readonly memoryBytes: number;
  /** The reservations, for the report. */
  readonly reserved: { readonly cpuMillis: number; readonly memoryBytes: number; readonly evictionBytes: number; readonly vmOverheadBytes: number };
}

/**
 * Share of a machine's nominal memory the kernel and hypervisor keep before
 * the kubelet sees it: Karpenter's `VM_MEMORY_OVERHEAD_PERCENT` default
 * (0.075, karpenter.sh/docs/reference/settings). Conservative: measured
 * overheads are 3-7 %.
 */
export const VM_MEMORY_OVERHEAD = 0.075;

/** Hard eviction threshold `memory.available<100Mi`: EKS AL2023 nodeadm and GKE both use 100 MiB. */
export const EVICTION_HARD_MEMORY_BYTES = 100 * MIB;

/**
 * CPU kube-reserved, the same table on EKS (nodeadm) and GKE: 6 % of the
 * first core, 1 % of the second, 0.5 % of the third and fourth, 0.25 % of
 * every core above four. In millicores.
 * Sources: awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go
 * (getCPUMillicoresToReserve); cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes.
 */
export function cpuReservedMillis(vCpu: number): number {
  const cores = vCpu;
  const steps: readonly [number, number][] = [
    [1, 0.06],
    [1, 0.01],
    [2, 0.005],
    [Infinity, 0.0025],
  ];
  let left = cores;
  let reserved = 0;
  for (const [count, share] of steps) {
    const take = Math.min(left, count);
    reserved += take * 1000 * share;
    left -= take;
    if (left <= 0) break;
  }
  return Math.round(reserved);
}

/**
 * EKS AL2023 memory kube-reserved: 11 MiB per pod the node admits + 255 MiB.
 * Source: awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go (getMemoryMebibytesToReserve).
 */
export function eksMemoryReservedBytes(maxPods: number): number {
  return (11 * maxPods + 255) * MIB;
}

/**
 * GKE memory kube-reserved: 255 MiB below 1 GiB; else 25 % of the first
 * 4 GiB, 20 % of the next 4, 10 % of the next 8, 6 % of the next 112 and
 * 2 % above 128 GiB.
 * Source: cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes#memory_and_cpu_reservations.
 */
export function gkeMemoryReservedBytes(memoryGiB: number): number {
  if (memoryGiB < 1) return 255 * MIB;
  const steps: readonly [number, number][] = [
    [4, 0.25],
    [4, 0.2],
    [8, 0.1],
    [112, 0.06],
    [Infinity, 0.02],
  ];
  let left = memoryGiB;
  let reserved = 0;
  for (const [size, share] of steps) {
    const take = Math.min(left, size);
    reserved += take * share;
    left -= take;
    if (left <= 0) break;
  }
  return Math.round(reserved * GIB);
}

/**
 * EKS max pods per node. Managed node groups without VPC CNI prefix
 * delegation (sg-replica's setup) use the ENI limit from eni-max-pods.txt,
 * and EKS caps it at 110 for types with fewer than 30 vCPUs and at 250
 * above (EKS user guide, "Amazon EKS recommended maximum Pods for each
 * Amazon EC2 instance type", max-pods-calculator.sh). Hence
 * min(ENI limit, 110 | 250): m6a.large 29, m6a.4xlarge 110, m6a.16xlarge 250.
 */
export function eksMaxPods(vCpu: number, eniMaxPods: number): number {
  return Math.min(eniMaxPods, vCpu < 30 ? 110 : 250);
}

/**
 * The allocatable resources of one node of `machineType` on `provider`, or
 * undefined when the catalog does not know the type.
 */
export function nodeAllocatable(provider: CloudProvider, machineType: string): NodeAllocatable | undefined {
  return ALLOCATABLE_MODELS[provider](machineType);
}

/** Each platform's allocatable model: its max pods and memory reservation on top of the shared CPU and eviction rules. */
const ALLOCATABLE_MODELS: CloudTable<(machineType: string) => NodeAllocatable | undefined> = {
  aws: (machineType) => {
    const type = awsInstanceType(machineType);
    if (!type) return undefined;
    const maxPods = eksMaxPods(type.vCpu, type.maxPods);
    return build(machineType, type.vCpu, type.memoryGiB, type.architecture, maxPods, eksMemoryReservedBytes(maxPods));
  },
  gcp: (machineType) => {
    const type = gceMachineType(machineType);
    if (!type) return undefined;
    return build(machineType, type.vCpu, type.memoryGiB, type.architecture, GKE_DEFAULT_MAX_PODS_PER_NODE, gkeMemoryReservedBytes(type.memoryGiB));
  },
};

function build(
  machineType: string,
  vCpu: number,
  memoryGiB: number,
  architecture: 'x86_64' | 'arm64',
  maxPods: number,
  memoryReserved: number,
): NodeAllocatable {
  const cpuReserved = cpuReservedMillis(vCpu);
  const vmOverhead = Math.round(memoryGiB * GIB * VM_MEMORY_OVERHEAD);
  return {
    machineType,
    vCpu,
    memoryGiB,
    architecture,
    maxPods,
    cpuMillis: vCpu * 1000 - cpuReserved,
    memoryBytes: Math.max(0, memoryGiB * GIB - vmOverhead - memoryReserved - EVICTION_HARD_MEMORY_BYTES),
    reserved: { cpuMillis: cpuReserved, memoryBytes: memoryReserved, evictionBytes: EVICTION_HARD_MEMORY_BYTES, vmOverheadBytes: vmOverhead },
  };
}
