/**
 * Every example design, synthesized: the stacks and the rendered Helm values
 * as snapshots (a review aid: a change to a design or to sg-replica shows as
 * a readable diff), paired with assertions about what matters.
 */
import 'cdktf/lib/testing/adapters/jest';
import { parse } from 'yaml';
import { TAG_KEYS } from '../../lib/replica/metadata';
import { renderValuesYaml } from '../../lib/sourcegraph/merge-values';
import { exampleDesigns, resourcesOf, synthReplica } from '../support/synth-replica';

const examples = exampleDesigns();

it('has at least three example designs', () => {
  expect(examples.map((e) => e.name)).toEqual(expect.arrayContaining(['acme-prod.yaml', 'globex-search.yaml', 'initech-minimal.yaml']));
});

describe.each(examples)('$name', ({ design }) => {
  const replica = synthReplica(design);

  it('infra stack matches the snapshot', () => {
    expect(replica.infraJson).toMatchSnapshot();
  });

  it('sourcegraph stack matches the snapshot', () => {
    expect(replica.sourcegraphJson).toMatchSnapshot();
  });

  it('helm values match the snapshot', () => {
    expect(renderValuesYaml((replica.stacks.sourcegraph as any).helmValues)).toMatchSnapshot();
  });

  it('names stacks after the replica', () => {
    expect([replica.stacks.infra.node.id, replica.stacks.sourcegraph.node.id]).toEqual([`${design.name}-infra`, `${design.name}-sourcegraph`]);
  });

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

  it('installs the Sourcegraph chart at the design version with values that use the replica StorageClass', () => {
    const release = resourcesOf(replica.sourcegraph, 'helm_release').find((r) => r.chart === 'sourcegraph');
    expect(release).toMatchObject({ repository: 'https://helm.sourcegraph.com/release', version: design.sourcegraph.version, namespace: design.sourcegraph.namespace });
    const values = parse(release.values[0]);
    expect(values.storageClass).toEqual({ create: false, name: 'sourcegraph' });
    if (design.sourcegraph.ingress === 'none') expect(values.frontend.ingress.enabled).toBe(false);
    else expect(values.frontend.ingress).toMatchObject({ host: design.sourcegraph.hostname, ingressClassName: design.sourcegraph.ingress });
  });

  it('installs the ingress controller the design asks for, before Sourcegraph', () => {
    const releases = resourcesOf(replica.sourcegraph, 'helm_release');
    const controller = { alb: 'aws-load-balancer-controller', nginx: 'ingress-nginx', none: undefined, gce: undefined }[design.sourcegraph.ingress];
    expect(releases.map((r) => r.chart).sort()).toEqual(['sourcegraph', ...(controller ? [controller] : [])].sort());
    const sourcegraph = releases.find((r) => r.chart === 'sourcegraph');
    if (controller) expect(sourcegraph.depends_on.join(' ')).toContain('helm_release.');
  });

  it('wires the Kubernetes and Helm providers to the cluster from the infra stack outputs', () => {
    const host = replica.sourcegraph.provider.kubernetes[0].host;
    expect(host).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-.*-infra\.outputs\./);
    expect(replica.sourcegraph.provider.helm[0].kubernetes.host).toBe(host);
    expect(replica.infra.output).toEqual(expect.objectContaining({ 'cluster-name': expect.anything() }));
  });
});
