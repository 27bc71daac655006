/**
 * From designs to stacks: adds one replica's stacks to a cdktf App, choosing
 * the cloud's stacks by the design. Cloud-specific stack modules are loaded
 * only when a design needs them, so a gcp design never loads AWS bindings.
 */
import { App, TerraformStack } from 'cdktf';
import { Design, isAwsDesign, isGcpDesign } from '../lib/design/model';
import { ReplicaMetadata, replicaMetadata } from '../lib/replica/metadata';

/** The stacks of one replica. Their ids all start with `<name>-`. */
export interface ReplicaStacks {
  readonly metadata: ReplicaMetadata;
  /** `<name>-infra`: network, cluster, node pools, cloud add-ons. */
  readonly infra: TerraformStack;
  /** `<name>-sourcegraph`: namespace, storage class, ingress controller, the Sourcegraph release. */
  readonly sourcegraph: TerraformStack;
}

export interface AddReplicaOptions {
  /** When the replica's expiry clock starts (see lib/replica/expiry-anchor.ts). */
  readonly createdAt: Date;
  /** Configure providers for an offline `terraform plan` (tests, benchmarks); such stacks cannot apply. @default false */
  readonly offline?: boolean;
}

/** Adds the stacks of one replica to `app`. */
export function addReplica(app: App, design: Design, options: AddReplicaOptions): ReplicaStacks {
  const metadata = replicaMetadata(design, options.createdAt);
  if (isAwsDesign(design)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { addAwsReplica } = require('./aws-replica') as typeof import('./aws-replica');
    return { metadata, ...addAwsReplica(app, design, metadata, options.offline ?? false) };
  }
  if (isGcpDesign(design)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { addGcpReplica } = require('./gcp-replica') as typeof import('./gcp-replica');
    return { metadata, ...addGcpReplica(app, design, metadata, options.offline ?? false) };
  }
  throw new Error(`${design.source.file}: unknown cloud provider`);
}
