import 'cdktf/lib/testing/adapters/jest';
import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { uploadStoreServiceAccounts } from '../../lib/sourcegraph/upload-store';
import { AwsProvider } from '../../lib/providers/aws';
import { KubernetesProvider } from '../../lib/providers/kubernetes';
import { ExternalServiceWiring } from '../../lib/kubernetes/external-service-wiring';
import { AwsExternalServices, awsExternalServiceFacts, type ExternalServiceConnections } from '../../stacks/aws-external-services';
import { awsDesign } from '../support/design-fixture';

const cluster = {
  oidcProviderArn: 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-2.amazonaws.com/id/ABC',
  oidcIssuer: 'oidc.eks.us-east-2.amazonaws.com/id/ABC',
};
const network = { vpcId: 'vpc-1', privateSubnetIds: ['subnet-a', 'subnet-b', 'subnet-c'], clusterSecurityGroupId: 'sg-0c1' };
const everything = awsDesign({
  externalServices: {
    postgres: { instanceClass: 'db.m7g.large', storageGb: 100, highAvailability: true },
    redis: { nodeType: 'cache.m7g.large' },
    objectStorage: {},
  },
});

describe('AwsExternalServices', () => {
  it('creates nothing for a design without external services', () => {
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        const ext = new AwsExternalServices(scope, 'ext', { design: awsDesign(), cluster, ...network });
        expect(ext.connections).toEqual({});
      }),
    );
    expect(out.resource).toBeUndefined();
  });

  it('creates RDS, two Redis groups, the bucket and its role, with the names the docs give', () => {
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        new AwsExternalServices(scope, 'ext', { design: everything, cluster, ...network });
      }),
    );
    const names = (type: string, key: string) => Object.values(out.resource[type] ?? {}).map((r: any) => r[key]).sort();
    expect(names('aws_db_instance', 'identifier')).toEqual(['acme-prod-sourcegraph']);
    expect(names('aws_db_instance', 'multi_az')).toEqual([true]);
    expect(names('aws_elasticache_replication_group', 'replication_group_id')).toEqual(['acme-prod-redis-cache', 'acme-prod-redis-store']);
    expect(names('aws_s3_bucket', 'bucket')).toEqual(['acme-prod-uploads-111122223333-us-east-2']);
    expect(names('aws_iam_role', 'name')).toEqual(['acme-prod-blob-storage']);
    const trust = Object.values(out.data.aws_iam_policy_document)[0] as any;
    // Every upload store consumer of the chart version (gitserver and searcher included), and no other service account.
    expect(trust.statement[0].condition[0].values).toEqual(
      ['sourcegraph-frontend', 'worker', 'precise-code-intel-worker', 'syntactic-code-intel-worker', 'gitserver', 'searcher'].map(
        (sa) => `system:serviceaccount:sourcegraph:${sa}`,
      ),
    );
    expect(trust.statement[0].condition[0].values).toEqual(uploadStoreServiceAccounts(everything.sourcegraph.version).map((sa) => `system:serviceaccount:sourcegraph:${sa}`));
    for (const rule of Object.values(out.resource.aws_vpc_security_group_ingress_rule) as any[]) {
      expect(rule.referenced_security_group_id).toBe('sg-0c1');
    }
  });
});

describe('awsExternalServiceFacts, wired by ExternalServiceWiring', () => {
  const connections: ExternalServiceConnections = {
    postgres: { host: 'db.example.internal', port: 5432, user: 'sourcegraph', masterUserSecretArn: 'arn:aws:secretsmanager:us-east-2:111122223333:secret:rds!db-x' },
    redis: { cacheEndpoint: 'rediss://cache.example.internal:6379', storeEndpoint: 'rediss://store.example.internal:6379' },
    objectStorage: { bucket: 'acme-prod-uploads', region: 'us-east-2', roleArn: 'arn:aws:iam::111122223333:role/acme-prod-blob-storage' },
  };

  it('creates five Secrets, the database job after the admin Secret, and the values layer', () => {
    let wiring!: ExternalServiceWiring;
    const out = JSON.parse(
      Testing.synthScope((scope) => {
        wiring = new ExternalServiceWiring(scope, 'ext', { design: everything, namespace: 'sourcegraph', facts: awsExternalServiceFacts(connections) });
      }),
    );
    const secrets = Object.values(out.resource.kubernetes_secret_v1) as any[];
    expect(secrets.map((s) => s.metadata.name).sort()).toEqual([
      'sg-replica-codeinsights-db-auth',
      'sg-replica-codeintel-db-auth',
      'sg-replica-pgsql-auth',
      'sg-replica-redis-cache-endpoint',
      'sg-replica-redis-store-endpoint',
    ]);
    const byName = Object.fromEntries(secrets.map((s) => [s.metadata.name, s.data]));
    expect(byName['sg-replica-pgsql-auth']).toMatchObject({ database: 'sg', host: 'db.example.internal', sslmode: 'require', port: '5432' });
    expect(byName['sg-replica-codeintel-db-auth'].database).toBe('codeintel');
    expect(byName['sg-replica-codeinsights-db-auth'].database).toBe('codeinsights');
    expect(byName['sg-replica-pgsql-auth'].password).toMatch(/^\$\{jsondecode\(data\.aws_secretsmanager_secret_version\..*\.secret_string\)\.password\}$/);
    expect(byName['sg-replica-redis-cache-endpoint']).toEqual({ endpoint: 'rediss://cache.example.internal:6379' });
    expect(Object.values(out.data.aws_secretsmanager_secret_version)).toEqual([{ secret_id: connections.postgres!.masterUserSecretArn }]);
    const job = Object.values(out.resource.kubernetes_job_v1)[0] as any;
    expect(job.depends_on).toEqual([expect.stringMatching(/^kubernetes_secret_v1\..*pgsql/)]);
    expect(wiring.releaseDependencies).toHaveLength(6);
    expect((wiring.values as any).pgsql.enabled).toBe(false);
    expect((wiring.values as any).worker.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toBe(connections.objectStorage!.roleArn);
  });

  it('crosses stacks with references only: no password anywhere in the synthesized JSON', () => {
    const app = Testing.app();
    const infra = new TerraformStack(app, 'acme-infra');
    new AwsProvider(infra, 'aws', { region: 'us-east-2' });
    const ext = new AwsExternalServices(infra, 'ext', { design: everything, cluster, ...network });
    const sg = new TerraformStack(app, 'acme-sourcegraph');
    new AwsProvider(sg, 'aws', { region: 'us-east-2' });
    new KubernetesProvider(sg, 'kubernetes', { host: 'https://127.0.0.1:6443' });
    new ExternalServiceWiring(sg, 'ext', { design: everything, namespace: 'sourcegraph', facts: awsExternalServiceFacts(ext.connections) });
    sg.addDependency(infra);
    app.synth();
    const dir = app.outdir;
    const json = ['acme-infra', 'acme-sourcegraph'].map((s) => fs.readFileSync(path.join(dir, 'stacks', s, 'cdk.tf.json'), 'utf8'));
    for (const text of json) {
      expect(text).not.toMatch(/"password"\s*:\s*"(?!\$\{)/);
      expect(text).not.toMatch(/master_password|"auth_token"/);
    }
    const sgStack = JSON.parse(json[1]);
    expect(Object.keys(sgStack.data.terraform_remote_state ?? {})).toHaveLength(1);
    const pgsql = Object.values(sgStack.resource.kubernetes_secret_v1).find((s: any) => s.metadata.name === 'sg-replica-pgsql-auth') as any;
    expect(pgsql.data.host).toMatch(/^\$\{data\.terraform_remote_state\./);
    expect(pgsql.data.password).toMatch(/^\$\{jsondecode\(data\.aws_secretsmanager_secret_version\./);
  });
});
