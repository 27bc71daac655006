import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { ClusterCredentials } from './cluster-providers';
import { TerraformData } from '../terraform/terraform-data';
import { isDnsSubdomain } from '../catalog/kubernetes-names';
import { WAIT_FOR_VOLUMES_SCRIPT } from './wait-for-volumes-script';

/** How long destroy waits for the volumes by default, seconds. */
export const DEFAULT_VOLUME_DELETION_TIMEOUT_SECONDS = 900;

/** Properties of a {@link VolumeDeletionWait}. */
export interface VolumeDeletionWaitProps {
  /** The StorageClass whose PersistentVolumes must be gone (the replica's). */
  readonly storageClassName: string;
  /**
   * How the program reaches the API server: host, CA, optional TLS server
   * name, and a credential plugin (`exec`). A bearer `token` is refused: it
   * would be kept in state and be expired by destroy time.
   */
  readonly credentials: ClusterCredentials;
  /** How long destroy waits before failing with what is left, seconds. @default 900 */
  readonly timeoutSeconds?: number;
  /** Seconds between two looks. @default 10 */
  readonly pollSeconds?: number;
  /** Node.js executable that runs the program. @default 'node' (cdktf needs Node, so it is on the PATH) */
  readonly node?: string;
  /** What must exist before it (nothing usually: it does nothing on create). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Makes `cdktf destroy` wait until the CSI driver has deleted every
 * PersistentVolume of the replica's StorageClass.
 *
 * Deleting the namespace deletes the PersistentVolumeClaims, and Terraform
 * returns once the namespace is gone; the CSI driver deletes the disks
 * behind them afterwards, asynchronously (the external-provisioner acts on
 * the Released PersistentVolume). Destroying the infra stack at once removes
 * the CSI add-on and the nodes and orphans those disks. This `terraform_data`
 * does nothing on create; on destroy its `local-exec` provisioner runs
 * {@link WAIT_FOR_VOLUMES_SCRIPT} with `node -e`, which polls
 * `GET /api/v1/persistentvolumes` until none of the StorageClass is left,
 * and fails the destroy after `timeoutSeconds` naming each volume left (its
 * EBS volume id, claim and phase) and the way out.
 *
 * Ordering: make the namespace depend on this resource, so Terraform
 * destroys the namespace (and so the claims) first, and this resource
 * before anything the CSI driver needs. Destroy-time provisioners can read
 * only `self`: everything the program needs is in `input` (no secret: the
 * credential comes from the plugin at destroy time, run with the caller's
 * environment).
 */
export class VolumeDeletionWait extends Construct {
  /** The `terraform_data` resource. */
  public readonly resource: TerraformData;

  constructor(scope: Construct, id: string, props: VolumeDeletionWaitProps) {
    super(scope, id);
    const timeoutSeconds = props.timeoutSeconds ?? DEFAULT_VOLUME_DELETION_TIMEOUT_SECONDS;
    const pollSeconds = props.pollSeconds ?? 10;
    const { host, caCertificateBase64, exec, token, tlsServerName } = props.credentials;
    if (!isDnsSubdomain(props.storageClassName)) {
      throw new Error(`VolumeDeletionWait: '${props.storageClassName}' is not a StorageClass name`);
    }
    if (token !== undefined || exec === undefined) {
      throw new Error('VolumeDeletionWait: give credentials.exec (a credential plugin); a token would be kept in state and be expired by destroy time');
    }
    for (const [what, value] of [['timeoutSeconds', timeoutSeconds], ['pollSeconds', pollSeconds]] as const) {
      if (!Number.isFinite(value) || value <= 0) throw new Error(`VolumeDeletionWait: ${what} must be a positive number of seconds, got ${value}`);
    }

    this.resource = new TerraformData(this, 'resource', {
      input: {
        host,
        ca_certificate_base64: caCertificateBase64,
        tls_server_name: tlsServerName ?? '',
        exec: JSON.stringify({ command: exec.command, args: [...exec.args] }),
        storage_class: props.storageClassName,
        timeout_seconds: String(timeoutSeconds),
        poll_seconds: String(pollSeconds),
      },
      dependsOn: props.dependsOn,
      provisioners: [
        {
          type: 'local-exec',
          when: 'destroy',
          // No shell: Terraform runs `node -e <program> <command>`.
          interpreter: [props.node ?? 'node', '-e', WAIT_FOR_VOLUMES_SCRIPT],
          command: 'sg-replica-wait-for-volumes',
          environment: {
            SG_K8S_HOST: '${self.input.host}',
            SG_K8S_CA_B64: '${self.input.ca_certificate_base64}',
            SG_K8S_TLS_SERVER_NAME: '${self.input.tls_server_name}',
            SG_K8S_EXEC: '${self.input.exec}',
            SG_STORAGE_CLASS: '${self.input.storage_class}',
            SG_TIMEOUT_SECONDS: '${self.input.timeout_seconds}',
            SG_POLL_SECONDS: '${self.input.poll_seconds}',
          },
        },
      ],
    });
  }
}
