/**
 * The replica's topology as a Mermaid flowchart (renders on GitHub and in
 * most Markdown editors). Pure.
 */
import type { CapacityResult } from '../capacity/simulate-capacity';
import { CLOUDS, CloudTable } from '../cloud/clouds';
import { INGRESS_KINDS } from '../cloud/ingress-kinds';
import type { Design, ExternalRedis } from '../design/model';

/** The replica's NAT, by cloud. */
const NAT: CloudTable<(design: Design) => string> = {
  aws: (design) => `NAT gateway ×${design.network.natGateways === 'single' ? 1 : design.network.zones}`,
  gcp: () => 'Cloud NAT',
};

/** A managed Redis's size as the design gives it: the node type (ElastiCache) or the capacity (Memorystore). */
export function redisSize(redis: ExternalRedis): string {
  return redis.nodeType ?? `${redis.memoryGb ?? ''} GB`;
}

function id(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '_');
}

function label(text: string): string {
  return `"${text.replace(/"/g, "'")}"`;
}

/** Where each non-DaemonSet workload runs at minNodes: pool names, or `Pending`. */
export function workloadPools(capacity: CapacityResult): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pool of capacity.atMin.pools) {
    for (const node of pool.nodeUsage) {
      for (const pod of node.pods) {
        const workload = capacity.workloads.find((w) => w.kind !== 'DaemonSet' && pod.startsWith(`${w.name}-`) && /^\d+$/.test(pod.slice(w.name.length + 1)));
        if (!workload) continue;
        const pools = out.get(workload.name) ?? [];
        if (!pools.includes(pool.pool)) pools.push(pool.pool);
        out.set(workload.name, pools);
      }
    }
  }
  for (const u of capacity.atMin.unschedulable) {
    const pools = out.get(u.workload) ?? [];
    if (capacity.workloads.some((w) => w.name === u.workload && w.kind !== 'DaemonSet') && !pools.includes('Pending')) pools.push('Pending');
    out.set(u.workload, pools);
  }
  return out;
}

/** A Mermaid `flowchart` of clients, load balancer, VPC, cluster, pools with their workloads, and external services. */
export function topologyDiagram(design: Design, capacity: CapacityResult): string {
  const facts = CLOUDS[design.cloud.provider];
  const lines: string[] = ['flowchart LR'];
  const loadBalancer = INGRESS_KINDS[design.sourcegraph.ingress].loadBalancer;
  const placed = workloadPools(capacity);
  const frontend = capacity.workloads.find((w) => w.key === 'frontend');
  if (loadBalancer) {
    const clients = design.sourcegraph.allowedClientCidrs.length > 0 ? design.sourcegraph.allowedClientCidrs.join(', ') : 'any client';
    lines.push(`  clients([${label(`Clients: ${clients}`)}])`);
    lines.push(`  clients --> lb[${label(`${loadBalancer.diagram}<br/>${design.sourcegraph.hostname}`)}]`);
  } else {
    lines.push(`  engineer([${label('Engineer: kubectl port-forward')}])`);
  }
  lines.push(`  subgraph vpc[${label(`${facts.networkName} ${design.network.cidr} · ${design.cloud.region} · ${design.network.zones} zones`)}]`);
  lines.push(`    nat[${label(NAT[design.cloud.provider](design))}]`);
  lines.push(`    subgraph cluster[${label(`${facts.kubernetesService} ${design.kubernetes.version} · ${design.name} · namespace ${design.sourcegraph.namespace}`)}]`);
  for (const pool of design.kubernetes.nodePools) {
    const extras = [pool.spot ? 'spot' : '', pool.taints.length ? 'tainted' : ''].filter(Boolean).join(', ');
    lines.push(`      subgraph pool_${id(pool.name)}[${label(`pool ${pool.name}: ${pool.minNodes}-${pool.maxNodes} × ${pool.machineType}${extras ? ` (${extras})` : ''}`)}]`);
    for (const w of capacity.workloads) {
      if (w.kind === 'DaemonSet') continue;
      if (!(placed.get(w.name) ?? []).includes(pool.name)) continue;
      lines.push(`        ${id(`${pool.name}_${w.name}`)}[${label(`${w.name} ×${w.replicas}`)}]`);
    }
    lines.push('      end');
  }
  const pending = capacity.workloads.filter((w) => w.kind !== 'DaemonSet' && (placed.get(w.name) ?? []).includes('Pending'));
  if (pending.length > 0) {
    lines.push(`      pending[${label(`Pending at minNodes: ${pending.map((w) => w.name).join(', ')}`)}]`);
  }
  lines.push('    end');
  const ext = design.externalServices;
  if (ext.postgres) lines.push(`    pg[(${label(`${facts.postgres.service} PostgreSQL ${ext.postgres.instanceClass}`)})]`);
  if (ext.redis) lines.push(`    redis[(${label(`${facts.redisService} Redis ${redisSize(ext.redis)}`)})]`);
  lines.push('  end');
  if (ext.objectStorage) lines.push(`  bucket[(${label(`${facts.objectStorage} bucket`)})]`);
  const frontendPools = frontend ? (placed.get(frontend.name) ?? []).filter((p) => p !== 'Pending') : [];
  const entry = loadBalancer ? 'lb' : 'engineer';
  for (const pool of frontendPools) lines.push(`  ${entry} --> ${id(`${pool}_${frontend!.name}`)}`);
  if (frontendPools.length === 0) lines.push(`  ${entry} --> cluster`);
  if (ext.postgres) lines.push('  cluster --> pg');
  if (ext.redis) lines.push('  cluster --> redis');
  if (ext.objectStorage) lines.push('  cluster --> bucket');
  lines.push('  cluster --> nat');
  return lines.join('\n');
}
