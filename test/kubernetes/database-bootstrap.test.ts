import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { DatabaseBootstrapJob, bootstrapScript, type DatabaseBootstrapJobProps } from '../../lib/kubernetes/database-bootstrap';
import { JobV1 } from '../../lib/providers/kubernetes';

const base: DatabaseBootstrapJobProps = {
  namespace: 'sourcegraph',
  adminSecretName: 'sg-replica-pgsql-auth',
  databases: ['sg', 'codeintel', 'codeinsights'],
};

function job(props: Partial<DatabaseBootstrapJobProps> = {}): any {
  const out = Testing.synthScope((scope) => {
    new DatabaseBootstrapJob(scope, 'bootstrap', { ...base, ...props });
  });
  return Object.values(JSON.parse(out).resource.kubernetes_job_v1)[0];
}

describe('DatabaseBootstrapJob', () => {
  it('is a job Terraform waits for, in the namespace', () => {
    const j = job();
    expect(j).toMatchObject({
      metadata: { name: 'sg-replica-create-databases', namespace: 'sourcegraph' },
      wait_for_completion: true,
      spec: { backoff_limit: 6, active_deadline_seconds: 600 },
      timeouts: { create: '10m' },
    });
    expect(j.spec.ttl_seconds_after_finished).toBeUndefined();
  });

  it('connects with the admin Secret through libpq environment variables', () => {
    const container = job().spec.template.spec.container[0];
    const env = Object.fromEntries(container.env.map((e: any) => [e.name, e.value_from?.secret_key_ref ?? e.value]));
    expect(env).toEqual({
      PGHOST: { name: 'sg-replica-pgsql-auth', key: 'host' },
      PGPORT: { name: 'sg-replica-pgsql-auth', key: 'port' },
      PGUSER: { name: 'sg-replica-pgsql-auth', key: 'user' },
      PGPASSWORD: { name: 'sg-replica-pgsql-auth', key: 'password' },
      PGSSLMODE: { name: 'sg-replica-pgsql-auth', key: 'sslmode' },
      PGDATABASE: 'postgres',
      PGCONNECT_TIMEOUT: '10',
    });
    expect(container.image).toBe('postgres:16-alpine');
    expect(container.command.slice(0, 2)).toEqual(['/bin/sh', '-c']);
  });

  it('runs locked down: non-root, read-only root, no privilege escalation, no capabilities, no token', () => {
    const spec = job().spec.template.spec;
    expect(spec).toMatchObject({
      restart_policy: 'Never',
      automount_service_account_token: false,
      security_context: { run_as_non_root: true, run_as_user: '70', seccomp_profile: { type: 'RuntimeDefault' } },
    });
    expect(spec.container[0].security_context).toEqual({
      allow_privilege_escalation: false,
      read_only_root_filesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('creates each missing database and leaves existing ones alone', () => {
    const script = bootstrapScript(['sg', 'codeintel']);
    expect(script).toContain('for db in sg codeintel; do');
    expect(script).toContain(`SELECT 1 FROM pg_database WHERE datname = '$db'`);
    expect(script).toContain('CREATE DATABASE \\"$db\\"');
    expect(script).toContain('ON_ERROR_STOP=1');
    expect(script).not.toContain('${');
    expect(job().spec.template.spec.container[0].command[2]).toBe(bootstrapScript(base.databases));
  });

  it('depends on what it is given', () => {
    const out = Testing.synthScope((scope) => {
      const first = new DatabaseBootstrapJob(scope, 'first', { ...base, name: 'first' });
      new DatabaseBootstrapJob(scope, 'second', { ...base, name: 'second', dependsOn: [first.job] });
    });
    expect(out).toHaveResourceWithProperties(JobV1, { depends_on: [expect.stringMatching(/^kubernetes_job_v1\.first/)] });
  });

  it.each([
    [{ databases: [] }, /no databases/],
    [{ databases: ['sg', 'sg'] }, /listed twice: sg/],
    [{ databases: ['sg; DROP'] }, /Database name 'sg; DROP'/],
    [{ databases: ['Sg'] }, /Database name 'Sg'/],
    [{ namespace: 'Bad_NS' }, /not a valid namespace/],
    [{ adminSecretName: 'Bad Secret' }, /not a valid Secret name/],
    [{ name: 'Bad.Name' }, /not a valid Job name/],
    [{ image: ' ' }, /image is empty/],
  ])('refuses %j', (props, message) => {
    expect(() => job(props as Partial<DatabaseBootstrapJobProps>)).toThrow(message);
  });
});
