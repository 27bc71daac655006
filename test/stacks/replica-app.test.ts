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

  it('builds gcp designs as GKE replicas with the same stack names', () => {
    const stacks = addReplica(Testing.app(), gcpDesign(), { createdAt: new Date('2026-11-27T00:00:00Z') });
    expect(stacks.infra.constructor.name).toBe('GcpInfraStack');
    expect(stacks.sourcegraph.dependencies).toEqual([stacks.infra]);
    expect(stacks.sourcegraph.node.id).toBe(`${gcpDesign().name}-sourcegraph`);
  });

  it.each([
    ['aws', 'examples/designs/acme-prod.yaml', '@cdktf/provider-google'],
    ['gcp', 'examples/designs/umbrella-gke.yaml', '@cdktf/provider-aws'],
  ])('loads no bindings of the other cloud for a %s design', (_cloud, file, other) => {
    const { execFileSync } = require('child_process');
    const script = `const { App } = require('cdktf'); const { loadDesign } = require('./lib/design/load-design.ts'); const { addReplica } = require('./stacks/replica-app.ts');
      const app = new App({ outdir: require('os').tmpdir() + '/sg-replica-lazy-' + process.pid });
      addReplica(app, loadDesign('${file}'), { createdAt: new Date() });
      console.log(JSON.stringify(Object.keys(require.cache)));`;
    const loaded: string[] = JSON.parse(execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: require('path').join(__dirname, '..', '..'), encoding: 'utf8' }).trim().split('\n').pop());
    expect(loaded.some((m) => m.includes('@cdktf/provider-'))).toBe(true);
    expect(loaded.filter((m) => m.includes(other))).toEqual([]);
  });
});
