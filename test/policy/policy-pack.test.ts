import 'cdktf/lib/testing/adapters/jest';
import { AnnotationMetadataEntryType, App, TerraformStack, Testing } from 'cdktf';
import { applyPolicies, evaluatePolicies, PolicyPack } from '../../lib/policy/policy-pack';
import { POLICY_RULE_IDS } from '../../lib/catalog/policy-rules';
import { LaunchTemplate, SecurityGroup } from '../../lib/providers/aws';
import { addReplica } from '../../stacks/replica-app';
import { awsDesign } from '../support/design-fixture';
import { exampleDesigns, TEST_CREATED_AT } from '../support/synth-replica';

const SSH_OPEN = { ingress: [{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrBlocks: ['0.0.0.0/0'] }] };

/** A replica of the AWS fixture with one world-open security group added to its infra stack. */
function replicaWithOpenSsh(app: App = Testing.app()) {
  const stacks = addReplica(app, awsDesign(), { createdAt: TEST_CREATED_AT, policies: false });
  new SecurityGroup(stacks.infra, 'debug-ssh', SSH_OPEN);
  return { app, ...stacks };
}

describe('PolicyPack', () => {
  describe.each(exampleDesigns().map((e) => [e.name, e.design] as const))('example %s', (_name, design) => {
    // One build per example (building it is most of this file's time): the pack applied, the app synthesized.
    it('synthesizes with the pack applied, with no violations and no waived findings in its real stacks', () => {
      const app = Testing.app();
      const { infra, sourcegraph, metadata } = addReplica(app, design, { createdAt: TEST_CREATED_AT, policies: false });
      const pack = applyPolicies([infra, sourcegraph], { cloud: design.cloud.provider, metadata, waivers: design.waivers });
      expect(() => app.synth()).not.toThrow();
      const report = pack.report();
      expect(report.violations).toEqual([]);
      expect(report.waived).toEqual([]);
      expect(report.passed).toBe(true);
      // The pack did look: tags on every cloud resource, and the cluster's API endpoint.
      const checked = Object.fromEntries(report.rules.map((r) => [r.id, r.checked]));
      expect(checked['required-tags']).toBeGreaterThan(0);
      expect(checked['kubernetes-api-restricted']).toBe(1);
    });
  });

  it('fails app.synth() with the construct path, the rule id, the reason and the fix', () => {
    const { app, infra, sourcegraph } = replicaWithOpenSsh();
    applyPolicies([infra, sourcegraph], { cloud: 'aws' });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('[acme-prod-infra/debug-ssh] policy no-world-open-ingress: aws_security_group ingress[0] allows tcp 22 from 0.0.0.0/0.');
    expect(message).toContain('Why: Anything reachable from 0.0.0.0/0');
    expect(message).toContain('Fix: Allow security group or firewall sources');
    expect(message).toContain('waivers: [{rule: no-world-open-ingress, reason: <why>}]');
    expect(message).not.toMatch(/\n\s+at /); // no stack trace in the message
  });

  it('reports which rules ran, what fired, and counts resources once however often synthesis runs', () => {
    const { infra } = replicaWithOpenSsh();
    const pack = applyPolicies(infra, { cloud: 'aws' });
    Testing.synth(infra);
    Testing.synth(infra);
    const report = pack.report();
    expect(report.rules.map((r) => r.id)).toEqual([...POLICY_RULE_IDS.filter((id) => !['gke-metadata-server', 'shielded-nodes'].includes(id)), 'required-tags']);
    const open = report.rules.find((r) => r.id === 'no-world-open-ingress')!;
    expect(open.status).toBe('failed');
    expect(open.findings).toHaveLength(1);
    expect(report.violations).toHaveLength(1);
    expect(report.rules.find((r) => r.id === 'imdsv2-required')).toMatchObject({ status: 'passed', checked: 1 });
    const errors = infra.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.ERROR));
    expect(errors).toHaveLength(1);
  });

  it('turns a waived rule\'s findings into warnings that quote the reason, and synthesis succeeds', () => {
    const { app, infra, sourcegraph } = replicaWithOpenSsh();
    const waiver = { rule: 'no-world-open-ingress', reason: 'customer production opens SSH to reproduce a bastion-less incident' };
    const pack = applyPolicies([infra, sourcegraph], { cloud: 'aws', waivers: [waiver, { rule: 'capacity-fit', reason: 'not a policy rule, ignored here' }] });
    expect(() => app.synth()).not.toThrow();
    const report = pack.report();
    expect(report.passed).toBe(true);
    expect(report.waived).toEqual([expect.objectContaining({ rule: 'no-world-open-ingress', path: 'acme-prod-infra/debug-ssh', waiver })]);
    expect(report.rules.find((r) => r.id === 'no-world-open-ingress')).toMatchObject({ status: 'waived', waiver });
    const warnings = infra.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data)));
    expect(warnings).toContain(`policy no-world-open-ingress (waived): aws_security_group ingress[0] allows tcp 22 from 0.0.0.0/0. Waiver: ${waiver.reason}`);
  });

  it('lists policy waivers that excused nothing', () => {
    const app = Testing.app();
    const { infra } = addReplica(app, awsDesign(), { createdAt: TEST_CREATED_AT, policies: false });
    const waiver = { rule: 'imdsv2-required', reason: 'kept from an older version of the design' };
    const report = evaluatePolicies(infra, { cloud: 'aws', waivers: [waiver] });
    expect(report.unusedWaivers).toEqual([waiver]);
    expect(report.rules.find((r) => r.id === 'imdsv2-required')).toMatchObject({ status: 'passed', waiver });
  });

  it('refuses waivers without a reason, duplicates, and waivers of required-tags', () => {
    expect(() => new PolicyPack({ waivers: [{ rule: 'imdsv2-required', reason: ' ' }] })).toThrow(/imdsv2-required.*at least 10 characters/);
    const w = { rule: 'encrypted-disks', reason: 'customer disks are unencrypted too' };
    expect(() => new PolicyPack({ waivers: [w, w] })).toThrow(/'encrypted-disks' is listed twice/);
    expect(() => new PolicyPack({ waivers: [{ rule: 'required-tags', reason: 'tags are annoying here' }] })).toThrow(/cannot be waived/);
  });

  it('runs only the rules of the given cloud, or those named', () => {
    expect(new PolicyPack({ cloud: 'gcp' }).checks.map((c) => c.id)).not.toContain('imdsv2-required');
    expect(new PolicyPack({ cloud: 'aws' }).checks.map((c) => c.id)).not.toContain('gke-metadata-server');
    expect(new PolicyPack({ rules: ['encrypted-disks'], tags: false }).checks.map((c) => c.id)).toEqual(['encrypted-disks']);
  });

  it('applies to every stack under an App, and a construct inside a stack means its stack', () => {
    const app = Testing.app();
    const a = new TerraformStack(app, 'a');
    const b = new TerraformStack(app, 'b');
    new LaunchTemplate(a, 'lt', {});
    const sg = new SecurityGroup(b, 'sg', SSH_OPEN);
    const report = evaluatePolicies(app, { tags: false });
    expect(report.violations.map((v) => `${v.path} ${v.rule}`).sort()).toEqual([
      'a/lt encrypted-disks',
      'a/lt imdsv2-required',
      'b/sg no-world-open-ingress',
    ]);
    expect(evaluatePolicies(sg, { tags: false }).violations.map((v) => v.path)).toEqual(['b/sg']);
  });
});
