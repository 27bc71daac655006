import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { isTerraformLiteral } from './terraform-literal';
import { TerraformData } from './terraform-data';

/** Properties of a {@link DestroyTimeCommand}. */
export interface DestroyTimeCommandProps {
  /**
   * A POSIX `sh` script run by `/bin/sh -c` on the machine running
   * `cdktf destroy`, when this resource is destroyed. It reaches the shell
   * exactly as written: it must contain no `${`, `%{`, `#{` or `&{` (a
   * Terraform template or cdktf token sequence); read values from the
   * environment with `$NAME`. A non-zero exit fails the destroy there,
   * with the script's standard error shown, and what depends on this
   * resource's removal (what it depends on) is not destroyed.
   */
  readonly script: string;
  /**
   * Environment variables of the script: literals or references. They are
   * stored in the resource's state (`terraform_data.input`) when it is
   * created or updated, since a destroy-time provisioner may read only its
   * own resource (`self`); names are `[A-Z][A-Z0-9_]*`.
   * @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** What this resource is created after and destroyed before. @default none */
  readonly dependsOn?: ITerraformDependable[];
}

const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * A command that runs when `cdktf destroy` removes this resource and at no
 * other time: a `terraform_data` (built into Terraform 1.4+, no provider)
 * with a `local-exec` provisioner `when = destroy`. Values reach the
 * script as environment variables (`environment = { X = self.input.X }`),
 * never by interpolation into the script, so no value can change what the
 * shell runs.
 *
 * Runs once per destroy of the resource; changing `environment` updates the
 * state in place (no re-creation, no run).
 */
export class DestroyTimeCommand extends Construct {
  /** The `terraform_data` resource. */
  public readonly resource: TerraformData;

  constructor(scope: Construct, id: string, props: DestroyTimeCommandProps) {
    super(scope, id);
    const environment = props.environment ?? {};
    for (const name of Object.keys(environment)) {
      if (!ENV_NAME.test(name)) throw new Error(`DestroyTimeCommand ${id}: environment variable name "${name}" must match [A-Z][A-Z0-9_]*`);
    }
    if (props.script.trim() === '') throw new Error(`DestroyTimeCommand ${id}: the script is empty`);
    if (!isTerraformLiteral(props.script)) {
      throw new Error(`DestroyTimeCommand ${id}: the script contains a Terraform template or cdktf token sequence ($\{, %\{, #\{ or &\{); read values from the environment instead`);
    }
    this.resource = new TerraformData(this, 'resource', {
      input: { ...environment },
      dependsOn: props.dependsOn,
      provisioners: [
        {
          type: 'local-exec',
          when: 'destroy',
          interpreter: ['/bin/sh', '-c'],
          command: props.script,
          environment: Object.fromEntries(Object.keys(environment).map((name) => [name, `\${self.input.${name}}`])),
        },
      ],
    });
  }
}
