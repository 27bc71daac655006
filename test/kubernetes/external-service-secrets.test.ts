import 'cdktf/lib/testing/adapters/jest';
import { Fn, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  PostgresConnectionSecret,
  RedisEndpointSecret,
  sourcegraphDatabaseSecrets,
  type PostgresConnectionSecretProps,
} from '../../lib/kubernetes/external-service-secrets';
import { DataAwsSecretsmanagerSecretVersion } from '../../lib/providers/aws';
import { SecretV1 } from '../../lib/providers/kubernetes';

/** A password reference as the Sourcegraph stack makes it (never a literal). */
const passwordRef = (scope: Construct) => {
  const master = new DataAwsSecretsmanagerSecretVersion(scope, 'master', { secretId: 'arn:aws:secretsmanager:us-east-2:111122223333:secret:rds!db-1' });
  return Token.asString(Fn.lookup(Fn.jsondecode(master.secretString), 'password'));
};

function pgSecret(props: Partial<PostgresConnectionSecretProps> = {}): string {
  return Testing.synthScope((scope) => {
    new PostgresConnectionSecret(scope, 'pgsql', {
      name: 'sg-replica-pgsql-auth',
      namespace: 'sourcegraph',
      host: 'acme.abc.us-east-2.rds.amazonaws.com',
      database: 'sg',
      user: 'sourcegraph',
      password: passwordRef(scope),
      ...props,
    });
  });
}

describe('PostgresConnectionSecret', () => {
  it('has all six keys the chart reads, sslmode require by default', () => {
    const out = pgSecret();
    const secret = Object.values(JSON.parse(out).resource.kubernetes_secret_v1)[0] as { data: Record<string, string>; type: string };
    expect(Object.keys(secret.data).sort()).toEqual(['database', 'host', 'password', 'port', 'sslmode', 'user']);
    expect(secret.data).toMatchObject({
      database: 'sg',
      host: 'acme.abc.us-east-2.rds.amazonaws.com',
      port: '5432',
      sslmode: 'require',
      user: 'sourcegraph',
    });
    expect(secret.type).toBe('Opaque');
    expect(out).toHaveResourceWithProperties(SecretV1, {
      metadata: { name: 'sg-replica-pgsql-auth', namespace: 'sourcegraph', labels: expect.objectContaining({ 'app.kubernetes.io/managed-by': 'sg-replica' }) },
    });
  });

  it('writes the password as a reference, never as a value', () => {
    const secret = Object.values(JSON.parse(pgSecret()).resource.kubernetes_secret_v1)[0] as { data: Record<string, string> };
    expect(secret.data.password).toBe('${jsondecode(data.aws_secretsmanager_secret_version.master.secret_string).password}');
  });

  it('refuses a literal password', () => {
    expect(() => pgSecret({ password: 'hunter2' })).toThrow(/password must be a Terraform reference/);
  });

  it.each([
    [{ sslmode: 'on' }, /sslmode 'on'/],
    [{ port: 0 }, /port 0/],
    [{ name: 'Bad_Name' }, /'Bad_Name' is not a valid Secret name/],
    [{ namespace: 'Bad_NS' }, /'Bad_NS' is not a valid namespace name/],
    [{ host: '' }, /host is empty/],
  ])('refuses %j', (props, message) => {
    expect(() => pgSecret(props as Partial<PostgresConnectionSecretProps>)).toThrow(message);
  });
});

describe('RedisEndpointSecret', () => {
  const synth = (endpoint: string) =>
    Testing.synthScope((scope) => {
      new RedisEndpointSecret(scope, 'cache', { name: 'sg-replica-redis-cache-endpoint', namespace: 'sourcegraph', endpoint });
    });

  it('holds the endpoint under the key `endpoint`', () => {
    const out = synth('rediss://master.acme-redis-cache.abc.use2.cache.amazonaws.com:6379');
    const secret = Object.values(JSON.parse(out).resource.kubernetes_secret_v1)[0] as { data: Record<string, string> };
    expect(secret.data).toEqual({ endpoint: 'rediss://master.acme-redis-cache.abc.use2.cache.amazonaws.com:6379' });
  });

  it.each(['redis://redis:6379/1', 'redis-cache:6379'])('accepts %s', (endpoint) => {
    expect(() => synth(endpoint)).not.toThrow();
  });

  it.each(['', 'redis-cache', 'redis-cache:6379/2', 'http://redis:6379'])('refuses %j', (endpoint) => {
    expect(() => synth(endpoint)).toThrow(/must be redis:\/\/host:port/);
  });
});

describe('sourcegraphDatabaseSecrets', () => {
  it('makes one Secret per Sourcegraph database, same server, distinct databases, TLS required', () => {
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        sourcegraphDatabaseSecrets(scope, { namespace: 'sourcegraph', host: 'db.internal', user: 'sourcegraph', password: passwordRef(scope) });
      }),
    );
    const secrets = Object.values<any>(json.resource.kubernetes_secret_v1);
    expect(secrets.map((s) => [s.metadata.name, s.data.database, s.data.host, s.data.sslmode]).sort()).toEqual([
      ['sg-replica-codeinsights-db-auth', 'codeinsights', 'db.internal', 'require'],
      ['sg-replica-codeintel-db-auth', 'codeintel', 'db.internal', 'require'],
      ['sg-replica-pgsql-auth', 'sg', 'db.internal', 'require'],
    ]);
  });
});
