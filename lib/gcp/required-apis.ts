/**
 * The Google Cloud APIs a GKE replica needs enabled in its project, and
 * why. Pure: no cdktf (validate and report print the list too).
 *
 * Two of them cannot be enabled by the replica itself: Terraform's
 * `google_project_service` calls the Service Usage API to enable the
 * others, and reads the project through the Resource Manager API after
 * every create (google 6.50.0 `resource_google_project_service.go`:
 * `resourceGoogleProjectServiceRead` calls `Projects.Get`). They are the
 * bootstrap: enabled once per project, before the first deploy, with
 * {@link enableApisCommand}.
 */

/** When an API is needed. */
export type GcpApiNeed = 'always' | 'postgres' | 'redis' | 'objectStorage';

/** One API of the replica. */
export interface GcpApi {
  /** Service name, e.g. `container.googleapis.com`. */
  readonly service: string;
  /** What needs it. */
  readonly why: string;
  readonly neededFor: GcpApiNeed;
  /** Must be enabled before Terraform runs: the enabling of the others goes through it. */
  readonly bootstrap: boolean;
}

/** Every API a replica may need, in the order they are listed to the user. */
export const GCP_REPLICA_APIS: readonly GcpApi[] = [
  { service: 'serviceusage.googleapis.com', why: 'google_project_service enables the other APIs through it', neededFor: 'always', bootstrap: true },
  {
    service: 'cloudresourcemanager.googleapis.com',
    why: 'project IAM grants of the node service account (get/setIamPolicy), and google_project_service reads the project',
    neededFor: 'always',
    bootstrap: true,
  },
  {
    service: 'compute.googleapis.com',
    why: 'VPC, subnet, Cloud Router and NAT, firewall rules; the gce ingress (Cloud Armor policy, global address, certificate); the Cloud SQL PSC endpoint',
    neededFor: 'always',
    bootstrap: false,
  },
  { service: 'container.googleapis.com', why: 'the GKE cluster and node pools', neededFor: 'always', bootstrap: false },
  { service: 'iam.googleapis.com', why: 'service accounts (nodes, Workload Identity) and their bindings', neededFor: 'always', bootstrap: false },
  {
    service: 'iamcredentials.googleapis.com',
    why: 'Workload Identity: the GKE metadata server mints the pods\' service-account tokens with it',
    neededFor: 'always',
    bootstrap: false,
  },
  {
    service: 'sts.googleapis.com',
    why: 'Workload Identity Federation for GKE exchanges the Kubernetes token for a federated token first',
    neededFor: 'always',
    bootstrap: false,
  },
  { service: 'logging.googleapis.com', why: 'the cluster\'s logging_config (system, workload and control-plane logs)', neededFor: 'always', bootstrap: false },
  { service: 'monitoring.googleapis.com', why: 'the cluster\'s monitoring_config (system and control-plane metrics)', neededFor: 'always', bootstrap: false },
  { service: 'sqladmin.googleapis.com', why: 'Cloud SQL for PostgreSQL (externalServices.postgres)', neededFor: 'postgres', bootstrap: false },
  { service: 'secretmanager.googleapis.com', why: 'the Cloud SQL user\'s generated password (externalServices.postgres)', neededFor: 'postgres', bootstrap: false },
  { service: 'redis.googleapis.com', why: 'Memorystore for Redis (externalServices.redis)', neededFor: 'redis', bootstrap: false },
  { service: 'storage.googleapis.com', why: 'the GCS bucket (externalServices.objectStorage)', neededFor: 'objectStorage', bootstrap: false },
];

/** Which external services the replica has (design `externalServices`). */
export interface GcpApiNeeds {
  readonly postgres?: boolean;
  readonly redis?: boolean;
  readonly objectStorage?: boolean;
}

/** The APIs a replica with these external services needs, bootstrap ones first. */
export function requiredGcpApis(needs: GcpApiNeeds = {}): GcpApi[] {
  return GCP_REPLICA_APIS.filter((api) => api.neededFor === 'always' || needs[api.neededFor] === true);
}

const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/**
 * The command that enables `apis` in `project` (`gcloud services enable` is
 * idempotent): run once per sandbox project before the first deploy for the
 * bootstrap APIs, or for all of them to fail nothing half-way.
 *
 * @throws Error when `project` is not a project id (it goes into a shell command).
 */
export function enableApisCommand(project: string, apis: readonly GcpApi[]): string {
  if (!PROJECT_ID.test(project)) throw new Error(`enableApisCommand: "${project}" is not a GCP project id`);
  return `gcloud services enable ${apis.map((a) => a.service).join(' ')} --project ${project}`;
}
