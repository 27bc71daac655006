import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DestroyTimeCommand } from '../terraform/destroy-time-command';
import { validateWait } from './gke-destroy-wait';

/** Prefix of the VPC peering Memorystore for Redis creates for `DIRECT_PEERING` instances. */
export const MEMORYSTORE_PEERING_PREFIX = 'redis-peer-';

/**
 * The script {@link MemorystorePeeringCleanup} runs on destroy (POSIX sh,
 * gcloud). Environment: `SG_PROJECT`, `SG_NETWORK`, `SG_ATTEMPTS`,
 * `SG_INTERVAL`. Lists the network's peerings, deletes every
 * `redis-peer-*` one, and lists again until none is left (bounded).
 */
export const MEMORYSTORE_PEERING_CLEANUP_SCRIPT = [
  'set -u',
  'export CLOUDSDK_CORE_DISABLE_PROMPTS=1',
  'if ! command -v gcloud >/dev/null 2>&1; then',
  '  echo "sg-replica: cannot delete Memorystore\'s peering of network $SG_NETWORK, which keeps the network from being deleted: gcloud is not on the PATH. Install the Google Cloud CLI (a prerequisite of GKE replicas), log in, and run cdktf destroy again." >&2',
  '  exit 1',
  'fi',
  'errors=$(mktemp)',
  'trap \'rm -f "$errors"\' EXIT',
  'attempt=0',
  'while :; do',
  '  attempt=$((attempt + 1))',
  "  problem=''",
  '  if peerings=$(gcloud compute networks peerings list --network "$SG_NETWORK" --project "$SG_PROJECT" --flatten "peerings[]" --format "value(peerings.name)" 2>"$errors"); then',
  "    found=''",
  '    for p in $peerings; do',
  '      case "$p" in',
  `        ${MEMORYSTORE_PEERING_PREFIX}*) found="$found $p" ;;`,
  '      esac',
  '    done',
  '    if [ -z "$found" ]; then',
  '      echo "sg-replica: no Memorystore peering left on network $SG_NETWORK"',
  '      exit 0',
  '    fi',
  '    for p in $found; do',
  '      if gcloud compute networks peerings delete "$p" --network "$SG_NETWORK" --project "$SG_PROJECT" --quiet 2>"$errors"; then',
  '        echo "sg-replica: deleted Memorystore\'s peering $p of network $SG_NETWORK"',
  '      else',
  "        problem=\"$problem $p: $(tr '\\n' ' ' <\"$errors\")\"",
  '      fi',
  '    done',
  '  else',
  "    problem=\"could not list the peerings of network $SG_NETWORK: $(tr '\\n' ' ' <\"$errors\")\"",
  '  fi',
  '  if [ "$attempt" -ge "$SG_ATTEMPTS" ]; then',
  '    echo "sg-replica: Memorystore\'s peering of network $SG_NETWORK is still there after $attempt tries ($problem). It keeps the network from being deleted: delete it with gcloud compute networks peerings delete <name> --network $SG_NETWORK --project $SG_PROJECT, then run cdktf destroy again." >&2',
  '    exit 1',
  '  fi',
  '  sleep "$SG_INTERVAL"',
  'done',
  '',
].join('\n');

/** Properties of a {@link MemorystorePeeringCleanup}. */
export interface MemorystorePeeringCleanupProps {
  /** The replica's project. */
  readonly project: string;
  /** Name of the replica's VPC. */
  readonly networkName: string;
  /** Tries before giving up. @default 20 */
  readonly attempts?: number;
  /** Seconds between tries. @default 15 */
  readonly intervalSeconds?: number;
  /** The network (so the cleanup is destroyed before it). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Deletes, during `cdktf destroy`, the VPC peering that Memorystore for
 * Redis made for its `DIRECT_PEERING` instances (`redis-peer-<number>`).
 * Memorystore removes it only some time after its last instance in the
 * network is deleted (reported up to a day), and until then the network
 * cannot be deleted ("The network resource ... is already being used by
 * .../peerings/redis-peer-..."), so the infra stack's destroy would fail.
 *
 * Order it between the network and the instances: it depends on the
 * network (destroyed before it) and every `MemorystoreRedis` depends on it
 * (destroyed after them). The network is the replica's own, so the peering
 * serves nobody else once the replica's instances are gone.
 *
 * Why not another connect mode: `PRIVATE_SERVICE_ACCESS` needs a service
 * networking connection, whose deletion fails while producer resources
 * linger and whose `ABANDON` leaves the same kind of peering behind
 * (docs/EXTERNAL-SERVICES.md, hashicorp/terraform-provider-google#16275,
 * #18834, #19908); `google_redis_instance` offers no Private Service
 * Connect (google 6.50.0 `resource_redis_instance.go`, `connect_mode`:
 * `DIRECT_PEERING` or `PRIVATE_SERVICE_ACCESS`).
 *
 * Needs `gcloud` on the machine running the destroy, logged in with
 * `compute.networks.removePeering` on the project (`roles/compute.networkAdmin`).
 */
export class MemorystorePeeringCleanup extends Construct {
  public readonly command: DestroyTimeCommand;

  constructor(scope: Construct, id: string, props: MemorystorePeeringCleanupProps) {
    super(scope, id);
    const attempts = props.attempts ?? 20;
    const interval = props.intervalSeconds ?? 15;
    validateWait('MemorystorePeeringCleanup', attempts, interval);
    for (const [field, value] of [
      ['project', props.project],
      ['networkName', props.networkName],
    ] as const) {
      if (!Token.isUnresolved(value) && !/^[a-z][-a-z0-9]*$/.test(value)) {
        throw new Error(`MemorystorePeeringCleanup: ${field} "${value}" is not a GCP resource name`);
      }
    }
    this.command = new DestroyTimeCommand(this, 'cleanup', {
      script: MEMORYSTORE_PEERING_CLEANUP_SCRIPT,
      environment: { SG_PROJECT: props.project, SG_NETWORK: props.networkName, SG_ATTEMPTS: String(attempts), SG_INTERVAL: String(interval) },
      dependsOn: props.dependsOn,
    });
  }
}
