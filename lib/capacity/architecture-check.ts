/**
 * Sourcegraph runs on amd64 only: its maintainers publish linux/amd64
 * images and no arm64 ones (sourcegraph/sourcegraph-public-snapshot#62139,
 * #54510), and the chart's own `examples/advanced-scheduling` pins
 * `kubernetes.io/arch: amd64`. A pod scheduled on an arm64 (Graviton, Tau
 * T2A) node fails with `exec format error`. This check finds the node pools
 * a design's Sourcegraph pods may land on that are arm64. Pure.
 *
 * A pod may land on a pool when the pool's labels (its own plus the
 * well-known `kubernetes.io/arch` the kubelet sets) and taints admit it
 * (placement-rules.ts). GKE taints every Arm node
 * `kubernetes.io/arch=arm64:NoSchedule` itself
 * (cloud.google.com/kubernetes-engine/docs/how-to/prepare-arm-workloads-for-deployment),
 * so there only pods that tolerate it are at risk; EKS adds no such taint.
 */
import { awsInstanceArchitecture, awsInstanceTypeNames } from '../catalog/aws-instance-types';
import { gceMachineType } from '../catalog/gce-machine-types';
import type { CloudTable } from '../cloud/clouds';
import type { CloudProvider, Design, NodePool, Taint } from '../design/model';
import { Finding } from '../sizing/finding';
import { Workload } from '../sizing/workloads';
import { placementVerdict } from './placement-rules';

/** The check id of its findings: not capacity, so a `capacity-fit` waiver does not cover them. */
export const ARCHITECTURE_CHECK = 'architecture';

/** Why Sourcegraph cannot run on arm64, with the sources. */
export const AMD64_ONLY_REASON =
  'Sourcegraph publishes amd64 images only (sourcegraph/sourcegraph-public-snapshot#62139; the chart\'s examples/advanced-scheduling pins kubernetes.io/arch: amd64), so its containers fail there with "exec format error"';

/** What a cloud says about the CPU architecture of its machines. */
interface ArchitectureFacts {
  /** The CPU architecture of a machine type, undefined when the catalogs do not know it. */
  architecture(machineType: string): 'x86_64' | 'arm64' | undefined;
  /** Taints the platform puts on arm64 nodes by itself. */
  readonly arm64Taints: readonly Taint[];
  /** amd64 machine types to suggest instead of an arm64 one (may be empty). */
  amd64Alternatives(machineType: string): string[];
}

/** Each cloud's architecture facts. */
const ARCHITECTURE_FACTS: CloudTable<ArchitectureFacts> = {
  aws: { architecture: awsInstanceArchitecture, arm64Taints: [], amd64Alternatives: (type) => amd64Alternatives(type) },
  gcp: {
    architecture: (type) => gceMachineType(type)?.architecture,
    arm64Taints: [{ key: 'kubernetes.io/arch', value: 'arm64', effect: 'NoSchedule' }],
    amd64Alternatives: () => [],
  },
};

/** The CPU architecture of a pool's machine type, undefined when the catalogs do not know it. */
export function poolArchitecture(provider: CloudProvider, machineType: string): 'x86_64' | 'arm64' | undefined {
  return ARCHITECTURE_FACTS[provider].architecture(machineType);
}

/**
 * amd64 instance types of the same class, generation and size as a Graviton
 * type, that the catalog knows: `m7g.4xlarge` -> `m7i.4xlarge`,
 * `m7a.4xlarge`; `r6gd.2xlarge` -> `r6id.2xlarge`; `t4g.large` -> `t3.large`,
 * `t3a.large`. Empty when there is none (or the type is not Graviton).
 */
export function amd64Alternatives(machineType: string): string[] {
  const m = /^([a-z]+)(\d+)g([a-z]*)\.([a-z0-9-]+)$/.exec(machineType);
  if (!m) return [];
  const [, cls, generation, options, size] = m;
  const known = new Set(awsInstanceTypeNames());
  const candidates =
    cls === 't' ? [`t3.${size}`, `t3a.${size}`] : [`${cls}${generation}i${options}.${size}`, `${cls}${generation}a${options}.${size}`];
  return candidates.filter((c) => known.has(c));
}

function armNodeLabels(pool: NodePool): Record<string, string> {
  return {
    ...pool.labels,
    'kubernetes.io/arch': 'arm64',
    'kubernetes.io/os': 'linux',
    'node.kubernetes.io/instance-type': pool.machineType,
  };
}

/**
 * One error per arm64 node pool that some Sourcegraph workload (DaemonSets
 * included) may be scheduled on, naming the workloads, the reason and the
 * fixes: an amd64 machine type, or a taint that keeps Sourcegraph off the
 * pool. `workloads` are the rendered release's (renderWorkloads).
 */
export function amd64OnlyFindings(design: Design, workloads: readonly Workload[]): Finding[] {
  const provider = design.cloud.provider;
  const facts = ARCHITECTURE_FACTS[provider];
  const findings: Finding[] = [];
  design.kubernetes.nodePools.forEach((pool, index) => {
    if (poolArchitecture(provider, pool.machineType) !== 'arm64') return;
    const taints = [...pool.taints, ...facts.arm64Taints];
    const labels = armNodeLabels(pool);
    const landing = workloads.filter((w) => placementVerdict(w.placement, labels, taints) === undefined).map((w) => w.name);
    if (landing.length === 0) return;
    const alternatives = facts.amd64Alternatives(pool.machineType);
    const names = landing.length > 6 ? `${landing.slice(0, 6).join(', ')} and ${landing.length - 6} more` : landing.join(', ');
    findings.push({
      severity: 'error',
      message:
        `Pool ${pool.name} is arm64 (${pool.machineType}) and Sourcegraph pods may be scheduled on it (${names}): ${AMD64_ONLY_REASON}. ` +
        `Use an amd64 machine type${alternatives.length ? ` (e.g. ${alternatives.join(' or ')})` : ''}, ` +
        `or taint the pool (e.g. {key: kubernetes.io/arch, value: arm64, effect: NoSchedule}) so Sourcegraph stays off it`,
      field: ['kubernetes', 'nodePools', index, 'machineType'],
      check: ARCHITECTURE_CHECK,
    });
  });
  return findings;
}
