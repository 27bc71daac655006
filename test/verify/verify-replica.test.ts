import { runChecks, verifyReplica } from '../../lib/verify/verify-replica';
import { openToTheWorld } from './support/breakages';
import { healthyReplica } from './support/replica-objects';
import { example, inputFor } from './support/test-cluster';

describe('verifyReplica', () => {
  const acme = example('acme-prod');

  it('every family in report order, with the exit code and where it looked', () => {
    const cluster = healthyReplica(acme.design, acme.assessment);
    openToTheWorld(cluster, acme.design);
    const { state } = inputFor(acme.design, acme.assessment, cluster);
    const v = verifyReplica({ design: acme.design, designFile: 'acme-prod.yaml', assessment: acme.assessment, state, target: { context: 'c', server: 's', kubeconfigFiles: [] }, checkedAt: new Date('2026-11-27T10:00:00Z') });
    expect([...new Set(v.decisions.map((d) => d.family))]).toEqual(['cluster', 'sourcegraph', 'placement', 'exposure', 'external']);
    expect(v).toMatchObject({ exitCode: 1, checkedAt: '2026-11-27T10:00:00.000Z', serverVersion: 'v1.35.5-eks-3025e55' });
    expect(v.decisions.filter((d) => d.status !== 'confirmed').map((d) => d.id)).toEqual(['exposure.clients']);
  });

  it('a family whose data breaks a check becomes one “could not check”, the others still run', () => {
    const input = inputFor(acme.design, acme.assessment, healthyReplica(acme.design, acme.assessment));
    const node = JSON.parse(JSON.stringify(input.state.nodes[0]));
    node.status.allocatable.cpu = 'lots';
    const ds = runChecks({ ...input, state: { ...input.state, nodes: [node, ...input.state.nodes.slice(1)] } });
    expect(ds.find((d) => d.id === 'placement.error')).toMatchObject({ status: 'unchecked', summary: expect.stringMatching(/^could not run: node .* allocatable cpu: "lots" is not a Kubernetes quantity/) });
    expect(ds.filter((d) => d.family === 'cluster').every((d) => d.status === 'confirmed')).toBe(true);
  });
});
