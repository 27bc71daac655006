/**
 * Placement and capacity decisions: where each Sourcegraph pod runs (pool,
 * not node) against where the capacity simulation put it, and per pool the
 * requests and headroom against the simulated figures. The simulation is
 * re-run at the node counts the cluster has now, so an autoscaled pool is
 * compared with the plan for its size. Pure.
 */
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { nodeAllocatable } from '../capacity/allocatable';
import { placementVerdict } from '../capacity/placement-rules';
import { CapacityScenario, PoolCapacity } from '../capacity/simulate-capacity';
import type { Design } from '../design/model';
import { formatCpu, formatMemory, GIB, parseBytes, parseCpuMillis } from '../sizing/quantity';
import type { Workload } from '../sizing/workloads';
import { CheckInput, unreadable } from './check-input';
import { Decision, judged, unchecked } from './decision';
import { nodesByPool, poolOfNode, someNames, taintsOf } from './node-pools';
import { isActive, podName, podOwner, podRequests } from './pod-diagnosis';
import { releaseExpectations } from './release-expectations';

/** How far reality may drift from the simulation before it is a deviation. */
export const CAPACITY_TOLERANCE = {
  /** Sourcegraph requests on a pool may differ from the simulated ones by this share... */
  requestsPercent: 10,
  /** ...or by this much CPU (millicores), whichever is larger. */
  requestsFloorCpuMillis: 500,
  /** ...or by this much memory (bytes), whichever is larger. */
  requestsFloorBytes: GIB,
  /** Real headroom may fall this many percentage points below the simulated headroom. */
  headroomPoints: 10,
  /** A node's real allocatable may fall this share below sg-replica's model of its machine type. */
  allocatableBelowModelPercent: 5,
} as const;

interface Amount {
  cpuMillis: number;
  memoryBytes: number;
}

/** The modelled workload a pod belongs to. */
function workloadOfPod(workloads: readonly Workload[], pod: V1Pod): Workload | undefined {
  const owner = podOwner(pod);
  return owner ? workloads.find((w) => w.kind === owner.kind && w.name === owner.name) : undefined;
}

/** Simulated pod name (`frontend-0`, `cadvisor on general-1`) -> workload. */
function simulatedWorkload(workloads: readonly Workload[], simPod: string): Workload | undefined {
  return workloads.find((w) => (w.kind === 'DaemonSet' ? simPod.startsWith(`${w.name} on `) : simPod.startsWith(`${w.name}-`) && /^\d+$/.test(simPod.slice(w.name.length + 1))));
}

/** Pools each workload's pods were placed on in the given scenarios. */
function simulatedPools(workloads: readonly Workload[], scenarios: readonly CapacityScenario[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of scenarios) {
    for (const pool of s.pools) {
      for (const node of pool.nodeUsage) {
        for (const pod of node.pods) {
          const w = simulatedWorkload(workloads, pod);
          if (!w) continue;
          out.set(w.name, (out.get(w.name) ?? new Set()).add(pool.pool));
        }
      }
    }
  }
  return out;
}

/** The design with each pool at the node count the cluster has now (for the simulation). */
function designAtNodeCounts(design: Design, counts: ReadonlyMap<string, number>): Design {
  return {
    ...design,
    kubernetes: {
      ...design.kubernetes,
      nodePools: design.kubernetes.nodePools.map((p) => {
        const n = counts.get(p.name) ?? p.minNodes;
        return { ...p, minNodes: n, maxNodes: Math.max(n, p.maxNodes) };
      }),
    },
  };
}

function nodeAllocatableOf(node: V1Node): Amount {
  const a = node.status?.allocatable ?? {};
  return {
    cpuMillis: a.cpu !== undefined ? parseCpuMillis(a.cpu, `node ${node.metadata?.name} allocatable cpu`) : 0,
    memoryBytes: a.memory !== undefined ? parseBytes(a.memory, `node ${node.metadata?.name} allocatable memory`) : 0,
  };
}

function sum(list: readonly Amount[]): Amount {
  return list.reduce((t, a) => ({ cpuMillis: t.cpuMillis + a.cpuMillis, memoryBytes: t.memoryBytes + a.memoryBytes }), { cpuMillis: 0, memoryBytes: 0 });
}

function fmt(a: Amount): string {
  return `${formatCpu(a.cpuMillis)} / ${formatMemory(a.memoryBytes)}`;
}

function pct(part: number, whole: number): number {
  return whole > 0 ? Math.floor((100 * part) / whole) : 0;
}

function signedPct(actual: number, planned: number): string {
  if (planned === 0) return actual === 0 ? '±0 %' : 'simulated none';
  const d = Math.round((100 * (actual - planned)) / planned);
  return `${d >= 0 ? '+' : ''}${d} %`;
}

function checkPodPlacement(input: CheckInput, nowScenario: CapacityScenario): Decision {
  const { design, assessment, state } = input;
  const workloads = assessment.capacity.workloads;
  const head = {
    id: 'placement.pods',
    family: 'placement' as const,
    title: design.kubernetes.nodePools.length > 1 ? 'Each pod on the pool the simulation put it on' : `Every pod on pool ${design.kubernetes.nodePools[0].name}`,
  };
  const cannot = unreadable(state, ['pods', 'nodes']);
  if (cannot.length) return unchecked(head, 'could not list the pods and nodes', cannot);
  const planned = simulatedPools(workloads, [assessment.capacity.atMin, assessment.capacity.atMax, nowScenario]);
  const nodes = new Map(state.nodes.map((n) => [n.metadata?.name ?? '', n]));
  const problems: string[] = [];
  const elsewhere: string[] = [];
  let asPlanned = 0;
  for (const pod of state.pods.filter((p) => isActive(p) && p.spec?.nodeName)) {
    const w = workloadOfPod(workloads, pod);
    if (!w) continue;
    const node = nodes.get(pod.spec!.nodeName!);
    const pool = node ? poolOfNode(design, node) : undefined;
    const where = [...(planned.get(w.name) ?? [])];
    if (!node || !pool) {
      problems.push(`${podName(pod)} runs on node ${pod.spec!.nodeName}, which is in no designed pool (simulated on ${where.join(', ') || 'no pool'})`);
      continue;
    }
    if (where.includes(pool.name)) {
      asPlanned++;
      continue;
    }
    const verdict = placementVerdict(w.placement, node.metadata?.labels ?? {}, taintsOf(node));
    if (verdict === undefined) {
      elsewhere.push(`${podName(pod)} on ${pool.name} (simulated on ${where.join(', ') || 'no pool'}; its rules allow ${pool.name})`);
      continue;
    }
    const missing = Object.entries(w.placement.nodeSelector).filter(([k, v]) => pod.spec?.nodeSelector?.[k] !== v);
    const cause = missing.length
      ? `; the pod has no nodeSelector ${missing.map(([k, v]) => `${k}=${v}`).join(', ')}: the release does not carry the design's placement for ${w.key}`
      : '';
    problems.push(`${podName(pod)} runs on pool ${pool.name} (node ${node.metadata?.name}); the design puts it on ${where.join(', ') || 'no pool'} (on ${pool.name}: ${verdict})${cause}`);
  }
  const evidence = elsewhere.length ? [`on another pool their placement rules allow: ${elsewhere.join('; ')}`] : [];
  return judged(
    head,
    problems,
    `${asPlanned} pods where the simulation put them${elsewhere.length ? `; ${elsewhere.length} on another pool their rules allow (${someNames(elsewhere.map((e) => e.split(' ')[0]))})` : ''}`,
    'pods run on pools the design keeps them off',
    evidence,
  );
}

function poolCapacityProblems(
  design: Design,
  pool: PoolCapacity,
  nodes: readonly V1Node[],
  realAll: Amount,
  realSg: Amount,
  simSg: Amount,
  unscheduled: readonly string[],
): { problems: string[]; line: string; short: string } {
  const t = CAPACITY_TOLERANCE;
  const problems: string[] = [];
  const realAlloc = sum(nodes.map(nodeAllocatableOf));
  for (const [real, sim, floor, show] of [
    [realSg.cpuMillis, simSg.cpuMillis, t.requestsFloorCpuMillis, formatCpu],
    [realSg.memoryBytes, simSg.memoryBytes, t.requestsFloorBytes, formatMemory],
  ] as const) {
    if (Math.abs(real - sim) > Math.max((sim * t.requestsPercent) / 100, floor)) {
      const why = real < sim && unscheduled.length ? `; not scheduled yet: ${someNames(unscheduled)}` : '';
      problems.push(`pool ${pool.pool}: Sourcegraph requests ${show(real)}, simulated ${show(sim)} (${signedPct(real, sim)})${why}`);
    }
  }
  const headroom = { cpu: pct(realAlloc.cpuMillis - realAll.cpuMillis, realAlloc.cpuMillis), memory: pct(realAlloc.memoryBytes - realAll.memoryBytes, realAlloc.memoryBytes) };
  for (const k of ['cpu', 'memory'] as const) {
    if (headroom[k] < pool.headroomPercent[k] - t.headroomPoints) {
      problems.push(`pool ${pool.pool}: ${headroom[k]} % ${k === 'cpu' ? 'CPU' : 'memory'} headroom, simulated ${pool.headroomPercent[k]} %: other pods request more than planned`);
    }
  }
  const model = nodeAllocatable(design.cloud.provider, pool.machineType);
  if (model) {
    for (const node of nodes) {
      const a = nodeAllocatableOf(node);
      for (const [what, real, modelled, show] of [
        ['CPU', a.cpuMillis, model.cpuMillis, formatCpu],
        ['memory', a.memoryBytes, model.memoryBytes, formatMemory],
      ] as const) {
        if (real < modelled * (1 - t.allocatableBelowModelPercent / 100)) {
          problems.push(`node ${node.metadata?.name}: allocatable ${what} ${show(real)} is ${Math.round((100 * (modelled - real)) / modelled)} % below sg-replica's model of ${pool.machineType} (${show(modelled)}): the capacity simulation is optimistic here`);
        }
      }
    }
  }
  const line =
    `${pool.pool} (${nodes.length} × ${pool.machineType}): Sourcegraph requests ${fmt(realSg)} (simulated ${fmt(simSg)}); ` +
    `all pods ${fmt(realAll)} of ${fmt(realAlloc)} allocatable, headroom ${headroom.cpu} % CPU / ${headroom.memory} % memory (simulated ${pool.headroomPercent.cpu} % / ${pool.headroomPercent.memory} %)`;
  const short = `${pool.pool} headroom ${headroom.cpu} % CPU / ${headroom.memory} % memory (simulated ${pool.headroomPercent.cpu} % / ${pool.headroomPercent.memory} %)`;
  return { problems, line, short };
}

function checkPoolCapacity(input: CheckInput, nowScenario: CapacityScenario): Decision {
  const { design, assessment, state } = input;
  const head = { id: 'placement.capacity', family: 'placement' as const, title: 'Requests and headroom per pool as simulated' };
  const cannot = unreadable(state, ['nodes', 'pods', 'allPods']);
  if (cannot.length) return unchecked(head, 'could not list the nodes and pods', cannot);
  const { byPool } = nodesByPool(design, state.nodes);
  const workloads = assessment.capacity.workloads;
  const requestsBySimPod = (name: string): Amount => {
    const w = simulatedWorkload(workloads, name);
    return w ? w.podRequests : { cpuMillis: 0, memoryBytes: 0 };
  };
  const problems: string[] = [];
  const lines: string[] = [];
  const shorts: string[] = [];
  const unscheduled = state.pods.filter((p) => isActive(p) && !p.spec?.nodeName && podOwner(p)?.kind !== 'Job').map(podName);
  for (const pool of nowScenario.pools) {
    const nodes = byPool.get(pool.pool) ?? [];
    if (nodes.length === 0) continue;
    const names = new Set(nodes.map((n) => n.metadata?.name));
    const onPool = (p: V1Pod) => isActive(p) && names.has(p.spec?.nodeName);
    const realAll = sum(state.allPods.filter(onPool).map(podRequests));
    const realSg = sum(state.pods.filter(onPool).filter((p) => podOwner(p)?.kind !== 'Job').map(podRequests));
    const simSg = sum(pool.nodeUsage.flatMap((n) => n.pods.map(requestsBySimPod)));
    const r = poolCapacityProblems(design, pool, nodes, realAll, realSg, simSg, unscheduled);
    problems.push(...r.problems);
    lines.push(r.line);
    shorts.push(r.short);
  }
  if (lines.length === 0) return unchecked(head, 'no node in any designed pool', ['no node to measure']);
  return judged(head, problems, `Sourcegraph requests within ${CAPACITY_TOLERANCE.requestsPercent} % of the simulation; ${shorts.join('; ')}`, 'requests or headroom differ from the simulation', lines);
}

/** The placement decisions, in report order. */
export function checkPlacement(input: CheckInput): Decision[] {
  const { byPool } = nodesByPool(input.design, input.state.nodes);
  const counts = new Map([...byPool].map(([name, nodes]) => [name, nodes.length]));
  const now = releaseExpectations(input).simulate(designAtNodeCounts(input.design, counts)).atMin;
  return [checkPodPlacement(input, now), checkPoolCapacity(input, now)];
}
