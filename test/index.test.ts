/** The npm package's entry point: a curated list of names (snapshotted), the loader, the constructs and the stacks. */
import { App } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import * as sgReplica from '../lib/index';

const source = fs.readFileSync(path.join(__dirname, '..', 'lib', 'index.ts'), 'utf8');

/** A class of one cloud, loaded on first use: `export const X = lazyClass(... require('m').X)` and its instance type `export type X = import('m').X`. */
const LAZY_CLASS = /^export const (\w+) = lazyClass\(\(\): typeof import\('([^']+)'\)\.\1 => require\('\2'\)\.\1\);\nexport type \1 = import\('\2'\)\.\1;$/gm;
const ONE_BY_ONE = /^export (type )?\{([^}]*)\} from '[^']+';/gm;

/** The names lib/index.ts exports, read from its source: `export { ... }` (values), `export type { ... }` (types) and lazy classes (values). */
function declaredExports(): { values: string[]; types: string[] } {
  const values: string[] = [];
  const types: string[] = [];
  for (const m of source.matchAll(ONE_BY_ONE)) {
    const names = m[2].split(',').map((n) => n.trim()).filter(Boolean).map((n) => n.split(/\s+as\s+/).pop()!);
    (m[1] ? types : values).push(...names);
  }
  for (const m of source.matchAll(LAZY_CLASS)) values.push(m[1]);
  return { values: values.sort(), types: types.sort() };
}

describe('the package entry point', () => {
  it('exports names one by one, never a whole module', () => {
    expect(source).not.toMatch(/^export \*/m);
    expect(source.match(/^export /gm)?.length).toBe((source.match(ONE_BY_ONE)?.length ?? 0) + 2 * (source.match(LAZY_CLASS)?.length ?? 0));
  });

  it('exports at run time exactly the values it declares', () => {
    expect(Object.keys(sgReplica).sort()).toEqual(declaredExports().values);
  });

  it('keeps its list of names (a change here is a change of the public API: review it, then update the snapshot)', () => {
    const { values, types } = declaredExports();
    expect({ values, types }).toMatchSnapshot();
    // A ceiling, not a target: the API grew with verify, the render tier, Kustomize and the EKS/GKE constructs
    // (201 names); growing past this is a prompt to review what belongs in it, not to raise it by reflex.
    expect(values.length + types.length).toBeLessThan(240);
    for (const name of ['loadDesign', 'designFromObject', 'addReplica', 'EksCluster', 'ManagedNodeGroup', 'GkeCluster', 'SourcegraphRelease', 'PolicyPack', 'assessDesign', 'renderReport', 'AwsInfraStack', 'GcpInfraStack', 'SourcegraphStack', 'renderAndCheck', 'locateTool', 'locateChart']) {
      expect(typeof (sgReplica as Record<string, unknown>)[name]).toBe('function');
    }
    expect(types).toEqual(expect.arrayContaining(['Design', 'DesignInput', 'EksClusterProps', 'SourcegraphReleaseProps', 'AddReplicaOptions']));
    // Implementation constants stay in their modules.
    for (const name of ['AL2023_AMI_TYPES', 'INGRESS_NGINX_CHART_VERSION', 'DEFAULT_REDIS_NODE_TYPE', 'OFFLINE_AWS_PROVIDER_SETTINGS', 'GKE_TIMEOUT']) {
      expect(values).not.toContain(name);
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
