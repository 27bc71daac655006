/**
 * The design report: what `sg-replica report <design>` writes, for the
 * implementation engineer to hand to the customer. Markdown (renders on
 * GitHub), plus a short summary for the terminal. Pure and deterministic:
 * the same input gives the same text.
 */
import { CapacityResult, CapacityScenario } from '../capacity/simulate-capacity';
import { CLOUDS, CloudTable, sandboxOf } from '../cloud/clouds';
import { INGRESS_KINDS } from '../cloud/ingress-kinds';
import type { DeploymentMethod, Design } from '../design/model';
import type { KustomizeRender } from '../kustomize/render-kustomize';
import { formatFieldPath } from '../design/problems';
import { CostEstimate } from '../pricing/estimate-cost';
import { ReplicaMetadata } from '../replica/metadata';
import { Finding } from '../sizing/finding';
import { formatCpu, formatMemory, formatStorage } from '../sizing/quantity';
import { ResourceAmounts, Workload } from '../sizing/workloads';
import { HelmValues } from '../helm/merge-values';
import { productionDifferences } from './production-differences';
import { replicaAdjustmentLines } from './replica-adjustments';
import { redisSize, topologyDiagram, workloadPools } from './topology-diagram';

/** What a report is made of. */
export interface ReportInput {
  readonly design: Design;
  readonly metadata: ReplicaMetadata;
  /** The release's Helm values (as installed, without the chart's defaults); `{}` for a Kustomize design. */
  readonly finalValues: HelmValues;
  /** A Kustomize design's render (the assessment's): the replica's adjustments to the overlay are reported. @default none */
  readonly kustomize?: KustomizeRender;
  readonly capacity: CapacityResult;
  readonly cost: CostEstimate;
  /**
   * The verification of the running replica (Markdown, from `sg-replica
   * verify`), shown near the top when given. @default none: not verified yet
   */
  readonly verification?: string;
}

/** The rendered report. */
export interface Report {
  readonly markdown: string;
  /** A few lines for the terminal. */
  readonly summary: string[];
}

const OUTCOME_TEXT = {
  ok: 'Fits: every pod schedules at the node pools’ minimum size.',
  warning: 'Fits with caveats: see the findings below.',
  error: 'Does not hold: see the findings below. `sg-replica validate` and `cdktf synth` refuse this design; a design may waive capacity errors (not architecture ones) with `capacity-fit` and a reason.',
} as const;

/** The platform's own pods, as the capacity paragraph names them. */
const PLATFORM_PODS: CloudTable<string> = {
  aws: 'kube-proxy, aws-node, ebs-csi-node, CoreDNS, the EBS CSI controller',
  gcp: 'kube-proxy, fluentbit, gke-metadata-server, pdcsi-node, kube-dns',
};

/** What the report says of each method's release: the summary rows, and how it names where a size is set (a values key, or a place in the manifests). */
const RELEASE_REPORT: Readonly<Record<DeploymentMethod, { rows(input: ReportInput): string[][]; sizeColumn: string; findingKey: string }>> = {
  helm: {
    rows: ({ design: { sourcegraph: sg } }) => [
      ['Sourcegraph', `chart ${sg.version}, size ${sg.size}, namespace ${sg.namespace}`],
      ['Helm overrides', sg.overrides.length > 0 ? sg.overrides.map((o) => `\`${o.path}\``).join(', ') + (Object.keys(sg.values).length ? ' + inline values' : '') : Object.keys(sg.values).length ? 'inline values only' : 'none'],
    ],
    sizeColumn: 'Values key',
    findingKey: 'values',
  },
  kustomize: {
    rows: ({ design: { sourcegraph: sg }, kustomize }) => [
      ['Sourcegraph', `deploy-sourcegraph-k8s ${sg.version} (Kustomize), size ${sg.size}, namespace ${sg.namespace}`],
      ['Kustomize overlay', `\`${sg.overlay?.path ?? ''}\`${kustomize?.layer ? ` (${kustomize.layer.adjustments.length} adjustments by the replica)` : ''}`],
    ],
    sizeColumn: 'In the manifests',
    findingKey: 'in the manifests',
  },
};

function usd(n: number): string {
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const sep = header.map((_, i) => ((align?.[i] ?? 'l') === 'r' ? '---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

function amounts(a: ResourceAmounts): string {
  if (a.cpuMillis === undefined && a.memoryBytes === undefined) return 'none';
  return `${a.cpuMillis !== undefined ? formatCpu(a.cpuMillis) : '—'} / ${a.memoryBytes !== undefined ? formatMemory(a.memoryBytes) : '—'}`;
}

function pct(used: number, total: number): string {
  return total > 0 ? `${Math.round((100 * used) / total)} %` : '—';
}

function findingLine(f: Finding, keyLabel: string): string {
  const where = [f.field && f.field.length ? `\`${formatFieldPath(f.field)}\`` : '', f.valuesKey ? `${keyLabel} \`${f.valuesKey}\`` : ''].filter(Boolean).join(', ');
  return `**${f.severity}**: ${f.message}${where ? ` (${where})` : ''}`;
}

function scenarioTable(s: CapacityScenario): string {
  return table(
    ['Pool', 'Nodes', 'Allocatable per node', 'Requested / allocatable (CPU)', 'Requested / allocatable (memory)', 'Headroom CPU / memory', 'Pods on fullest node'],
    s.pools.map((p) => [
      p.pool,
      `${p.nodes} × ${p.machineType}`,
      `${formatCpu(p.allocatablePerNode.cpuMillis)} / ${formatMemory(p.allocatablePerNode.memoryBytes)} / ${p.allocatablePerNode.pods} pods`,
      `${formatCpu(p.requested.cpuMillis)} / ${formatCpu(p.allocatable.cpuMillis)} (${pct(p.requested.cpuMillis, p.allocatable.cpuMillis)})`,
      `${formatMemory(p.requested.memoryBytes)} / ${formatMemory(p.allocatable.memoryBytes)} (${pct(p.requested.memoryBytes, p.allocatable.memoryBytes)})`,
      `${p.headroomPercent.cpu} % / ${p.headroomPercent.memory} %`,
      `${p.maxPodsOnANode} of ${p.allocatablePerNode.pods}`,
    ]),
    ['l', 'l', 'l', 'r', 'r', 'r', 'r'],
  );
}

function serviceRows(capacity: CapacityResult): string[][] {
  const placed = workloadPools(capacity);
  return capacity.workloads.map((w: Workload) => {
    const storage = w.volumes.map((v) => `${v.count > 1 ? `${v.count} × ` : ''}${formatStorage(v.sizeBytes)}`).join(', ');
    const where =
      w.kind === 'DaemonSet'
        ? 'every node it may use'
        : (placed.get(w.name) ?? []).map((p) => (p === 'Pending' ? '**Pending**' : p)).join(', ') || '—';
    const parts = [...w.containers.map((c) => c.name), ...w.initContainers.map((c) => `${c.name} (init)`)];
    return [
      `${w.name}`,
      w.kind,
      w.kind === 'DaemonSet' ? 'per node' : String(w.replicas),
      amounts(w.podRequests),
      amounts(w.podLimits),
      storage || '—',
      where,
      parts.length > 1 ? parts.join(', ') : '',
    ];
  });
}

/**
 * Renders the design report: summary, topology (Mermaid), node pools and
 * capacity at minNodes and maxNodes, findings, services, storage, external
 * services, differences from production, estimated cost, lifetime.
 */
/**
 * The design file as the report names it: the path as given when relative
 * (as the CLI and a checkout use it), else its file name. A report goes to
 * customers and into git: it never shows where files are on one machine.
 */
export function reportedPath(file: string): string {
  return /^([A-Za-z]:)?[\\/]/.test(file) ? file.split(/[\\/]/).pop()! : file;
}

export function renderReport(input: ReportInput): Report {
  const { design, metadata, capacity, cost } = input;
  const facts = CLOUDS[design.cloud.provider];
  const sg = design.sourcegraph;
  const platform = facts.kubernetesService;
  const ingress = INGRESS_KINDS[sg.ingress];
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);

  push(`# Sourcegraph replica \`${design.name}\` for ${design.customer}`, '');
  push(
    `A disposable copy of the Sourcegraph topology of ${design.customer}, built by sg-replica from \`${reportedPath(design.source.file)}\` (design fingerprint \`${metadata.designFingerprint}\`).`,
    '',
  );
  push(`**Capacity:** ${OUTCOME_TEXT[capacity.outcome]}`, '');
  if (cost.priced) {
    push(`**Estimated cost:** ${usd(cost.hourly)} per hour, ${usd(cost.daily)} per day at minimum size (up to ${usd(cost.dailyAtMax)} per day fully scaled out); on-demand prices as of ${cost.pricesAsOf}.`, '');
  } else {
    push(`**Estimated cost:** ⚠ not priced (${cost.notes.join(' ')})`, '');
  }
  push(`**Owner:** ${metadata.owner} · **expires** ${metadata.expiresAt} (${design.expiresAfter} after ${metadata.createdAt})`, '');

  if (input.verification) push('## Verification on the running replica', '', input.verification.trim(), '');

  push('## Design summary', '');
  const ext = design.externalServices;
  const release = RELEASE_REPORT[sg.method];
  const releaseRows = release.rows(input) as [string, string][];
  push(
    table(
      ['', ''],
      [
        ['Cloud', `${facts.label} ${facts.sandbox.noun} ${sandboxOf(design.cloud)}, ${design.cloud.region}`],
        ['Network', `${design.network.cidr} over ${design.network.zones} zones (${design.network.availabilityZones.join(', ')}); NAT ${design.network.natGateways}`],
        ['Kubernetes', `${platform} ${design.kubernetes.version}, API ${design.network.endpointAccess}${design.network.endpointAccess === 'public' ? ` to ${design.network.allowedCidrs.join(', ') || 'no one'}` : ''}`],
        ['Node pools', design.kubernetes.nodePools.map((p) => `${p.name}: ${p.minNodes}-${p.maxNodes} × ${p.machineType}${p.spot ? ' (spot)' : ''}`).join('; ')],
        releaseRows[0],
        ['Hostname', `${sg.hostname} (ingress: ${sg.ingress}${!ingress.loadBalancer ? '' : sg.tls.certificate === 'none' ? ', HTTP' : ', HTTPS'})`],
        ...releaseRows.slice(1),
        ['Storage', `${design.storage.diskType}, ${design.storage.encrypted ? 'encrypted' : 'not encrypted'}: ${capacity.storage.claims} volumes, ${formatStorage(capacity.storage.totalBytes)}`],
        ['External services', [ext.postgres && 'PostgreSQL', ext.redis && 'Redis', ext.objectStorage && 'object storage'].filter(Boolean).join(', ') || 'none (all in the cluster)'],
      ],
    ),
    '',
  );

  push('## Topology', '', '```mermaid', topologyDiagram(design, capacity), '```', '');

  push('## Node pools and capacity', '');
  push(
    `Sourcegraph requests ${formatCpu(capacity.totals.requests.cpuMillis)} and ${formatMemory(capacity.totals.requests.memoryBytes)} in ${capacity.totals.pods} pods (limits ${formatCpu(capacity.totals.limits.cpuMillis)} / ${formatMemory(capacity.totals.limits.memoryBytes)}), plus ${formatCpu(capacity.totals.daemonSetsPerNode.cpuMillis)} / ${formatMemory(capacity.totals.daemonSetsPerNode.memoryBytes)} of its DaemonSets on every node. Allocatable is what ${platform} leaves for pods after its reservations; requested includes the platform's own pods (${PLATFORM_PODS[design.cloud.provider]}${ingress.controller ? `, ${ingress.controller}` : ''}).`,
    '',
  );
  push('### At minimum size (minNodes)', '', scenarioTable(capacity.atMin), '');
  push('### Fully scaled out (maxNodes)', '', scenarioTable(capacity.atMax), '');
  for (const s of [capacity.atMin, capacity.atMax]) {
    if (s.unschedulable.length === 0) continue;
    push(`### Pods that cannot be scheduled at ${s.at}`, '');
    for (const u of s.unschedulable) push(`- \`${u.pod}\`: ${u.reason}`);
    push('');
  }

  push('## Findings', '');
  if (capacity.findings.length === 0) push('None: the design holds as written.');
  for (const f of capacity.findings) push(`- ${findingLine(f, release.findingKey)}`);
  push('');

  push('## Waived checks', '');
  if (design.waivers.length === 0) push('None: every check sg-replica runs (capacity, the policy pack in docs/POLICY.md) applies as written.');
  for (const w of design.waivers) push(`- \`${w.rule}\`: ${w.reason}`);
  push('');

  push('## Services', '');
  push('Requests and limits are per pod (all containers; init containers count as Kubernetes counts them). Storage is per replica.', '');
  push(table(['Service', 'Kind', 'Replicas', 'Requests CPU / memory', 'Limits CPU / memory', 'Storage', 'Runs on (minNodes)', 'Containers'], serviceRows(capacity)), '');

  push('## Storage', '');
  push(
    table(
      ['Claim', 'Service', 'Size', 'Count', release.sizeColumn],
      capacity.storage.volumes.map((v) => [v.claimName, v.workload, formatStorage(v.sizeBytes), String(v.count), `\`${v.sizeKey}\``]),
      ['l', 'l', 'r', 'r', 'l'],
    ),
    '',
    `Total: ${capacity.storage.claims} volumes, ${formatStorage(capacity.storage.totalBytes)} of ${design.storage.diskType} (largest allowed volume: ${formatStorage(capacity.storage.maxVolumeBytes)}).`,
    '',
  );

  push('## External services', '');
  if (!ext.postgres && !ext.redis && !ext.objectStorage) push('None: PostgreSQL, Redis and object storage run inside the cluster.');
  if (ext.postgres) push(`- PostgreSQL: ${facts.postgres.service} ${ext.postgres.instanceClass}, ${ext.postgres.storageGb} GB, ${ext.postgres.highAvailability ? 'highly available' : 'single zone'}`);
  if (ext.redis) push(`- Redis: ${facts.redisService} ${redisSize(ext.redis)}`);
  if (ext.objectStorage) push(`- Object storage: ${facts.objectStorage}`);
  push('');

  if (input.kustomize?.layer) {
    push('## What the replica changes in the overlay', '');
    push(...replicaAdjustmentLines(sg.overlay?.path ?? '', input.kustomize.layer.adjustments));
  }

  push('## What differs from production', '');
  for (const d of productionDifferences(design, input.kustomize?.layer?.adjustments)) push(`- **${d.topic}.** ${d.replica}`);
  push('');

  push('## Estimated cost', '');
  if (cost.priced) {
    push(
      table(
        ['Item', 'Detail', 'Per hour (min)', 'Per hour (max)'],
        [
          ...cost.lines.map((l) => [l.item, l.detail, usd(l.hourly), usd(l.hourlyAtMax)]),
          ['**Total**', '', `**${usd(cost.hourly)}**`, `**${usd(cost.hourlyAtMax)}**`],
        ],
        ['l', 'l', 'r', 'r'],
      ),
      '',
      `Per day: ${usd(cost.daily)} at minimum size, ${usd(cost.dailyAtMax)} fully scaled out. Over its ${design.expiresAfter} lifetime: about ${usd(cost.lifetime)}.`,
      '',
    );
  }
  push(`Prices: ${cost.currency} on-demand list prices in ${cost.region}, as of **${cost.pricesAsOf}**.`);
  for (const n of cost.notes) push(`- ${n}`);
  push('');

  push('## Lifetime and ownership', '');
  push(
    table(
      ['', ''],
      [
        ['Owner', metadata.owner],
        ['Customer', metadata.customer],
        ['Created', metadata.createdAt],
        ['Expires', `${metadata.expiresAt} (${design.expiresAfter})`],
        ['Design fingerprint', `\`${metadata.designFingerprint}\``],
      ],
    ),
    '',
  );

  const worst = capacity.findings.filter((f) => f.severity !== 'info');
  const poolLine = capacity.atMin.pools
    .map((p) => `${p.pool} ${p.nodes}×${p.machineType} CPU ${pct(p.requested.cpuMillis, p.allocatable.cpuMillis)}, memory ${pct(p.requested.memoryBytes, p.allocatable.memoryBytes)} requested`)
    .join('; ');
  const summary = [
    `${design.name} (${design.customer}): Sourcegraph ${sg.version} size ${sg.size} on ${platform} ${design.kubernetes.version}, ${design.cloud.region}`,
    `Capacity ${capacity.outcome}: ${poolLine || 'no pool of a known machine type'}`,
    `Requests ${formatCpu(capacity.totals.requests.cpuMillis)} / ${formatMemory(capacity.totals.requests.memoryBytes)}; ${capacity.storage.claims} volumes, ${formatStorage(capacity.storage.totalBytes)} ${design.storage.diskType}`,
    cost.priced
      ? `Cost ~${usd(cost.hourly)}/h, ~${usd(cost.daily)}/day at minNodes (prices as of ${cost.pricesAsOf})`
      : `Cost: not priced (region ${cost.region} is not in the price table)`,
    `Expires ${metadata.expiresAt}; owner ${metadata.owner}`,
    ...worst.slice(0, 5).map((f) => `${f.severity}: ${f.message}`),
    ...(worst.length > 5 ? [`... and ${worst.length - 5} more findings in the report`] : []),
  ];
  return { markdown: `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`, summary };
}
