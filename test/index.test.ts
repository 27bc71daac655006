/** The npm package's entry point exposes the loader, the constructs and the stacks, and builds a replica from a design object. */
import { App } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import * as sgReplica from '../lib/index';

describe('the package entry point', () => {
  it('exports the design loader, constructs, stacks and checks', () => {
    for (const name of ['loadDesign', 'designFromObject', 'addReplica', 'EksCluster', 'ManagedNodeGroup', 'GkeCluster', 'SourcegraphRelease', 'PolicyPack', 'assessDesign', 'renderReport', 'AwsInfraStack', 'GcpInfraStack', 'SourcegraphStack', 'renderAndCheck', 'locateTool', 'locateChart']) {
      expect(typeof (sgReplica as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('builds a replica from a design object in code', () => {
    const obj = parse(fs.readFileSync('examples/designs/initech-minimal.yaml', 'utf8'));
    const design = sgReplica.designFromObject(obj, { file: 'in-code', baseDir: path.resolve('examples/designs') });
    const app = new App({ outdir: path.join('.tmp', 'index-test-out') });
    const stacks = sgReplica.addReplica(app, design, { createdAt: new Date('2026-11-27T00:00:00Z') });
    app.synth();
    expect([stacks.infra.node.id, stacks.sourcegraph.node.id]).toEqual(['initech-trial-infra', 'initech-trial-sourcegraph']);
  });
});
