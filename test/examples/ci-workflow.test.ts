/** The example CI workflow stays consistent with the commands and variables sg-replica has. */
import * as fs from 'fs';
import { parse } from 'yaml';

const text = fs.readFileSync('examples/ci/github-actions-replicas.yml', 'utf8');
const workflow = parse(text);

describe('examples/ci/github-actions-replicas.yml', () => {
  it('deploys on demand and destroys expired replicas on a schedule', () => {
    expect(workflow.on.workflow_dispatch.inputs.action.options).toEqual(['deploy', 'destroy']);
    expect(workflow.on.schedule[0].cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect(Object.keys(workflow.jobs).sort()).toEqual(['destroy-expired', 'on-demand']);
  });

  it('uses shared, locked S3 state and OIDC credentials, never stored keys', () => {
    expect(workflow.env).toMatchObject({ SG_REPLICA_STATE_BACKEND: 's3', CHECKPOINT_DISABLE: '1' });
    expect(workflow.permissions['id-token']).toBe('write');
    expect(text).not.toMatch(/AWS_SECRET_ACCESS_KEY|aws-secret-access-key/);
  });

  it('only uses sg-replica commands and flags that exist', () => {
    const { commandNamed } = require('../../lib/cli/main') as typeof import('../../lib/cli/main');
    const uses = [...text.matchAll(/npx sg-replica (\w+)([^\n"]*(?:"[^"\n]*"[^\n"]*)*)/g)];
    expect(uses.length).toBeGreaterThan(4);
    for (const m of uses) {
      const command = commandNamed(m[1]);
      expect(command?.name).toBe(m[1]);
      for (const flag of m[2].match(/--[a-z]+/g) ?? []) expect(Object.keys(command!.options)).toContain(flag.slice(2));
    }
  });

  it('verifies the replica after a deploy, with the access step first', () => {
    const steps: { name?: string; if?: string; run?: string }[] = workflow.jobs['on-demand'].steps;
    const deploy = steps.findIndex((s) => s.name === 'Deploy or destroy');
    const verify = steps.findIndex((s) => /npx sg-replica verify /.test(s.run ?? ''));
    expect(verify).toBeGreaterThan(deploy);
    expect(steps[verify].if).toBe("inputs.action == 'deploy'");
    expect(steps[verify].run).toMatch(/aws eks update-kubeconfig --region "\$AWS_REGION" --name "\$name"[\s\S]*npx sg-replica verify "\$DESIGN" --wait 20m/);
  });

  it('passes workflow inputs to the shell only through env, never ${{ }} inside run (no script injection)', () => {
    const runs = Object.values(workflow.jobs as Record<string, { steps: { run?: string }[] }>).flatMap((j) => j.steps.map((s) => s.run ?? ''));
    expect(runs.filter((r) => r.trim()).length).toBeGreaterThan(3);
    expect(runs.filter((r) => r.includes('${{'))).toEqual([]);
  });
});
