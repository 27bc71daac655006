/**
 * A Terraform `import` block that applies only when a condition holds at
 * plan time: `import { for_each = <cond> ? [<id>] : [], to = <resource>,
 * id = each.value }` (Terraform 1.7+ allows `for_each` in import blocks).
 *
 * cdktf 0.21's `resource.importFrom(id)` writes an unconditional import,
 * which fails when the object does not exist ("Cannot import non-existent
 * remote object"). This element adopts an object only when a data source
 * has found it, and is a no-op otherwise; once the resource is in state the
 * block is a no-op too. Checked with Terraform 1.11 and hashicorp/aws
 * 5.100.0 in test/aws/eks-cluster.plan.test.ts.
 */
import { Fn, TerraformElement, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';

/** Properties of a {@link ConditionalImport}. */
export interface ConditionalImportProps {
  /** The resource to adopt the remote object into (a single instance: no count or for_each). */
  readonly resource: TerraformResource;
  /** The import id of the remote object (for a log group: its name). */
  readonly id: string;
  /** A boolean Terraform expression (a token, e.g. `Fn.contains(...)`), known at plan time. */
  readonly when: unknown;
}

/** An `import` block with a `for_each` of zero or one element. */
export class ConditionalImport extends TerraformElement {
  private readonly props: ConditionalImportProps;

  constructor(scope: Construct, id: string, props: ConditionalImportProps) {
    super(scope, id);
    if (props.resource.count !== undefined || props.resource.forEach !== undefined) {
      throw new Error(`ConditionalImport ${id}: the resource must be a single instance (no count or for_each)`);
    }
    this.props = props;
  }

  /** The `import` block; cdktf merges the `import` lists of every element of the stack. */
  public override toTerraform(): Record<string, unknown> {
    const { resource, id, when } = this.props;
    return {
      import: [
        {
          for_each: Fn.conditional(when, [id], []),
          to: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`,
          id: '${each.value}',
        },
      ],
    };
  }
}
