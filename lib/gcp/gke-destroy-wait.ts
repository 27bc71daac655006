import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DestroyTimeCommand } from '../terraform/destroy-time-command';
import { GCP_LABEL_KEYS } from '../replica/gcp-labels';

/** Checks a destroy makes before it gives up, by default. */
export const DEFAULT_DESTROY_WAIT_ATTEMPTS = 60;
/** Seconds between checks, by default: with the attempts, 15 minutes in all. */
export const DEFAULT_DESTROY_WAIT_INTERVAL_SECONDS = 15;

/**
 * The script {@link GkeDestroyWait} runs on destroy (POSIX sh, gcloud).
 * Environment: `SG_PROJECT`, `SG_NETWORK` (VPC name), `SG_LABEL` (the
 * replica's `sg-replica-name` label value), `SG_SECURITY_POLICY` and
 * `SG_ADDRESS` (may be empty), `SG_ATTEMPTS`, `SG_INTERVAL`.
 *
 * Each check lists what a Kubernetes controller made in the cloud for the
 * replica and deletes on its own after the Kubernetes object is gone:
 * - Persistent Disks of PersistentVolumes (`pvc-*`, labelled through the
 *   StorageClass), deleted by the PD CSI driver after the claim;
 * - network endpoint groups in the replica's VPC (container-native load
 *   balancing), deleted by the NEG controller;
 * - firewall rules in the VPC named `k8s*` (the GCE ingress's `k8s-fw-l7-*`
 *   and `k8s2-*`, a LoadBalancer Service's `k8s-fw-a…` and health-check
 *   rules), deleted by the ingress and service controllers;
 * - backend services that still use the replica's Cloud Armor policy, and
 *   forwarding rules that still use its reserved address (the infra stack
 *   cannot delete either while they are in use).
 * A listing that fails counts as not done (and is reported), never as empty.
 */
export const GKE_DESTROY_WAIT_SCRIPT = [
  'set -u',
  'export CLOUDSDK_CORE_DISABLE_PROMPTS=1',
  'if ! command -v gcloud >/dev/null 2>&1; then',
  '  echo "sg-replica: cannot check that the replica\'s disks and load balancer parts are deleted: gcloud is not on the PATH. Install the Google Cloud CLI (a prerequisite of GKE replicas), log in, and run cdktf destroy again." >&2',
  '  exit 1',
  'fi',
  'errors=$(mktemp)',
  'trap \'rm -f "$errors"\' EXIT',
  'check() {',
  '  what=$1',
  '  shift',
  '  if found=$("$@" 2>"$errors"); then',
  "    found=$(printf '%s\\n' \"$found\" | tr ';' '\\n' | sed '/^[[:space:]]*$/d' | tr '\\n' ' ')",
  '    if [ -n "$found" ]; then',
  '      pending="$pending',
  '  $what: $found"',
  '    fi',
  '  else',
  '    failed="$failed',
  "  $what: could not list them ($(tr '\\n' ' ' <\"$errors\"))\"",
  '  fi',
  '}',
  'attempt=0',
  'while :; do',
  '  attempt=$((attempt + 1))',
  "  pending=''",
  "  failed=''",
  `  check "persistent disks of the replica's volumes" gcloud compute disks list --project "$SG_PROJECT" --filter "labels.${GCP_LABEL_KEYS.name}=$SG_LABEL AND name ~ ^pvc-" --format "value(name)"`,
  '  check "network endpoint groups in network $SG_NETWORK" gcloud compute network-endpoint-groups list --project "$SG_PROJECT" --filter "network ~ /networks/$SG_NETWORK\\$" --format "value(name)"',
  '  check "firewall rules Kubernetes made in network $SG_NETWORK" gcloud compute firewall-rules list --project "$SG_PROJECT" --filter "network ~ /networks/$SG_NETWORK\\$ AND name ~ ^k8s" --format "value(name)"',
  '  if [ -n "$SG_SECURITY_POLICY" ]; then',
  '    check "backend services using Cloud Armor policy $SG_SECURITY_POLICY" gcloud compute backend-services list --project "$SG_PROJECT" --filter "securityPolicy ~ /securityPolicies/$SG_SECURITY_POLICY\\$" --format "value(name)"',
  '  fi',
  '  if [ -n "$SG_ADDRESS" ]; then',
  '    check "forwarding rules using address $SG_ADDRESS" gcloud compute addresses describe "$SG_ADDRESS" --global --project "$SG_PROJECT" --format "value(users)"',
  '  fi',
  '  if [ -z "$pending$failed" ]; then',
  '    echo "sg-replica: the replica\'s disks and load balancer parts are deleted (check $attempt)"',
  '    exit 0',
  '  fi',
  '  if [ "$attempt" -ge "$SG_ATTEMPTS" ]; then',
  '    echo "sg-replica: still there after $attempt checks $SG_INTERVAL s apart (Kubernetes controllers delete them some time after their objects):$pending$failed" >&2',
  '    echo "sg-replica: destroy stops here, before the cluster and the network go, so that nothing is left behind. Run cdktf destroy again to keep waiting, or list what is left with: sg-replica leftovers <design>" >&2',
  '    exit 1',
  '  fi',
  '  echo "sg-replica: waiting for Kubernetes-made cloud resources to be deleted (check $attempt of $SG_ATTEMPTS):$pending$failed"',
  '  sleep "$SG_INTERVAL"',
  'done',
  '',
].join('\n');

/** Properties of a {@link GkeDestroyWait}. */
export interface GkeDestroyWaitProps {
  /** The replica's project. */
  readonly project: string;
  /** Name of the replica's VPC (the network its NEGs and firewall rules are in). */
  readonly networkName: string;
  /** The replica's `sg-replica-name` label value (`gcpLabels(metadata)[GCP_LABEL_KEYS.name]`), as on its disks. */
  readonly replicaLabel: string;
  /** Cloud Armor policy of the GCE ingress (`gceIngressNames().securityPolicy`). @default none: not checked */
  readonly securityPolicyName?: string;
  /** Reserved global address of the GCE ingress (`gceIngressNames().address`). @default none: not checked */
  readonly staticAddressName?: string;
  /** Checks before giving up. @default DEFAULT_DESTROY_WAIT_ATTEMPTS (60) */
  readonly attempts?: number;
  /** Seconds between checks. @default DEFAULT_DESTROY_WAIT_INTERVAL_SECONDS (15) */
  readonly intervalSeconds?: number;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Makes `cdktf destroy` of the Sourcegraph stack wait, bounded, until the
 * cloud resources Kubernetes made for the replica are deleted (see
 * {@link GKE_DESTROY_WAIT_SCRIPT}), so that the infra stack does not tear
 * down the cluster (whose controllers delete them) or the network (which
 * they keep from being deleted) under them. Everything else in the stack
 * must depend on it (`everythingDependsOn(stack, [wait.resource])`): it is
 * destroyed last.
 *
 * Runs `gcloud` on the machine running the destroy, with gcloud's own
 * credentials (`gcloud auth login`, or `GOOGLE_APPLICATION_CREDENTIALS`
 * through `gcloud auth activate-service-account` in CI); it needs read
 * access to Compute Engine in the project (`roles/compute.viewer`).
 */
export class GkeDestroyWait extends Construct {
  public readonly command: DestroyTimeCommand;

  constructor(scope: Construct, id: string, props: GkeDestroyWaitProps) {
    super(scope, id);
    const attempts = props.attempts ?? DEFAULT_DESTROY_WAIT_ATTEMPTS;
    const interval = props.intervalSeconds ?? DEFAULT_DESTROY_WAIT_INTERVAL_SECONDS;
    validateWait('GkeDestroyWait', attempts, interval);
    for (const [field, value] of [
      ['project', props.project],
      ['networkName', props.networkName],
      ['replicaLabel', props.replicaLabel],
      ['securityPolicyName', props.securityPolicyName ?? 'x'],
      ['staticAddressName', props.staticAddressName ?? 'x'],
    ] as const) {
      // Every value becomes part of a gcloud filter: names only (a reference is checked where it is made).
      if (!Token.isUnresolved(value) && !/^[a-z0-9][-a-z0-9_]*$/.test(value)) throw new Error(`GkeDestroyWait: ${field} "${value}" is not a GCP resource name or label value`);
    }
    this.command = new DestroyTimeCommand(this, 'wait', {
      script: GKE_DESTROY_WAIT_SCRIPT,
      environment: {
        SG_PROJECT: props.project,
        SG_NETWORK: props.networkName,
        SG_LABEL: props.replicaLabel,
        SG_SECURITY_POLICY: props.securityPolicyName ?? '',
        SG_ADDRESS: props.staticAddressName ?? '',
        SG_ATTEMPTS: String(attempts),
        SG_INTERVAL: String(interval),
      },
      dependsOn: props.dependsOn,
    });
  }
}

/** @throws Error for attempts or an interval outside what makes sense. */
export function validateWait(what: string, attempts: number, intervalSeconds: number): void {
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 1000) throw new Error(`${what}: attempts ${attempts} must be a whole number from 1 to 1000`);
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 0 || intervalSeconds > 600) {
    throw new Error(`${what}: intervalSeconds ${intervalSeconds} must be a whole number from 0 to 600`);
  }
}
