/**
 * A real plan of every example AWS design's infra stack: terraform init +
 * plan (which validates first) with the real hashicorp/aws 5.100.0 provider, offline
 * (dummy credentials, skip_* flags, provider from the filesystem mirror when
 * present). Skipped only when no terraform binary is installed.
 */
import * as fs from 'fs';
import { Testing } from 'cdktf';
import { planStack, plannedResources, stackDir, TerraformPlan, describeWithTerraform } from '../support/terraform';
import { exampleDesigns, TEST_CREATED_AT } from '../support/synth-replica';
import { addReplica } from '../../stacks/replica-app';
import { principalKey } from '../../lib/catalog/aws-arns';

const awsExamples = exampleDesigns().filter((e) => e.design.cloud.provider === 'aws');

describeWithTerraform('offline terraform plans of the AWS example designs', () => {
  describe.each(awsExamples)('offline terraform plan of $name (infra stack)', ({ design }) => {
    let plan: TerraformPlan;
    let outdir: string;

    beforeAll(() => {
      const app = Testing.app();
      // Local state: a remote backend would need the network at init.
      const { infra } = addReplica(app, design, { createdAt: TEST_CREATED_AT, offline: true, env: { SG_REPLICA_STATE_BACKEND: 'local' } });
      outdir = Testing.fullSynth(infra);
      plan = planStack(stackDir(outdir));
    }, 600_000);

    afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

    it('succeeds, creating everything and changing nothing else', () => {
      const actions = new Set((plan.resource_changes ?? []).filter((r) => r.mode === 'managed').flatMap((r) => r.change.actions));
      expect([...actions]).toEqual(['create']);
    });

    it('contains the EKS cluster at the design version', () => {
      const clusters = plannedResources(plan, 'aws_eks_cluster');
      expect(clusters.map((c) => [c.change.after!.name, c.change.after!.version])).toEqual([[design.name, design.kubernetes.version]]);
    });

    it('contains one node group per pool', () => {
      expect(plannedResources(plan, 'aws_eks_node_group').map((r) => r.change.after!.node_group_name).sort()).toEqual(
        design.kubernetes.nodePools.map((p) => `${design.name}-${p.name}`).sort(),
      );
    });

    it('contains the EBS CSI add-on and the OIDC provider', () => {
      expect(plannedResources(plan, 'aws_eks_addon').map((r) => r.change.after!.addon_name)).toContain('aws-ebs-csi-driver');
      expect(plannedResources(plan, 'aws_iam_openid_connect_provider')).toHaveLength(1);
    });

    it('contains the external services the design asks for', () => {
      const ext = design.externalServices;
      expect(plannedResources(plan, 'aws_db_instance').map((r) => [r.change.after!.engine, r.change.after!.storage_encrypted, r.change.after!.publicly_accessible])).toEqual(
        ext.postgres ? [['postgres', true, false]] : [],
      );
      expect(plannedResources(plan, 'aws_elasticache_replication_group')).toHaveLength(ext.redis ? 2 : 0);
      expect(plannedResources(plan, 'aws_s3_bucket').map((r) => r.change.after!.force_destroy)).toEqual(ext.objectStorage ? [true] : []);
    });

    it('plans exactly one access entry and cluster-admin association per admin principal (offline: no deployer is read)', () => {
      const principals = plannedResources(plan, 'aws_eks_access_entry').map((r) => r.change.after!.principal_arn as string);
      expect(principals.sort()).toEqual([...new Set(design.kubernetes.admins.map(principalKey))].sort());
      expect(plannedResources(plan, 'aws_eks_access_policy_association').map((r) => r.change.after!.policy_arn)).toEqual(
        design.kubernetes.admins.map(() => 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy'),
      );
      const [cluster] = plannedResources(plan, 'aws_eks_cluster');
      expect((cluster.change.after!.access_config as { bootstrap_cluster_creator_admin_permissions: boolean }[])[0].bootstrap_cluster_creator_admin_permissions).toBe(false);
    });

    it('plans the Cluster Autoscaler role, and the tunnel host exactly for a private endpoint', () => {
      expect(plannedResources(plan, 'aws_iam_role').map((r) => r.change.after!.name)).toContain(`${design.name}-cluster-autoscaler`);
      const hosts = plannedResources(plan, 'aws_instance');
      expect(hosts).toHaveLength(design.network.endpointAccess === 'private' ? 1 : 0);
      for (const h of hosts) expect((h.change.after!.metadata_options as { http_tokens: string }[])[0].http_tokens).toBe('required');
    });

    it('tags every taggable resource with the replica metadata', () => {
      for (const r of (plan.resource_changes ?? []).filter((x) => x.mode === 'managed')) {
        const after = r.change.after as Record<string, unknown> | null;
        if (after && 'tags_all' in after) {
          expect({ address: r.address, name: (after.tags_all as Record<string, string>)?.['sg-replica:name'] }).toEqual({ address: r.address, name: design.name });
        }
      }
    });
  });
});
