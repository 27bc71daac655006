/**
 * The files a synthesized replica comes with, beside its stacks, in
 * `<outdir>/replicas/<name>/`: `helm-values.yaml` (the values the
 * Sourcegraph release gives Helm, as Terraform gets them) and `report.md`
 * (the design report). `sg-replica synth` writes them; so does
 * `app.synth()` for a replica added with `addReplica(..., { files: true })`
 * (and the cdktf.json app, main.ts, which asks for them).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { TerraformStack } from 'cdktf';
import { assessDesign, DesignAssessment } from '../lib/assessment/assess-design';
import type { Design } from '../lib/design/model';
import { renderValuesYaml } from '../lib/helm/merge-values';
import type { ReplicaMetadata } from '../lib/replica/metadata';
import { Report, renderReport } from '../lib/report/render-report';
import { valuesFromTerraformDocuments } from '../lib/sourcegraph/values-documents';

/** A synthesized stack's JSON, as far as the release's values are concerned. */
export interface SynthesizedStackJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, { readonly chart?: string; readonly values?: readonly string[] }>>>>;
}

/**
 * The values the Sourcegraph helm_release in a synthesized stack gives Helm,
 * as one YAML document: its values documents merged, literals as written,
 * references as the Terraform expressions they resolve to. Undefined when the
 * stack has no such release (a Kustomize replica).
 */
export function releaseValues(stackJson: SynthesizedStackJson): string | undefined {
  const release = Object.values(stackJson.resource?.helm_release ?? {}).find((r) => r.chart === 'sourcegraph');
  return release?.values ? renderValuesYaml(valuesFromTerraformDocuments([...release.values])) : undefined;
}

/** What {@link replicaFiles} needs. */
export interface ReplicaFilesInput {
  readonly design: Design;
  readonly metadata: ReplicaMetadata;
  /** The synthesized JSON of the replica's `<name>-sourcegraph` stack. */
  readonly sourcegraphStack: SynthesizedStackJson;
  /** The design's assessment, when already made. @default assessDesign(design) */
  readonly assessment?: DesignAssessment;
}

/** The files of one replica, by name, and the report (its summary lines are what `synth` prints). */
export interface ReplicaFiles {
  readonly files: Readonly<Record<string, string>>;
  readonly report: Report;
}

/** `helm-values.yaml` (when the replica has a Helm release) and `report.md`. Pure. */
export function replicaFiles(input: ReplicaFilesInput): ReplicaFiles {
  const report = renderReport({ design: input.design, metadata: input.metadata, ...(input.assessment ?? assessDesign(input.design)) });
  const values = releaseValues(input.sourcegraphStack);
  return { files: { ...(values !== undefined && { 'helm-values.yaml': values }), 'report.md': report.markdown }, report };
}

/** The directory of a replica's files under `outdir`: `<outdir>/replicas/<name>`. */
export function replicaFilesDir(outdir: string, name: string): string {
  return path.join(outdir, 'replicas', name);
}

/** Writes `files` into `dir` (created as needed); returns the paths written. */
export function writeReplicaFiles(dir: string, files: Readonly<Record<string, string>>): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return Object.entries(files).map(([name, text]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  });
}

/**
 * Makes `app.synth()` write the replica's files: wraps the synthesizer of its
 * Sourcegraph stack so that, once that stack's JSON is written, the values
 * and the report are written beside it under the app's output directory.
 */
export function writeFilesOnSynth(sourcegraph: TerraformStack, input: Omit<ReplicaFilesInput, 'sourcegraphStack'>): void {
  const inner = sourcegraph.synthesizer;
  sourcegraph.synthesizer = {
    synthesize(session) {
      inner.synthesize(session);
      const stackPath = path.join(session.outdir, session.manifest.forStack(sourcegraph).synthesizedStackPath);
      const stackJson = JSON.parse(fs.readFileSync(stackPath, 'utf8')) as SynthesizedStackJson;
      writeReplicaFiles(replicaFilesDir(session.outdir, input.design.name), replicaFiles({ ...input, sourcegraphStack: stackJson }).files);
    },
  };
}
