/**
 * Terraform's built-in `terraform_data` resource (Terraform 1.4+, no
 * provider), as cdktf's `DataResource` declares it, without the validation
 * `DataResource` adds: cdktf 0.21.0 (lib/terraform-data-resource.js) runs
 * `terraform version` in a shell at every synth, once per resource, and fails
 * the synth when the synthesizing machine has no terraform on its PATH. That
 * broke `sg-replica synth` (and `app.synth()` in a library user's CI) on a
 * machine without Terraform, although `validate` had passed, and cost a
 * process start per resource. The Terraform that deploys is the one that
 * must be recent enough, and it checks that itself: this construct requires
 * 1.4 through the stack's `required_version` ({@link requireTerraformVersion};
 * every replica stack requires 1.11 already), so an older Terraform stops at
 * `init` naming the constraint.
 *
 * https://developer.hashicorp.com/terraform/language/resources/terraform-data
 */
import { AnyMap, anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl, type ITerraformDependable, type TerraformResourceLifecycle, TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';
import { requireTerraformVersion } from './required-version';

/** The Terraform that introduced `terraform_data`. */
export const TERRAFORM_DATA_MIN_VERSION = '1.4.0';

/** Configuration of a {@link TerraformData}, as cdktf's `DataConfig` names it. */
export interface TerraformDataConfig {
  /** Stored in state and reflected in `output` after apply. @default none */
  readonly input?: Readonly<Record<string, unknown>>;
  /** A change of this value replaces the resource. @default none */
  readonly triggersReplace?: Readonly<Record<string, unknown>>;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
  /** @default none */
  readonly lifecycle?: TerraformResourceLifecycle;
  /** Provisioners, as cdktf's resource config takes them (`local-exec`, `when: 'destroy'`, ...). @default none */
  readonly provisioners?: TerraformResource['provisioners'];
}

/** A `terraform_data` resource. */
export class TerraformData extends TerraformResource {
  public static readonly tfResourceType = 'terraform_data';
  private readonly inputValue?: Readonly<Record<string, unknown>>;
  private readonly triggersReplaceValue?: Readonly<Record<string, unknown>>;
  /** The `output` attribute: `input` as stored after apply. */
  public readonly output: AnyMap;

  constructor(scope: Construct, id: string, config: TerraformDataConfig = {}) {
    super(scope, id, {
      terraformResourceType: TerraformData.tfResourceType,
      terraformGeneratorMetadata: { providerName: 'terraform' },
      dependsOn: config.dependsOn,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
    });
    this.inputValue = config.input;
    this.triggersReplaceValue = config.triggersReplace;
    this.output = new AnyMap(this, 'output');
    requireTerraformVersion(this, TERRAFORM_DATA_MIN_VERSION);
  }

  /** The `id` attribute. */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return {
      input: hashMapper(anyToTerraform)(this.inputValue),
      triggers_replace: hashMapper(anyToTerraform)(this.triggersReplaceValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: unknown } {
    return {
      input: hashMapperHcl(anyToHclTerraform)(this.inputValue),
      triggers_replace: hashMapperHcl(anyToHclTerraform)(this.triggersReplaceValue),
    };
  }
}
