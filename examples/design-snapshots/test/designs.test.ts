/**
 * Every design in designs/ as a snapshot a reviewer reads: the Helm values
 * the release gets, what the infra stack creates, and the design report.
 * A design change shows as a readable diff in review; the assertions say
 * what must hold whatever the diff (it fits, it is priced, it passes the
 * policy pack). After reading a diff: `npx jest -u`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { addReplica, assessDesign, loadDesign, replicaFiles } from 'sg-replica';

const DESIGNS = path.join(__dirname, '..', 'designs');
/** A fixed expiry clock: the same design gives the same snapshot on every machine and every day. */
const CREATED_AT = new Date('2026-01-05T09:00:00Z');

const designFiles = fs
  .readdirSync(DESIGNS)
  .filter((f) => f.endsWith('.yaml') && !f.endsWith('-override.yaml'))
  .sort();

/** What the infra stack creates, by Terraform type and name, with the settings a reviewer checks. */
function infraSummary(stack: { resource?: Record<string, Record<string, Record<string, unknown>>> }): Record<string, unknown> {
  const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
  const summary: Record<string, unknown> = {};
  for (const [type, resources] of Object.entries(stack.resource ?? {}).sort()) {
    for (const [name, r] of Object.entries(resources).sort()) {
      const key = `${type}.${name}`;
      if (type === 'aws_eks_cluster') summary[key] = pick(r, ['name', 'version']);
      else if (type === 'aws_eks_node_group') summary[key] = pick(r, ['node_group_name', 'instance_types', 'capacity_type', 'scaling_config', 'labels', 'taint']);
      else if (type === 'aws_db_instance') summary[key] = pick(r, ['instance_class', 'allocated_storage', 'multi_az', 'engine_version', 'storage_encrypted', 'publicly_accessible']);
      else summary[key] = type;
    }
  }
  return summary;
}

describe.each(designFiles)('%s', (file) => {
  const design = loadDesign(path.join(DESIGNS, file));
  const outdir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'design-snapshots-'));
  const app = new App({ outdir });
  // env: {} so a developer's SG_REPLICA_STATE_* variables do not change the snapshot.
  const replica = addReplica(app, design, { createdAt: CREATED_AT, env: {} });
  app.synth();
  const stackJson = (id: string) => JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', id, 'cdk.tf.json'), 'utf8'));
  const assessment = assessDesign(design);
  const { files } = replicaFiles({ design, metadata: replica.metadata, sourcegraphStack: stackJson(replica.sourcegraph.node.id), assessment });

  it('fits its node pools at minNodes, is priced, and passes the policy pack', () => {
    expect(assessment.capacity.outcome).toBe('ok');
    expect(assessment.cost.priced).toBe(true);
    expect(assessment.cost.daily).toBeLessThan(150); // the sandbox budget for one replica, USD per day
    expect(replica.policy?.report().passed).toBe(true);
  });

  it('Helm values (snapshot)', () => {
    expect(files['helm-values.yaml']).toMatchSnapshot();
  });

  it('infra stack (snapshot of what it creates)', () => {
    expect(infraSummary(stackJson(replica.infra.node.id))).toMatchSnapshot();
  });

  it('design report (snapshot)', () => {
    expect(files['report.md']).toMatchSnapshot();
  });

  it('names no path of this machine (snapshots are the same in every checkout)', () => {
    const everything = [files['helm-values.yaml'], files['report.md'], JSON.stringify(stackJson(replica.infra.node.id)), JSON.stringify(stackJson(replica.sourcegraph.node.id))].join('\n');
    expect(everything).not.toContain(path.resolve(__dirname, '..'));
    expect(everything).not.toContain(outdir);
  });
});
