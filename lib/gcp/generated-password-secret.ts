import { Fn, TerraformLocal } from 'cdktf';
import { Construct } from 'constructs';
import { SecretManagerSecret, SecretManagerSecretVersion } from '../providers/google';
import { checkGcpLabels } from '../replica/gcp-labels';
import { requireTerraformVersion } from '../terraform/required-version';

/** Properties of a {@link GeneratedPasswordSecret}. */
export interface GeneratedPasswordSecretProps {
  /** Secret Manager secret id: 1-255 letters, digits, `-` and `_`, e.g. `acme-postgres-password`. */
  readonly secretId: string;
  /** Region the secret's only replica is stored in (the replica's region). */
  readonly region: string;
  /** Labels on the secret, following GCP's label rules. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A password that Terraform generates once and keeps in Secret Manager, and
 * nowhere else it controls: neither in the synthesized configuration nor in
 * Terraform state.
 *
 * The value is `uuid()` (Terraform's built-in, 122 random bits from a
 * cryptographic source; no random provider needed) in a local, written
 * through write-only arguments (Terraform 1.11+): the secret version's
 * `secret_data_wo` and, in the same stack, whatever else takes
 * {@link value} in a write-only argument (e.g. `google_sql_user.password_wo`).
 * A local is evaluated once per run, so every write-only argument of the
 * run that creates them gets the same value. Later runs evaluate a new
 * `uuid()`, but write-only arguments are only sent when their
 * `*_wo_version` changes, so the password stays the same: bump
 * {@link WRITE_ONLY_VERSION} to rotate it.
 *
 * Readers (another stack) read it with `data.google_secret_manager_secret_version`
 * ({@link secretId}, {@link version}); that data source does land the value in
 * the reader's state, as a sensitive attribute.
 */
export class GeneratedPasswordSecret extends Construct {
  /** The `google_secret_manager_secret`. */
  public readonly secret: SecretManagerSecret;
  /** The `google_secret_manager_secret_version` holding the password. */
  public readonly secretVersion: SecretManagerSecretVersion;
  /** Id of the secret (a reference, so readers wait for it). */
  public readonly secretId: string;
  /** Version number of the password's version, e.g. `1` (a reference, so readers wait for the value). */
  public readonly version: string;
  /**
   * The password itself, for WRITE-ONLY arguments of this stack only
   * (`password_wo`, `secret_data_wo`...). Any other argument would store it
   * in state and differ at every plan.
   */
  public readonly value: string;
  /** The `*_wo_version` to pair with {@link value}. */
  public readonly writeOnlyVersion: number = WRITE_ONLY_VERSION;

  constructor(scope: Construct, id: string, props: GeneratedPasswordSecretProps) {
    super(scope, id);
    validate(props);
    // Write-only arguments exist from Terraform 1.11: an older one must stop at init, not mid-apply.
    requireTerraformVersion(this, '1.11.0');
    const labels = props.labels ?? {};
    checkGcpLabels(labels, `GeneratedPasswordSecret "${props.secretId}"`);
    const local = new TerraformLocal(this, 'value', Fn.uuid());
    this.value = local.asString;

    this.secret = new SecretManagerSecret(this, 'secret', {
      secretId: props.secretId,
      replication: { userManaged: { replicas: [{ location: props.region }] } },
      labels: Object.keys(labels).length > 0 ? { ...labels } : undefined,
      deletionProtection: false,
    });
    this.secretVersion = new SecretManagerSecretVersion(this, 'version', {
      secret: this.secret.id,
      secretDataWo: this.value,
      secretDataWoVersion: this.writeOnlyVersion,
      // Destroying the version destroys it (not merely disables it).
      deletionPolicy: 'DELETE',
    });
    this.secretId = this.secret.secretId;
    this.version = this.secretVersion.version;
  }
}

/** The write-only version of every generated password: bump it to rotate. */
export const WRITE_ONLY_VERSION = 1;

const SECRET_ID = /^[A-Za-z0-9_-]{1,255}$/;
const REGION = /^[a-z]+-[a-z]+\d+$/;

function validate(props: GeneratedPasswordSecretProps): void {
  if (!SECRET_ID.test(props.secretId)) {
    throw new Error(`GeneratedPasswordSecret: secretId "${props.secretId}" must be 1-255 letters, digits, '-' and '_'`);
  }
  if (!REGION.test(props.region)) {
    throw new Error(`GeneratedPasswordSecret "${props.secretId}": region "${props.region}" is not a GCP region such as us-central1`);
  }
}
