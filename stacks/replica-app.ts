/**
 * From designs to stacks: adds one replica's stacks to a cdktf App, choosing
 * the cloud's stacks by the design. Cloud-specific stack modules are loaded
 * only when a design needs them, so a gcp design never loads AWS bindings.
 */
import { App, TerraformStack } from 'cdktf';
import { loadOptional } from '../lib/catalog/optional-dependencies';
import type { CloudTable } from '../lib/cloud/clouds';
import type { Design } from '../lib/design/model';
import { applyPolicies, PolicyPack } from '../lib/policy/policy-pack';
import { ReplicaMetadata, replicaMetadata } from '../lib/replica/metadata';
import { StackStateBackend, stackStateBackend } from '../lib/replica/state-backend';
import { writeFilesOnSynth } from './replica-files';

/** How the cloud-specific replica functions are called. */
export interface ReplicaBuildOptions {
  readonly offline: boolean;
  /** The state backend of each of the two stacks. */
  readonly state: (stack: 'infra' | 'sourcegraph') => StackStateBackend;
}

/** Adds one cloud's two stacks of a replica. */
type AddCloudReplica = (app: App, design: Design, metadata: ReplicaMetadata, options: ReplicaBuildOptions) => { infra: TerraformStack; sourcegraph: TerraformStack };

/* eslint-disable @typescript-eslint/no-require-imports */
/** Each cloud's stacks, loaded only when a design on that cloud asks for them (a gcp design never loads AWS bindings). */
const CLOUD_REPLICAS: CloudTable<() => AddCloudReplica> = {
  // Each cloud's provider bindings are optional peer dependencies: a missing one is named with its install command.
  aws: () => loadOptional(() => (require('./aws-replica') as typeof import('./aws-replica')).addAwsReplica as AddCloudReplica),
  gcp: () => loadOptional(() => (require('./gcp-replica') as typeof import('./gcp-replica')).addGcpReplica as AddCloudReplica),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The stacks of one replica. Their ids all start with `<name>-`. */
export interface ReplicaStacks {
  readonly metadata: ReplicaMetadata;
  /** `<name>-infra`: network, cluster, node pools, cloud add-ons. */
  readonly infra: TerraformStack;
  /** `<name>-sourcegraph`: namespace, storage class, ingress controller, the Sourcegraph release. */
  readonly sourcegraph: TerraformStack;
  /**
   * The policy pack and tag check on both stacks: `policy.report()` after
   * `app.synth()` says what ran, fired, was waived. Absent with `policies: false`.
   */
  readonly policy?: PolicyPack;
}

export interface AddReplicaOptions {
  /** When the replica's expiry clock starts (see lib/replica/expiry-anchor.ts). */
  readonly createdAt: Date;
  /** Configure providers for an offline `terraform plan` (tests, benchmarks); such stacks cannot apply. @default false */
  readonly offline?: boolean;
  /** Environment that may override the design's state backend (SG_REPLICA_STATE_*). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Apply the policy pack and tag check (docs/POLICY.md). Turn off only to
   * apply your own configured `PolicyPack` instead.
   * @default true
   */
  readonly policies?: boolean;
  /**
   * Have `app.synth()` also write the replica's `helm-values.yaml` (the values
   * the Sourcegraph release gives Helm) and `report.md` (the design report) to
   * `<app outdir>/replicas/<name>/`, as `sg-replica synth` and `cdktf synth`
   * do. (Or call the exported `replicaFiles` and `writeReplicaFiles` yourself.)
   * @default false
   */
  readonly files?: boolean;
}

/**
 * Every replica runs the policy pack (docs/POLICY.md) and the tag check at
 * synth: a violation fails synthesis with the resource path and rule id,
 * unless the design waives the rule with a reason.
 */
function withPolicies(design: Design, metadata: ReplicaMetadata, enabled: boolean, stacks: { infra: TerraformStack; sourcegraph: TerraformStack }): ReplicaStacks {
  if (!enabled) return { metadata, ...stacks };
  const policy = applyPolicies([stacks.infra, stacks.sourcegraph], { cloud: design.cloud.provider, waivers: design.waivers, metadata });
  return { metadata, ...stacks, policy };
}

/** Adds the stacks of one replica to `app`. */
export function addReplica(app: App, design: Design, options: AddReplicaOptions): ReplicaStacks {
  const metadata = replicaMetadata(design, options.createdAt);
  const env = options.env ?? process.env;
  const state = (stack: 'infra' | 'sourcegraph') => stackStateBackend(design, `${design.name}-${stack}`, env);
  const load = Object.prototype.hasOwnProperty.call(CLOUD_REPLICAS, design.cloud.provider) ? CLOUD_REPLICAS[design.cloud.provider] : undefined;
  if (!load) throw new Error(`${design.source.file}: unknown cloud provider`);
  const replica = withPolicies(design, metadata, options.policies ?? true, load()(app, design, metadata, { offline: options.offline ?? false, state }));
  if (options.files) writeFilesOnSynth(replica.sourcegraph, { design, metadata });
  return replica;
}
