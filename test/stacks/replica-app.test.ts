import { Testing } from 'cdktf';
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

  it('keeps several replicas apart in one app', () => {
    const app = Testing.app();
    addReplica(app, awsDesign(), { createdAt: new Date() });
    addReplica(app, awsDesign({ name: 'other-one' }), { createdAt: new Date() });
    expect(app.node.children.map((c) => c.node.id).sort()).toEqual(['acme-prod-infra', 'acme-prod-sourcegraph', 'other-one-infra', 'other-one-sourcegraph']);
  });

  it('refuses gcp designs until GKE replicas are built', () => {
    expect(() => addReplica(Testing.app(), gcpDesign(), { createdAt: new Date() })).toThrow(/GKE replicas are not built yet/);
  });
});
