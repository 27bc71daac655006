import { Construct } from 'constructs';
import { GoogleProvider } from '../providers/google';
import { checkGcpLabels } from '../replica/gcp-labels';

/** Properties of {@link ReplicaGoogleProvider}. */
export interface ReplicaGoogleProviderProps {
  /** The sandbox project: every resource without its own `project` is created here. */
  readonly project: string;
  /** Default region of regional resources, e.g. `us-central1`. */
  readonly region: string;
  /**
   * Labels on every resource the provider creates that supports provider-level
   * `default_labels` (the GKE cluster's `resource_labels` among them; node pool
   * VMs, networks, routers and service accounts do not take them). Must
   * already follow GCP's label rules (see `gcpLabels`).
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** GCP project ids: 6-30 lowercase letters, digits and '-', starting with a letter, not ending with '-'. */
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const REGION = /^[a-z]+-[a-z]+\d+$/;

/**
 * The Google provider of a replica stack: pinned to the sandbox project and
 * region, and labelling what it creates. Credentials come from the
 * environment (Application Default Credentials or `GOOGLE_*` variables), never
 * from the configuration.
 */
export class ReplicaGoogleProvider extends GoogleProvider {
  constructor(scope: Construct, id: string, props: ReplicaGoogleProviderProps) {
    if (!PROJECT_ID.test(props.project)) {
      throw new Error(
        `ReplicaGoogleProvider: project "${props.project}" is not a GCP project id (6-30 lowercase letters, digits and '-', starting with a letter)`,
      );
    }
    if (!REGION.test(props.region)) {
      throw new Error(`ReplicaGoogleProvider: region "${props.region}" is not a GCP region such as us-central1`);
    }
    const labels = props.labels ?? {};
    checkGcpLabels(labels, 'ReplicaGoogleProvider');
    super(scope, id, { project: props.project, region: props.region });
    if (Object.keys(labels).length > 0) {
      // Not through the `defaultLabels` property: cdktf snake-cases every key of a provider's
      // config, map keys included (`sg-replica-name` would become `sg_replica_name`).
      // Overrides are merged in after that conversion and keep the keys as given.
      this.addOverride('default_labels', { ...labels });
    }
  }
}
