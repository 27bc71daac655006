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
    const uses = [...text.matchAll(/npx sg-replica (\w+)([^\n"]*)/g)];
    expect(uses.length).toBeGreaterThan(4);
    for (const m of uses) {
      const command = commandNamed(m[1]);
      expect(command?.name).toBe(m[1]);
      for (const flag of m[2].match(/--[a-z]+/g) ?? []) expect(Object.keys(command!.options)).toContain(flag.slice(2));
    }
  });

  it('never expands an expression inside a shell script: inputs reach run: only through env (no script injection)', () => {
    const steps = Object.values(workflow.jobs).flatMap((job: any) => job.steps);
    const scripts = steps.filter((s: any) => typeof s.run === 'string').map((s: any) => s.run as string);
    expect(scripts.length).toBeGreaterThan(3);
    for (const script of scripts) expect(script).not.toMatch(/\$\{\{/);
    const names = steps.filter((s: any) => typeof s.name === 'string').map((s: any) => s.name as string);
    for (const name of names) expect(name).not.toMatch(/\$\{\{\s*inputs/);
  });
});
