import { Testing } from 'cdktf';
import { SecurityGroup } from '../../lib/providers/aws';
import { addReplica } from '../../stacks/replica-app';
import { awsDesign, gcpDesign } from '../support/design-fixture';

describe('addReplica', () => {
  it('adds <name>-infra and <name>-sourcegraph, the second depending on the first', () => {
    const app = Testing.app();
    const stacks = addReplica(app, awsDesign(), { createdAt: new Date('2026-11-27T00:00:00Z') });
    expect([stacks.infra.node.id, stacks.sourcegraph.node.id]).toEqual(['acme-prod-infra', 'acme-prod-sourcegraph']);
    expect(stacks.sourcegraph.dependencies).toEqual([stacks.infra]);
    expect(stacks.metadata.expiresAt).toBe('2026-11-30T00:00Z');
  });

  it('runs the policy pack: a violation fails synth with the resource path and rule id', () => {
    const app = Testing.app();
    const { infra } = addReplica(app, awsDesign(), { createdAt: new Date('2026-11-27T00:00:00Z') });
    new SecurityGroup(infra, 'debug-ssh', { vpcId: 'vpc-1', ingress: [{ fromPort: 22, toPort: 22, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }] });
    expect(() => app.synth()).toThrow(/\[acme-prod-infra\/debug-ssh\] policy no-world-open-ingress: /);
  });

  it('lets a design waive a policy rule with a reason, reported as waived', () => {
    const app = Testing.app();
    const design = awsDesign({ waivers: [{ rule: 'no-world-open-ingress', reason: 'debug access during the customer workshop' }] });
    const stacks = addReplica(app, design, { createdAt: new Date('2026-11-27T00:00:00Z') });
    new SecurityGroup(stacks.infra, 'debug-ssh', { vpcId: 'vpc-1', ingress: [{ fromPort: 22, toPort: 22, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }] });
    app.synth();
    const report = stacks.policy!.report();
    expect(report.passed).toBe(true);
    expect(report.rules.find((r) => r.id === 'no-world-open-ingress')).toMatchObject({ status: 'waived', waiver: { reason: 'debug access during the customer workshop' } });
  });

  it('keeps several replicas apart in one app', () => {
    const app = Testing.app();
    addReplica(app, awsDesign(), { createdAt: new Date() });
    addReplica(app, awsDesign({ name: 'other-one' }), { createdAt: new Date() });
    expect(app.node.children.map((c) => c.node.id).sort()).toEqual(['acme-prod-infra', 'acme-prod-sourcegraph', 'other-one-infra', 'other-one-sourcegraph']);
  });

  it('builds gcp designs as GKE replicas with the same stack names', () => {
    const stacks = addReplica(Testing.app(), gcpDesign(), { createdAt: new Date('2026-11-27T00:00:00Z') });
    expect(stacks.infra.constructor.name).toBe('GcpInfraStack');
    expect(stacks.sourcegraph.dependencies).toEqual([stacks.infra]);
    expect(stacks.sourcegraph.node.id).toBe(`${gcpDesign().name}-sourcegraph`);
  });

});
