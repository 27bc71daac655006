import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { replicaMetadata } from '../../lib/replica/metadata';
import { AwsInfraStack } from '../../stacks/aws-infra-stack';
import { awsDesign } from './design-fixture';
import { unresolvedReferences } from './terraform-references';

describe('unresolvedReferences', () => {
  it('finds nothing unresolved in the synthesized AWS infra stack', () => {
    const design = awsDesign();
    const stack = new AwsInfraStack(Testing.app(), 'acme-prod-infra', {
      design,
      metadata: replicaMetadata(design, new Date('2026-01-01T00:00:00Z')),
    });
    const json = Testing.synth(stack);
    expect(json).toContain('${aws_eks_cluster.');
    expect(unresolvedReferences(json)).toEqual([]);
  });

  it('reports references to resources, data sources, variables, locals and modules the stack does not declare', () => {
    const broken = {
      resource: {
        google_container_cluster: { c: { name: 'x' } },
        null_resource: {
          a: {
            triggers: {
              ok: '${google_container_cluster.c.endpoint}',
              gone: 'https://${google_container_cluster.gone.endpoint}',
              fn: '${base64decode(google_container_cluster.c.master_auth[0].cluster_ca_certificate)}',
              nested: '${join(",", [data.google_client_config.missing.access_token, upper(var.nope)])}',
              cond: '${local.flag ? module.m.out : module.absent.out}',
              str: '${format("%s-${aws_vpc.inner.id}", "a")}',
              each: '${each.value}',
              count: '${count.index}',
              self: '${self.id}',
              bare: '${nothing}',
            },
            depends_on: ['google_container_cluster.c', 'aws_iam_role.absent'],
          },
        },
      },
      data: { google_client_config: { cfg: {} } },
      locals: { flag: true },
      module: { m: { source: './m' } },
    };
    expect(unresolvedReferences(broken)).toEqual(
      [
        'aws_iam_role.absent',
        'aws_vpc.inner.id',
        'count.index',
        'data.google_client_config.missing.access_token',
        'each.value',
        'google_container_cluster.gone.endpoint',
        'module.absent.out',
        'nothing',
        'self.id',
        'var.nope',
      ].sort(),
    );
  });

  it('accepts each/count in blocks with for_each/count, dynamic iterators, for-expression variables and escapes', () => {
    const ok = {
      variable: { names: { type: 'list(string)' } },
      resource: {
        null_resource: {
          many: { for_each: '${toset(var.names)}', triggers: { name: '${each.key}-${each.value}' } },
          counted: { count: 2, triggers: { i: '${count.index}', all: '${null_resource.many["a"].id}' } },
          dyn: {
            dynamic: { setting: { for_each: '${var.names}', iterator: 'it', content: { name: '${it.value}' } } },
            triggers: {
              list: '${[for n in var.names : upper(n) if n != ""]}',
              map: '${{for k, v in var.names : k => v}}',
              obj: '${{ a = var.names, b: path.module }}',
              escaped: '$${not.a.reference} and %%{ literal }',
              splat: '${null_resource.counted[*].id}',
              directive: '%{ for x in var.names }${x}%{ endfor }',
              ws: '${terraform.workspace}',
            },
          },
        },
      },
    };
    expect(unresolvedReferences(JSON.stringify(ok))).toEqual([]);
  });

  it('does not accept each outside for_each or a dynamic iterator outside its content', () => {
    const bad = {
      resource: {
        null_resource: {
          dyn: {
            dynamic: { setting: { for_each: '${it.value}', iterator: 'it', content: { name: '${setting.value}' } } },
          },
        },
      },
    };
    expect(unresolvedReferences(bad)).toEqual(['it.value', 'setting.value']);
  });

  it('checks import blocks: `to` must be declared, `each.` only with for_each', () => {
    const stack = {
      resource: { aws_cloudwatch_log_group: { lg: { name: '/aws/eks/x/cluster' } } },
      data: { aws_cloudwatch_log_groups: { found: { log_group_name_prefix: '/aws/eks/x/cluster' } } },
      import: [
        {
          for_each: '${contains(data.aws_cloudwatch_log_groups.found.log_group_names, "/aws/eks/x/cluster") ? ["/aws/eks/x/cluster"] : []}',
          to: 'aws_cloudwatch_log_group.lg',
          id: '${each.value}',
        },
        { to: 'aws_cloudwatch_log_group.missing', id: '${each.value}' },
      ],
    };
    expect(unresolvedReferences(stack)).toEqual(['aws_cloudwatch_log_group.missing', 'each.value']);
  });
});

describe('attributes of function results', () => {
  it('does not mistake `fn(x).attr` for a reference', () => {
    const json = {
      data: { aws_secretsmanager_secret_version: { s: {} } },
      resource: { kubernetes_secret_v1: { k: { data: { password: '${jsondecode(data.aws_secretsmanager_secret_version.s.secret_string).password}' } } } },
    };
    expect(unresolvedReferences(json)).toEqual([]);
    const broken = { resource: { kubernetes_secret_v1: { k: { data: { password: '${jsondecode(data.aws_secretsmanager_secret_version.gone.secret_string).password}' } } } } };
    expect(unresolvedReferences(broken)).toEqual(['data.aws_secretsmanager_secret_version.gone.secret_string']);
  });
});
