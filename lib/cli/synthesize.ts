/**
 * Synthesis for `sg-replica synth`: builds one cdktf App holding every
 * design's stacks, writes it to a staging directory and swaps it in only when
 * synthesis succeeded, so a failure never leaves a half-written output; only
 * sg-replica's own entries of the output directory are ever replaced
 * (`output-directory.ts`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { addReplica } from '../../stacks/replica-app';
import { CLOUDS } from '../cloud/clouds';
import type { DeploymentMethod, Design } from '../design/model';
import { assessDesign, DesignAssessment } from '../assessment/assess-design';
import { formatPolicyReport, PolicyReport } from '../policy/policy-report';
import { expiryAnchor } from '../replica/expiry-anchor';
import { replicaFiles, replicaFilesDir, writeReplicaFiles } from '../../stacks/replica-files';
import { discardStagingDirectory, makeStagingDirectory, promoteStagingDirectory } from './output-directory';

export interface SynthInput {
  readonly file: string;
  readonly design: Design;
  /** The design's assessment, when validation already made it. @default computed here */
  readonly assessment?: DesignAssessment;
}

export interface SynthOptions {
  readonly outdir: string;
  readonly offline?: boolean;
}

export interface SynthResult {
  readonly stackCount: number;
  /** Human-readable lines, one block per replica. */
  readonly summary: string[];
}

interface Manifest {
  stacks: Record<string, { synthesizedStackPath: string; dependencies: string[] }>;
}

function countResources(stackJson: { resource?: Record<string, Record<string, unknown>> }): { total: number; byType: Map<string, number> } {
  const byType = new Map<string, number>();
  let total = 0;
  for (const [type, instances] of Object.entries(stackJson.resource ?? {})) {
    const n = Object.keys(instances).length;
    byType.set(type, n);
    total += n;
  }
  return { total, byType };
}

export { releaseValues } from '../../stacks/replica-files';

/** What the summary says of each method's release: what is installed, and where to read it. */
const RELEASE_SUMMARY: Readonly<Record<DeploymentMethod, (design: Design, assessment: DesignAssessment | undefined, dir: string) => { what: string; where: string }>> = {
  helm: (d, _, dir) => ({ what: `chart ${d.sourcegraph.version}`, where: `${d.sourcegraph.overrides.length} override file(s); values in ${path.join(dir, 'helm-values.yaml')}` }),
  kustomize: (d, assessment, dir) => {
    const adjustments = assessment?.kustomize?.layer?.adjustments.length;
    return {
      what: `deploy-sourcegraph-k8s ${d.sourcegraph.version} via Kustomize (overlay ${d.sourcegraph.overlay?.path}${adjustments === undefined ? '' : `; ${adjustments} replica adjustments`})`,
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      where: `manifests in ${path.join(dir, 'kustomize', (require('../kustomize/render-kustomize') as typeof import('../kustomize/render-kustomize')).REPLICA_MANIFESTS)} (the replica's layer beside them)`,
    };
  },
};

/** `policy: 13 rules passed, 1 waived (rule: reason)` */
function policySummary(report: PolicyReport): string {
  const passed = report.rules.filter((x) => x.status === 'passed');
  const waived = report.rules.filter((x) => x.status === 'waived');
  return `policy: ${passed.length} rules passed${waived.length ? `, ${waived.length} waived (${waived.map((x) => `${x.id}: ${x.waiver?.reason}`).join('; ')})` : ''}`;
}

export function synthesizeReplicas(inputs: readonly SynthInput[], options: SynthOptions): SynthResult {
  const outdir = path.resolve(options.outdir);
  // Refuses a directory holding anything sg-replica did not write (never `--out .`).
  const staging = makeStagingDirectory(outdir);
  const app = new App({ outdir: staging, skipValidation: false });
  let replicas: Array<{ input: SynthInput; anchor: ReturnType<typeof expiryAnchor>; stacks: ReturnType<typeof addReplica>; reportSummary?: string[]; assessment?: DesignAssessment }>;
  let manifest: Manifest;
  try {
    replicas = inputs.map((input) => {
      const anchor = expiryAnchor(input.file);
      let stacks: ReturnType<typeof addReplica>;
      try {
        stacks = addReplica(app, input.design, { createdAt: anchor.createdAt, offline: options.offline });
      } catch (e) {
        // Validation accepted the design, so a construct refusing it is sg-replica's bug: name the file, keep the reason.
        throw new Error(`${input.file}: the replica's stacks could not be built (${(e as Error).message}); validation accepted this design, so this is a bug in sg-replica: please report it with the design file`);
      }
      return { input, anchor, stacks };
    });
    app.synth();
    const failed = replicas.filter((r) => r.stacks.policy && !r.stacks.policy.report().passed);
    if (failed.length) {
      // app.synth() throws on policy errors; this catches CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS runs too.
      throw new Error(`policy violations in ${failed.map((r) => r.input.design.name).join(', ')}:\n${failed.flatMap((r) => formatPolicyReport(r.stacks.policy!.report())).join('\n')}`);
    }
    manifest = JSON.parse(fs.readFileSync(path.join(staging, 'manifest.json'), 'utf8')) as Manifest;
    for (const r of replicas) {
      const dir = replicaFilesDir(staging, r.input.design.name);
      // The values as Terraform gets them: references to other stacks resolved to expressions.
      const stackJson = JSON.parse(fs.readFileSync(path.join(staging, manifest.stacks[r.stacks.sourcegraph.node.id].synthesizedStackPath), 'utf8'));
      r.assessment = r.input.assessment ?? assessDesign(r.input.design);
      const { files, report } = replicaFiles({ design: r.input.design, metadata: r.stacks.metadata, sourcegraphStack: stackJson, assessment: r.assessment });
      writeReplicaFiles(dir, files);
      r.reportSummary = report.summary;
      fs.writeFileSync(path.join(dir, 'metadata.json'), `${JSON.stringify({ ...r.stacks.metadata, expiryAnchor: r.anchor.source, designFile: r.input.file }, null, 2)}\n`);
    }
  } catch (e) {
    discardStagingDirectory(staging);
    throw e;
  }
  promoteStagingDirectory(staging, outdir, Object.keys(manifest.stacks));

  const summary: string[] = [];
  for (const r of replicas) {
    const d = r.input.design;
    const m = r.stacks.metadata;
    summary.push(`${d.name}  (${r.input.file}; ${d.customer}; owner ${d.owner}; expires ${m.expiresAt}, clock from ${r.anchor.source})`);
    for (const stack of [r.stacks.infra, r.stacks.sourcegraph]) {
      const entry = manifest.stacks[stack.node.id];
      const json = JSON.parse(fs.readFileSync(path.join(outdir, entry.synthesizedStackPath), 'utf8'));
      const { total, byType } = countResources(json);
      const top = [...byType.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 6)
        .map(([t, n]) => `${n} ${t}`)
        .join(', ');
      summary.push(`  ${stack.node.id.padEnd(28)} ${String(total).padStart(3)} resources (${top}${byType.size > 6 ? ', ...' : ''})`);
    }
    const pools = d.kubernetes.nodePools.map((p) => `${p.name}: ${p.minNodes}-${p.maxNodes} × ${p.machineType}${p.spot ? ' spot' : ''}`).join('; ');
    summary.push(`  cluster: ${CLOUDS[d.cloud.provider].kubernetesService} ${d.kubernetes.version}, ${d.network.endpointAccess} API, ${d.network.zones} zones in ${d.cloud.region}; pools ${pools}`);
    if (r.stacks.policy) summary.push(`  ${policySummary(r.stacks.policy.report())}`);
    const capacityLine = r.reportSummary?.find((l) => l.startsWith('Capacity'));
    const costLine = r.reportSummary?.find((l) => l.startsWith('Cost'));
    if (capacityLine) summary.push(`  ${capacityLine}`);
    if (costLine) summary.push(`  ${costLine}; report in ${path.join(options.outdir, 'replicas', d.name, 'report.md')}`);
    const release = RELEASE_SUMMARY[d.sourcegraph.method](d, r.assessment, path.join(options.outdir, 'replicas', d.name));
    summary.push(`  sourcegraph: ${release.what}, size ${d.sourcegraph.size}, ${d.sourcegraph.ingress} ingress at ${d.sourcegraph.hostname}, ${d.storage.diskType} volumes${d.storage.encrypted ? ' (encrypted)' : ''}; ${release.where}`);
  }
  return { stackCount: Object.keys(manifest.stacks).length, summary };
}
