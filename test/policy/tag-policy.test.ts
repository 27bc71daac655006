import 'cdktf/lib/testing/adapters/jest';
import { Aspects, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { ReplicaAwsProvider } from '../../lib/aws/replica-aws-provider';
import { gcpLabels } from '../../lib/replica/gcp-labels';
import { ReplicaGoogleProvider } from '../../lib/gcp/replica-google-provider';
import { evaluatePolicies } from '../../lib/policy/policy-pack';
import { REQUIRED_TAG_KEYS, TagPolicy } from '../../lib/policy/tag-policy';
import { EksNodeGroup, IamRolePolicyAttachment, LaunchTemplate, Vpc } from '../../lib/providers/aws';
import { ComputeNetwork, ContainerCluster, ContainerNodePool } from '../../lib/providers/google';
import { NamespaceV1 } from '../../lib/providers/kubernetes';
import { awsTags, replicaMetadata } from '../../lib/replica/metadata';
import { addReplica } from '../../stacks/replica-app';
import { awsDesign, gcpDesign } from '../support/design-fixture';
import { TEST_CREATED_AT } from '../support/synth-replica';

const meta = replicaMetadata(awsDesign(), TEST_CREATED_AT);
const tags = awsTags(meta);

function awsStack(providerTags: Record<string, string> = tags) {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new ReplicaAwsProvider(stack, 'aws', { region: 'us-east-2', accountId: '111122223333', tags: providerTags, offline: true });
  return stack;
}

const tagFindings = (stack: TerraformStack, metadata = meta) =>
  evaluatePolicies(stack, { rules: [], metadata }).rules.find((r) => r.id === 'required-tags')!;

describe('TagPolicy / required-tags', () => {
  it('requires name, customer, owner, expires-at and the design fingerprint', () => {
    expect(REQUIRED_TAG_KEYS.aws).toEqual(['sg-replica:name', 'sg-replica:customer', 'sg-replica:owner', 'sg-replica:expires-at', 'sg-replica:design']);
    expect(REQUIRED_TAG_KEYS.gcp).toEqual(['sg-replica-name', 'sg-replica-customer', 'sg-replica-owner', 'sg-replica-expires-at', 'sg-replica-design']);
  });

  it('counts the provider default_tags of a resource with a tags attribute, and skips resources without one', () => {
    const stack = awsStack();
    new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16', tags: { Name: 'x' } });
    new IamRolePolicyAttachment(stack, 'attach', { role: 'r', policyArn: 'arn:aws:iam::aws:policy/x' });
    const result = tagFindings(stack);
    expect(result.checked).toBe(1);
    expect(result.findings).toEqual([]);
  });

  it('fails with the resource path when the provider lacks a tag', () => {
    const { [`sg-replica:owner`]: _owner, ...withoutOwner } = tags;
    const stack = awsStack(withoutOwner);
    new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
    expect(tagFindings(stack).findings).toEqual([
      expect.objectContaining({ path: 'stack/vpc', resourceType: 'aws_vpc', message: "tags (with the provider's default_tags): missing sg-replica:owner" }),
    ]);
  });

  it('compares values with the metadata: a resource overriding expires-at fails', () => {
    const stack = awsStack();
    new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16', tags: { 'sg-replica:expires-at': '2099-01-01T00:00Z' } });
    expect(tagFindings(stack).findings[0].message).toBe(
      `tags (with the provider's default_tags): sg-replica:expires-at is "2099-01-01T00:00Z", expected "${meta.expiresAt}"`,
    );
  });

  it('checks what launch templates stamp on instances and volumes, and node groups without one', () => {
    const stack = awsStack();
    new LaunchTemplate(stack, 'good', { tagSpecifications: ['instance', 'volume'].map((resourceType) => ({ resourceType, tags })) });
    new LaunchTemplate(stack, 'bad', { tagSpecifications: [{ resourceType: 'instance', tags: { Name: 'x' } }] });
    new EksNodeGroup(stack, 'ng', { clusterName: 'c', nodeRoleArn: 'r', subnetIds: ['s'], scalingConfig: { minSize: 1, maxSize: 1, desiredSize: 1 } });
    const messages = tagFindings(stack).findings.map((f) => `${f.path}: ${f.message}`);
    expect(messages).toContain('stack/bad: tag_specifications "instance": missing sg-replica:owner');
    expect(messages).toContain('stack/bad: tag_specifications has no "volume" entry: launched volumes are untagged');
    expect(messages).toContain("stack/ng: has no launch_template: the instances it launches get none of the replica's tags");
    expect(messages.filter((m) => m.startsWith('stack/good'))).toEqual([]);
  });

  it('on GCP counts default_labels where the resource takes them, and node pools by their resource_labels', () => {
    const labels = gcpLabels(replicaMetadata(gcpDesign(), TEST_CREATED_AT));
    const stack = new TerraformStack(Testing.app(), 'stack');
    new ReplicaGoogleProvider(stack, 'google', { project: 'acme-sandbox', region: 'us-central1', labels });
    new ComputeNetwork(stack, 'net', { name: 'n' }); // takes no labels
    new ContainerCluster(stack, 'cluster', { name: 'c', location: 'us-central1' });
    new ContainerNodePool(stack, 'labelled', { cluster: 'c', nodeConfig: { resourceLabels: labels } });
    new ContainerNodePool(stack, 'bare', { cluster: 'c', nodeConfig: { machineType: 'e2-medium' } });
    const result = evaluatePolicies(stack, { rules: [] }).rules[0];
    expect(result.checked).toBe(3);
    expect(result.findings.map((f) => f.path)).toEqual(Array(5).fill('stack/bare'));
    expect(result.findings[0].message).toBe('node_config.resource_labels: missing sg-replica-name');
  });

  it('checks Cloud SQL by settings.user_labels (default_labels do not reach them)', () => {
    const labels = gcpLabels(replicaMetadata(gcpDesign(), TEST_CREATED_AT));
    const stack = new TerraformStack(Testing.app(), 'stack');
    new ReplicaGoogleProvider(stack, 'google', { project: 'acme-sandbox', region: 'us-central1', labels });
    const sql = (id: string, settings: Record<string, unknown>) => {
      const r = new TerraformResource(stack, id, { terraformResourceType: 'google_sql_database_instance', terraformGeneratorMetadata: { providerName: 'google' } });
      r.addOverride('settings', settings);
    };
    sql('labelled', { tier: 'db-custom-2-7680', user_labels: labels });
    sql('bare', { tier: 'db-custom-2-7680' });
    const result = evaluatePolicies(stack, { rules: [] }).rules[0];
    expect(result.checked).toBe(2);
    expect(new Set(result.findings.map((f) => `${f.path}: ${f.message.split(':')[0]}`))).toEqual(new Set(['stack/bare: settings.user_labels']));
  });

  it('skips Kubernetes and Helm resources', () => {
    const stack = awsStack();
    new NamespaceV1(stack, 'ns', { metadata: { name: 'x' } });
    expect(tagFindings(stack).checked).toBe(0);
  });

  it('fails synthesis of the real stacks when a tag is removed, naming the resource path and the rule', () => {
    const app = Testing.app();
    const { infra } = addReplica(app, awsDesign(), { createdAt: TEST_CREATED_AT });
    Aspects.of(infra).add(new TagPolicy({ metadata: meta }));
    const template = infra.node.findAll().find((c) => c instanceof LaunchTemplate) as LaunchTemplate;
    template.putTagSpecifications(['instance', 'volume'].map((resourceType) => ({ resourceType, tags: { ...tags, 'sg-replica:owner': '' } })));
    expect(() => app.synth()).toThrow(
      /\[acme-prod-infra\/pool-general\/launch-template\] policy required-tags: aws_launch_template tag_specifications "instance": missing sg-replica:owner\./,
    );
  });

  it('lets the real stacks synthesize when every tag is there', () => {
    const app = Testing.app();
    const { infra, sourcegraph, metadata } = addReplica(app, awsDesign(), { createdAt: TEST_CREATED_AT });
    for (const stack of [infra, sourcegraph]) Aspects.of(stack).add(new TagPolicy({ metadata }));
    expect(() => app.synth()).not.toThrow();
  });
});
