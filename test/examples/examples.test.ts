/**
 * Every example design, synthesized: the stacks and the rendered Helm values
 * as snapshots (a review aid: a change to a design or to sg-replica shows as
 * a readable diff), paired with assertions about what matters.
 */
import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import type { SourcegraphStack } from '../../stacks/sourcegraph-stack';
import { kubernetesVersionFindings } from '../../lib/assessment/assess-design';
import { poolArchitecture } from '../../lib/capacity/architecture-check';
import { kubernetesVersionSupport } from '../../lib/catalog/kubernetes-versions';
import { TAG_KEYS } from '../../lib/replica/metadata';
import { releaseValues } from '../../lib/cli/synthesize';
import { valuesFromTerraformDocuments } from '../../lib/sourcegraph/values-documents';
import { unresolvedReferences } from '../support/terraform-references';
import { exampleDesigns, resourcesOf, synthReplica as synthesize, SynthesizedReplica } from '../support/synth-replica';
import type { Design } from '../../lib/design/model';

const examples = exampleDesigns();
const awsExamples = examples.filter((e) => e.design.cloud.provider === 'aws');
const gcpExamples = examples.filter((e) => e.design.cloud.provider === 'gcp');
/** Helm designs (the chart with values) and Kustomize designs (the customer's overlay rendered with kubectl). */
const helmExamples = examples.filter((e) => e.design.sourcegraph.method === 'helm');
const isHelm = (e: { design: Design }) => e.design.sourcegraph.method === 'helm';

/** Each example synthesized once (a Kustomize example renders its overlay with kubectl at synth). */
const synthesized = new Map<Design, SynthesizedReplica>();
function synthReplica(design: Design): SynthesizedReplica {
  if (!synthesized.has(design)) synthesized.set(design, synthesize(design));
  return synthesized.get(design)!;
}

/** The Sourcegraph release of either method: the helm_release named sourcegraph. */
const sourcegraphRelease = (stack: any) => resourcesOf(stack, 'helm_release').find((r) => r.name === 'sourcegraph');

it('has AWS and GKE example designs, with Helm and with Kustomize', () => {
  expect(examples.map((e) => e.name)).toEqual(
    expect.arrayContaining(['acme-prod.yaml', 'globex-search.yaml', 'initech-minimal.yaml', 'umbrella-gke.yaml', 'hooli-private-gke.yaml', 'stark-kustomize.yaml', 'wonka-gke.yaml']),
  );
  expect(examples.filter((e) => !isHelm(e)).map((e) => `${e.name} ${e.design.cloud.provider}`)).toEqual(['stark-kustomize.yaml aws', 'wonka-gke.yaml gcp']);
});

describe.each(examples)('$name: every cloud', ({ design }) => {
  const replica = synthReplica(design);

  it('runs a Kubernetes version in standard support (no extended-support charge), amd64 nodes only', () => {
    expect(kubernetesVersionSupport(design.cloud.provider, design.kubernetes.version).status).toBe('standard');
    expect(kubernetesVersionFindings(design)).toEqual([]);
    for (const pool of design.kubernetes.nodePools) expect(poolArchitecture(design.cloud.provider, pool.machineType)).toBe('x86_64');
  });

  it('requires Terraform 1.11 on both stacks (write-only arguments)', () => {
    expect([replica.infra.terraform.required_version, replica.sourcegraph.terraform.required_version]).toEqual(['>= 1.11.0', '>= 1.11.0']);
  });

  it('infra stack matches the snapshot', () => {
    expect(replica.infraJson).toMatchSnapshot();
  });

  it('sourcegraph stack matches the snapshot', () => {
    expect(replica.sourcegraphJson).toMatchSnapshot();
  });

  it('keeps state where the design says, keyed by replica and stack', () => {
    for (const [stack, json] of [['infra', replica.infra], ['sourcegraph', replica.sourcegraph]] as const) {
      const backend = json.terraform.backend;
      if (design.state.backend === 'local') expect(backend).toEqual({ local: { path: `../../../terraform.${design.name}-${stack}.tfstate` } });
      if (design.state.backend === 's3') expect(backend.s3).toMatchObject({ bucket: design.state.bucket, key: `sg-replica/${design.name}/${design.name}-${stack}.tfstate`, encrypt: true, use_lockfile: true });
    }
  });

  it('names stacks after the replica', () => {
    expect([replica.stacks.infra.node.id, replica.stacks.sourcegraph.node.id]).toEqual([`${design.name}-infra`, `${design.name}-sourcegraph`]);
  });

  it('is structurally valid Terraform: every reference resolves to something declared in its stack', () => {
    expect(unresolvedReferences(replica.infra)).toEqual([]);
    expect(unresolvedReferences(replica.sourcegraph)).toEqual([]);
  });

  it('wires the Kubernetes and Helm providers to the cluster from the infra stack outputs', () => {
    const kubernetes = replica.sourcegraph.provider.kubernetes[0];
    // A private EKS endpoint is reached through the tunnel on 127.0.0.1; its name (for TLS) still comes from the infra stack.
    const fromInfra = /\$\{(replace\()?data\.terraform_remote_state\.cross-stack-reference-input-.*-infra\.outputs\./;
    expect(kubernetes.host.startsWith('https://127.0.0.1:') ? kubernetes.tls_server_name : kubernetes.host).toMatch(fromInfra);
    expect(replica.sourcegraph.provider.helm[0].kubernetes.host).toBe(kubernetes.host);
    expect(replica.infra.output).toEqual(expect.objectContaining({ 'cluster-name': expect.anything() }));
  });

  it('creates a StorageClass that deletes its volumes with the replica', () => {
    const [sc] = resourcesOf(replica.sourcegraph, 'kubernetes_storage_class_v1');
    expect(sc.parameters.type).toBe(design.storage.diskType);
    expect(sc.reclaim_policy).toBe('Delete');
    expect(sc.volume_binding_mode).toBe('WaitForFirstConsumer');
    expect(sc.allow_volume_expansion).toBe(true);
  });
});

// The same describe title as above: the Helm examples' snapshot names stay as they were.
describe.each(helmExamples)('$name: every cloud', ({ design }) => {
  const replica = synthReplica(design);

  it('helm values match the snapshot', () => {
    expect(releaseValues(replica.sourcegraph)).toMatchSnapshot();
  });

  it('installs the Sourcegraph chart at the design version with values that use the replica StorageClass', () => {
    const release = resourcesOf(replica.sourcegraph, 'helm_release').find((r) => r.chart === 'sourcegraph');
    expect(release).toMatchObject({ repository: 'https://helm.sourcegraph.com/release', version: design.sourcegraph.version, namespace: design.sourcegraph.namespace });
    const values = valuesFromTerraformDocuments(release.values) as any;
    expect(values.storageClass).toEqual({ create: false, name: 'sourcegraph' });
    if (design.sourcegraph.ingress === 'none') expect(values.frontend.ingress.enabled).toBe(false);
    else if (design.sourcegraph.ingress === 'gce') expect(values.frontend.ingress).toMatchObject({ host: design.sourcegraph.hostname, annotations: { 'kubernetes.io/ingress.class': 'gce' } });
    else expect(values.frontend.ingress).toMatchObject({ host: design.sourcegraph.hostname, ingressClassName: design.sourcegraph.ingress });
  });

});

describe.each(awsExamples)('$name: AWS', ({ design }) => {
  const replica = synthReplica(design);

  it('pins the AWS provider to the sandbox account and tags everything', () => {
    const [aws] = replica.infra.provider.aws;
    expect(aws.allowed_account_ids).toEqual([(design.cloud as any).accountId]);
    expect(aws.region).toBe(design.cloud.region);
    expect(aws.default_tags[0].tags).toMatchObject({
      [TAG_KEYS.name]: design.name,
      [TAG_KEYS.owner]: design.owner,
      [TAG_KEYS.expiresAt]: replica.stacks.metadata.expiresAt,
    });
    expect(aws).not.toHaveProperty('access_key');
  });

  it('builds the cluster as designed', () => {
    const [cluster] = resourcesOf(replica.infra, 'aws_eks_cluster');
    expect(cluster.version).toBe(design.kubernetes.version);
    expect(cluster.vpc_config.endpoint_public_access).toBe(design.network.endpointAccess === 'public');
    expect(cluster.vpc_config.endpoint_private_access).toBe(true);
    if (design.network.endpointAccess === 'public') expect(cluster.vpc_config.public_access_cidrs).toEqual(design.network.allowedCidrs);
    expect(cluster.encryption_config.resources).toEqual(['secrets']);
    expect(resourcesOf(replica.infra, 'aws_iam_openid_connect_provider')).toHaveLength(1);
    expect(resourcesOf(replica.infra, 'aws_subnet')).toHaveLength(design.network.zones * 2);
    expect(resourcesOf(replica.infra, 'aws_nat_gateway')).toHaveLength(design.network.natGateways === 'single' ? 1 : design.network.zones);
  });

  it('has one IMDSv2, encrypted-disk node group per pool', () => {
    const groups = resourcesOf(replica.infra, 'aws_eks_node_group');
    expect(groups.map((g) => g.node_group_name).sort()).toEqual(design.kubernetes.nodePools.map((p) => `${design.name}-${p.name}`).sort());
    for (const pool of design.kubernetes.nodePools) {
      const g = groups.find((x) => x.node_group_name === `${design.name}-${pool.name}`);
      expect(g.instance_types).toEqual([pool.machineType]);
      expect(g.scaling_config).toEqual({ min_size: pool.minNodes, max_size: pool.maxNodes, desired_size: pool.minNodes });
      expect(g.capacity_type).toBe(pool.spot ? 'SPOT' : 'ON_DEMAND');
      expect(g.taint ?? []).toHaveLength(pool.taints.length);
    }
    for (const lt of resourcesOf(replica.infra, 'aws_launch_template')) {
      expect(lt.metadata_options.http_tokens).toBe('required');
      expect(lt.block_device_mappings[0].ebs.encrypted).toBe('true');
    }
  });

  it('installs the EBS CSI driver with its own IRSA role', () => {
    const addons = resourcesOf(replica.infra, 'aws_eks_addon');
    const ebs = addons.find((a) => a.addon_name === 'aws-ebs-csi-driver');
    expect(ebs.service_account_role_arn).toMatch(/aws_iam_role\..*\.arn/);
  });

  it('creates the StorageClass for the design disk type, deleted with the replica', () => {
    const [sc] = resourcesOf(replica.sourcegraph, 'kubernetes_storage_class_v1');
    expect(sc.storage_provisioner).toBe('ebs.csi.aws.com');
    expect(sc.parameters.type).toBe(design.storage.diskType);
    expect(sc.parameters.encrypted).toBe(String(design.storage.encrypted));
    expect(sc.reclaim_policy).toBe('Delete');
    expect(sc.volume_binding_mode).toBe('WaitForFirstConsumer');
    expect(sc.allow_volume_expansion).toBe(true);
  });

  it('installs the ingress controller the design asks for, before Sourcegraph', () => {
    const releases = resourcesOf(replica.sourcegraph, 'helm_release');
    const controller = { alb: 'aws-load-balancer-controller', nginx: 'ingress-nginx', none: undefined, gce: undefined }[design.sourcegraph.ingress];
    expect(releases.filter((r) => r.name !== 'sourcegraph').map((r) => r.chart).sort()).toEqual(['cluster-autoscaler', ...(controller ? [controller] : [])].sort());
    const sourcegraph = sourcegraphRelease(replica.sourcegraph);
    if (controller) expect(sourcegraph.depends_on.join(' ')).toContain('helm_release.');
  });

  it('runs the Cluster Autoscaler before Sourcegraph, with a role limited to this cluster\'s node groups', () => {
    const [autoscalerId] = Object.entries<any>(replica.sourcegraph.resource.helm_release).find(([, r]) => r.chart === 'cluster-autoscaler')!;
    expect(sourcegraphRelease(replica.sourcegraph).depends_on).toContain(`helm_release.${autoscalerId}`);
    const role = resourcesOf(replica.infra, 'aws_iam_role').find((r) => r.name === `${design.name}-cluster-autoscaler`);
    const trust = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(role.assume_role_policy)![1];
    expect(JSON.stringify(replica.infra.data.aws_iam_policy_document[trust])).toContain('system:serviceaccount:kube-system:cluster-autoscaler');
    expect(JSON.stringify(resourcesOf(replica.infra, 'aws_iam_role_policy'))).toContain(`k8s.io/cluster-autoscaler/${design.name}`);
  });

  it('has a Systems Manager tunnel host exactly when the API endpoint is private', () => {
    const instances = resourcesOf(replica.infra, 'aws_instance');
    expect(instances).toHaveLength(design.network.endpointAccess === 'private' ? 1 : 0);
    for (const i of instances) expect(i.tags['sg-replica:api-tunnel']).toBe(design.name);
  });

  it('gives one access entry per distinct principal: the admins and the deployer, no creator bootstrap', () => {
    const [cluster] = resourcesOf(replica.infra, 'aws_eks_cluster');
    expect(cluster.access_config.bootstrap_cluster_creator_admin_permissions).toBe(false);
    const entries = resourcesOf(replica.infra, 'aws_eks_access_entry');
    expect(entries).toHaveLength(1);
    expect(entries[0].principal_arn).toBe('${each.value}');
    for (const admin of design.kubernetes.admins) expect(entries[0].for_each).toContain(JSON.stringify(admin));
    expect(entries[0].for_each).toMatch(/data\.aws_iam_session_context\.[^.]+\.issuer_arn/);
  });

});

describe.each(awsExamples.filter((e) => isHelm(e) && Object.keys(e.design.externalServices).length))('$name: AWS external services', ({ design }) => {
  const replica = synthReplica(design);
  const release = resourcesOf(replica.sourcegraph, 'helm_release').find((r) => r.chart === 'sourcegraph');
  const values = valuesFromTerraformDocuments(release.values) as any;

  it('creates RDS PostgreSQL 16, encrypted, private, with a password Terraform owns (write-only)', () => {
    if (!design.externalServices.postgres) return;
    const [db] = resourcesOf(replica.infra, 'aws_db_instance');
    expect(db).toMatchObject({ engine: 'postgres', storage_encrypted: true, publicly_accessible: false, password_wo_version: 1, deletion_protection: false, skip_final_snapshot: true });
    expect(String(db.engine_version)).toMatch(/^16/);
    expect(db.multi_az).toBe(design.externalServices.postgres.highAvailability);
    expect(db).not.toHaveProperty('password');
  });

  it('wires the three databases through Secrets the stack creates, never a password literal', () => {
    if (!design.externalServices.postgres) return;
    for (const key of ['pgsql', 'codeIntelDB', 'codeInsightsDB']) {
      expect(values[key].enabled).toBe(false);
      expect(values[key].auth.existingSecret).toMatch(/^sg-replica-/);
    }
    const secrets = resourcesOf(replica.sourcegraph, 'kubernetes_secret_v1').filter((s) => s.data?.password !== undefined);
    expect(secrets).toHaveLength(3);
    for (const s of secrets) {
      expect(Object.keys(s.data).sort()).toEqual(['database', 'host', 'password', 'port', 'sslmode', 'user']);
      expect(s.data.password).toMatch(/^\$\{jsondecode\(data\.aws_secretsmanager_secret_version\./);
    }
    expect(new Set(secrets.map((s) => s.data.database)).size).toBe(3);
  });

  it('points redis-cache and redis-store at ElastiCache through Secrets', () => {
    if (!design.externalServices.redis) return;
    expect(values.redisCache).toMatchObject({ enabled: false, connection: { existingSecret: expect.any(String) } });
    expect(values.redisStore).toMatchObject({ enabled: false, connection: { existingSecret: expect.any(String) } });
    expect(resourcesOf(replica.infra, 'aws_elasticache_replication_group')).toHaveLength(2);
  });

  it('uses S3 through IRSA for uploads: blobstore off, SOURCEGRAPH_UPLOAD_* env and role annotations', () => {
    if (!design.externalServices.objectStorage) return;
    expect(values.blobstore.enabled).toBe(false);
    for (const key of ['frontend', 'worker', 'preciseCodeIntel']) {
      expect(values[key].env.SOURCEGRAPH_UPLOAD_BACKEND.value).toBe('S3');
      expect(values[key].serviceAccount.annotations['eks.amazonaws.com/role-arn']).toMatch(/terraform_remote_state/);
    }
    const [bucket] = resourcesOf(replica.infra, 'aws_s3_bucket');
    expect(bucket.force_destroy).toBe(true);
    expect(resourcesOf(replica.infra, 'aws_s3_bucket_public_access_block')[0]).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
  });
});

describe.each(gcpExamples)('$name: GKE', ({ design }) => {
  const replica = synthReplica(design);
  const [cluster] = resourcesOf(replica.infra, 'google_container_cluster');

  it('pins the google provider to the sandbox project and labels everything', () => {
    const [google] = replica.infra.provider.google;
    expect(google).toMatchObject({ project: (design.cloud as any).project, region: design.cloud.region });
    expect(google.default_labels).toMatchObject({ 'sg-replica-name': design.name, 'sg-replica-expires-at': expect.stringMatching(/^[a-z0-9_-]+$/) });
  });

  it('builds a regional, private-node GKE Standard cluster that destroy can remove', () => {
    expect(cluster).toMatchObject({ location: design.cloud.region, deletion_protection: false, remove_default_node_pool: true, networking_mode: 'VPC_NATIVE' });
    expect(cluster.private_cluster_config.enable_private_nodes).toBe(true);
    expect(cluster.private_cluster_config.enable_private_endpoint).toBe(design.network.endpointAccess === 'private');
    expect(cluster.workload_identity_config.workload_pool).toBe(`${(design.cloud as any).project}.svc.id.goog`);
    expect(cluster.addons_config.gce_persistent_disk_csi_driver_config.enabled).toBe(true);
    expect(cluster.addons_config.http_load_balancing.disabled).toBe(false);
    expect(cluster.min_master_version).toBe(design.kubernetes.version);
  });

  it('restricts a public API to the allow-list', () => {
    const blocks = cluster.master_authorized_networks_config?.cidr_blocks ?? [];
    if (design.network.endpointAccess === 'public') expect(blocks.map((b: any) => b.cidr_block)).toEqual(design.network.allowedCidrs);
  });

  it('is VPC-native: a subnet with secondary ranges for pods and services, and Cloud NAT', () => {
    const [subnet] = resourcesOf(replica.infra, 'google_compute_subnetwork');
    expect(subnet.secondary_ip_range.map((r: any) => r.range_name).sort()).toEqual(['pods', 'services']);
    expect(cluster.ip_allocation_policy).toMatchObject({ cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services' });
    expect(resourcesOf(replica.infra, 'google_compute_router_nat')).toHaveLength(1);
  });

  it('has one node pool per design pool, with the design sizes, spot, taints and a dedicated service account', () => {
    const pools = resourcesOf(replica.infra, 'google_container_node_pool');
    expect(pools).toHaveLength(design.kubernetes.nodePools.length);
    for (const pool of design.kubernetes.nodePools) {
      const p = pools.find((x) => x.name === pool.name);
      expect(p.autoscaling).toMatchObject({ total_min_node_count: pool.minNodes, total_max_node_count: pool.maxNodes });
      expect(p.node_config).toMatchObject({ machine_type: pool.machineType, spot: pool.spot, disk_size_gb: pool.diskGb });
      expect(p.node_config.taint ?? []).toHaveLength(pool.taints.length);
      expect(p.node_config.service_account).toMatch(/google_service_account\./);
      expect(p.node_config.workload_metadata_config.mode).toBe('GKE_METADATA');
      expect(p.node_config.shielded_instance_config).toMatchObject({ enable_secure_boot: true, enable_integrity_monitoring: true });
    }
  });

  it('uses the GCE PD CSI driver for volumes, and a GCP access token for the Kubernetes providers', () => {
    const [sc] = resourcesOf(replica.sourcegraph, 'kubernetes_storage_class_v1');
    expect(sc.storage_provisioner).toBe('pd.csi.storage.gke.io');
    expect(replica.sourcegraph.provider.kubernetes[0].token).toMatch(/data\.google_client_config\..*\.access_token/);
    expect(replica.sourcegraph.provider.kubernetes[0].host).toMatch(/^https:\/\//);
  });
});

describe.each(gcpExamples.filter((e) => isHelm(e) && Object.keys(e.design.externalServices).length))('$name: GCP external services', ({ design }) => {
  const replica = synthReplica(design);
  const values = valuesFromTerraformDocuments(resourcesOf(replica.sourcegraph, 'helm_release').find((r) => r.chart === 'sourcegraph').values) as any;

  it('creates Cloud SQL for PostgreSQL 16 without a public address, destroyable, regional when highly available', () => {
    const [sql] = resourcesOf(replica.infra, 'google_sql_database_instance');
    expect(sql.database_version).toBe('POSTGRES_16');
    expect(sql.deletion_protection).toBe(false);
    expect(sql.settings.ip_configuration.ipv4_enabled).toBe(false);
    expect(sql.settings.deletion_protection_enabled).toBe(false);
    expect(sql.settings.availability_type).toBe(design.externalServices.postgres?.highAvailability ? 'REGIONAL' : 'ZONAL');
    expect(resourcesOf(replica.infra, 'google_sql_database').map((d) => d.name).sort()).toEqual(['codeinsights', 'codeintel', 'sg']);
  });

  it('points the three databases and both Redis roles at Secrets, and uploads at GCS through Workload Identity', () => {
    for (const key of ['pgsql', 'codeIntelDB', 'codeInsightsDB']) expect(values[key]).toMatchObject({ enabled: false, auth: { existingSecret: expect.any(String) } });
    for (const key of ['redisCache', 'redisStore']) expect(values[key]).toMatchObject({ enabled: false, connection: { existingSecret: expect.any(String) } });
    expect(resourcesOf(replica.infra, 'google_redis_instance')).toHaveLength(2);
    expect(values.blobstore.enabled).toBe(false);
    expect(values.frontend.env.SOURCEGRAPH_UPLOAD_BACKEND.value).toBe('GCS');
    expect(values.frontend.serviceAccount.annotations['iam.gke.io/gcp-service-account']).toMatch(/terraform_remote_state/);
    const [bucket] = resourcesOf(replica.infra, 'google_storage_bucket');
    expect(bucket).toMatchObject({ force_destroy: true, public_access_prevention: 'enforced', uniform_bucket_level_access: true });
  });

  it('keeps every password out of the synthesized JSON', () => {
    for (const s of resourcesOf(replica.sourcegraph, 'kubernetes_secret_v1')) {
      if (s.data?.password !== undefined) expect(s.data.password).toMatch(/^\$\{data\.google_secret_manager_secret_version\./);
    }
  });
});

describe.each(examples.filter((e) => !isHelm(e)))('$name: Kustomize', ({ design }) => {
  const replica = synthReplica(design);
  const stack = replica.stacks.sourcegraph as SourcegraphStack;
  const release = sourcegraphRelease(replica.sourcegraph);
  const workDir = path.join(App.of(stack).outdir, 'replicas', design.name, 'kustomize');
  const manifests = stack.kustomize!.replica!;
  const objects = manifests.objects;

  it('installs the rendered manifests as one generated chart, with the Helm release’s wait, timeout and no atomic rollback', () => {
    expect(release).toMatchObject({ name: 'sourcegraph', namespace: design.sourcegraph.namespace, create_namespace: false, wait: true, timeout: 1200, atomic: false });
    expect(release.chart).toMatch(/^assets\/sourcegraph_chart_[0-9A-F]+\/[0-9A-F]+$/);
    expect(release.version).toMatch(new RegExp(`^${design.sourcegraph.version.replace(/\./g, '\\.')}-sgr\\.[0-9a-f]{12}$`));
    expect(release).not.toHaveProperty('repository');
    // The chart is the render: its manifests file is what the stack rendered with the replica's tags.
    expect(fs.readFileSync(path.join(workDir, 'chart', 'Chart.yaml'), 'utf8')).toMatch(/^name: sourcegraph-kustomize$/m);
    expect(fs.readFileSync(path.join(workDir, 'chart', 'manifests', 'replica.yaml'), 'utf8')).toBe(manifests.yaml);
    expect(releaseValues(replica.sourcegraph)).toBeUndefined();
  });

  it('orders the release after the namespace, the StorageClass, the ingress controller and the external services’ Secrets and jobs', () => {
    const deps: string[] = release.depends_on;
    expect(deps.filter((d) => /^kubernetes_namespace_v1\.|^kubernetes_storage_class_v1\./.test(d))).toHaveLength(2);
    const controllers = Object.keys(replica.sourcegraph.resource.helm_release).filter((id) => replica.sourcegraph.resource.helm_release[id].name !== 'sourcegraph');
    for (const id of controllers) expect(deps).toContain(`helm_release.${id}`);
    for (const type of ['kubernetes_secret_v1', 'kubernetes_job_v1']) {
      for (const id of Object.keys(replica.sourcegraph.resource[type] ?? {})) expect(deps).toContain(`${type}.${id}`);
    }
  });

  it('puts everything in the design’s namespace, on the replica’s StorageClass, with no Namespace or StorageClass of the overlay’s', () => {
    expect(objects.filter((o) => ['Namespace', 'StorageClass'].includes(o.kind))).toEqual([]);
    expect(objects.filter((o) => o.metadata.namespace !== undefined && o.metadata.namespace !== design.sourcegraph.namespace)).toEqual([]);
    const classes = [
      ...objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => (o.spec as any).storageClassName),
      ...objects.filter((o) => o.kind === 'StatefulSet').flatMap((o) => ((o.spec as any).volumeClaimTemplates ?? []).map((t: any) => t.spec.storageClassName)),
    ];
    expect(classes.length).toBeGreaterThan(0);
    expect(new Set(classes)).toEqual(new Set(['sourcegraph']));
  });

  it('serves the frontend on the design’s host through its ingress kind, with none of production’s TLS', () => {
    const ingresses = objects.filter((o) => o.kind === 'Ingress');
    expect(ingresses).toHaveLength(1);
    const spec = ingresses[0].spec as any;
    expect(spec.rules.map((r: any) => r.host)).toEqual([design.sourcegraph.hostname]);
    expect(spec.tls).toBeUndefined();
    const annotations = (ingresses[0].metadata as any).annotations ?? {};
    if (design.sourcegraph.ingress === 'alb') {
      expect(spec.ingressClassName).toBe('alb');
      expect(annotations['alb.ingress.kubernetes.io/inbound-cidrs']).toBe(design.sourcegraph.allowedClientCidrs.join(','));
      expect(annotations['alb.ingress.kubernetes.io/tags']).toContain(`sg-replica:name=${design.name}`);
      expect(annotations['alb.ingress.kubernetes.io/certificate-arn']).toBeUndefined();
    } else {
      expect(annotations['kubernetes.io/ingress.class']).toBe('gce');
    }
  });

  it('runs no in-cluster store the design externalizes, and wires the managed ones through the stack’s Secrets and the bucket’s deploy-time values', () => {
    const ext = design.externalServices;
    const workloads = objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind)).map((o) => o.metadata.name);
    if (ext.postgres) expect(workloads).not.toEqual(expect.arrayContaining(['pgsql']));
    if (ext.postgres) expect(workloads.filter((w) => ['pgsql', 'codeintel-db', 'codeinsights-db'].includes(w))).toEqual([]);
    if (ext.redis) expect(workloads.filter((w) => ['redis-cache', 'redis-store'].includes(w))).toEqual([]);
    if (ext.objectStorage) expect(workloads).not.toContain('blobstore');
    const secrets = resourcesOf(replica.sourcegraph, 'kubernetes_secret_v1').map((s) => s.metadata.name);
    const referenced = new Set(manifests.yaml.match(/sg-replica-[a-z-]+-(?:auth|endpoint)/g) ?? []);
    expect([...referenced].sort()).toEqual([...secrets].sort());
    const deployTime = require('yaml').parse(release.values[0]).deployTime;
    if (ext.objectStorage) {
      expect(deployTime['sg-replica-deploy-time-bucket-name']).toMatch(/terraform_remote_state.*s3_bucket/);
      expect(deployTime['sg-replica-deploy-time-bucket-identity']).toMatch(/terraform_remote_state.*iam_role/);
      // The bucket's role trusts exactly the ServiceAccounts the manifests give its identity (the upload store's users run as them).
      const trust = Object.entries<any>(replica.infra.data.aws_iam_policy_document).find(([id]) => id.includes('blob-storage-role_trust'))![1];
      const trusted: string[] = trust.statement[0].condition.find((c: any) => c.variable.endsWith(':sub')).values;
      const annotated = objects
        .filter((o) => o.kind === 'ServiceAccount' && (o.metadata as any).annotations?.['eks.amazonaws.com/role-arn'] === 'sg-replica-deploy-time-bucket-identity')
        .map((o) => `system:serviceaccount:${design.sourcegraph.namespace}:${o.metadata.name}`);
      expect(annotated.sort()).toEqual([...trusted].sort());
    } else {
      expect(deployTime).toEqual({});
      expect(manifests.yaml).not.toMatch(/sg-replica-deploy-time-/);
    }
  });

  it('writes the replica’s layer where `kubectl kustomize` reproduces the manifests (proved in test/kustomize/*.int.test.ts)', () => {
    expect(fs.readdirSync(workDir).sort()).toEqual(expect.arrayContaining(['chart', 'customer.yaml', 'kustomization.yaml', 'replica.yaml']));
    expect(fs.readFileSync(path.join(workDir, 'replica.yaml'), 'utf8')).toBe(manifests.yaml);
  });
});
